package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"

	"rolo/model"
)

// Boards (kanban) group an object's records into columns by a stage or
// select field and keep a manual order inside each column in the REAL
// "position" column. A move is one transaction: the group field changes
// through updateTx (so a stage change writes its stage_changed event and
// stage_changed_at) and the position is set beside it. Positions are
// midpoints between neighbours, so a move touches one row; when two
// neighbours get too close for a midpoint, the column is renumbered.

// minGap is the smallest gap between two positions that still takes a
// midpoint; below it the column is renumbered. Positions stay far below
// 2^40, where a float64 still resolves 1e-4, so 1e-6·scale is safe.
const minGap = 1e-6

// MoveCard moves a record to a board column and a place inside it, and
// returns the record as stored.
func (s *Store) MoveCard(ctx context.Context, m model.CardMove) (model.Record, error) {
	st, err := s.state(m.Object)
	if err != nil {
		return model.Record{}, err
	}
	o := st.obj
	f, ok := o.Field(m.Field)
	if !ok {
		return model.Record{}, fmt.Errorf("%s has no field %q", o.Name, m.Field)
	}
	if f.Type != model.TypeStage && f.Type != model.TypeSelect {
		return model.Record{}, fmt.Errorf("%s is not a stage or select field; boards group by those", f.Name)
	}
	var rec model.Record
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		cur, err := getRecord(ctx, tx, st, m.ID)
		if err != nil {
			return err
		}
		if cur.Values[model.FieldDeletedAt].Valid {
			return fmt.Errorf("%s #%d is deleted; restore it first", strings.ToLower(o.Singular), m.ID)
		}
		col, err := s.boardColumn(ctx, tx, o, f, m.To)
		if err != nil {
			return err
		}
		pos, err := s.slot(ctx, tx, col, m)
		if err != nil {
			return err
		}
		vals := make(map[string]model.Value, len(m.Set)+1)
		for k, v := range m.Set {
			vals[k] = v
		}
		if !sameColumns(encode(f, m.To), encode(f, cur.Values[f.Name])) {
			vals[f.Name] = m.To
		}
		rec = cur
		if len(vals) > 0 {
			if rec, err = s.updateTx(ctx, tx, s.meta(), st, m.ID, vals, UpdateOptions{}); err != nil {
				return err
			}
		}
		// The manual order is presentation, not a change of the deal: no
		// event and no updated_at bump, so reordering a column does not
		// flood the timeline or make open forms look stale.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE %s SET "position" = ? WHERE "id" = ?`, q(o.Table())), pos, m.ID); err != nil {
			return err
		}
		rec.Values[model.FieldPosition] = model.Value{Valid: true, Num: pos}
		return nil
	})
	return rec, err
}

// column is one board column as SQL: its table and WHERE condition.
type column struct {
	table string
	where string
	args  []any
}

// boardColumn is the condition selecting the live records of a column.
// Stage columns also name the stage's pipeline when the object has a
// pipeline field, so the (pipeline, stage, position) index serves them.
func (s *Store) boardColumn(ctx context.Context, tx *sql.Tx, o model.Object, f model.Field, to model.Value) (column, error) {
	c := column{table: q(o.Table())}
	main := encode(f, to)[0]
	if main == nil {
		if f.Type == model.TypeStage {
			return c, fmt.Errorf("%s needs a %s", article(o.Singular), strings.ToLower(f.Label))
		}
		c.where = q(f.Name) + ` IS NULL AND "deleted_at" IS NULL`
		return c, nil
	}
	c.where = q(f.Name) + ` = ? AND "deleted_at" IS NULL`
	c.args = []any{main}
	switch f.Type {
	case model.TypeStage:
		stg, err := stageByID(ctx, tx, to.Int)
		if err != nil {
			return c, err
		}
		if pf, ok := fieldOfType(o, model.TypePipeline); ok {
			c.where = q(pf.Name) + ` = ? AND ` + c.where
			c.args = []any{stg.PipelineID, main}
		}
	case model.TypeSelect:
		if _, ok := f.Option(to.Str); !ok {
			return c, fmt.Errorf("%s has no option %q", f.Label, to.Str)
		}
	}
	return c, nil
}

