package store

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"rolo/model"
)

// whereSQL compiles bound filter conditions into an SQL boolean expression
// over obj's table (unqualified column names) and its bound arguments.
// lookup finds other objects' metadata for relation conditions.
//
// A negated condition compiles to NOT COALESCE((expr), 0): SQL comparisons
// with NULL are NULL, and NOT NULL is still NULL, so without the COALESCE
// "-city:paris" would drop the rows that have no city at all. A plain
// condition stays (expr): the result is only ever used as a WHERE term
// ANDed with others, where NULL and false both exclude the row, and a
// bare "owner IN (...)" is a term SQLite can answer from an index, which
// COALESCE(...) is not. Identifiers come from metadata and are checked and
// double-quoted; every user value is a bound parameter.
func whereSQL(obj model.Object, conds []model.Cond, lookup func(name string) (model.Object, bool)) (string, []any, error) {
	if len(conds) == 0 {
		return "1", nil, nil
	}
	w := &fsqlWriter{obj: obj, lookup: lookup}
	parts := make([]string, 0, len(conds))
	for _, c := range conds {
		expr, err := w.cond(c)
		if err != nil {
			return "", nil, err
		}
		if c.Not {
			parts = append(parts, "NOT COALESCE(("+expr+"), 0)")
		} else {
			parts = append(parts, "("+expr+")")
		}
	}
	return strings.Join(parts, " AND "), w.args, nil
}

// fsqlWriter accumulates bound arguments in the order their placeholders
// appear, so every expression must be built left to right.
type fsqlWriter struct {
	obj    model.Object
	lookup func(string) (model.Object, bool)
	args   []any
}

// arg binds a value and returns its placeholder.
func (w *fsqlWriter) arg(v any) string {
	w.args = append(w.args, v)
	return "?"
}

var fsqlIdentRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// fsqlIdent double-quotes a table or column name after checking it is a
// plain identifier; metadata is validated on the way in, and this keeps a
// corrupt or hand-edited schema row from becoming SQL.
func fsqlIdent(s string) (string, error) {
	if !fsqlIdentRE.MatchString(s) {
		return "", fmt.Errorf("filter: %q is not a valid SQL identifier", s)
	}
	return `"` + s + `"`, nil
}

// fsqlLike is a LIKE pattern that finds s anywhere; used with ESCAPE '\'.
func fsqlLike(s string) string {
	return "%" + fsqlLikeEscape(s) + "%"
}

func fsqlLikeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// fsqlOr joins alternatives; one alternative needs no parentheses.
func fsqlOr(alts []string) string {
	if len(alts) == 1 {
		return alts[0]
	}
	return "(" + strings.Join(alts, " OR ") + ")"
}

// fsqlEach is a FROM clause over the entries of the JSON array in col, as
// rows of rolo_j.value. Two traps shape it. An empty string is a legal
// spelling of "none" and would abort the whole query with "malformed JSON",
// so non-JSON reads as NULL (no rows). And json_each's own columns (key,
// value, type, json, path, ...) shadow outer columns inside its arguments,
// so a field named "type" would silently read json_each's column: the outer
// column is first lifted into a one-row subquery where nothing shadows it.
func fsqlEach(col string) string {
	return "(SELECT " + col + " AS arr) AS rolo_src, " +
		"json_each(CASE WHEN json_valid(rolo_src.arr) THEN rolo_src.arr END) AS rolo_j"
}

// fsqlCmp maps a comparison Op to its SQL operator.
var fsqlCmp = map[model.Op]string{model.OpGt: ">", model.OpGe: ">=", model.OpLt: "<", model.OpLe: "<="}

func (w *fsqlWriter) cond(c model.Cond) (string, error) {
	if c.Via.Name != "" {
		return w.via(c)
	}
	expr, err := w.test(c)
	if err != nil || !c.OrEmpty {
		return expr, err
	}
	f, _ := w.obj.Field(c.Field.Name) // test checked it exists
	qcols, err := fsqlCols(f)
	if err != nil {
		return "", err
	}
	return "(" + expr + ") OR " + fsqlEmpty(f, qcols), nil
}

