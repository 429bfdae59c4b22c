package keymap

import "charm.land/bubbles/v2/key"

// Import is the import wizard: a path step (text), the preview with its
// column mapping and options, the dry run, the import and its summary.
// Letters are commands only in the steps without a text input; the
// mapping picker types into its filter and moves with the arrows.
type Import struct {
	Complete   key.Binding // path: complete the file name
	Next       key.Binding // path: open; dry run: import; done: close
	Back       key.Binding // a step back; on the first step, close
	Left       key.Binding // preview: column cursor
	Right      key.Binding
	Up, Down   key.Binding // the mapping picker
	Map        key.Binding // preview: choose the field of the column
	Skip       key.Binding // preview: do not import the column
	Match      key.Binding // preview: the field rows are matched on
	Create     key.Binding // preview: create missing options and references
	SkipBad    key.Binding // preview: import the good rows, set the bad aside
	UpdateOnly key.Binding // preview: only update matched records
	DateFormat key.Binding // preview: how ambiguous dates read
	DryRun     key.Binding // preview: check everything, write nothing
	Cancel     key.Binding // import: stop and roll back
}

func defaultImport() Import {
	return Import{
		Complete:   bind("tab", "complete path", "tab"),
		Next:       bind("enter", "next", "enter"),
		Back:       bind("esc", "back", "esc"),
		Left:       bind("h/←", "column left", "h", "left", "shift+tab"),
		Right:      bind("l/→", "column right", "l", "right", "tab"),
		Up:         bind("↑", "up", "up", "ctrl+p"),
		Down:       bind("↓", "down", "down", "ctrl+n"),
		Map:        bind("enter", "map column", "enter"),
		Skip:       bind("x", "skip column", "x", "-"),
		Match:      bind("m", "match on", "m"),
		Create:     bind("c", "create missing", "c"),
		SkipBad:    bind("s", "skip invalid rows", "s"),
		UpdateOnly: bind("u", "update only", "u"),
		DateFormat: bind("f", "date format", "f"),
		DryRun:     bind("r", "dry run", "r"),
		Cancel:     bind("esc", "cancel import", "esc"),
	}
}

// ShortHelp implements help.KeyMap.
func (i Import) ShortHelp() []key.Binding { return []key.Binding{i.Next, i.Back} }

// FullHelp implements help.KeyMap.
func (i Import) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{i.Complete, i.Next, i.Back},
		{i.Left, i.Right, i.Map, i.Skip, i.DryRun},
		{i.Match, i.Create, i.SkipBad, i.UpdateOnly, i.DateFormat},
	}
}
