package keymap

import "charm.land/bubbles/v2/key"

// List is the table of records.
type List struct {
	Up, Down          key.Binding
	Left, Right       key.Binding // column cursor
	PageUp, PageDown  key.Binding
	HalfUp, HalfDown  key.Binding
	First, Last       key.Binding
	Open, New         key.Binding
	Filter            key.Binding
	ClearFilter       key.Binding
	Sort, SortEditor  key.Binding
	Columns           key.Binding
	SaveView, Views   key.Binding
	Select, SelectAll key.Binding
	Delete, SetOwner  key.Binding
	SetField, Undo    key.Binding
	Import, Export    key.Binding // the import wizard; the view to a file
	Quit              key.Binding
}

func defaultList() List {
	return List{
		Up:          bind("k/↑", "up", "k", "up"),
		Down:        bind("j/↓", "down", "j", "down"),
		Left:        bind("h/←", "column left", "h", "left"),
		Right:       bind("l/→", "column right", "l", "right"),
		PageUp:      bind("pgup", "page up", "pgup"),
		PageDown:    bind("pgdn", "page down", "pgdown"),
		HalfUp:      bind("ctrl+u", "half page up", "ctrl+u"),
		HalfDown:    bind("ctrl+d", "half page down", "ctrl+d"),
		First:       bind("g g/home", "first", "g", "home"), // g g: a lone g starts a go-to chord (keymap.GoTo)
		Last:        bind("G", "last", "G", "end"),
		Open:        bind("enter", "open", "enter"),
		New:         bind("n", "new", "n"),
		Filter:      bind("/", "filter", "/"),
		ClearFilter: bind("esc", "clear filter", "esc"),
		Sort:        bind("s", "sort by column", "s"),
		SortEditor:  bind("S", "sort keys", "S"),
		Columns:     bind("c", "columns", "c"),
		SaveView:    bind("V", "save view", "V"),
		Views:       bind("v", "views", "v"),
		Select:      bind("space", "select", "space"),
		SelectAll:   bind("ctrl+a", "select all", "ctrl+a"),
		Delete:      bind("d", "delete", "d"),
		SetOwner:    bind("O", "set owner", "O"),
		SetField:    bind("e", "set field", "e"),
		Undo:        bind("u", "undo", "u"),
		Import:      bind("I", "import file…", "I"),
		Export:      bind("X", "export view…", "X"),
		Quit:        bind("q", "quit", "q"),
	}
}

func (l *List) actions() []Action {
	return []Action{
		{"up", &l.Up}, {"down", &l.Down}, {"left", &l.Left}, {"right", &l.Right},
		{"page_up", &l.PageUp}, {"page_down", &l.PageDown}, {"half_up", &l.HalfUp}, {"half_down", &l.HalfDown},
		{"first", &l.First}, {"last", &l.Last}, {"open", &l.Open}, {"new", &l.New},
		{"filter", &l.Filter}, {"clear_filter", &l.ClearFilter}, {"sort", &l.Sort}, {"sort_editor", &l.SortEditor},
		{"columns", &l.Columns}, {"save_view", &l.SaveView}, {"views", &l.Views},
		{"select", &l.Select}, {"select_all", &l.SelectAll}, {"delete", &l.Delete},
		{"set_owner", &l.SetOwner}, {"set_field", &l.SetField}, {"undo", &l.Undo},
		{"import", &l.Import}, {"export", &l.Export}, {"quit", &l.Quit},
	}
}

// ShortHelp implements help.KeyMap: the handful shown on the bottom line.
func (l List) ShortHelp() []key.Binding {
	return []key.Binding{l.Down, l.Up, l.Open, l.Filter, l.Sort, l.Select, l.New, l.Quit}
}

// FullHelp implements help.KeyMap, one column per theme.
func (l List) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{l.Up, l.Down, l.Left, l.Right, l.PageUp, l.PageDown, l.HalfUp, l.HalfDown, l.First, l.Last},
		{l.Open, l.New, l.Filter, l.ClearFilter, l.Sort, l.SortEditor, l.Columns, l.SaveView, l.Views},
		{l.Select, l.SelectAll, l.Delete, l.SetOwner, l.SetField, l.Undo, l.Import, l.Export, l.Quit},
	}
}