// via is a Cond on a related record's field (company.city:paris): the
// relation's id is among the live target records the rest of the Cond
// matches. A record with no related record gets NULL, which the caller
// turns into false, or into true when negated.
func (w *fsqlWriter) via(c model.Cond) (string, error) {
	rel, ok := w.obj.Field(c.Via.Name)
	if !ok || rel.Type != model.TypeRelation {
		return "", fmt.Errorf("filter: %s has no relation %q", w.obj.Name, c.Via.Name)
	}
	target, ok := w.lookup(rel.Target)
	if !ok {
		return "", fmt.Errorf("filter: no object %q for %s", rel.Target, rel.Name)
	}
	col, err := fsqlIdent(rel.Name)
	if err != nil {
		return "", err
	}
	table, err := fsqlIdent(target.Table())
	if err != nil {
		return "", err
	}
	inner := c
	inner.Via, inner.Not = model.Field{}, false
	outer := w.obj
	w.obj = target
	expr, err := w.cond(inner)
	w.obj = outer
	if err != nil {
		return "", err
	}
	return col + ` IN (SELECT "id" FROM ` + table + ` WHERE "deleted_at" IS NULL AND (` + expr + `))`, nil
}

// fsqlCols is the quoted columns of f.
func fsqlCols(f model.Field) ([]string, error) {
	cols := f.Columns()
	qcols := make([]string, len(cols))
	for i, col := range cols {
		q, err := fsqlIdent(col)
		if err != nil {
			return nil, err
		}
		qcols[i] = q
	}
	return qcols, nil
}

// test is the SQL of a Cond on a field of w.obj itself.
func (w *fsqlWriter) test(c model.Cond) (string, error) {
	// The object's own metadata decides the columns, not the Cond, so a
	// Cond bound against another object cannot reach foreign columns.
	f, ok := w.obj.Field(c.Field.Name)
	if !ok {
		return "", fmt.Errorf("filter: %s has no field %q", w.obj.Name, c.Field.Name)
	}
	qcols, err := fsqlCols(f)
	if err != nil {
		return "", err
	}
	col := qcols[0]
	if c.Op == model.OpEmpty {
		return fsqlEmpty(f, qcols), nil
	}
	if len(c.Values) == 0 {
		return "", fmt.Errorf("filter: %s %s has no value", f.Name, c.Op)
	}
	switch f.Type {
	case model.TypeText, model.TypeRichText:
		return w.text(col, c)
	case model.TypeEmails, model.TypePhones, model.TypeLinks:
		return w.list(f, qcols, c)
	case model.TypeCurrency:
		if c.Values[0].Str != "" { // currency codes (amount:EUR)
			return w.scalar(qcols[1], c, func(v model.Value) any { return v.Str })
		}
		return w.scalar(col, c, func(v model.Value) any { return fsqlNum(f, v) })
	case model.TypeNumber, model.TypeRating:
		return w.scalar(col, c, func(v model.Value) any { return fsqlNum(f, v) })
	case model.TypeDate:
		// An empty string counts as empty, and it sorts before every date.
		return w.scalar("NULLIF("+col+", '')", c, func(v model.Value) any { return v.Str })
	case model.TypeDateTime:
		return w.dateTime(col, c)
	case model.TypeBoolean:
		return w.boolean(col, c)
	case model.TypeSelect:
		return w.scalar(col, c, func(v model.Value) any { return v.Str })
	case model.TypeMultiSelect:
		return w.multi(col, c)
	case model.TypeRelation, model.TypeMember, model.TypePipeline, model.TypeStage:
		return w.ref(f, col, c)
	}
	return "", fmt.Errorf("filter: %s has type %q, which filters do not support", f.Name, f.Type)
}

// fsqlEmpty is the emptiness test: NULL, and for text and list columns
// also the empty string and the empty JSON array, which imports and older
// rows may hold.
func fsqlEmpty(f model.Field, qcols []string) string {
	col := qcols[0]
	switch f.Type {
	case model.TypeText, model.TypeRichText, model.TypeSelect, model.TypeDate:
		return "(" + col + " IS NULL OR " + col + " = '')"
	case model.TypeMultiSelect:
		return "(" + col + " IS NULL OR " + col + " IN ('', '[]'))"
	case model.TypeEmails, model.TypePhones, model.TypeLinks:
		more := qcols[1]
		return "(" + col + " IS NULL OR " + col + " = '') AND (" + more + " IS NULL OR " + more + " IN ('', '[]'))"
	}
	return col + " IS NULL"
}

