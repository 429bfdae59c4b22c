package views

import (
	"time"

	"rolo/model"
)

// The record detail page (detail.go), its field editors (editor*.go) and
// the new-record form (form.go) talk to the root through these. The root
// gathers a DetailData in one command and answers intents with the setters
// on Detail and Form.

// RelItem is one related record in a section: its label and one key fact.
type RelItem struct {
	Object string
	ID     int64
	Label  string
	Key    string
}

// RelSection lists the records related to the open one through one
// relation field. Forward sections follow a field of the open record
// (a person's company); inverse sections list the records whose Field
// points at it (a company's people), and n there creates one prefilled.
type RelSection struct {
	Title    string
	Object   string // the related records' object
	Singular string // one of them: "Person"
	Field    string // forward: the open record's field; inverse: the related object's field
	Inverse  bool
	Items    []RelItem
	Total    int64 // inverse: how many in all (Items holds the first few)
}

// DetailData is everything the detail page shows about one record.
type DetailData struct {
	Object     model.Object
	Record     model.Record
	Sections   []RelSection
	Events     []model.Event
	MoreEvents bool             // an older page of events exists
	Members    map[int64]string // actor names for the activity
}

// PickItem is one choice in a picker: an option, a record, a member, a
// pipeline or a stage.
type PickItem struct {
	Label  string
	Detail string // a second fact, dimmed
	Color  string // option or stage colour
	Value  model.Value
}

type (
	// SaveFieldMsg asks the root to write one field. IfUpdatedAt is the
	// record's updated_at as loaded: a later change by someone else is a
	// conflict, not an overwrite.
	SaveFieldMsg struct {
		Object      string
		ID          int64
		Field       string
		Value       model.Value
		IfUpdatedAt int64
	}
	// PickerQueryMsg asks for the choices of a reference field matching
	// Query (debounced; answer with SetPickerResults(Req, ...)).
	PickerQueryMsg struct {
		Req      int
		Field    model.Field
		Query    string
		Pipeline int64 // stage pickers: the record's pipeline
	}
	// DetailBackMsg: go back along the path of opened records.
	DetailBackMsg struct{}
	// DetailStepMsg: open the previous (-1) or next (+1) record of the list.
	DetailStepMsg struct{ Delta int }
	// MoreEventsMsg asks for older activity than BeforeID.
	MoreEventsMsg struct {
		Object   string
		ID       int64
		BeforeID int64
	}
	// DeleteRecordMsg soft-deletes the open record (undo with u).
	DeleteRecordMsg struct {
		Object string
		ID     int64
		Label  string
	}
	// OpenExternalMsg opens a URL (https:, mailto:, tel:) with the system opener.
	OpenExternalMsg struct{ URL string }
	// NoticeMsg puts a message in the status bar.
	NoticeMsg struct {
		Text string
		Err  bool
	}
	// ExternalEditMsg asks the root to run $EDITOR on Text for a field.
	ExternalEditMsg struct {
		Field string
		Text  string
	}
	// ExternalEditedMsg is $EDITOR's result, sent back to the detail page.
	ExternalEditedMsg struct {
		Field string
		Text  string
		Err   error
	}
	// FormSaveMsg asks the root to create a record from a form. Check asks
	// for a duplicate check on unique fields first.
	FormSaveMsg struct {
		Form   int
		Object string
		Values map[string]model.Value
		Check  bool
	}
	// ToggleFavoriteRecordMsg: f on the detail page.
	ToggleFavoriteRecordMsg struct {
		Object string
		ID     int64
	}
	// FormClosedMsg: the form was dismissed without saving.
	FormClosedMsg struct{}
)

// pickerTickMsg fires after the picker's debounce delay.
type pickerTickMsg struct {
	editor int
	seq    int
}

// pickerDebounce is how long a relation picker waits after a keystroke
// before it asks the store: fast typists send one query, not one per key.
const pickerDebounce = 120 * time.Millisecond
