package views

// The command palette's entries and intents. The palette draws entries the
// root gives it (the root runs the fuzzy search, off the UI goroutine) and
// reports what the user chose; the root carries it out.

// PaletteKind says what an entry does when run.
type PaletteKind int

const (
	// PaletteRecord opens a record.
	PaletteRecord PaletteKind = iota
	// PaletteGoTo jumps to a screen (a list, a saved view, a board).
	PaletteGoTo
	// PaletteAction runs a command.
	PaletteAction
)

// PaletteEntry is one row of the palette.
type PaletteEntry struct {
	// Key identifies the entry to the root ("people:42", "goto:object:people",
	// "action:new:people"); the palette never interprets it.
	Key  string
	Kind PaletteKind
	// Group is the heading the entry is listed under ("Records", "Go to",
	// "Actions", "Recent", "Favorites").
	Group string
	// Object and ID locate a record entry.
	Object string
	ID     int64
	// ObjectLabel is shown at the right ("Person").
	ObjectLabel string
	Label       string
	Secondary   string
	// LabelIdx and SecondaryIdx are rune indexes of matched characters in
	// Label and Secondary (as the search engine reports them), highlighted.
	LabelIdx, SecondaryIdx []int
	// Arg is free text the root passes along (the name typed after
	// ">new person", a stage name in the move-stage menu).
	Arg string
}

type (
	// PaletteQueryMsg: the search text changed; the root searches and
	// answers with Palette.SetResults.
	PaletteQueryMsg struct{ Query string }
	// PaletteRunMsg: run Entry. Query is the text typed when it was chosen
	// (what "Create person" prefills the name with).
	PaletteRunMsg struct {
		Entry PaletteEntry
		Query string
		// Menu is the title of the menu the entry came from ("" for the
		// search results).
		Menu string
	}
	// PaletteActionsMsg: tab on a record; the root answers with
	// Palette.OpenMenu listing the record's actions.
	PaletteActionsMsg struct{ Entry PaletteEntry }
	// PaletteClosedMsg: the palette was dismissed with esc.
	PaletteClosedMsg struct{}

	// GoToViewMsg: show Object's list under its saved view View (a
	// favorite view in the sidebar, a view chosen in the palette).
	GoToViewMsg struct{ Object, View string }
)