// fsqlNum is the bound form of a numeric value: micros and ratings are
// integers; a whole number is bound as an integer too so that id and
// position comparisons stay exact.
func fsqlNum(f model.Field, v model.Value) any {
	if f.Type != model.TypeNumber {
		return v.Int
	}
	if v.Num == math.Trunc(v.Num) && math.Abs(v.Num) < 1<<53 {
		return int64(v.Num)
	}
	return v.Num
}

// scalar handles equality (any of the values) and comparisons on a column
// that holds one comparable value.
func (w *fsqlWriter) scalar(col string, c model.Cond, bind func(model.Value) any) (string, error) {
	if op, ok := fsqlCmp[c.Op]; ok {
		return col + " " + op + " " + w.arg(bind(c.Values[0])), nil
	}
	if c.Op != model.OpEq {
		return "", fmt.Errorf("filter: operator %s does not apply to %s", c.Op, c.Field.Name)
	}
	ph := make([]string, len(c.Values))
	for i, v := range c.Values {
		ph[i] = w.arg(bind(v))
	}
	return col + " IN (" + strings.Join(ph, ", ") + ")", nil
}

// match is the test of one text value against a column expression:
// case-insensitive equality or containment (beyond ASCII too, see
// fold.go). Phones compared for equality without a leading + match by
// their last digits, since stored numbers carry a country code people
// rarely type.
func (w *fsqlWriter) match(ft model.FieldType, x string, op model.Op, s string) (string, error) {
	if !isASCII(s) {
		x, s = "rolo_fold("+x+")", foldCase(s) // see fold.go
	}
	switch {
	case op == model.OpContains:
		return x + ` LIKE ` + w.arg(fsqlLike(s)) + ` ESCAPE '\'`, nil
	case op == model.OpEq && ft == model.TypePhones && !strings.HasPrefix(s, "+"):
		return x + ` LIKE ` + w.arg("%"+fsqlLikeEscape(s)) + ` ESCAPE '\'`, nil
	case op == model.OpEq:
		return x + " = " + w.arg(s) + " COLLATE NOCASE", nil
	}
	return "", fmt.Errorf("filter: operator %s does not apply to text", op)
}

func (w *fsqlWriter) matchAny(ft model.FieldType, x string, c model.Cond) (string, error) {
	alts := make([]string, len(c.Values))
	for i, v := range c.Values {
		m, err := w.match(ft, x, c.Op, v.Str)
		if err != nil {
			return "", err
		}
		alts[i] = m
	}
	return fsqlOr(alts), nil
}

func (w *fsqlWriter) text(col string, c model.Cond) (string, error) {
	return w.matchAny(model.TypeText, col, c)
}

// list matches emails, phones and links: the primary column or any entry
// of the JSON array of the others.
func (w *fsqlWriter) list(f model.Field, qcols []string, c model.Cond) (string, error) {
	primary, err := w.matchAny(f.Type, qcols[0], c)
	if err != nil {
		return "", err
	}
	more, err := w.matchAny(f.Type, "rolo_j.value", c)
	if err != nil {
		return "", err
	}
	return "(" + primary + " OR EXISTS (SELECT 1 FROM " + fsqlEach(qcols[1]) + " WHERE " + more + "))", nil
}

// dateTime handles OpBetween's [from, to) pairs and the comparisons Bind
// has already turned into millisecond bounds.
func (w *fsqlWriter) dateTime(col string, c model.Cond) (string, error) {
	if c.Op != model.OpBetween {
		return w.scalar(col, c, func(v model.Value) any { return v.Int })
	}
	if len(c.Values)%2 != 0 {
		return "", fmt.Errorf("filter: %s needs from/to pairs", c.Field.Name)
	}
	var alts []string
	for i := 0; i < len(c.Values); i += 2 {
		lo := w.arg(c.Values[i].Int)
		hi := w.arg(c.Values[i+1].Int)
		alts = append(alts, "("+col+" >= "+lo+" AND "+col+" < "+hi+")")
	}
	return fsqlOr(alts), nil
}

// boolean treats an unset checkbox as "no": nobody ticked it.
func (w *fsqlWriter) boolean(col string, c model.Cond) (string, error) {
	if c.Op != model.OpEq {
		return "", fmt.Errorf("filter: operator %s does not apply to %s", c.Op, c.Field.Name)
	}
	alts := make([]string, len(c.Values))
	for i, v := range c.Values {
		alts[i] = "COALESCE(" + col + ", 0) = " + w.arg(v.Int)
	}
	return fsqlOr(alts), nil
}

