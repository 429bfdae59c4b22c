package store

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"rolo/model"
)

// Keyset paging. A sort is a list of keys ending with id, so every row has
// a unique position; a cursor is the sort-key values of a boundary row, and
// a page is "the next N rows after (or before) these values" — an index
// seek, never an OFFSET scan.
//
// Empty values sort last in both directions: a nullable key k orders as
// (k IS NULL) ASC, then k in the requested direction.
//
// What a sort on a reference means: relation and member fields sort by the
// referenced record's label / member's name, pipeline and stage fields by
// their position (board order), select fields by option order, currency by
// amount, list fields by their primary entry.

// sortKey is one ORDER BY key.
type sortKey struct {
	expr     string // SQL expression over the record query
	desc     bool
	nullable bool
}

// sortPlan is a resolved sort.
type sortPlan struct {
	keys  []sortKey // ends with id
	joins string    // extra joins the keys need (select option order)
	sig   string    // identifies the sort in cursors
}

func buildSortPlan(st *objState, sorts []model.Sort) (*sortPlan, error) {
	o := st.obj
	if len(sorts) == 0 {
		sorts = []model.Sort{{Field: o.LabelField}}
	}
	p := &sortPlan{}
	var sig []string
	var joins strings.Builder
	last := false
	for i, srt := range sorts {
		f, ok := o.Field(srt.Field)
		if !ok {
			return nil, fmt.Errorf("cannot sort %s by %q: no such field (fields: %s)", o.Name, srt.Field, strings.Join(o.FieldNames(), ", "))
		}
		k := sortKey{expr: q(f.Name), desc: srt.Desc, nullable: true}
		switch {
		case f.Name == model.FieldID:
			k.nullable = false
		case f.Name == model.FieldCreatedAt || f.Name == model.FieldUpdatedAt || f.Name == model.FieldPosition || f.Name == model.FieldActive:
			k.nullable = false
		case f.Type == model.TypeRelation || f.Type == model.TypeMember:
			if a, ok := st.sel.refs[f.Name]; ok {
				k.expr = q(a + "__label")
			}
		case f.Type == model.TypePipeline || f.Type == model.TypeStage:
			if a, ok := st.sel.refs[f.Name]; ok {
				k.expr = q(a + "__pos")
			}
		case f.Type == model.TypeSelect:
			a := fmt.Sprintf("s%d", i)
			fmt.Fprintf(&joins, ` LEFT JOIN (SELECT "value" AS %s, "position" AS %s FROM "select_options" WHERE "field_id" = %d) ON %s = %s`,
				q(a+"__v"), q(a+"__pos"), f.ID, q(a+"__v"), q(f.Name))
			k.expr = q(a + "__pos")
		}
		p.keys = append(p.keys, k)
		sig = append(sig, fmt.Sprintf("%s:%t", f.Name, srt.Desc))
		if f.Name == model.FieldID {
			last = true // id is unique: later keys could never matter
			break
		}
	}
	if !last {
		p.keys = append(p.keys, sortKey{expr: `"id"`, desc: p.keys[len(p.keys)-1].desc})
	}
	p.joins = joins.String()
	p.sig = strings.Join(sig, ",")
	return p, nil
}

// uniform reports whether the plan can page by row-value comparisons on
// an index: one direction throughout and no nullable key after the first.
func (p *sortPlan) uniform() bool {
	for i, k := range p.keys {
		if k.desc != p.keys[0].desc || (i > 0 && k.nullable) {
			return false
		}
	}
	return true
}

// cursorData is what a Cursor holds. Values are typed strings ("i:3",
// "f:1.5", "s:abc", "n") so int64 survives JSON exactly.
type cursorData struct {
	Sig  string   `json:"s"`
	Keys []string `json:"k"`
}

func encodeCursor(sig string, keys []any) model.Cursor {
	cd := cursorData{Sig: sig, Keys: make([]string, len(keys))}
	for i, k := range keys {
		switch x := k.(type) {
		case nil:
			cd.Keys[i] = "n"
		case int64:
			cd.Keys[i] = "i:" + strconv.FormatInt(x, 10)
		case float64:
			cd.Keys[i] = "f:" + strconv.FormatFloat(x, 'g', -1, 64)
		default:
			cd.Keys[i] = "s:" + asString(x)
		}
	}
	b, _ := json.Marshal(cd)
	return model.Cursor(base64.RawURLEncoding.EncodeToString(b))
}

var errBadCursor = errors.New("invalid cursor")

func decodeCursor(c model.Cursor, p *sortPlan) ([]any, error) {
	b, err := base64.RawURLEncoding.DecodeString(string(c))
	if err != nil {
		return nil, errBadCursor
	}
	var cd cursorData
	if err := json.Unmarshal(b, &cd); err != nil {
		return nil, errBadCursor
	}
	if cd.Sig != p.sig || len(cd.Keys) != len(p.keys) {
		return nil, fmt.Errorf("%w: it belongs to a different sort", errBadCursor)
	}
	out := make([]any, len(cd.Keys))
	for i, k := range cd.Keys {
		typ, val, _ := strings.Cut(k, ":")
		switch typ {
		case "n":
			out[i] = nil
		case "i":
			n, err := strconv.ParseInt(val, 10, 64)
			if err != nil {
				return nil, errBadCursor
			}
			out[i] = n
		case "f":
			f, err := strconv.ParseFloat(val, 64)
			if err != nil {
				return nil, errBadCursor
			}
			out[i] = f
		case "s":
			out[i] = val
		default:
			return nil, errBadCursor
		}
	}
	if out[len(out)-1] == nil {
		return nil, errBadCursor
	}
	return out, nil
}

