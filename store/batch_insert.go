package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"rolo/model"
)

// Inserter adds new records of one object to a Batch with multi-row
// INSERT statements, the bulk writer's technique inside the batch's
// transaction. It is the fast path of an import: values must come from
// model.ParseValue (canonical), references must carry ids, required
// fields must be present and unique values free; the caller has checked
// all of that row by row, so a failure here is not a row's fault and
// fails the batch.
//
// Each record gets a "created" event, written per flushed statement by
// one INSERT ... SELECT over the ids just inserted, so the events cost
// SQLite's time, not a bound parameter per column.
type Inserter struct {
	b      *Batch
	st     *objState
	fields []model.Field
	sysIdx [3]int // index in fields of owner, position, active, or -1
	user   []int  // indexes of the other fields
	ncols  int
	per    int
	insert string
	stmt   *sql.Stmt
	evStmt *sql.Stmt
	buf    []any
	rows   int
	first  int64 // id of the first queued row

	nextID  int64
	nextPos float64
	now     int64
	actor   any
	closed  bool
}

// Inserter returns the batch's inserter for object and fields, creating
// it on first use. Objects on a board (pipeline and stage fields) need
// Create, which places records on the board.
func (b *Batch) Inserter(object string, fields []string) (*Inserter, error) {
	if in := b.ins[object]; in != nil {
		if len(in.fields) == len(fields) {
			same := true
			for i, f := range in.fields {
				same = same && f.Name == fields[i]
			}
			if same {
				return in, nil
			}
		}
		return nil, fmt.Errorf("%s: the batch already inserts other fields", object)
	}
	st, err := b.state(object)
	if err != nil {
		return nil, err
	}
	o := st.obj
	if _, ok := fieldOfType(o, model.TypeStage); ok {
		return nil, fmt.Errorf("%s are placed on a board; create them one by one", o.Plural)
	}
	in := &Inserter{b: b, st: st, sysIdx: [3]int{-1, -1, -1}, now: b.s.nowMS(), actor: nullID(b.s.actorID())}
	cols := []string{`"id"`, `"created_at"`, `"updated_at"`, `"created_by"`, `"owner"`, `"position"`, `"active"`}
	seen := map[string]bool{}
	for i, name := range fields {
		f, ok := o.Field(name)
		if !ok {
			return nil, fmt.Errorf("%s has no field %q", o.Name, name)
		}
		if seen[name] {
			return nil, fmt.Errorf("field %q is listed twice", name)
		}
		seen[name] = true
		if f.System && !settableSystem[name] {
			return nil, fmt.Errorf("%s is maintained by rolo and cannot be set", name)
		}
		in.fields = append(in.fields, f)
		switch name {
		case model.FieldOwner:
			in.sysIdx[0] = i
		case model.FieldPosition:
			in.sysIdx[1] = i
		case model.FieldActive:
			in.sysIdx[2] = i
		default:
			in.user = append(in.user, i)
			for _, c := range f.Columns() {
				cols = append(cols, q(c))
			}
		}
	}
	in.ncols = len(cols)
	in.per = max(1, min(maxBulkRows, maxVariables/in.ncols))
	var maxID sql.NullInt64
	var maxPos sql.NullFloat64
	if err := b.tx.QueryRowContext(b.ctx, fmt.Sprintf(`SELECT max("id"), max("position") FROM %s`, q(o.Table()))).Scan(&maxID, &maxPos); err != nil {
		return nil, err
	}
	in.nextID, in.nextPos = maxID.Int64+1, maxPos.Float64+1
	in.insert = fmt.Sprintf("INSERT INTO %s (%s) VALUES ", q(o.Table()), strings.Join(cols, ", "))
	if in.stmt, err = b.tx.PrepareContext(b.ctx, in.insert+rowsSQL(in.ncols, in.per)); err != nil {
		return nil, err
	}
	if in.evStmt, err = b.tx.PrepareContext(b.ctx, fmt.Sprintf(
		`INSERT INTO events (at, actor, object, record_id, kind, new) SELECT ?, ?, ?, "id", ?, coalesce(%s, '') FROM %s WHERE "id" BETWEEN ? AND ?`,
		q(o.LabelField), q(o.Table()))); err != nil {
		in.stmt.Close()
		return nil, err
	}
	in.buf = make([]any, 0, in.ncols*in.per)
	b.ins[object] = in
	return in, nil
}

// Add queues one record, values in the inserter's field order, and
// returns the id it will have.
func (in *Inserter) Add(vals []model.Value) (int64, error) {
	if in.closed {
		return 0, errors.New("inserter is closed")
	}
	if len(vals) != len(in.fields) {
		return 0, fmt.Errorf("%s: got %d values for %d fields", in.st.obj.Name, len(vals), len(in.fields))
	}
	id := in.nextID
	owner, pos, active := in.actor, any(in.nextPos), any(int64(1))
	if i := in.sysIdx[0]; i >= 0 && vals[i].Valid && vals[i].Int != 0 {
		owner = vals[i].Int
	}
	if i := in.sysIdx[1]; i >= 0 && vals[i].Valid {
		pos = vals[i].Num
	}
	if i := in.sysIdx[2]; i >= 0 && vals[i].Valid {
		active = vals[i].Int
	}
	if in.rows == 0 {
		in.first = id
	}
	in.buf = append(in.buf, id, in.now, in.now, in.actor, owner, pos, active)
	for _, i := range in.user {
		in.buf = appendEncoded(in.buf, in.fields[i], vals[i])
	}
	in.nextID++
	in.nextPos++
	in.rows++
	if in.rows == in.per {
		if err := in.flush(); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// flush writes the queued rows and their created events.
func (in *Inserter) flush() error {
	if in.rows == 0 {
		return nil
	}
	ctx := in.b.ctx
	var err error
	if in.rows == in.per {
		_, err = in.stmt.ExecContext(ctx, in.buf...)
	} else {
		_, err = in.b.tx.ExecContext(ctx, in.insert+rowsSQL(in.ncols, in.rows), in.buf...)
	}
	if err != nil {
		return uniqueFallback(err, in.st.obj)
	}
	last := in.first + int64(in.rows) - 1
	if _, err := in.evStmt.ExecContext(ctx, in.now, in.b.s.actorID(), in.st.obj.Name, string(model.EventCreated), in.first, last); err != nil {
		return err
	}
	in.buf, in.rows = in.buf[:0], 0
	return nil
}

func (in *Inserter) close() {
	if in.closed {
		return
	}
	in.closed = true
	in.stmt.Close()
	in.evStmt.Close()
}
