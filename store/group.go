package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"rolo/model"
)

// GroupBy counts and aggregates live records matching f, grouped by one
// field's stored value. Sums, averages, minima and maxima run in SQL over
// the stored column (currency in micros). If any aggregate is over a
// currency field, groups are also split by that field's currency code
// (Group.Code), since amounts in different currencies do not add up.
// Groups come in the field's natural order: option order for selects,
// board order for stages and pipelines, stored value otherwise; empty last.
func (s *Store) GroupBy(ctx context.Context, object, field string, f model.Filter, aggs []model.Aggregate) ([]model.Group, error) {
	return s.groupBy(ctx, object, field, f, aggs, "", nil)
}

// groupQuery builds the GROUP BY statement; it returns the grouped field
// and how many aggregate columns follow the key, code and count.
func (s *Store) groupQuery(object, field string, f model.Filter, aggs []model.Aggregate, extra string, extraArgs []any) (query string, args []any, gf model.Field, naggs int, err error) {
	return s.groupQueryHint("", object, field, f, aggs, extra, extraArgs)
}

// groupQueryHint is groupQuery with an index hint after the table name
// ("NOT INDEXED", or "" to let the planner choose).
func (s *Store) groupQueryHint(hint, object, field string, f model.Filter, aggs []model.Aggregate, extra string, extraArgs []any) (query string, args []any, gf model.Field, naggs int, err error) {
	c := s.meta()
	st, err := c.find(object)
	if err != nil {
		return "", nil, gf, 0, err
	}
	o := st.obj
	gf, ok := o.Field(field)
	if !ok {
		return "", nil, gf, 0, fmt.Errorf("cannot group %s by %q: no such field (fields: %s)", o.Name, field, strings.Join(o.FieldNames(), ", "))
	}
	sel := []string{q(gf.Name)}
	groupCols := []string{q(gf.Name)}
	codeCol := ""
	var aggExprs []string
	for _, a := range aggs {
		fn := strings.ToLower(a.Func)
		if fn == "count" {
			aggExprs = append(aggExprs, "count(*)")
			continue
		}
		switch fn {
		case "sum", "avg", "min", "max":
		default:
			return "", nil, gf, 0, fmt.Errorf("unknown aggregate %q (expected count, sum, avg, min or max)", a.Func)
		}
		af, ok := o.Field(a.Field)
		if !ok {
			return "", nil, gf, 0, fmt.Errorf("%s has no field %q to %s", o.Name, a.Field, fn)
		}
		switch af.Type {
		case model.TypeNumber, model.TypeCurrency, model.TypeRating:
		case model.TypeDate, model.TypeDateTime:
			if fn == "sum" || fn == "avg" {
				return "", nil, gf, 0, fmt.Errorf("cannot %s %s (a %s field)", fn, af.Name, af.Type)
			}
		default:
			return "", nil, gf, 0, fmt.Errorf("cannot %s %s (a %s field)", fn, af.Name, af.Type)
		}
		if af.Type == model.TypeCurrency && codeCol == "" {
			codeCol = q(af.Name + "__code")
		}
		aggExprs = append(aggExprs, fmt.Sprintf("%s(%s)", fn, q(af.Name)))
	}
	if codeCol != "" {
		sel = append(sel, codeCol)
		groupCols = append(groupCols, codeCol)
	} else {
		sel = append(sel, "NULL")
	}
	sel = append(sel, "count(*)")
	sel = append(sel, aggExprs...)

	fw, fargs, err := s.filterSQL(c, st, f)
	if err != nil {
		return "", nil, gf, 0, err
	}
	// Inactive records are left out as in lists and counts (activeCond),
	// so a board's totals add up to the cards it shows.
	where := `"deleted_at" IS NULL` + activeCond(f, false) + ` AND (` + fw + `)`
	args = append([]any{}, fargs...)
	if extra != "" {
		where += " AND " + extra
		args = append(args, extraArgs...)
	}
	from := q(o.Table())
	if hint != "" {
		from += " " + hint
	}
	query = fmt.Sprintf("SELECT %s FROM %s WHERE %s GROUP BY %s", strings.Join(sel, ", "), from, where, strings.Join(groupCols, ", "))
	return query, args, gf, len(aggExprs), nil
}

func (s *Store) groupBy(ctx context.Context, object, field string, f model.Filter, aggs []model.Aggregate, extra string, extraArgs []any) ([]model.Group, error) {
	return s.groupByHint(ctx, "", object, field, f, aggs, extra, extraArgs)
}

func (s *Store) groupByHint(ctx context.Context, hint, object, field string, f model.Filter, aggs []model.Aggregate, extra string, extraArgs []any) ([]model.Group, error) {
	query, args, gf, naggs, err := s.groupQueryHint(hint, object, field, f, aggs, extra, extraArgs)
	if err != nil {
		return nil, err
	}
	rows, err := s.queryCached(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type keyed struct {
		g    model.Group
		null bool
		raw  any
	}
	var gs []keyed
	for rows.Next() {
		raw := make([]any, 3+naggs)
		ptrs := make([]any, len(raw))
		for i := range raw {
			ptrs[i] = &raw[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		g := model.Group{Key: asString(raw[0]), Code: asString(raw[1]), Count: asInt(raw[2])}
		g.Results = make([]float64, naggs)
		for i := range naggs {
			g.Results[i] = asFloat(raw[3+i])
		}
		gs = append(gs, keyed{g, raw[0] == nil, raw[0]})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// Natural order of keys.
	rank := map[string]int{}
	switch gf.Type {
	case model.TypeSelect:
		for _, opt := range gf.Options {
			rank[opt.Value] = opt.Position
		}
	case model.TypeStage, model.TypePipeline:
		table := "stages"
		if gf.Type == model.TypePipeline {
			table = "pipelines"
		}
		prow, err := s.db.QueryContext(ctx, `SELECT id, position FROM `+table)
		if err != nil {
			return nil, err
		}
		for prow.Next() {
			var id int64
			var pos int
			if err := prow.Scan(&id, &pos); err != nil {
				prow.Close()
				return nil, err
			}
			rank[fmt.Sprint(id)] = pos
		}
		prow.Close()
	}
	sort.SliceStable(gs, func(i, j int) bool {
		a, b := gs[i], gs[j]
		if a.null != b.null {
			return b.null
		}
		if len(rank) > 0 {
			ra, oka := rank[a.g.Key]
			rb, okb := rank[b.g.Key]
			if oka != okb {
				return oka
			}
			if ra != rb {
				return ra < rb
			}
		} else if a.g.Key != b.g.Key {
			if isNumber(a.raw) && isNumber(b.raw) {
				return asFloat(a.raw) < asFloat(b.raw)
			}
			return a.g.Key < b.g.Key
		}
		return a.g.Code < b.g.Code
	})
	out := make([]model.Group, len(gs))
	for i, k := range gs {
		out[i] = k.g
	}
	return out, nil
}
