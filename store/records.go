package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"rolo/model"
)

// UpdateOptions qualify Update.
type UpdateOptions struct {
	// IfUpdatedAt is the updated_at (unix ms) the caller read. If the row
	// has changed since, Update writes nothing and returns *ConflictError.
	// Zero skips the check.
	IfUpdatedAt int64
}

// settableSystem are the system fields a person may set: the responsible
// member, the manual order and the active flag. The rest are rolo's.
var settableSystem = map[string]bool{model.FieldOwner: true, model.FieldPosition: true, model.FieldActive: true}

// checkFields rejects unknown and system-maintained field names.
func checkFields(o model.Object, vals map[string]model.Value) error {
	for name := range vals {
		f, ok := o.Field(name)
		if !ok {
			return fmt.Errorf("%s has no field %q (fields: %s)", o.Name, name, strings.Join(o.FieldNames(), ", "))
		}
		if f.System && !settableSystem[name] {
			return fmt.Errorf("%s is maintained by rolo and cannot be set", name)
		}
	}
	return nil
}

// Create adds a record. Reference values given by name are resolved,
// every value is validated, required fields are checked and unique fields
// must be free (*UniqueError otherwise). The record is returned as stored.
func (s *Store) Create(ctx context.Context, object string, vals map[string]model.Value) (model.Record, error) {
	st, err := s.state(object)
	if err != nil {
		return model.Record{}, err
	}
	var rec model.Record
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		rec, err = s.createTx(ctx, tx, s.meta(), st, vals)
		return err
	})
	return rec, err
}

func (s *Store) createTx(ctx context.Context, tx *sql.Tx, c *metaCache, st *objState, in map[string]model.Value) (model.Record, error) {
	o := st.obj
	if err := checkFields(o, in); err != nil {
		return model.Record{}, err
	}
	vals := make(map[string]model.Value, len(in)+8)
	for k, v := range in {
		vals[k] = v
	}
	if err := s.resolveRefs(ctx, tx, c, st, vals, nil); err != nil {
		return model.Record{}, err
	}
	if err := s.placeOnBoard(ctx, tx, o, vals, nil); err != nil {
		return model.Record{}, err
	}
	if err := validateAll(o, vals); err != nil {
		return model.Record{}, err
	}
	for _, f := range o.Fields {
		if f.Required && encode(f, vals[f.Name])[0] == nil {
			return model.Record{}, fmt.Errorf("%s is required", f.Label)
		}
	}
	for _, f := range o.Fields {
		if f.Unique {
			if err := s.checkUnique(ctx, tx, st, f, vals[f.Name], 0); err != nil {
				return model.Record{}, err
			}
		}
	}

	now, actor := s.nowMS(), s.actorID()
	if _, ok := vals[model.FieldOwner]; !ok && actor != 0 {
		vals[model.FieldOwner] = model.Value{Valid: true, Int: actor}
	}
	if _, ok := vals[model.FieldActive]; !ok {
		vals[model.FieldActive] = model.Value{Valid: true, Int: 1}
	}
	if _, ok := vals[model.FieldPosition]; !ok {
		var pos float64
		if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT coalesce(max("position"), 0) + 1 FROM %s`, q(o.Table()))).Scan(&pos); err != nil {
			return model.Record{}, err
		}
		vals[model.FieldPosition] = model.Value{Valid: true, Num: pos}
	}
	if sf, ok := fieldOfType(o, model.TypeStage); ok && vals[sf.Name].Int != 0 {
		if _, ok := o.Field(fieldStageChangedAt); ok {
			vals[fieldStageChangedAt] = model.Value{Valid: true, Int: now}
		}
	}

	cols := []string{`"created_at"`, `"updated_at"`, `"created_by"`}
	args := []any{now, now, nullID(actor)}
	for _, f := range o.Fields {
		v, ok := vals[f.Name]
		if !ok || f.Name == model.FieldID {
			continue
		}
		if f.Name == model.FieldActive && !v.Valid {
			v = model.Value{Valid: true, Int: 1} // NOT NULL: empty means the default
		}
		if f.Name == model.FieldPosition && !v.Valid {
			v = model.Value{Valid: true}
		}
		for i, col := range f.Columns() {
			cols = append(cols, q(col))
			args = append(args, encode(f, v)[i])
		}
	}
	res, err := tx.ExecContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", q(o.Table()), strings.Join(cols, ", "), placeholders(len(cols))), args...)
	if err != nil {
		return model.Record{}, uniqueFallback(err, o)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return model.Record{}, err
	}
	rec, err := getRecord(ctx, tx, st, id)
	if err != nil {
		return model.Record{}, err
	}
	ev := s.event(o.Name, id, model.EventCreated)
	ev.New = rec.Label
	return rec, insertEvent(ctx, tx, ev)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// validateAll runs model.Validate on every given value.
func validateAll(o model.Object, vals map[string]model.Value) error {
	for name, v := range vals {
		f, _ := o.Field(name)
		if err := model.Validate(f, v); err != nil {
			return err
		}
	}
	return nil
}

// uniqueFallback turns a unique-index violation the pre-check did not see
// into a readable error.
func uniqueFallback(err error, o model.Object) error {
	if isConstraint(err) && strings.Contains(err.Error(), "UNIQUE") {
		return fmt.Errorf("%s: a unique value is already taken (%v)", o.Singular, err)
	}
	return err
}

// checkUnique fails with *UniqueError if another record (deleted ones
// included: they may be restored) holds v in unique field f.
func (s *Store) checkUnique(ctx context.Context, tx *sql.Tx, st *objState, f model.Field, v model.Value, self int64) error {
	main := encode(f, v)[0]
	if main == nil {
		return nil
	}
	var id int64
	var label sql.NullString
	var deleted sql.NullInt64
	var held any // the value as the holder stores it (case may differ)
	err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT "id", %s, "deleted_at", %s FROM %s WHERE %s = ? AND "id" <> ? LIMIT 1`,
		q(st.obj.LabelField), q(f.Name), q(st.obj.Table()), q(f.Name)), main, self).Scan(&id, &label, &deleted, &held)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	l := label.String
	if deleted.Valid {
		l += " (deleted)"
	}
	return &UniqueError{Object: st.obj.Name, Singular: st.obj.Singular, Field: f.Name, Value: asString(held), ID: id, Label: strings.TrimSpace(l)}
}

