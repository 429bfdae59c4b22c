// Package keymap holds every key binding of rolo's terminal UI, grouped by
// the context in which it applies (global, list, sidebar, filter bar,
// dialogs, record view). Views read their bindings from here so that help
// text is generated from the same bindings that are matched, and so that a
// user's overrides from config.toml reach every screen.
package keymap

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap is the complete set of bindings, one group per context.
type KeyMap struct {
	Global    Global
	List      List
	Sidebar   Sidebar
	FilterBar FilterBar
	Dialog    Dialog
	FirstRun  FirstRun
	Board     Board
	Detail    Detail
	Form      Form
	Palette   Palette
	GoTo      GoTo
	Favorites Favorites
	// Import is the import wizard's, an overlay like the palette (not in
	// Contexts for the same reason: its tab would clash with focus_next).
	Import Import
}

// Default returns the built-in bindings. It returns a fresh value on every
// call so callers may mutate theirs (overrides) without affecting others.
func Default() KeyMap {
	return KeyMap{
		Global:    defaultGlobal(),
		List:      defaultList(),
		Sidebar:   defaultSidebar(),
		FilterBar: defaultFilterBar(),
		Dialog:    defaultDialog(),
		FirstRun:  defaultFirstRun(),
		Board:     defaultBoard(),
		Detail:    defaultDetail(),
		Form:      DefaultForm(),
		Palette:   defaultPalette(),
		GoTo:      defaultGoTo(),
		Favorites: defaultFavorites(),
		Import:    defaultImport(),
	}
}

// Action names one binding of a context for configuration and conflict
// reports. Name is the config key (`[keys.list] sort = ["s"]`).
type Action struct {
	Name    string
	Binding *key.Binding
}

// Context is the config name of a group plus its actions, in display order.
type Context struct {
	Name    string
	Actions []Action
	// Overlay: the context takes every key before the global ones (the
	// palette), except the global palette and quit keys, which the root
	// still handles first; so only those can clash with it.
	Overlay bool
}

// Contexts lists every group with pointers into km, so overrides and
// conflict checks work on the caller's KeyMap. The global context is first.
func (km *KeyMap) Contexts() []Context {
	return []Context{
		{"global", km.Global.actions(), false},
		{"list", km.List.actions(), false},
		{"sidebar", km.Sidebar.actions(), false},
		{"filter", km.FilterBar.actions(), false},
		{"dialog", km.Dialog.actions(), false},
		{"firstrun", km.FirstRun.actions(), false},
		{"board", km.Board.actions(), false},
		{"detail", km.Detail.actions(), false},
		{"palette", km.Palette.actions(), true},
		{"goto", km.GoTo.actions(), false},
		{"favorites", km.Favorites.actions(), false},
		// The import wizard is not listed: one key does different things
		// in different steps (enter opens the file, maps a column, starts
		// the import), which this flat check would report as clashes.
	}
}

// bind is a shorthand for an enabled binding with help text.
func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// helpKeys renders keys the way help shows them ("j/↓"), so help text
// stays truthful after a user rebinds a key.
func helpKeys(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = PrettyKey(k)
	}
	return strings.Join(out, "/")
}

var pretty = map[string]string{
	"up": "↑", "down": "↓", "left": "←", "right": "→",
	"pgup": "pgup", "pgdown": "pgdn", "enter": "enter", "esc": "esc", "space": "space",
}

// PrettyKey shows a key the way help does ("down" as "↓").
func PrettyKey(k string) string {
	if p, ok := pretty[k]; ok {
		return p
	}
	return k
}

// keyBinding is an alias so config.go reads naturally.
type keyBinding = key.Binding
