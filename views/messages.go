package views

import (
	tea "charm.land/bubbletea/v2"

	"rolo/model"
)

// Component is what every screen and overlay in this package implements.
// Components are pointers; Update returns the same pointer so the root can
// keep any Component in one field (an overlay stack, the focused pane).
type Component interface {
	SetSize(w, h int)
	Update(msg tea.Msg) (Component, tea.Cmd)
	View() string
}

// Dialog is a Component that knows when it is finished. The owner calls
// Update, then checks Closed and reads the dialog's typed Result.
type Dialog interface {
	Component
	Closed() bool
}

// Column is one column of a view as saved: a field name and a width in
// cells (0 = automatic, chosen from the field's type).
type Column struct {
	Field string
	Width int
}

// SavedView is a named filter + sort + column set of one object. Every
// object has a default view (Default = true), which cannot be deleted.
type SavedView struct {
	Name    string
	Filter  string
	Sorts   []model.Sort
	Columns []Column
	Default bool
}

// ErrorSpan locates a filter parse error in the filter source: byte offsets
// [Pos, End) and a message. The root builds it from the parser's error.
type ErrorSpan struct {
	Pos, End int
	Msg      string
}

// Favorite is a pinned record shown in the sidebar.
type Favorite struct {
	Label  string
	Object string
	ID     int64
	// View is the saved view's name for a favorite view (ID is then 0).
	View string
	// Folder groups favorites under a heading ("" = top level).
	Folder string
	// FavID is the favorite's own id, for moving and removing it.
	FavID int64
}

// ObjectItem is an object in the sidebar; Count < 0 means unknown.
type ObjectItem struct {
	Name  string // model.Object.Name
	Label string // model.Object.Plural
	Count int64
}

// ---- Paging protocol (list ↔ root) ----

// PageDir says which page a PageRequest wants.
type PageDir int

const (
	// DirFirst: the first page of the query (Cursor empty).
	DirFirst PageDir = iota
	// DirNext: the page after Cursor (model.Query.After).
	DirNext
	// DirPrev: the page before Cursor (model.Query.Before), still in sort order.
	DirPrev
	// DirLast: the last page (model.Query.Last).
	DirLast
	// DirReload: the page after Cursor, or the first page when Cursor is
	// empty, replacing the list's window: a refresh in place after a change.
	DirReload
)

func (d PageDir) String() string {
	names := [...]string{"first", "next", "prev", "last", "reload"}
	if d < 0 || int(d) >= len(names) {
		return "PageDir(" + itoa(int(d)) + ")"
	}
	return names[d]
}

// PageRequest asks the root for a page of the list's query. The root runs
// it in a command and answers with List.ApplyPage(Req, Dir, page) and, when
// Count is set, List.SetTotal(Req, total) — or List.SetTotalAtLeast(Req, n)
// first when the count was capped, the exact total following later.
// Requests carry the whole query, so the root keeps no per-list query
// state. Answers to a superseded Req are ignored by the list; the root only
// cancels work that would otherwise keep the database busy (exact counts).
type PageRequest struct {
	List   int // List.ID(): which list asked
	Req    int
	Object string
	Filter string // filter-language source; parse errors go to SetFilterError(Req, ...)
	Sorts  []model.Sort
	Dir    PageDir
	Cursor model.Cursor
	Limit  int
	Count  bool // the query changed: also count the matching records
}

// ---- Intents ----

// Selection is the target of a bulk action. With All set, it means every
// record matching Filter (the root resolves it; the list never holds all
// ids); otherwise IDs lists the records.
type Selection struct {
	Object string
	IDs    []int64
	All    bool
	Filter string
}

type (
	// OpenRecordMsg: show a record (enter in the list, a favorite).
	OpenRecordMsg struct {
		Object string
		ID     int64
	}
	// NewRecordMsg: create a record of Object (n in the list) in a form.
	// Prefill maps field names to text as a user would type it ("name":
	// "Jane", "company": "#12"); the form parses it like typed input.
	// Filter is the applied filter of the list n was pressed in ("" from
	// elsewhere): a pipeline or stage it names becomes the form's default,
	// so a deal created while looking at one pipeline lands in it.
	NewRecordMsg struct {
		Object  string
		Prefill map[string]string
		Filter  string
	}
	// OpenObjectMsg: show Object's list (sidebar).
	OpenObjectMsg struct{ Object string }

	// DeleteRecordsMsg: soft-delete the selection. Afterwards the root sets
	// the status to DeletedMessage(n) and calls List.Refresh.
	DeleteRecordsMsg struct{ Selection Selection }
	// SetOwnerMsg: ask for a member, then set the owner of the selection.
	SetOwnerMsg struct{ Selection Selection }
	// SetFieldMsg: ask for a value of Field (the column under the column
	// cursor, which the root may let the user change), then set it.
	SetFieldMsg struct {
		Selection Selection
		Field     string
	}
	// UndoMsg: undo the last change (u).
	UndoMsg struct{}
	// QuitMsg: the user asked to quit (q in a list).
	QuitMsg struct{}

	// SaveViewMsg: persist View for Object (V). Existing name = overwrite.
	SaveViewMsg struct {
		Object string
		View   SavedView
	}
	// SwitchViewMsg: make View current; the root calls List.ApplyView.
	SwitchViewMsg struct {
		Object string
		View   SavedView
	}
	// RenameViewMsg: rename a saved view.
	RenameViewMsg struct{ Object, Old, New string }
	// DeleteViewMsg: delete a saved view (never the default one).
	DeleteViewMsg struct{ Object, Name string }

	// FirstRunMsg: the choice made on the first-run screen.
	FirstRunMsg struct{ Demo bool }

	// CloseHelpMsg: the help overlay was dismissed.
	CloseHelpMsg struct{}
)

// emit wraps a message in a command.
func emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
