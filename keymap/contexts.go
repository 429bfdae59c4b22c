package keymap

import "charm.land/bubbles/v2/key"

// Sidebar is the object / favorites / views navigator.
type Sidebar struct {
	Up, Down key.Binding
	Open     key.Binding
}

func defaultSidebar() Sidebar {
	return Sidebar{
		Up:   bind("k/↑", "up", "k", "up"),
		Down: bind("j/↓", "down", "j", "down"),
		Open: bind("enter", "open", "enter"),
	}
}

func (s *Sidebar) actions() []Action {
	return []Action{{"up", &s.Up}, {"down", &s.Down}, {"open", &s.Open}}
}

// ShortHelp implements help.KeyMap.
func (s Sidebar) ShortHelp() []key.Binding { return []key.Binding{s.Down, s.Up, s.Open} }

// FullHelp implements help.KeyMap.
func (s Sidebar) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// FilterBar is active while the filter text input has focus; every other
// key is text.
type FilterBar struct {
	Apply key.Binding // keep the filter, leave the input
	Clear key.Binding // drop the filter, leave the input
}

func defaultFilterBar() FilterBar {
	return FilterBar{
		Apply: bind("enter", "apply", "enter"),
		Clear: bind("esc", "clear", "esc"),
	}
}

func (f *FilterBar) actions() []Action {
	return []Action{{"apply", &f.Apply}, {"clear", &f.Clear}}
}

// ShortHelp implements help.KeyMap.
func (f FilterBar) ShortHelp() []key.Binding { return []key.Binding{f.Apply, f.Clear} }

// FullHelp implements help.KeyMap.
func (f FilterBar) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }

// Dialog covers the small overlays: sort editor, column chooser, view
// switcher, prompts and confirmations. Not every dialog uses every key.
type Dialog struct {
	Up, Down         key.Binding
	MoveUp, MoveDown key.Binding // reorder the item under the cursor
	Toggle           key.Binding // show/hide, direction
	Prev, Next       key.Binding // change the value under the cursor
	Wider, Narrower  key.Binding
	Add, Remove      key.Binding
	Rename           key.Binding
	Confirm, Cancel  key.Binding
	Yes, No          key.Binding
}

func defaultDialog() Dialog {
	return Dialog{
		Up:       bind("k/↑", "up", "k", "up"),
		Down:     bind("j/↓", "down", "j", "down"),
		MoveUp:   bind("K", "move up", "K"),
		MoveDown: bind("J", "move down", "J"),
		Toggle:   bind("space", "toggle", "space"),
		Prev:     bind("h/←", "previous", "h", "left"),
		Next:     bind("l/→", "next", "l", "right"),
		Wider:    bind("+", "wider", "+", "="),
		Narrower: bind("-", "narrower", "-"),
		Add:      bind("a", "add", "a"),
		Remove:   bind("x/d", "remove", "x", "d"),
		Rename:   bind("r", "rename", "r"),
		Confirm:  bind("enter", "apply", "enter"),
		Cancel:   bind("esc", "cancel", "esc"),
		Yes:      bind("y", "yes", "y"),
		No:       bind("n", "no", "n"),
	}
}

func (d *Dialog) actions() []Action {
	return []Action{
		{"up", &d.Up}, {"down", &d.Down}, {"move_up", &d.MoveUp}, {"move_down", &d.MoveDown},
		{"toggle", &d.Toggle}, {"prev", &d.Prev}, {"next", &d.Next}, {"wider", &d.Wider}, {"narrower", &d.Narrower},
		{"add", &d.Add}, {"remove", &d.Remove}, {"rename", &d.Rename},
		{"confirm", &d.Confirm}, {"cancel", &d.Cancel}, {"yes", &d.Yes}, {"no", &d.No},
	}
}

// ShortHelp implements help.KeyMap.
func (d Dialog) ShortHelp() []key.Binding { return []key.Binding{d.Confirm, d.Cancel} }

// FullHelp implements help.KeyMap.
func (d Dialog) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{d.Up, d.Down, d.MoveUp, d.MoveDown},
		{d.Toggle, d.Prev, d.Next, d.Wider, d.Narrower},
		{d.Add, d.Remove, d.Rename, d.Confirm, d.Cancel},
	}
}

// FirstRun is the welcome screen of an empty database.
type FirstRun struct {
	Up, Down key.Binding
	Choose   key.Binding
}

func defaultFirstRun() FirstRun {
	return FirstRun{
		Up:     bind("k/↑", "up", "k", "up"),
		Down:   bind("j/↓", "down", "j", "down"),
		Choose: bind("enter", "choose", "enter"),
	}
}

func (f *FirstRun) actions() []Action {
	return []Action{{"up", &f.Up}, {"down", &f.Down}, {"choose", &f.Choose}}
}

// ShortHelp implements help.KeyMap.
func (f FirstRun) ShortHelp() []key.Binding { return []key.Binding{f.Down, f.Up, f.Choose} }

// FullHelp implements help.KeyMap.
func (f FirstRun) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }

// WithGlobal merges a context's help with the global bindings, for the `?`
// overlay: the context's columns first, the global column last.
type WithGlobal struct {
	Context interface {
		ShortHelp() []key.Binding
		FullHelp() [][]key.Binding
	}
	Global Global
}

// ShortHelp implements help.KeyMap.
func (w WithGlobal) ShortHelp() []key.Binding {
	return append(append([]key.Binding{}, w.Context.ShortHelp()...), w.Global.Help)
}

// FullHelp implements help.KeyMap.
func (w WithGlobal) FullHelp() [][]key.Binding {
	return append(append([][]key.Binding{}, w.Context.FullHelp()...), w.Global.FullHelp()...)
}