// segment is one SELECT of a page fetch: its WHERE additions, ORDER BY and
// arguments.
type segment struct {
	where   string
	args    []any
	orderBy string
	// seek marks the segment that walks the first key's non-empty values
	// in index order (uniform sorts); desc is its direction.
	seek bool
	desc bool
}

// upTo is the condition "at or before a bound" in a walk in direction
// desc, over all keys: "(k1, k2) <= (?, ?)".
func (p *sortPlan) upTo(desc bool) string {
	exprs := make([]string, len(p.keys))
	for i, k := range p.keys {
		exprs[i] = k.expr
	}
	op := "<="
	if desc {
		op = ">="
	}
	return fmt.Sprintf("(%s) %s (%s)", strings.Join(exprs, ", "), op, placeholders(len(exprs)))
}

// segments plans the SELECTs that return the rows after boundary (nil: from
// the start) in sort order, or in reverse sort order when backward. Run in
// order, each until the page is full.
//
// Uniform sorts use row values, which SQLite turns into an index range:
// "(name, id) > (?, ?)". Rows whose first key is empty live in a segment of
// their own, after the others (before them when going backward). Other
// sorts get one query with the lexicographic comparison spelled out.
func (p *sortPlan) segments(boundary []any, backward bool) []segment {
	if p.uniform() {
		return p.uniformSegments(boundary, backward)
	}
	return []segment{p.genericSegment(boundary, backward)}
}

func dirSQL(desc bool) string {
	if desc {
		return " DESC"
	}
	return ""
}

func (p *sortPlan) uniformSegments(boundary []any, backward bool) []segment {
	d := p.keys[0].desc != backward
	op := ">"
	if d {
		op = "<"
	}
	mk := func(keys []sortKey, vals []any, where string) segment {
		var sg segment
		var order, exprs []string
		for _, k := range keys {
			order = append(order, k.expr+dirSQL(d))
			exprs = append(exprs, k.expr)
		}
		sg.orderBy = strings.Join(order, ", ")
		sg.where = where
		if vals != nil {
			cmp := fmt.Sprintf("(%s) %s (%s)", strings.Join(exprs, ", "), op, placeholders(len(exprs)))
			if sg.where != "" {
				sg.where += " AND "
			}
			sg.where += cmp
			sg.args = vals
		}
		return sg
	}
	k0 := p.keys[0]
	if !k0.nullable {
		return []segment{mk(p.keys, boundary, "")}
	}
	notNull := func(b []any) segment {
		sg := mk(p.keys, b, k0.expr+" IS NOT NULL")
		sg.seek, sg.desc = true, d
		return sg
	}
	isNull := func(b []any) segment {
		if b != nil {
			b = b[1:]
		}
		return mk(p.keys[1:], b, k0.expr+" IS NULL")
	}
	inNull := boundary != nil && boundary[0] == nil
	switch {
	case !backward && boundary == nil:
		return []segment{notNull(nil), isNull(nil)}
	case !backward && inNull:
		return []segment{isNull(boundary)}
	case !backward:
		return []segment{notNull(boundary), isNull(nil)}
	case boundary == nil:
		return []segment{isNull(nil), notNull(nil)}
	case inNull:
		return []segment{isNull(boundary), notNull(nil)}
	default:
		return []segment{notNull(boundary)}
	}
}

// genericSegment handles mixed directions and several nullable keys with
// one query: ORDER BY expands each nullable key to (k IS NULL), k; the
// boundary condition is the lexicographic "after" over those keys, written
// as an OR of prefixes. Keys whose boundary value is NULL drop out (every
// row in that group has NULL there too).
func (p *sortPlan) genericSegment(boundary []any, backward bool) segment {
	type ek struct {
		expr string
		desc bool
		val  any
	}
	var eks []ek
	var order []string
	for i, k := range p.keys {
		var bv any
		if boundary != nil {
			bv = boundary[i]
		}
		if k.nullable {
			isNull := "(" + k.expr + " IS NULL)"
			order = append(order, isNull+dirSQL(backward))
			eks = append(eks, ek{isNull, backward, boolInt(bv == nil)})
		}
		order = append(order, k.expr+dirSQL(k.desc != backward))
		if !k.nullable || bv != nil {
			eks = append(eks, ek{k.expr, k.desc != backward, bv})
		}
	}
	sg := segment{orderBy: strings.Join(order, ", ")}
	if boundary == nil {
		return sg
	}
	var ors []string
	for i, e := range eks {
		var ands []string
		for _, prev := range eks[:i] {
			ands = append(ands, prev.expr+" = ?")
			sg.args = append(sg.args, prev.val)
		}
		op := " > ?"
		if e.desc {
			op = " < ?"
		}
		ands = append(ands, e.expr+op)
		sg.args = append(sg.args, e.val)
		ors = append(ors, "("+strings.Join(ands, " AND ")+")")
	}
	sg.where = "(" + strings.Join(ors, " OR ") + ")"
	return sg
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
