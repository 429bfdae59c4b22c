package store

import (
	"fmt"
	"strings"

	"rolo/model"
)

// q double-quotes an SQL identifier. Every identifier that reaches SQL has
// already been checked by model.ValidIdent/ValidFieldName (or is one of
// ours), so quoting is belt and braces, not the only defence.
func q(ident string) string {
	return `"` + strings.ReplaceAll(ident, `"`, `""`) + `"`
}

// systemColumnsDDL are the columns every object table starts with.
// Timestamps are unix milliseconds; position is REAL so a record can be
// moved between two others without renumbering.
const systemColumnsDDL = `"id" INTEGER PRIMARY KEY,
	"created_at" INTEGER NOT NULL,
	"updated_at" INTEGER NOT NULL,
	"created_by" INTEGER,
	"owner" INTEGER,
	"position" REAL NOT NULL DEFAULT 0,
	"active" INTEGER NOT NULL DEFAULT 1,
	"deleted_at" INTEGER`

// systemFields are the metadata rows describing the system columns, so
// filters, sorts and views treat them like any other field.
func systemFields() []model.Field {
	return []model.Field{
		{Name: model.FieldID, Label: "ID", Type: model.TypeNumber, Position: 0},
		{Name: model.FieldCreatedAt, Label: "Created", Type: model.TypeDateTime, Position: 900},
		{Name: model.FieldUpdatedAt, Label: "Updated", Type: model.TypeDateTime, Position: 901},
		{Name: model.FieldCreatedBy, Label: "Created by", Type: model.TypeMember, Position: 902},
		{Name: model.FieldOwner, Label: "Owner", Type: model.TypeMember, Position: 903},
		{Name: model.FieldPosition, Label: "Position", Type: model.TypeNumber, Position: 904, Hidden: true},
		{Name: model.FieldActive, Label: "Active", Type: model.TypeBoolean, Position: 905},
		{Name: model.FieldDeletedAt, Label: "Deleted", Type: model.TypeDateTime, Position: 906, Hidden: true},
	}
}

// columnDDL is the column definitions of a user field, main column first.
// The encoding is shared with the filter compiler (see columns.go).
// Text-like columns compare case-insensitively so that sorting, equality
// and unique indexes agree with what a person expects of names and emails.
func columnDDL(f model.Field) []string {
	cols := f.Columns()
	var main string
	switch f.Type {
	case model.TypeText, model.TypeEmails, model.TypeLinks:
		main = "TEXT COLLATE NOCASE"
	case model.TypePhones, model.TypeRichText, model.TypeSelect, model.TypeMultiSelect, model.TypeDate:
		main = "TEXT"
	case model.TypeNumber:
		main = "NUMERIC"
	default: // currency (micros), datetime, boolean, rating, references
		main = "INTEGER"
	}
	out := []string{q(cols[0]) + " " + main}
	for _, c := range cols[1:] { // currency code, list "more"
		out = append(out, q(c)+" TEXT")
	}
	return out
}

// Index names use "__", which no object or field name may contain, so they
// never collide with each other or with rolo's own indexes.
func indexName(obj, what string) string   { return "ix__" + obj + "__" + what }
func uniqueName(obj, field string) string { return "ux__" + obj + "__" + field }

// indexedType reports whether a field of this type gets an index:
// references are followed both ways (inverse lists, "owner:@me"), and
// equality on references and selects ("stage:won", "status:open") is the
// common filter whose count should not scan the table.
func indexedType(t model.FieldType) bool {
	switch t {
	case model.TypeRelation, model.TypeMember, model.TypeStage, model.TypePipeline, model.TypeSelect:
		return true
	}
	return false
}

// liveIndexDDL indexes a column together with the conditions every list
// and count adds (deleted_at IS NULL, and active = 1 unless the filter is
// about active), so "count the live records where col = x" is a seek and
// a walk over this index alone, never a row lookup. Not partial: SQLite
// would not use a partial index for the deleted-records list, and a
// partial index tempts the planner into walking it and re-checking rows.
func liveIndexDDL(obj model.Object, name, col string) string {
	return fmt.Sprintf(`CREATE INDEX %s ON %s (%s, "deleted_at", "active")`, q(indexName(obj.Name, name)), q(obj.Table()), q(col))
}

// baseIndexes are created for every object once its label field exists:
//
//   - (label, id) for the default sort. Not partial: a partial index
//     (WHERE deleted_at IS NULL) tempts the planner into walking it for
//     counts and then fetching every row at random to re-check deleted_at.
//   - (owner, deleted_at, active) for owner filters; it is also the
//     smallest index that covers "count the live records", so Count
//     scans it instead of the table. There is deliberately no index
//     leading with deleted_at: without statistics the planner would take
//     it for a selective one and read every live row through it, then
//     sort them, instead of walking the sort index.
//   - position: new records go after max(position), which must not scan.
//   - the records that are not live (goneIndexDDL).
func baseIndexes(obj model.Object) []string {
	t := q(obj.Table())
	return []string{
		fmt.Sprintf(`CREATE INDEX %s ON %s (%s, "id")`, q(indexName(obj.Name, "sort")), t, q(obj.LabelField)),
		liveIndexDDL(obj, "owner", model.FieldOwner),
		fmt.Sprintf(`CREATE INDEX %s ON %s ("position")`, q(indexName(obj.Name, "position")), t),
		goneIndexDDL(obj),
	}
}

// goneCond is the complement of the live condition (deleted_at IS NULL
// AND active = 1), spelled exactly as goneIndexDDL's WHERE so that
// SQLite sees the partial index applies.
const goneCond = `"deleted_at" IS NOT NULL OR "active" IS NOT 1`

// goneIndexDDL is a partial index of the records that are deleted or
// inactive, usually few. Counting the live records is then the table's
// row count (which SQLite reads from the smallest index's pages without
// looking at a row) minus a count over this small index: about a
// millisecond on a million records instead of a walk over all of them.
// The deleted-records list uses it too. Being partial over rare rows, it
// is never a candidate for queries on live records. "_gone" cannot clash
// with a field's index: field names start with a letter.
func goneIndexDDL(obj model.Object) string {
	return fmt.Sprintf(`CREATE INDEX %s ON %s ("deleted_at", "active") WHERE %s`, q(indexName(obj.Name, "_gone")), q(obj.Table()), goneCond)
}

// extraDDL is per standard object. Opportunities are read per board
// column in manual order (the board index, which also narrows filtered
// stage totals to one pipeline), and summed per stage and currency by
// triggers (totals.go).
var extraDDL = map[string][]string{
	"opportunities": append([]string{
		`CREATE INDEX "ix__opportunities__board" ON "obj_opportunities" ("pipeline", "stage", "position") WHERE "deleted_at" IS NULL`,
	}, totalsDDL...),
}
