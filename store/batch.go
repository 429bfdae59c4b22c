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

// Batch is one write transaction shared by many record changes, for the
// import engine: everything a Batch does commits together or not at all,
// and a dry run does all of it and then rolls back, so its counts are the
// real ones. Reads through the Batch see its own uncommitted writes.
//
// Row-level methods (Create, Update) run inside a savepoint, so a row that
// fails leaves the transaction as it was and the caller may skip the row
// and go on (--skip-invalid) or give up (all-or-nothing).
//
// A Batch holds the database's write lock from start to end and is not
// safe for concurrent use.
type Batch struct {
	s   *Store
	ctx context.Context
	tx  *sql.Tx
	c   *metaCache
	// metaChanged is set when the batch added options, stages, pipelines
	// or members, so the store reloads its cache after a commit.
	metaChanged bool
	ins         map[string]*Inserter
	deferred    map[string][]string // object → index DDL to run again (DeferIndexes)
}

// BatchOptions qualify a Batch.
type BatchOptions struct {
	// Rollback runs everything and then rolls back: a dry run.
	Rollback bool
}

var errBatchRollback = errors.New("batch rolled back")

// Batch runs fn in one transaction. It commits when fn returns nil (and
// opt.Rollback is false); an error from fn, a panic or a cancelled ctx
// rolls everything back.
func (s *Store) Batch(ctx context.Context, opt BatchOptions, fn func(b *Batch) error) error {
	if err := s.Refresh(ctx); err != nil {
		return err
	}
	b := &Batch{s: s, ctx: ctx, c: s.meta(), ins: map[string]*Inserter{}}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		b.tx = tx
		// A big import rewrites the same index pages over and over; a
		// larger page cache for its connection keeps them from spilling
		// to the WAL mid-transaction. Put back to the DSN's 64 MiB after.
		if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -131072`); err != nil {
			return err
		}
		defer tx.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = -65536`)
		defer b.closeInserters()
		if err := fn(b); err != nil {
			return err
		}
		if err := b.flushAll(); err != nil {
			return err
		}
		if err := b.rebuildIndexes(); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if opt.Rollback {
			return errBatchRollback
		}
		return nil
	})
	if errors.Is(err, errBatchRollback) {
		err = nil
	}
	if b.metaChanged {
		// Reload whether or not it committed: on rollback this drops
		// nothing, on commit it picks up the new options and stages.
		if rerr := s.reload(context.WithoutCancel(ctx)); err == nil {
			err = rerr
		}
	}
	return err
}

// Context is the batch's context.
func (b *Batch) Context() context.Context { return b.ctx }

func (b *Batch) state(object string) (*objState, error) {
	if st, ok := b.c.byName[object]; ok {
		return st, nil
	}
	return nil, b.c.unknownObject(object)
}

// Object returns an object as the batch sees it, options added by the
// batch included. The result is a copy.
func (b *Batch) Object(name string) (model.Object, error) {
	st, err := b.state(name)
	if err != nil {
		return model.Object{}, err
	}
	return copyObject(st.obj), nil
}

// Empty reports whether the object's table holds no record at all, deleted
// ones included. An import into an empty table can skip looking up matches.
func (b *Batch) Empty(object string) (bool, error) {
	st, err := b.state(object)
	if err != nil {
		return false, err
	}
	var any int
	err = b.tx.QueryRowContext(b.ctx, fmt.Sprintf(`SELECT EXISTS (SELECT 1 FROM %s)`, q(st.obj.Table()))).Scan(&any)
	return any == 0, err
}

// matchChunk bounds the keys of one IN (...) lookup.
const matchChunk = 500