// multi matches a multi-select's JSON array of option values: any of the
// values (OpEq), or exactly the set (OpExactly).
func (w *fsqlWriter) multi(col string, c model.Cond) (string, error) {
	in := func() string {
		ph := make([]string, len(c.Values))
		for i, v := range c.Values {
			ph[i] = w.arg(v.Str)
		}
		return "(" + strings.Join(ph, ", ") + ")"
	}
	switch c.Op {
	case model.OpEq:
		return "EXISTS (SELECT 1 FROM " + fsqlEach(col) + " WHERE rolo_j.value IN " + in() + ")", nil
	case model.OpExactly:
		distinct := map[string]bool{}
		for _, v := range c.Values {
			distinct[v.Str] = true
		}
		has := "(SELECT count(DISTINCT rolo_j.value) FROM " + fsqlEach(col) + " WHERE rolo_j.value IN " + in() + ") = " +
			w.arg(int64(len(distinct)))
		others := "NOT EXISTS (SELECT 1 FROM " + fsqlEach(col) + " WHERE rolo_j.value NOT IN " + in() + ")"
		return "(" + has + " AND " + others + ")", nil
	}
	return "", fmt.Errorf("filter: operator %s does not apply to %s", c.Op, c.Field.Name)
}

// ref matches relation, member, pipeline and stage columns: ids directly,
// names through a subquery on the referenced table. Ids are bound first
// because they come first in the SQL.
func (w *fsqlWriter) ref(f model.Field, col string, c model.Cond) (string, error) {
	if c.Op != model.OpEq && c.Op != model.OpContains {
		return "", fmt.Errorf("filter: operator %s does not apply to %s", c.Op, f.Name)
	}
	isID := func(v model.Value) bool { return v.Int > 0 && c.Op == model.OpEq }
	var alts, ids, names []string
	for _, v := range c.Values {
		if isID(v) {
			ids = append(ids, w.arg(v.Int))
		}
	}
	if len(ids) > 0 {
		alts = append(alts, col+" IN ("+strings.Join(ids, ", ")+")")
	}
	if len(ids) == len(c.Values) {
		return fsqlOr(alts), nil // no names: the target table is not needed
	}
	table, nameCols, err := w.refTable(f)
	if err != nil {
		return "", err
	}
	for _, v := range c.Values {
		if isID(v) {
			continue
		}
		for _, nc := range nameCols {
			m, err := w.match(model.TypeText, nc, c.Op, v.Ref)
			if err != nil {
				return "", err
			}
			names = append(names, m)
		}
		switch v.Str { // stage kinds, see model.Cond
		case string(model.StageIncoming), string(model.StageWon), string(model.StageLost):
			names = append(names, `"kind" = `+w.arg(v.Str))
		case "open":
			names = append(names, `COALESCE("kind", '') NOT IN ('won', 'lost')`)
		case "closed":
			names = append(names, `"kind" IN ('won', 'lost')`)
		}
	}
	alts = append(alts, col+` IN (SELECT "id" FROM `+table+" WHERE "+strings.Join(names, " OR ")+")")
	return fsqlOr(alts), nil
}

// refTable is the table a reference points into and the columns that name
// its rows: a relation's target object and its label field; the fixed
// members, pipelines and stages tables otherwise.
func (w *fsqlWriter) refTable(f model.Field) (string, []string, error) {
	switch f.Type {
	case model.TypeMember:
		return `"members"`, []string{`"login"`, `"name"`, `"email"`}, nil
	case model.TypePipeline:
		return `"pipelines"`, []string{`"name"`}, nil
	case model.TypeStage:
		return `"stages"`, []string{`"name"`}, nil
	}
	if w.lookup == nil {
		return "", nil, fmt.Errorf("filter: cannot resolve %s: no object lookup", f.Name)
	}
	target, ok := w.lookup(f.Target)
	if !ok {
		return "", nil, fmt.Errorf("filter: %s points at unknown object %q", f.Name, f.Target)
	}
	label, ok := target.Field(target.LabelField)
	if !ok {
		return "", nil, fmt.Errorf("filter: %s has no label field to match %s by name", target.Name, f.Name)
	}
	table, err := fsqlIdent(target.Table())
	if err != nil {
		return "", nil, err
	}
	lc, err := fsqlIdent(label.Columns()[0])
	if err != nil {
		return "", nil, err
	}
	return table, []string{lc}, nil
}
