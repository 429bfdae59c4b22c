package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"rolo/model"
)

// BulkOptions qualify a bulk insert.
type BulkOptions struct {
	// Events writes one "imported" event for the batch and a "created"
	// event per record. Demo data leaves it off.
	Events bool
}

// BulkWriter inserts many records of one object in a single transaction
// with multi-row INSERT statements prepared once. Values must already be
// parsed and validated, and references must carry ids (nothing is looked
// up by name). System columns are filled: owner and created_by default to
// the actor, timestamps to now, position counts on after the last record,
// active is 1; any of these may be given as fields instead. Records of an
// object with a pipeline and stage get the first pipeline and its first
// stage if neither field is given.
//
// A BulkWriter holds the database's write lock until Commit or Rollback
// and is not safe for concurrent use.
type BulkWriter struct {
	ctx    context.Context
	s      *Store
	st     *objState
	tx     *sql.Tx
	fields []model.Field // as given, in Add's order
	// sysGiven maps each of bulkSystem to the index in fields that sets
	// it, or -1; system columns not given are SQL literals in the row
	// template, so they cost no binding per row.
	sysGiven [len(bulkSystem)]int
	userIdx  []int  // indexes into fields of the other fields
	insert   string // "INSERT ... VALUES "
	row      string // one row's "(?, 123, ?, ...)"
	nparams  int    // parameters per row
	perStmt  int
	stmt     *sql.Stmt
	buf      []any
	rows     int
	labelIdx int // index in fields of the label field, or -1

	evStmt *sql.Stmt
	evBuf  []any
	evRows int

	nextID  int64
	nextPos float64
	now     int64
	actor   int64
	count   int
	done    bool

	// deferred holds the CREATE INDEX statements of the indexes dropped
	// for a load into an empty table, run again by Commit.
	deferred []string
}

const (
	maxBulkRows  = 1000  // rows per INSERT statement
	maxVariables = 32766 // SQLite's default SQLITE_MAX_VARIABLE_NUMBER
	eventCols    = 8
)

// bulkSystem are the system columns a bulk insert fills.
var bulkSystem = [...]string{model.FieldID, model.FieldCreatedAt, model.FieldUpdatedAt, model.FieldCreatedBy,
	model.FieldOwner, model.FieldPosition, model.FieldActive}

