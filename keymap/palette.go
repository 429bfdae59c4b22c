package keymap

import "charm.land/bubbles/v2/key"

// Palette is the Ctrl+K command menu. Every other key is text for its
// search input. (Ctrl+K itself, which opens and closes it, is
// Global.Palette.)
type Palette struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Run              key.Binding // run the selected entry
	Actions          key.Binding // the selected record's actions
	Close            key.Binding // close (or leave the actions menu)
}

func defaultPalette() Palette {
	return Palette{
		Up:       bind("↑/ctrl+p", "up", "up", "ctrl+p"),
		Down:     bind("↓/ctrl+n", "down", "down", "ctrl+n"),
		PageUp:   bind("pgup", "page up", "pgup"),
		PageDown: bind("pgdn", "page down", "pgdown"),
		Run:      bind("enter", "run", "enter"),
		Actions:  bind("tab", "record actions", "tab"),
		Close:    bind("esc", "close", "esc"),
	}
}

func (p *Palette) actions() []Action {
	return []Action{
		{"up", &p.Up}, {"down", &p.Down}, {"page_up", &p.PageUp}, {"page_down", &p.PageDown},
		{"run", &p.Run}, {"actions", &p.Actions}, {"close", &p.Close},
	}
}

// ShortHelp implements help.KeyMap.
func (p Palette) ShortHelp() []key.Binding {
	return []key.Binding{p.Run, p.Actions, p.Down, p.Up, p.Close}
}

// FullHelp implements help.KeyMap.
func (p Palette) FullHelp() [][]key.Binding {
	return [][]key.Binding{{p.Up, p.Down, p.PageUp, p.PageDown}, {p.Run, p.Actions, p.Close}}
}

// GoTo is the "g" chord: g then a second key jumps somewhere. The second
// keys of the objects come from their metadata (model.Object.Shortcut: p
// people, c companies, ...), so custom objects get chords too; the fixed
// targets are here. g g keeps vim's meaning, the first row (or the top of
// a record), which the list's own lone g used to do.
type GoTo struct {
	Prefix    key.Binding
	Board     key.Binding
	Favorites key.Binding
	Home      key.Binding
	// First is help text only: the prefix pressed twice (g g) is the
	// first row, whatever the prefix is bound to.
	First key.Binding
}

func defaultGoTo() GoTo {
	return GoTo{
		Prefix:    bind("g", "go to…", "g"),
		Board:     bind("g b", "board", "b"),
		Favorites: bind("g f", "favorites", "f"),
		Home:      bind("g h", "home", "h"),
		First:     key.NewBinding(key.WithKeys("g g"), key.WithHelp("g g", "first row")),
	}
}

func (g *GoTo) actions() []Action {
	return []Action{{"prefix", &g.Prefix}, {"board", &g.Board}, {"favorites", &g.Favorites}, {"home", &g.Home}}
}

// ShortHelp implements help.KeyMap.
func (g GoTo) ShortHelp() []key.Binding { return []key.Binding{g.Board, g.Favorites, g.Home, g.First} }

// FullHelp implements help.KeyMap.
func (g GoTo) FullHelp() [][]key.Binding { return [][]key.Binding{g.ShortHelp()} }

// Favorites are the favorite keys: f toggles the record or view on screen
// from anywhere (not while typing); the rest work on the favorite under
// the sidebar's cursor.
type Favorites struct {
	Toggle   key.Binding
	MoveUp   key.Binding
	MoveDown key.Binding
	Remove   key.Binding
	Folder   key.Binding
}

func defaultFavorites() Favorites {
	return Favorites{
		Toggle:   bind("f", "favorite", "f"),
		MoveUp:   bind("K", "move favorite up", "K"),
		MoveDown: bind("J", "move favorite down", "J"),
		Remove:   bind("x", "remove favorite", "x"),
		Folder:   bind("F", "favorite's folder", "F"),
	}
}

func (f *Favorites) actions() []Action {
	return []Action{{"toggle", &f.Toggle}, {"move_up", &f.MoveUp}, {"move_down", &f.MoveDown}, {"remove", &f.Remove}, {"folder", &f.Folder}}
}

// ShortHelp implements help.KeyMap.
func (f Favorites) ShortHelp() []key.Binding {
	return []key.Binding{f.Toggle, f.MoveDown, f.MoveUp, f.Remove}
}

// FullHelp implements help.KeyMap.
func (f Favorites) FullHelp() [][]key.Binding {
	return [][]key.Binding{{f.Toggle, f.MoveUp, f.MoveDown, f.Remove, f.Folder}}
}