// placeOnBoard keeps an object's pipeline and stage consistent: a new
// record defaults to the first pipeline and its first stage; a stage given
// alone brings its pipeline; a pipeline given alone brings its first stage
// (unless the current stage belongs to it); both must agree. cur is nil
// when creating.
func (s *Store) placeOnBoard(ctx context.Context, tx *sql.Tx, o model.Object, vals map[string]model.Value, cur *model.Record) error {
	pf, okP := fieldOfType(o, model.TypePipeline)
	sf, okS := fieldOfType(o, model.TypeStage)
	if !okP || !okS {
		return nil
	}
	pv, pGiven := vals[pf.Name]
	sv, sGiven := vals[sf.Name]
	if cur != nil && !pGiven && !sGiven {
		return nil
	}
	if pGiven && pv.Int == 0 || sGiven && sv.Int == 0 {
		return fmt.Errorf("%s needs a %s and a %s", article(o.Singular), strings.ToLower(pf.Label), strings.ToLower(sf.Label))
	}
	pid, sid := pv.Int, sv.Int
	if cur != nil {
		if !pGiven {
			pid = cur.Values[pf.Name].Int
		}
		if !sGiven {
			sid = cur.Values[sf.Name].Int
		}
	}
	switch {
	case sGiven && !pGiven:
		stg, err := stageByID(ctx, tx, sid)
		if err != nil {
			return err
		}
		pid = stg.PipelineID
	case pid == 0:
		if err := tx.QueryRowContext(ctx, `SELECT id FROM pipelines ORDER BY position, id LIMIT 1`).Scan(&pid); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return errors.New("there is no pipeline; create one first")
			}
			return err
		}
	}
	p, err := pipelineByID(ctx, tx, pid)
	if err != nil {
		return err
	}
	if len(p.Stages) == 0 {
		return fmt.Errorf("pipeline %q has no stages", p.Name)
	}
	in := false
	for _, stg := range p.Stages {
		in = in || stg.ID == sid
	}
	if !in {
		if sGiven {
			stg, _ := stageByID(ctx, tx, sid)
			return fmt.Errorf("stage %q is not in pipeline %q", stg.Name, p.Name)
		}
		sid = p.Stages[0].ID
	}
	if cur == nil || pid != cur.Values[pf.Name].Int {
		vals[pf.Name] = model.Value{Valid: true, Int: pid, Ref: p.Name}
	}
	if cur == nil || sid != cur.Values[sf.Name].Int {
		for _, stg := range p.Stages {
			if stg.ID == sid {
				vals[sf.Name] = model.Value{Valid: true, Int: sid, Ref: stg.Name}
			}
		}
	}
	return nil
}