// NewBulkWriter starts a bulk insert of records with the given fields.
func (s *Store) NewBulkWriter(ctx context.Context, object string, fields []string, opt BulkOptions) (*BulkWriter, error) {
	st, err := s.state(object)
	if err != nil {
		return nil, err
	}
	o := st.obj
	w := &BulkWriter{ctx: ctx, s: s, st: st, labelIdx: -1, now: s.nowMS(), actor: s.actorID()}
	for i := range w.sysGiven {
		w.sysGiven[i] = -1
	}
	seen := map[string]bool{}
	for i, name := range fields {
		f, ok := o.Field(name)
		if !ok {
			return nil, fmt.Errorf("%s has no field %q (fields: %s)", o.Name, name, strings.Join(o.FieldNames(), ", "))
		}
		if seen[name] {
			return nil, fmt.Errorf("field %q is listed twice", name)
		}
		seen[name] = true
		if name == model.FieldDeletedAt {
			return nil, errors.New("deleted_at cannot be imported")
		}
		w.fields = append(w.fields, f)
		if name == o.LabelField {
			w.labelIdx = i
		}
		if j := indexOf(bulkSystem[:], name); j >= 0 {
			w.sysGiven[j] = i
		} else {
			w.userIdx = append(w.userIdx, i)
		}
	}

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	w.tx = tx
	fail := func(err error) (*BulkWriter, error) {
		tx.Rollback()
		return nil, err
	}

	// The row template: parameters for what varies, literals (numbers we
	// produced, never user text) for what is the same on every row.
	var cols, tmpl []string
	param := func(col string) {
		cols, tmpl = append(cols, q(col)), append(tmpl, "?")
		w.nparams++
	}
	literal := func(col string, v int64) {
		cols = append(cols, q(col))
		if v == 0 {
			tmpl = append(tmpl, "NULL")
		} else {
			tmpl = append(tmpl, strconv.FormatInt(v, 10))
		}
	}
	for j, name := range bulkSystem {
		switch {
		case w.sysGiven[j] >= 0 || name == model.FieldPosition:
			param(name)
		case name == model.FieldID:
			// Left out: SQLite gives each row max(id)+1 in insertion order,
			// which is what the events below assume.
		case name == model.FieldCreatedAt || name == model.FieldUpdatedAt:
			literal(name, w.now)
		case name == model.FieldActive:
			literal(name, 1)
		default: // created_by, owner
			literal(name, w.actor)
		}
	}
	for _, i := range w.userIdx {
		for _, c := range w.fields[i].Columns() {
			param(c)
		}
	}
	// Board defaults, as Create applies them.
	pf, okP := fieldOfType(o, model.TypePipeline)
	sf, okS := fieldOfType(o, model.TypeStage)
	if okP && okS && !seen[pf.Name] && !seen[sf.Name] {
		ps, err := loadPipelines(ctx, tx, "", nil)
		if err != nil {
			return fail(err)
		}
		if len(ps) > 0 && len(ps[0].Stages) > 0 {
			literal(pf.Name, ps[0].ID)
			literal(sf.Name, ps[0].Stages[0].ID)
			seen[sf.Name] = true
		}
	}
	if _, ok := o.Field(fieldStageChangedAt); ok && okS && seen[sf.Name] && !seen[fieldStageChangedAt] {
		literal(fieldStageChangedAt, w.now)
	}
	w.row = "(" + strings.Join(tmpl, ", ") + ")"
	w.perStmt = max(1, min(maxBulkRows, maxVariables/max(1, w.nparams)))

	// BEGIN IMMEDIATE holds the write lock, so the ids and positions read
	// here stay ours until commit.
	var maxID sql.NullInt64
	var maxPos sql.NullFloat64
	if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT max("id") FROM %s`, q(o.Table()))).Scan(&maxID); err != nil {
		return fail(err)
	}
	if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT max("position") FROM %s`, q(o.Table()))).Scan(&maxPos); err != nil {
		return fail(err)
	}
	w.nextID, w.nextPos = maxID.Int64+1, maxPos.Float64+1
	if !maxID.Valid {
		if err := w.deferIndexes(); err != nil {
			return fail(err)
		}
	}
	// A bigger page cache while the transaction lasts keeps the index
	// pages it rewrites from spilling to the WAL mid-way; Commit and
	// Rollback put the DSN's 64 MiB back on this connection.
	if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -262144`); err != nil {
		return fail(err)
	}

	// OR ROLLBACK: any failure abandons the whole import anyway.
	w.insert = fmt.Sprintf("INSERT OR ROLLBACK INTO %s (%s) VALUES ", q(o.Table()), strings.Join(cols, ", "))
	if w.stmt, err = tx.PrepareContext(ctx, w.insert+repeatRow(w.row, w.perStmt)); err != nil {
		return fail(err)
	}
	w.buf = make([]any, 0, w.nparams*w.perStmt)
	if opt.Events {
		if w.evStmt, err = tx.PrepareContext(ctx, eventInsert+rowsSQL(eventCols, maxBulkRows)); err != nil {
			return fail(err)
		}
		w.evBuf = make([]any, 0, eventCols*maxBulkRows)
	}
	return w, nil
}

// deferIndexes drops the table's indexes for the rest of the transaction;
// Commit builds them again. Used when the table has no row at all (a
// first import, the demo): appending rows in id order and then sorting
// each index once is much cheaper than inserting into every index at a
// random place per row. Readers never see the table without its indexes
// (they are gone only inside the transaction), a rollback restores them,
// and a unique index that cannot be rebuilt fails the commit, so a
// repeated unique value still abandons the whole load.
func (w *BulkWriter) deferIndexes() error {
	rows, err := w.tx.QueryContext(w.ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`,
		w.st.obj.Table())
	if err != nil {
		return err
	}
	var names []string
	for rows.Next() {
		var name, ddl string
		if err := rows.Scan(&name, &ddl); err != nil {
			rows.Close()
			return err
		}
		names, w.deferred = append(names, name), append(w.deferred, ddl)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, name := range names {
		if _, err := w.tx.ExecContext(w.ctx, "DROP INDEX "+q(name)); err != nil {
			return err
		}
	}
	return nil
}

const eventInsert = `INSERT INTO events (at, actor, object, record_id, kind, field, old, new) VALUES `

// rowsSQL is "(?, ?), (?, ?)" for n rows of cols columns.
func rowsSQL(cols, n int) string {
	return repeatRow("("+placeholders(cols)+")", n)
}