// slot computes the moved card's new position in column c.
func (s *Store) slot(ctx context.Context, tx *sql.Tx, c column, m model.CardMove) (float64, error) {
	if m.Position != nil {
		return *m.Position, nil
	}
	for attempt := 0; ; attempt++ {
		lo, hi, err := s.neighbours(ctx, tx, c, m)
		if err != nil {
			return 0, err
		}
		var pos float64
		switch {
		case lo == nil && hi == nil:
			pos = 1
		case lo == nil:
			pos = *hi - 1
		case hi == nil:
			pos = *lo + 1
		default:
			if *hi-*lo > minGap*max(1, math.Abs(*lo)) {
				return *lo + (*hi-*lo)/2, nil
			}
			if attempt > 0 {
				return 0, errors.New("cannot place the card: the column's order did not renumber")
			}
			if err := renumberColumn(ctx, tx, c); err != nil {
				return 0, err
			}
			continue
		}
		return pos, nil
	}
}

// neighbours reads the positions the card goes between (nil at an end).
// The moved card itself never counts as a neighbour.
func (s *Store) neighbours(ctx context.Context, tx *sql.Tx, c column, m model.CardMove) (lo, hi *float64, err error) {
	posOf := func(id int64) (*float64, error) {
		var p float64
		err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT "position" FROM %s WHERE "id" = ? AND %s`, c.table, c.where),
			append([]any{id}, c.args...)...).Scan(&p)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("record #%d is not in that column any more", id)
		}
		return &p, err
	}
	// next reads the nearest position beyond (p, id) in one direction.
	next := func(p float64, id int64, up bool) (*float64, error) {
		cmp, dir := ">", ""
		if up {
			cmp, dir = "<", " DESC"
		}
		var out float64
		err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT "position" FROM %s WHERE %s AND "id" <> ? AND ("position", "id") %s (?, ?) ORDER BY "position"%s, "id"%s LIMIT 1`,
			c.table, c.where, cmp, dir, dir), append(append([]any{}, c.args...), m.ID, p, id)...).Scan(&out)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		return &out, err
	}
	switch {
	case m.After != 0 && m.Before != 0:
		if lo, err = posOf(m.After); err != nil {
			return nil, nil, err
		}
		if hi, err = posOf(m.Before); err != nil {
			return nil, nil, err
		}
		if *hi < *lo {
			lo, hi = hi, lo
		}
	case m.After != 0:
		if lo, err = posOf(m.After); err != nil {
			return nil, nil, err
		}
		hi, err = next(*lo, m.After, false)
	case m.Before != 0:
		if hi, err = posOf(m.Before); err != nil {
			return nil, nil, err
		}
		lo, err = next(*hi, m.Before, true)
	default: // the top
		var top sql.NullFloat64
		err = tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT min("position") FROM %s WHERE %s AND "id" <> ?`, c.table, c.where),
			append(append([]any{}, c.args...), m.ID)...).Scan(&top)
		if top.Valid {
			hi = &top.Float64
		}
	}
	return lo, hi, err
}

// renumberColumn spaces a column's positions 1, 2, 3… in their current
// order. It runs only when two neighbours are closer than minGap, which
// takes some forty moves into the same gap.
func renumberColumn(ctx context.Context, tx *sql.Tx, c column) error {
	_, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE %[1]s SET "position" = r.rn FROM
	(SELECT "id" AS rid, row_number() OVER (ORDER BY "position", "id") AS rn FROM %[1]s WHERE %[2]s) AS r
	WHERE %[1]s."id" = r.rid`, c.table, c.where), c.args...)
	return err
}
