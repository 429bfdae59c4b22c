package importer

import (
	"errors"
	"fmt"

	"rolo/transfer"
)

// Options say what to import and how. Object and Path are required.
type Options struct {
	Object string // object name, e.g. "people"
	Path   string // the file
	Format string // "" detects (see transfer.Open)
	Sheet  string // XLSX worksheet; "" is the first
	// Map overrides the automatic mapping: "Column=field", "Column=field:role"
	// or "Column=-" to skip a column.
	Map []string
	// Match is the field that identifies existing records: "id" or a
	// unique field. "" picks id when the file has an id column, else the
	// first unique field it has (emails for people, domain for companies).
	Match string
	// CreateMissing creates select options, stages, pipelines, members and
	// related records that a row names but that do not exist yet.
	CreateMissing bool
	// UpdateOnly updates matched records and never creates one: a row
	// that matches nothing is an error (the bulk-edit template's mode).
	UpdateOnly bool
	// DryRun does everything and then rolls back.
	DryRun bool
	// SkipInvalid imports the good rows and leaves the bad ones out; by
	// default one bad row means nothing is written.
	SkipInvalid bool
	// ErrorsPath, when set, receives the rejected rows as CSV: the file's
	// columns plus "row" and "reason".
	ErrorsPath string
	// DateFormat reads ambiguous dates, e.g. "DD/MM/YYYY" (see
	// transfer.DateLayout).
	DateFormat string
	// DecimalComma reads "1.234,50" as 1234.5.
	DecimalComma bool
	// MaxProblems caps Report.Problems (every bad row is still counted and
	// written to ErrorsPath). 0 means 10,000.
	MaxProblems int
}

// Progress is told how many data rows are done and roughly how many there
// are (0 when unknown, e.g. for XLSX; the estimate may be high for files
// with line breaks inside cells). It is called from the goroutine that
// called Run, at most every chunk.
type Progress func(done, total int64)

// RowProblem is one reason a row cannot be imported. Row is the line of
// the file (the sheet row for XLSX, the card for vCard); Column is the
// header of the column at fault, "" when the row as a whole is.
type RowProblem struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

func (p RowProblem) String() string {
	s := fmt.Sprintf("row %d", p.Row)
	if p.Column != "" {
		s += fmt.Sprintf(", column %q", p.Column)
	}
	if p.Value != "" {
		s += fmt.Sprintf(": %q", p.Value)
	}
	return s + ": " + p.Reason
}

// Duplicate is a row naming the same record (same id or unique value) as
// an earlier row of the file.
type Duplicate struct {
	Row      int    `json:"row"`
	FirstRow int    `json:"first_row"`
	Field    string `json:"field"`
	Value    string `json:"value"`
}

// Created is something --create-missing added on the way.
type Created struct {
	Kind string `json:"kind"` // "option", "member", "pipeline", "stage", or an object name
	Name string `json:"name"`
}

// Report is what an import did, or with DryRun would do.
type Report struct {
	Object string `json:"object"`
	File   string `json:"file"`
	Format string `json:"format"`
	Match  string `json:"match"` // the field rows were matched on, "" when none
	DryRun bool   `json:"dry_run"`
	// Written is true when the changes were committed.
	Written bool `json:"written"`

	Rows      int64 `json:"rows"` // data rows read
	Created   int64 `json:"created"`
	Updated   int64 `json:"updated"`
	Unchanged int64 `json:"unchanged"`
	Restored  int64 `json:"restored"` // deleted records brought back (also counted as updated or unchanged)
	Errors    int64 `json:"errors"`   // bad rows

	Mapping    transfer.Report `json:"mapping"`
	Problems   []RowProblem    `json:"problems"`
	Omitted    int64           `json:"problems_omitted"` // problems beyond MaxProblems
	Duplicates []Duplicate     `json:"duplicates"`
	New        []Created       `json:"created_missing"`
}

// ErrInvalidRows is returned (wrapped) by Run when rows are bad and
// SkipInvalid is off: nothing was written. The Report lists the rows.
var ErrInvalidRows = errors.New("rows with errors")