func repeatRow(row string, n int) string {
	var b strings.Builder
	b.Grow(n * (len(row) + 2))
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// Add queues one record, values in the order of the writer's fields.
func (w *BulkWriter) Add(vals ...model.Value) error {
	if w.done {
		return errors.New("bulk writer is finished")
	}
	if len(vals) != len(w.fields) {
		return fmt.Errorf("bulk %s: got %d values for %d fields", w.st.obj.Name, len(vals), len(w.fields))
	}
	id := w.nextID
	for j, i := range w.sysGiven {
		if i < 0 {
			if bulkSystem[j] == model.FieldPosition {
				w.buf = append(w.buf, w.nextPos)
			}
			continue
		}
		v := vals[i]
		switch bulkSystem[j] {
		case model.FieldID:
			if v.Valid && v.Num >= 1 {
				id = int64(v.Num)
			}
			w.buf = append(w.buf, id)
		case model.FieldPosition:
			if v.Valid {
				w.buf = append(w.buf, v.Num)
			} else {
				w.buf = append(w.buf, w.nextPos)
			}
		case model.FieldActive:
			if v.Valid {
				w.buf = append(w.buf, v.Int)
			} else {
				w.buf = append(w.buf, int64(1))
			}
		case model.FieldCreatedAt, model.FieldUpdatedAt:
			if v.Valid && v.Int != 0 {
				w.buf = append(w.buf, v.Int)
			} else {
				w.buf = append(w.buf, w.now)
			}
		default: // created_by, owner
			if v.Valid && v.Int != 0 {
				w.buf = append(w.buf, v.Int)
			} else {
				w.buf = append(w.buf, nullID(w.actor))
			}
		}
	}
	for _, i := range w.userIdx {
		w.buf = appendEncoded(w.buf, w.fields[i], vals[i])
	}
	w.nextID = max(w.nextID, id) + 1
	w.nextPos++
	w.rows++
	w.count++
	if w.rows == w.perStmt {
		if _, err := w.stmt.ExecContext(w.ctx, w.buf...); err != nil {
			return w.fail(err)
		}
		w.buf, w.rows = w.buf[:0], 0
	}
	if w.evStmt != nil {
		label := ""
		if w.labelIdx >= 0 {
			label = vals[w.labelIdx].Str
		}
		return w.addEvent(id, model.EventCreated, label)
	}
	return nil
}

func (w *BulkWriter) addEvent(id int64, kind model.EventKind, newText string) error {
	w.evBuf = append(w.evBuf, w.now, w.actor, w.st.obj.Name, id, string(kind), "", "", newText)
	w.evRows++
	if w.evRows == maxBulkRows {
		if _, err := w.evStmt.ExecContext(w.ctx, w.evBuf...); err != nil {
			return w.fail(err)
		}
		w.evBuf, w.evRows = w.evBuf[:0], 0
	}
	return nil
}

// fail rolls back and reports err in terms of the object.
func (w *BulkWriter) fail(err error) error {
	w.Rollback()
	if isConstraint(err) && strings.Contains(err.Error(), "UNIQUE") {
		return fmt.Errorf("bulk %s: a unique value is repeated or already taken (%v); nothing was imported", w.st.obj.Name, err)
	}
	return fmt.Errorf("bulk %s: %w; nothing was imported", w.st.obj.Name, err)
}

// Commit writes what is queued and commits; it returns how many records
// were inserted.
func (w *BulkWriter) Commit() (int, error) {
	if w.done {
		return 0, errors.New("bulk writer is finished")
	}
	if w.rows > 0 {
		if _, err := w.tx.ExecContext(w.ctx, w.insert+repeatRow(w.row, w.rows), w.buf...); err != nil {
			return 0, w.fail(err)
		}
	}
	if w.evStmt != nil {
		if err := w.addEvent(0, model.EventImported, strconv.Itoa(w.count)); err != nil {
			return 0, err
		}
		if w.evRows > 0 {
			if _, err := w.tx.ExecContext(w.ctx, eventInsert+rowsSQL(eventCols, w.evRows), w.evBuf...); err != nil {
				return 0, w.fail(err)
			}
		}
	}
	if len(w.deferred) > 0 {
		// Index builds are sorts; let SQLite's sorter use a helper thread.
		if _, err := w.tx.ExecContext(w.ctx, `PRAGMA threads = 2`); err != nil {
			return 0, w.fail(err)
		}
	}
	for _, ddl := range w.deferred {
		if _, err := w.tx.ExecContext(w.ctx, ddl); err != nil {
			return 0, w.fail(err)
		}
	}
	w.done = true
	w.closeStmts()
	w.resetCache()
	if err := w.tx.Commit(); err != nil {
		return 0, err
	}
	return w.count, nil
}

// resetCache puts the connection's page cache back to the DSN's size.
func (w *BulkWriter) resetCache() {
	w.tx.ExecContext(context.WithoutCancel(w.ctx), `PRAGMA cache_size = -65536`)
	w.tx.ExecContext(context.WithoutCancel(w.ctx), `PRAGMA threads = 0`)
}

func (w *BulkWriter) closeStmts() {
	if w.stmt != nil {
		w.stmt.Close()
	}
	if w.evStmt != nil {
		w.evStmt.Close()
	}
}

// Rollback abandons the insert; nothing is written.
func (w *BulkWriter) Rollback() error {
	if w.done {
		return nil
	}
	w.done = true
	w.closeStmts()
	w.resetCache()
	return w.tx.Rollback()
}
