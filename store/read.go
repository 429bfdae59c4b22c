package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"rolo/model"
)

// selectSpec is the SELECT that reads an object's records with every
// reference resolved to a display name in the same query (no N+1).
//
// Each reference joins a subquery whose columns are renamed "rN__id",
// "rN__label" (and "rN__pos" for stages and pipelines). "__" cannot occur
// in user field names, so the object's own columns stay unambiguous and
// filter SQL may name them unqualified. SQLite flattens these subqueries
// into primary-key lookups.
type selectSpec struct {
	cols  []string // select list
	joins string   // LEFT JOIN clauses
	slots []slot   // one per field, in obj.Fields order
	// refs maps a reference field to its join alias, for sorting by the
	// referenced name (or position).
	refs map[string]string
	byID string // SELECT of one record by id
}

type slot struct {
	field model.Field
	start int // first column in the select list
	n     int // number of columns
	ref   int // select-list index of the display name, or -1
}

func buildSelect(c *metaCache, st *objState) *selectSpec {
	sp := &selectSpec{refs: map[string]string{}}
	var joins strings.Builder
	n := 0
	for _, f := range st.obj.Fields {
		sl := slot{field: f, start: len(sp.cols), ref: -1}
		for _, col := range f.Columns() {
			sp.cols = append(sp.cols, q(col))
		}
		sl.n = len(sp.cols) - sl.start
		var sub string
		switch f.Type {
		case model.TypeRelation:
			if t, ok := c.byName[f.Target]; ok {
				sub = fmt.Sprintf(`SELECT "id" AS %%[1]s, %s AS %%[2]s FROM %s`, q(t.obj.LabelField), q(t.obj.Table()))
			}
		case model.TypeMember:
			sub = `SELECT "id" AS %[1]s, coalesce(nullif("name", ''), "login") AS %[2]s FROM "members"`
		case model.TypePipeline:
			sub = `SELECT "id" AS %[1]s, "name" AS %[2]s, "position" AS %[3]s FROM "pipelines"`
		case model.TypeStage:
			sub = `SELECT "id" AS %[1]s, "name" AS %[2]s, "position" AS %[3]s FROM "stages"`
		}
		if sub != "" {
			n++
			alias := fmt.Sprintf("r%d", n)
			idc, labc, posc := q(alias+"__id"), q(alias+"__label"), q(alias+"__pos")
			fmt.Fprintf(&joins, " LEFT JOIN (%s) ON %s = %s", fmt.Sprintf(sub, idc, labc, posc), idc, q(f.Name))
			sl.ref = len(sp.cols)
			sp.cols = append(sp.cols, labc)
			sp.refs[f.Name] = alias
		}
		sp.slots = append(sp.slots, sl)
	}
	sp.joins = joins.String()
	sp.byID = fmt.Sprintf(`SELECT %s FROM %s WHERE "id" = ?`, strings.Join(sp.cols, ", "), sp.from(st.obj))
	return sp
}

// from is "table + joins", the FROM clause of every record read.
func (sp *selectSpec) from(o model.Object) string {
	return q(o.Table()) + sp.joins
}

// scanRecord reads one row of sp.cols followed by extra columns, which are
// returned as they came (sort keys for cursors).
func scanRecord(rows *sql.Rows, o model.Object, sp *selectSpec, extra int) (model.Record, []any, error) {
	raw := make([]any, len(sp.cols)+extra)
	ptrs := make([]any, len(raw))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return model.Record{}, nil, err
	}
	return makeRecord(o, sp, raw), raw[len(sp.cols):], nil
}

func makeRecord(o model.Object, sp *selectSpec, raw []any) model.Record {
	r := model.Record{Object: o.Name, Values: make(map[string]model.Value, len(sp.slots))}
	for _, sl := range sp.slots {
		v := decode(sl.field, raw[sl.start:sl.start+sl.n])
		if sl.ref >= 0 && v.Valid {
			v.Ref = asString(raw[sl.ref])
		}
		r.Values[sl.field.Name] = v
	}
	// id is described as a number field (so filters treat it as one); its
	// value is in Num like any number.
	r.ID = int64(r.Values[model.FieldID].Num)
	r.Label = r.Values[o.LabelField].Str
	return r
}

// getRecord reads one record (live or soft-deleted) by id.
func getRecord(ctx context.Context, qr querier, st *objState, id int64) (model.Record, error) {
	rows, err := qr.QueryContext(ctx, st.sel.byID, id)
	if err != nil {
		return model.Record{}, err
	}
	return readOne(rows, st, id)
}

func readOne(rows *sql.Rows, st *objState, id int64) (model.Record, error) {
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return model.Record{}, err
		}
		return model.Record{}, notFound("%s #%d", st.obj.Singular, id)
	}
	rec, _, err := scanRecord(rows, st.obj, st.sel, 0)
	return rec, err
}

// Get reads a record, live or soft-deleted (see Values["deleted_at"]).
func (s *Store) Get(ctx context.Context, object string, id int64) (model.Record, error) {
	st, err := s.state(object)
	if err != nil {
		return model.Record{}, err
	}
	rows, err := s.queryCached(ctx, st.sel.byID, id)
	if err != nil {
		return model.Record{}, err
	}
	return readOne(rows, st, id)
}
