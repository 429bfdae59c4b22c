package model

import "time"

// Value is one field's value. Which members are meaningful depends on the
// field's type; the zero Value is "empty" for every type.
//
//	Text, RichText, Select  Str
//	Date                    Str as "2006-01-02"
//	Number                  Num
//	Currency                Int = amount in micros (1.5 = 1_500_000), Str = ISO code
//	DateTime                Int = unix milliseconds UTC
//	Boolean                 Int = 0 or 1
//	Rating                  Int = 1..5
//	MultiSelect             List of option values
//	Emails, Phones, Links   List, the primary first
//	Relation, Member        Int = id of the record or member; Ref = its name
//	Pipeline, Stage         Int = id of the pipeline or stage; Ref = its name
//
// For Relation and Member values typed by a user, Ref may hold a name (or
// login, email, domain) with Int = 0; the store resolves it to an id.
type Value struct {
	Valid bool
	Str   string
	Num   float64
	Int   int64
	List  []string
	Ref   string
}

// Record is one row of an object. Values holds every field by name,
// system fields included (created_at, owner, ...).
type Record struct {
	Object string
	ID     int64
	Label  string // the value of the object's LabelField, for display
	Values map[string]Value
}

// Get returns the value of a field, or the empty Value.
func (r Record) Get(field string) Value { return r.Values[field] }

// UpdatedAt is the record's last-change time, used to detect that a record
// changed in the database since it was read.
func (r Record) UpdatedAt() time.Time {
	return time.UnixMilli(r.Values[FieldUpdatedAt].Int).UTC()
}

// Member is a workspace user. Records have an owner (the responsible member).
type Member struct {
	ID     int64
	Login  string
	Name   string
	Email  string
	Active bool
}

// Pipeline is an ordered set of stages that opportunities move through.
type Pipeline struct {
	ID       int64
	Name     string
	Position int
	Stages   []Stage
}

// StageKind marks the system stages every pipeline has (Won, Lost) or may
// have (Incoming). System stages can be renamed, never removed.
type StageKind string

const (
	StageNormal   StageKind = ""
	StageIncoming StageKind = "incoming"
	StageWon      StageKind = "won"
	StageLost     StageKind = "lost"
)

// Stage is one column of a pipeline.
type Stage struct {
	ID         int64
	PipelineID int64
	Name       string
	Color      string
	Position   int
	Kind       StageKind
}

// System reports whether the stage is one of the non-removable stages.
func (s Stage) System() bool { return s.Kind != StageNormal }

// EventKind says what happened to a record.
type EventKind string

const (
	EventCreated      EventKind = "created"
	EventUpdated      EventKind = "updated" // one field, Old → New
	EventDeleted      EventKind = "deleted"
	EventRestored     EventKind = "restored"
	EventStageChanged EventKind = "stage_changed"
	EventOwnerChanged EventKind = "owner_changed"
	EventImported     EventKind = "imported"
)

// Event is one entry of the change log. Old and New are the values in their
// canonical text form (see FormatText), empty when there is none.
type Event struct {
	ID       int64
	At       time.Time
	Actor    int64 // member id, 0 for the system
	Object   string
	RecordID int64
	Kind     EventKind
	Field    string
	Old      string
	New      string
}

// Sort is one key of a multi-key sort.
type Sort struct {
	Field string
	Desc  bool
}

// Cursor marks a position in a sorted result for keyset paging. It is
// opaque outside the store.
type Cursor string

// Query asks the store for a page of records.
type Query struct {
	Filter Filter // parsed filter language; the zero Filter matches all
	Sorts  []Sort // default: the object's label field, then id
	After  Cursor // page forward from here (exclusive)
	Before Cursor // page backward from here (exclusive); rows still come in sort order
	Last   bool   // with no cursor: the last page instead of the first
	Limit  int
	// Deleted selects soft-deleted records instead of live ones.
	Deleted bool
}

// Page is one page of a query. Next and Prev are empty at the ends.
type Page struct {
	Records []Record
	Next    Cursor // cursor after the last record, if more follow
	Prev    Cursor // cursor before the first record, if more precede
}

// Aggregate names a per-group computation over a numeric or currency field.
type Aggregate struct {
	Func  string // "count", "sum", "avg", "min", "max"
	Field string // empty for count
}

// Group is one row of a grouped aggregate. Key is the group's value as
// stored (stage id, option value, member id as text); Code is the currency
// code when grouping a currency sum (sums are kept per currency).
type Group struct {
	Key     string
	Code    string
	Count   int64
	Results []float64 // one per requested Aggregate; currency in micros
}