// Update changes some fields of a live record. Values equal to the stored
// ones are ignored; if nothing changes, nothing is written (updated_at
// stays). Each changed field writes an event: stage_changed for the stage,
// owner_changed for the owner, updated (old → new as model.FormatText)
// otherwise.
func (s *Store) Update(ctx context.Context, object string, id int64, vals map[string]model.Value, opt UpdateOptions) (model.Record, error) {
	st, err := s.state(object)
	if err != nil {
		return model.Record{}, err
	}
	var rec model.Record
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		rec, err = s.updateTx(ctx, tx, s.meta(), st, id, vals, opt)
		return err
	})
	return rec, err
}

func (s *Store) updateTx(ctx context.Context, tx *sql.Tx, c *metaCache, st *objState, id int64, in map[string]model.Value, opt UpdateOptions) (model.Record, error) {
	o := st.obj
	cur, err := getRecord(ctx, tx, st, id)
	if err != nil {
		return model.Record{}, err
	}
	if cur.Values[model.FieldDeletedAt].Valid {
		return model.Record{}, fmt.Errorf("%s #%d is deleted; restore it first", strings.ToLower(o.Singular), id)
	}
	curUpdated := cur.Values[model.FieldUpdatedAt].Int
	if opt.IfUpdatedAt != 0 && opt.IfUpdatedAt != curUpdated {
		return model.Record{}, &ConflictError{Current: cur}
	}
	if err := checkFields(o, in); err != nil {
		return model.Record{}, err
	}
	vals := make(map[string]model.Value, len(in))
	for k, v := range in {
		vals[k] = v
	}
	if err := s.resolveRefs(ctx, tx, c, st, vals, &cur); err != nil {
		return model.Record{}, err
	}
	if err := s.placeOnBoard(ctx, tx, o, vals, &cur); err != nil {
		return model.Record{}, err
	}
	if err := validateAll(o, vals); err != nil {
		return model.Record{}, err
	}

	var changed []model.Field
	for _, f := range o.Fields { // in field order, so events come out in a stable order
		v, ok := vals[f.Name]
		if !ok || sameColumns(encode(f, v), encode(f, cur.Values[f.Name])) {
			continue
		}
		if f.Required && encode(f, v)[0] == nil {
			return model.Record{}, fmt.Errorf("%s is required", f.Label)
		}
		if (f.Name == model.FieldActive || f.Name == model.FieldPosition) && !v.Valid {
			return model.Record{}, fmt.Errorf("%s cannot be empty", f.Label)
		}
		if f.Unique {
			if err := s.checkUnique(ctx, tx, st, f, v, id); err != nil {
				return model.Record{}, err
			}
		}
		changed = append(changed, f)
	}
	if len(changed) == 0 {
		return cur, nil
	}

	now := s.nowMS()
	// updated_at must change on every write, or IfUpdatedAt could not
	// tell two writes in the same millisecond apart.
	updated := max(now, curUpdated+1)
	sets := []string{`"updated_at" = ?`}
	args := []any{updated}
	stageChanged := false
	for _, f := range changed {
		enc := encode(f, vals[f.Name])
		for i, col := range f.Columns() {
			sets = append(sets, q(col)+" = ?")
			args = append(args, enc[i])
		}
		stageChanged = stageChanged || f.Type == model.TypeStage
	}
	if _, ok := o.Field(fieldStageChangedAt); ok && stageChanged {
		sets = append(sets, q(fieldStageChangedAt)+" = ?")
		args = append(args, now)
	}
	args = append(args, id)
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE %s SET %s WHERE "id" = ?`, q(o.Table()), strings.Join(sets, ", ")), args...); err != nil {
		return model.Record{}, uniqueFallback(err, o)
	}
	rec, err := getRecord(ctx, tx, st, id)
	if err != nil {
		return model.Record{}, err
	}
	for _, f := range changed {
		kind := model.EventUpdated
		switch {
		case f.Type == model.TypeStage:
			kind = model.EventStageChanged
		case f.Name == model.FieldOwner:
			kind = model.EventOwnerChanged
		}
		ev := s.event(o.Name, id, kind)
		ev.Field = f.Name
		ev.Old = model.FormatText(f, cur.Values[f.Name])
		ev.New = model.FormatText(f, rec.Values[f.Name])
		if kind == model.EventStageChanged {
			ev.Old, ev.New = cur.Values[f.Name].Ref, rec.Values[f.Name].Ref
		}
		if err := insertEvent(ctx, tx, ev); err != nil {
			return model.Record{}, err
		}
	}
	return rec, nil
}

// Upsert updates the record whose match field equals vals[match], or
// creates one. match is "id" or a unique field. A soft-deleted match is
// restored (with a restored event) and then updated. An id that matches
// nothing is an error (ids are not chosen by callers).
func (s *Store) Upsert(ctx context.Context, object, match string, vals map[string]model.Value) (model.Record, bool, error) {
	st, err := s.state(object)
	if err != nil {
		return model.Record{}, false, err
	}
	o := st.obj
	f, ok := o.Field(match)
	if !ok || (!f.Unique && match != model.FieldID) {
		var us []string
		for _, f := range o.Fields {
			if f.Unique {
				us = append(us, f.Name)
			}
		}
		return model.Record{}, false, fmt.Errorf("upsert must match on id or a unique field of %s (%s), not %q", o.Name, strings.Join(append([]string{"id"}, us...), ", "), match)
	}
	mv, ok := vals[match]
	if !ok || encode(f, mv)[0] == nil && !(match == model.FieldID && (mv.Int != 0 || mv.Num != 0)) {
		return model.Record{}, false, fmt.Errorf("upsert on %s needs a value for %s", o.Name, match)
	}
	rest := make(map[string]model.Value, len(vals))
	for k, v := range vals {
		if k != model.FieldID {
			rest[k] = v
		}
	}
	var rec model.Record
	created := false
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		c := s.meta()
		var found int64
		var deleted sql.NullInt64
		var err error
		if match == model.FieldID {
			found = mv.Int
			if found == 0 {
				found = int64(mv.Num)
			}
			err = tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT "deleted_at" FROM %s WHERE "id" = ?`, q(o.Table())), found).Scan(&deleted)
			if errors.Is(err, sql.ErrNoRows) {
				return notFound("%s #%d", strings.ToLower(o.Singular), found)
			}
		} else {
			err = tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT "id", "deleted_at" FROM %s WHERE %s = ? ORDER BY "deleted_at" IS NOT NULL, "id" LIMIT 1`,
				q(o.Table()), q(f.Name)), encode(f, mv)[0]).Scan(&found, &deleted)
			if errors.Is(err, sql.ErrNoRows) {
				created = true
				rec, err = s.createTx(ctx, tx, c, st, rest)
				return err
			}
		}
		if err != nil {
			return err
		}
		if deleted.Valid {
			if _, err := s.restoreTx(ctx, tx, st, []int64{found}); err != nil {
				return err
			}
		}
		rec, err = s.updateTx(ctx, tx, c, st, found, rest, UpdateOptions{})
		return err
	})
	return rec, created, err
}

// Delete soft-deletes records (deleted_at is set; Restore undoes it) and
// returns how many live records were deleted.
func (s *Store) Delete(ctx context.Context, object string, ids ...int64) (int, error) {
	return s.setDeleted(ctx, object, ids, true)
}

// Restore brings soft-deleted records back and returns how many.
func (s *Store) Restore(ctx context.Context, object string, ids ...int64) (int, error) {
	return s.setDeleted(ctx, object, ids, false)
}

func (s *Store) setDeleted(ctx context.Context, object string, ids []int64, del bool) (int, error) {
	st, err := s.state(object)
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		if del {
			n, err = s.deleteTx(ctx, tx, st, ids)
		} else {
			n, err = s.restoreTx(ctx, tx, st, ids)
		}
		return err
	})
	return n, err
}

func (s *Store) deleteTx(ctx context.Context, tx *sql.Tx, st *objState, ids []int64) (int, error) {
	return s.flipDeleted(ctx, tx, st, ids, `"deleted_at" IS NULL`, "?", model.EventDeleted)
}

func (s *Store) restoreTx(ctx context.Context, tx *sql.Tx, st *objState, ids []int64) (int, error) {
	return s.flipDeleted(ctx, tx, st, ids, `"deleted_at" IS NOT NULL`, "NULL", model.EventRestored)
}

// flipDeleted sets deleted_at on the records matching cond, one event each.
func (s *Store) flipDeleted(ctx context.Context, tx *sql.Tx, st *objState, ids []int64, cond, set string, kind model.EventKind) (int, error) {
	o := st.obj
	now := s.nowMS()
	n := 0
	for _, id := range ids {
		var label sql.NullString
		err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE "id" = ? AND %s`, q(o.LabelField), q(o.Table()), cond), id).Scan(&label)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return n, err
		}
		args := []any{}
		if set == "?" {
			args = append(args, now)
		}
		args = append(args, now, id)
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE %s SET "deleted_at" = %s, "updated_at" = max(?, "updated_at" + 1) WHERE "id" = ?`,
			q(o.Table()), set), args...); err != nil {
			return n, err
		}
		ev := s.event(o.Name, id, kind)
		if kind == model.EventDeleted {
			ev.Old = label.String
		} else {
			ev.New = label.String
		}
		if err := insertEvent(ctx, tx, ev); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