// Match finds records, live or deleted, by id or by a unique field, for
// many keys at once. The result is aligned with keys; a key that matches
// nothing gets the zero Record (ID 0). Unique text columns compare without
// regard to letter case, as their indexes do.
func (b *Batch) Match(object, field string, keys []model.Value) ([]model.Record, error) {
	st, err := b.state(object)
	if err != nil {
		return nil, err
	}
	f, ok := st.obj.Field(field)
	if !ok || (!f.Unique && field != model.FieldID) {
		return nil, fmt.Errorf("%s.%s is neither the id nor a unique field", object, field)
	}
	out := make([]model.Record, len(keys))
	idx := map[string][]int{}
	var args []any
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		query := fmt.Sprintf(`SELECT %s FROM %s WHERE %s IN (%s)`, strings.Join(st.sel.cols, ", "), st.sel.from(st.obj),
			q(st.obj.Table())+"."+q(field), placeholders(len(args)))
		rows, err := b.tx.QueryContext(b.ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			rec, _, err := scanRecord(rows, st.obj, st.sel, 0)
			if err != nil {
				return err
			}
			for _, i := range idx[matchKey(f, rec.Values[field], rec.ID)] {
				out[i] = rec
			}
		}
		args = args[:0]
		clear(idx)
		return rows.Err()
	}
	for i, k := range keys {
		main := keyArg(f, k)
		if main == nil {
			continue
		}
		key := matchKey(f, k, 0)
		if _, seen := idx[key]; !seen {
			args = append(args, main)
		}
		idx[key] = append(idx[key], i)
		if len(args) == matchChunk {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// keyArg is the main column value a key is looked up by.
func keyArg(f model.Field, v model.Value) any {
	if f.Name == model.FieldID {
		if id := refID(v); id > 0 {
			return id
		}
		return nil
	}
	return encode(f, v)[0]
}

// refID reads an id given as a number value or as an #id reference.
func refID(v model.Value) int64 {
	switch {
	case !v.Valid:
		return 0
	case v.Int != 0:
		return v.Int
	case v.Num != 0:
		return int64(v.Num)
	}
	n, _ := hashID(v.Ref)
	return n
}

// MatchKey is the text two values of a match field share when they would
// find the same record: ids as digits, unique text without letter case.
// Callers use it to spot rows of one file that name the same record.
func MatchKey(f model.Field, v model.Value) string { return matchKey(f, v, 0) }

func matchKey(f model.Field, v model.Value, id int64) string {
	if f.Name == model.FieldID {
		if id == 0 {
			id = refID(v)
		}
		return strconv.FormatInt(id, 10)
	}
	main := encode(f, v)[0]
	if main == nil {
		return ""
	}
	if isNumber(main) {
		return strconv.FormatFloat(asFloat(main), 'g', -1, 64)
	}
	return strings.ToLower(asString(main))
}

// Differs reports whether writing vals to cur would change anything. The
// values must be resolved (references carry ids).
func (b *Batch) Differs(object string, cur model.Record, vals map[string]model.Value) (bool, error) {
	st, err := b.state(object)
	if err != nil {
		return false, err
	}
	for name, v := range vals {
		f, ok := st.obj.Field(name)
		if !ok {
			return false, fmt.Errorf("%s has no field %q", object, name)
		}
		if !sameColumns(encode(f, v), encode(f, cur.Values[name])) {
			return true, nil
		}
	}
	return false, nil
}

// savepoint runs fn so that its writes vanish if it fails, leaving the
// batch's transaction usable.
func (b *Batch) savepoint(fn func() error) error {
	if _, err := b.tx.ExecContext(b.ctx, `SAVEPOINT batch_row`); err != nil {
		return err
	}
	if err := fn(); err != nil {
		if _, rerr := b.tx.ExecContext(context.WithoutCancel(b.ctx), `ROLLBACK TO batch_row`); rerr != nil {
			return errors.Join(err, rerr)
		}
		b.tx.ExecContext(context.WithoutCancel(b.ctx), `RELEASE batch_row`)
		return err
	}
	_, err := b.tx.ExecContext(b.ctx, `RELEASE batch_row`)
	return err
}

// Create adds one record as Store.Create does (names resolved, values
// validated, events written), inside the batch.
func (b *Batch) Create(object string, vals map[string]model.Value) (model.Record, error) {
	st, err := b.state(object)
	if err != nil {
		return model.Record{}, err
	}
	in := b.ins[object]
	if in != nil {
		// The record takes the next id and position; queued rows would
		// collide with it.
		if err := in.flush(); err != nil {
			return model.Record{}, err
		}
	}
	var rec model.Record
	err = b.savepoint(func() error {
		rec, err = b.s.createTx(b.ctx, b.tx, b.c, st, vals)
		return err
	})
	if err == nil && in != nil {
		in.nextID = max(in.nextID, rec.ID+1)
		in.nextPos = max(in.nextPos, rec.Values[model.FieldPosition].Num+1)
	}
	return rec, err
}

// Update changes one live record as Store.Update does, inside the batch.
func (b *Batch) Update(object string, id int64, vals map[string]model.Value) (model.Record, error) {
	st, err := b.state(object)
	if err != nil {
		return model.Record{}, err
	}
	var rec model.Record
	err = b.savepoint(func() error {
		rec, err = b.s.updateTx(b.ctx, b.tx, b.c, st, id, vals, UpdateOptions{})
		return err
	})
	return rec, err
}

// Restore brings a soft-deleted record back (with its restored event).
func (b *Batch) Restore(object string, id int64) error {
	st, err := b.state(object)
	if err != nil {
		return err
	}
	_, err = b.s.restoreTx(b.ctx, b.tx, st, []int64{id})
	return err
}

// Event writes one event not tied to a record change, such as the
// "imported" summary of an import.
func (b *Batch) Event(object string, kind model.EventKind, newText string) error {
	ev := b.s.event(object, 0, kind)
	ev.New = newText
	return insertEvent(b.ctx, b.tx, ev)
}

func (b *Batch) flushAll() error {
	for _, in := range b.ins {
		if err := in.flush(); err != nil {
			return err
		}
	}
	return nil
}

func (b *Batch) closeInserters() {
	for _, in := range b.ins {
		in.close()
	}
}
