package keymap

import (
	"charm.land/bubbles/v2/key"
)

// Global bindings work on every screen (the root checks them before the
// focused view). They must not clash with any context's keys; config.go
// reports overrides that would make them clash.
type Global struct {
	Quit          key.Binding // always quits, even from a text input
	Help          key.Binding
	ToggleSidebar key.Binding
	FocusNext     key.Binding
	FocusPrev     key.Binding
	Palette       key.Binding
}

func defaultGlobal() Global {
	return Global{
		Quit:          bind("ctrl+c", "quit", "ctrl+c"),
		Help:          bind("?", "help", "?"),
		ToggleSidebar: bind("ctrl+b", "sidebar", "ctrl+b"),
		FocusNext:     bind("tab", "next pane", "tab"),
		FocusPrev:     bind("shift+tab", "prev pane", "shift+tab"),
		Palette:       bind("ctrl+k", "command menu", "ctrl+k"),
	}
}

func (g *Global) actions() []Action {
	return []Action{
		{"quit", &g.Quit}, {"help", &g.Help}, {"toggle_sidebar", &g.ToggleSidebar},
		{"focus_next", &g.FocusNext}, {"focus_prev", &g.FocusPrev}, {"palette", &g.Palette},
	}
}

// ShortHelp implements help.KeyMap.
func (g Global) ShortHelp() []key.Binding {
	return []key.Binding{g.Help, g.Palette, g.Quit}
}

// FullHelp implements help.KeyMap.
func (g Global) FullHelp() [][]key.Binding {
	return [][]key.Binding{{g.Help, g.Palette, g.ToggleSidebar, g.FocusNext, g.FocusPrev, g.Quit}}
}
