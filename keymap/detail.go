package keymap

import "charm.land/bubbles/v2/key"

// Detail is the record detail page: fields, relation sections, activity.
type Detail struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
	Open             key.Binding // edit the field, open the related record, load more activity
	Edit             key.Binding
	ExternalEditor   key.Binding // rich text in $EDITOR
	Back             key.Binding
	PrevRecord       key.Binding // the list's previous record
	NextRecord       key.Binding
	New              key.Binding // a record of this object, or of the section under the cursor
	Delete, Undo     key.Binding
	Copy, CopyRecord key.Binding
	OpenLink         key.Binding // link, mailto:, tel:
	Owner            key.Binding
	Favorite         key.Binding
}

func defaultDetail() Detail {
	return Detail{
		Up:             bind("k/↑", "up", "k", "up"),
		Down:           bind("j/↓", "down", "j", "down"),
		PageUp:         bind("pgup", "page up", "pgup", "ctrl+u"),
		PageDown:       bind("pgdn", "page down", "pgdown", "ctrl+d"),
		Top:            bind("g g/home", "top", "g", "home"), // g g: a lone g starts a go-to chord
		Bottom:         bind("G", "bottom", "G", "end"),
		Open:           bind("enter", "edit/open", "enter"),
		Edit:           bind("e", "edit field", "e"),
		ExternalEditor: bind("E", "edit in $EDITOR", "E"),
		Back:           bind("esc/⌫", "back", "esc", "backspace", "q"),
		PrevRecord:     bind("[", "previous record", "["),
		NextRecord:     bind("]", "next record", "]"),
		New:            bind("n", "new record", "n"),
		Delete:         bind("d", "delete", "d"),
		Undo:           bind("u", "undo", "u"),
		Copy:           bind("y", "copy field", "y"),
		CopyRecord:     bind("Y", "copy record", "Y"),
		OpenLink:       bind("o", "open link", "o"),
		Owner:          bind("O", "assign owner", "O"),
		Favorite:       bind("f", "favorite", "f"),
	}
}

func (d *Detail) actions() []Action {
	return []Action{
		{"up", &d.Up}, {"down", &d.Down}, {"page_up", &d.PageUp}, {"page_down", &d.PageDown},
		{"top", &d.Top}, {"bottom", &d.Bottom}, {"open", &d.Open}, {"edit", &d.Edit},
		{"external_editor", &d.ExternalEditor}, {"back", &d.Back},
		{"prev_record", &d.PrevRecord}, {"next_record", &d.NextRecord}, {"new", &d.New},
		{"delete", &d.Delete}, {"undo", &d.Undo}, {"copy", &d.Copy}, {"copy_record", &d.CopyRecord},
		{"open_link", &d.OpenLink}, {"owner", &d.Owner}, {"favorite", &d.Favorite},
	}
}

// ShortHelp implements help.KeyMap.
func (d Detail) ShortHelp() []key.Binding {
	return []key.Binding{d.Open, d.Back, d.PrevRecord, d.NextRecord, d.New, d.Copy, d.OpenLink}
}

// FullHelp implements help.KeyMap.
func (d Detail) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{d.Up, d.Down, d.PageUp, d.PageDown, d.Top, d.Bottom},
		{d.Open, d.Edit, d.ExternalEditor, d.Owner, d.New, d.Delete, d.Undo},
		{d.Back, d.PrevRecord, d.NextRecord, d.Copy, d.CopyRecord, d.OpenLink, d.Favorite},
	}
}

// Form holds the keys of field editors and the new-record form. They take
// text, so tab and shift+tab move between fields there: while a form or
// an editor is open the root sends it every key before the global ones.
// For that reason Form is not one of the configurable Contexts (its tab
// would be reported as clashing with the global focus keys).
type Form struct {
	Accept, Cancel   key.Binding
	Next, Prev       key.Binding // fields of a form
	Up, Down         key.Binding // picker and list entries
	Save             key.Binding
	Toggle           key.Binding // boolean, multi-select option
	Primary, Remove  key.Binding // list entries (emails, phones, links)
	SwitchPart       key.Binding // currency: amount ↔ code
	ExternalEditor   key.Binding
	Open, SaveAnyway key.Binding // duplicate prompt
}

// DefaultForm returns the form and editor keys.
func DefaultForm() Form {
	return Form{
		Accept:         bind("enter", "accept", "enter"),
		Cancel:         bind("esc", "cancel", "esc"),
		Next:           bind("tab", "next field", "tab"),
		Prev:           bind("shift+tab", "previous field", "shift+tab"),
		Up:             bind("↑", "up", "up", "ctrl+p"),
		Down:           bind("↓", "down", "down", "ctrl+n"),
		Save:           bind("ctrl+s", "save", "ctrl+s"),
		Toggle:         bind("space", "toggle", "space"),
		Primary:        bind("ctrl+t", "make primary", "ctrl+t"),
		Remove:         bind("ctrl+x", "remove entry", "ctrl+x"),
		SwitchPart:     bind("tab", "amount/code", "tab"),
		ExternalEditor: bind("ctrl+e", "$EDITOR", "ctrl+e"),
		Open:           bind("ctrl+o", "open existing", "ctrl+o"),
		SaveAnyway:     bind("ctrl+s", "save anyway", "ctrl+s"),
	}
}

// ShortHelp implements help.KeyMap.
func (f Form) ShortHelp() []key.Binding { return []key.Binding{f.Next, f.Save, f.Cancel} }

// FullHelp implements help.KeyMap.
func (f Form) FullHelp() [][]key.Binding {
	return [][]key.Binding{{f.Accept, f.Cancel, f.Next, f.Prev, f.Save}, {f.Up, f.Down, f.Toggle, f.Primary, f.Remove, f.ExternalEditor}}
}
