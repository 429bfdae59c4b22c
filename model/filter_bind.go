package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// filterBinder turns parsed Terms into typed Conds for one object.
type filterBinder struct {
	src string
	obj Object
	env FilterEnv
}

// Errors point at the most specific part of the term that is wrong. Terms
// built by hand have no spans; they fall back to the whole term.
func (b *filterBinder) errAt(t Term, sp Span, format string, args ...any) *FilterError {
	if sp == (Span{}) {
		sp = Span{t.Pos, t.End}
	}
	return filterErr(b.src, sp, fmt.Sprintf(format, args...))
}

func (b *filterBinder) valueSpan(t Term, i int) Span {
	if i < len(t.ValueSpans) {
		return t.ValueSpans[i]
	}
	return Span{}
}

// termText is the term as written, for messages like "amount>abc: ...".
func (b *filterBinder) termText(t Term) string {
	if t.Pos >= 0 && t.Pos < t.End && t.End <= len(b.src) {
		return b.src[t.Pos:t.End]
	}
	return t.String()
}

func (b *filterBinder) bind(t Term) (Cond, error) {
	via, f, err := b.path(t)
	if err != nil {
		return Cond{}, err
	}
	c := Cond{Term: t, Field: f, Via: via, Not: t.Not, OrEmpty: t.OrEmpty}
	if err := b.op(t, &c); err != nil {
		return Cond{}, err
	}
	if c.OrEmpty && c.Op == OpExactly {
		return Cond{}, b.errAt(t, t.OpSpan, "%s: a set with empty asks what %s has, so write %s:(…|empty)",
			b.termText(t), f.Name, f.Name)
	}
	if c.Op == OpEmpty {
		return c, nil
	}
	if len(t.Values) == 0 {
		return Cond{}, b.errAt(t, Span{}, "%s: missing value", b.termText(t))
	}
	for i, v := range t.Values {
		if v == "" {
			return Cond{}, b.errAt(t, b.valueSpan(t, i), "%s: empty value (to find records without %s, write %s:empty)",
				b.termText(t), f.Name, f.Name)
		}
	}
	if err := b.values(t, &c); err != nil {
		return Cond{}, err
	}
	return c, nil
}

// fltAliases are the short names people type for standard fields. Each
// applies only when the object has the target field.
var fltAliases = map[string]string{
	"created":     FieldCreatedAt,
	"updated":     FieldUpdatedAt,
	"deleted":     FieldDeletedAt,
	"creator":     FieldCreatedBy,
	"responsible": FieldOwner,
	"close":       "close_date",
	"email":       "emails",
	"phone":       "phones",
	"link":        "links",
	"url":         "links",
	"tag":         "tags",
}

// fltNormName folds a typed field name or label for comparison: case,
// and spaces or dashes standing for underscores ("Job title" → job_title).
func fltNormName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

// field resolves the term's field: by name, then label, then alias, then
// a unique prefix of a name. A bare word uses the object's label field.
func (b *filterBinder) field(t Term) (Field, error) {
	if t.Field == "" {
		if f, ok := b.obj.Field(b.obj.LabelField); ok {
			return f, nil
		}
		return Field{}, b.errAt(t, Span{}, "bare words search the label field, but %s has none: write field:value", b.obj.Name)
	}
	return b.fieldIn(b.obj, t.Field, t, t.FieldSpan)
}

// path resolves a term's field, which may be a relation's field written
// with a dot (company.city: the city of the person's company). via is the
// relation, or the zero Field when the term names a field of obj itself.
func (b *filterBinder) path(t Term) (via, f Field, err error) {
	head, tail, dotted := strings.Cut(t.Field, ".")
	if !dotted {
		f, err := b.field(t)
		return Field{}, f, err
	}
	if f, err := b.fieldIn(b.obj, t.Field, t, t.FieldSpan); err == nil {
		return Field{}, f, nil // a field whose name has a dot
	}
	// Point at the part that is wrong; a quoted name has no exact offsets.
	hs, ts := t.FieldSpan, t.FieldSpan
	if sp := t.FieldSpan; sp.End-sp.Pos == len(t.Field) {
		hs, ts = Span{sp.Pos, sp.Pos + len(head)}, Span{sp.Pos + len(head) + 1, sp.End}
	}
	via, err = b.fieldIn(b.obj, head, t, hs)
	if err != nil {
		return Field{}, Field{}, err
	}
	if via.Type != TypeRelation {
		return Field{}, Field{}, b.errAt(t, hs, "%s is %s: only a relation's fields can follow a dot, as in company.city",
			via.Name, fltTypeWords(via))
	}
	target, ok := Object{}, false
	if b.env.Lookup != nil {
		target, ok = b.env.Lookup(via.Target)
	}
	if !ok {
		return Field{}, Field{}, b.errAt(t, hs, "%s: its records (%s) cannot be looked into here", via.Name, via.Target)
	}
	if strings.Contains(tail, ".") {
		return Field{}, Field{}, b.errAt(t, ts, "one step only: %s.%s, not a path through %s", head, strings.Split(tail, ".")[0], tail)
	}
	f, err = b.fieldIn(target, tail, t, ts)
	return via, f, err
}

// fieldIn finds the field of obj a term calls name: by name, by label, by
// alias, or by a unique prefix of a name; sp is where name is in the term.
func (b *filterBinder) fieldIn(obj Object, name string, t Term, sp Span) (Field, error) {
	want := fltNormName(name)
	for _, f := range obj.Fields {
		if fltNormName(f.Name) == want {
			return f, nil
		}
	}
	for _, f := range obj.Fields {
		if f.Label != "" && fltNormName(f.Label) == want {
			return f, nil
		}
	}
	if target, ok := fltAliases[want]; ok {
		if f, ok := obj.Field(target); ok {
			return f, nil
		}
	}
	var matches []Field
	for _, f := range obj.Fields {
		if strings.HasPrefix(f.Name, want) {
			matches = append(matches, f)
		}
	}
	if len(matches) == 1 {
		return matches[0], nil
	}
	if len(matches) > 1 {
		names := make([]string, len(matches))
		for i, f := range matches {
			names[i] = f.Name
		}
		return Field{}, b.errAt(t, sp, "field %q is ambiguous: it could be %s", name, strings.Join(names, ", "))
	}
	return Field{}, b.errAt(t, sp, "unknown field %q (%s has: %s)", name, obj.Name, strings.Join(obj.FieldNames(), ", "))
}

// fltTypeWords describes a field's type for messages: "a currency field".
func fltTypeWords(f Field) string {
	switch f.Type {
	case TypeDateTime:
		return "a date-time field"
	case TypeBoolean:
		return "a yes/no field"
	case TypeMultiSelect:
		return "a multi-select field"
	case TypeRichText:
		return "a rich-text field"
	case TypeEmails:
		return "an emails field"
	case TypeRelation:
		if f.Target != "" {
			return "a relation to " + f.Target
		}
	}
	return "a " + string(f.Type) + " field"
}

func fltComparable(t FieldType) bool {
	switch t {
	case TypeNumber, TypeCurrency, TypeRating, TypeDate, TypeDateTime:
		return true
	}
	return false
}

func fltContainable(t FieldType) bool {
	switch t {
	case TypeNumber, TypeCurrency, TypeRating, TypeDate, TypeDateTime, TypeBoolean:
		return false
	}
	return true
}

// fltTextLike are the types where ":" means "contains".
func fltTextLike(t FieldType) bool {
	switch t {
	case TypeText, TypeRichText, TypeEmails, TypePhones, TypeLinks:
		return true
	}
	return false
}

// op sets c.Op (and flips c.Not for !=) from the typed operator and the
// field's type, or explains why the operator does not fit.
func (b *filterBinder) op(t Term, c *Cond) error {
	ft := c.Field.Type
	switch t.Op {
	case OpEmpty:
		c.Op = OpEmpty
	case OpIs:
		c.Op = OpEq
		if fltTextLike(ft) {
			c.Op = OpContains
		}
	case OpNe:
		c.Not = !c.Not
		fallthrough
	case OpEq:
		c.Op = OpEq
		if ft == TypeMultiSelect {
			c.Op = OpExactly
		}
	case OpContains:
		if !fltContainable(ft) {
			return b.errAt(t, t.OpSpan, "~ needs a text-like field (text, emails, phones, links, select, relation, member, pipeline, stage); %s is %s",
				c.Field.Name, fltTypeWords(c.Field))
		}
		c.Op = OpContains
	case OpGt, OpGe, OpLt, OpLe:
		if !fltComparable(ft) {
			return b.errAt(t, t.OpSpan, "%s needs a number, currency, rating, date or date-time field; %s is %s",
				t.Op, c.Field.Name, fltTypeWords(c.Field))
		}
		if t.Set || len(t.Values) > 1 {
			return b.errAt(t, Span{t.OpSpan.Pos, t.End}, "%s compares with one value; a set (a|b) works with :, =, != and ~", t.Op)
		}
		c.Op = t.Op
	default:
		return b.errAt(t, t.OpSpan, "unknown operator %q", t.Op)
	}
	return nil
}

// values types t.Values for c.Field into c.Values, and may rewrite c.Op
// where the type needs it (date-time ranges, select "~").
func (b *filterBinder) values(t Term, c *Cond) error {
	f := c.Field
	bad := func(i int, expected string) error {
		return b.errAt(t, b.valueSpan(t, i), "%s: expected %s", b.termText(t), expected)
	}
	switch f.Type {
	case TypeText, TypeRichText, TypeEmails, TypeLinks:
		for _, v := range t.Values {
			c.Values = append(c.Values, Value{Valid: true, Str: v})
		}
	case TypePhones:
		// Stored phones are E.164; drop the punctuation people type so
		// "(415) 555-01" still finds +141555501.. by its digits.
		for i, v := range t.Values {
			s := strings.Map(func(r rune) rune {
				if strings.ContainsRune(" -().\u00a0", r) {
					return -1
				}
				return r
			}, v)
			if s == "" {
				return bad(i, "a phone number or some of its digits")
			}
			c.Values = append(c.Values, Value{Valid: true, Str: s})
		}
	case TypeNumber:
		for i, v := range t.Values {
			x, ok := fltParseNumber(v)
			if !ok {
				return bad(i, "a number, like 5000, -2.5 or 10k")
			}
			c.Values = append(c.Values, Value{Valid: true, Num: x})
		}
	case TypeCurrency:
		// With : or =, a currency code asks which currency the amount is
		// in (amount:EUR); a set holds codes or amounts, not both.
		codes := 0
		for i, v := range t.Values {
			if cur, ok := LookupCurrency(v); ok && c.Op == OpEq && len(v) == 3 {
				c.Values = append(c.Values, Value{Valid: true, Str: cur.Code})
				codes++
				continue
			}
			n, ok := fltParseMicros(v)
			if !ok && c.Op == OpEq {
				return bad(i, "an amount, like 5000, 19.99 or 10k (compared in the field's own currency), or a currency code like EUR")
			}
			if !ok {
				return bad(i, "an amount, like 5000, 19.99 or 10k (compared in the field's own currency)")
			}
			c.Values = append(c.Values, Value{Valid: true, Int: n})
		}
		if codes > 0 && codes < len(c.Values) {
			return b.errAt(t, Span{}, "%s: a set holds amounts or currency codes, not both", b.termText(t))
		}
	case TypeRating:
		for i, v := range t.Values {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 5 {
				return bad(i, "a rating from 1 to 5")
			}
			c.Values = append(c.Values, Value{Valid: true, Int: int64(n)})
		}
	case TypeBoolean:
		for i, v := range t.Values {
			n, ok := fltParseBool(v)
			if !ok {
				return bad(i, "yes or no (true/false, y/n, 1/0, on/off)")
			}
			c.Values = append(c.Values, Value{Valid: true, Int: n})
		}
	case TypeDate:
		for i, v := range t.Values {
			tm, ok := fltParseTime(v, b.env.Now, false)
			if !ok {
				return bad(i, b.dateExpected(v))
			}
			c.Values = append(c.Values, Value{Valid: true, Str: tm.from.Format("2006-01-02")})
		}
	case TypeDateTime:
		return b.dateTimeValues(t, c, bad)
	case TypeSelect, TypeMultiSelect:
		return b.optionValues(t, c)
	case TypeRelation, TypeMember, TypePipeline, TypeStage:
		return b.refValues(t, c, bad)
	default:
		return b.errAt(t, t.FieldSpan, "%s has type %q, which filters do not support", f.Name, f.Type)
	}
	return nil
}

func (b *filterBinder) dateExpected(v string) string {
	if fltIsUnsignedOffset(v) {
		return fmt.Sprintf("-%s (%s ago) or +%s (%s ahead)", v, v, v, v)
	}
	return fltDateExpected
}

// dateTimeValues turns each literal into milliseconds. A comparison uses
// one end of the literal's range, so "created>2026-01-05" starts after
// that whole day and "created<=today" includes all of today; an equality
// becomes OpBetween over the range, widened to the day for relative
// points, which would otherwise match a single millisecond.
func (b *filterBinder) dateTimeValues(t Term, c *Cond, bad func(int, string) error) error {
	var ranges []fltTime
	for i, v := range t.Values {
		tm, ok := fltParseTime(v, b.env.Now, true)
		if !ok {
			exp := b.dateExpected(v)
			if exp == fltDateExpected {
				exp = "a date or time like 2026-12-31, 2026-12-31T09:30, today, now, or an offset like -30d, +2w, -6h"
			}
			return bad(i, exp)
		}
		if tm.point && c.Op == OpEq {
			loc := b.env.Now.Location()
			y, m, d := tm.from.In(loc).Date()
			from := time.Date(y, m, d, 0, 0, 0, 0, loc)
			tm = fltTime{from: from, to: from.AddDate(0, 0, 1)}
		}
		ranges = append(ranges, tm)
	}
	ms := func(x int64) Value { return Value{Valid: true, Int: x} }
	switch c.Op {
	case OpEq:
		c.Op = OpBetween
		for _, r := range ranges {
			c.Values = append(c.Values, ms(r.from.UnixMilli()), ms(r.to.UnixMilli()))
		}
	case OpGt: // after the whole range
		c.Op, c.Values = OpGe, []Value{ms(ranges[0].to.UnixMilli())}
	case OpGe:
		c.Values = []Value{ms(ranges[0].from.UnixMilli())}
	case OpLt:
		c.Values = []Value{ms(ranges[0].from.UnixMilli())}
	case OpLe: // up to the end of the range
		c.Op, c.Values = OpLt, []Value{ms(ranges[0].to.UnixMilli())}
	}
	return nil
}

// optionValues resolves select and multi-select values against the
// field's options, by value or label, case-insensitively. "~" becomes an
// equality with every option whose value or label contains the text, so
// the SQL only ever compares stored option values.
func (b *filterBinder) optionValues(t Term, c *Cond) error {
	f := c.Field
	seen := map[string]bool{}
	add := func(v string) {
		if !seen[v] {
			seen[v] = true
			c.Values = append(c.Values, Value{Valid: true, Str: v})
		}
	}
	for i, v := range t.Values {
		found := false
		for _, o := range f.Options {
			var hit bool
			if c.Op == OpContains {
				lv := strings.ToLower(v)
				hit = strings.Contains(strings.ToLower(o.Value), lv) || strings.Contains(strings.ToLower(o.Label), lv)
			} else {
				hit = strings.EqualFold(o.Value, v) || strings.EqualFold(o.Label, v)
			}
			if hit {
				add(o.Value)
				found = true
			}
		}
		if !found {
			what := "no option"
			if c.Op == OpContains {
				what = "no option containing"
			}
			return b.errAt(t, b.valueSpan(t, i), "%s has %s %q (options: %s)", f.Name, what, v, fltOptionList(f))
		}
	}
	if c.Op == OpContains {
		c.Op = OpEq
	}
	return nil
}

func fltOptionList(f Field) string {
	if len(f.Options) == 0 {
		return "none"
	}
	names := make([]string, len(f.Options))
	for i, o := range f.Options {
		names[i] = o.Value
	}
	return strings.Join(names, ", ")
}

// fltStageKinds are the words that match stages by kind as well as name.
var fltStageKinds = []string{string(StageIncoming), string(StageWon), string(StageLost), "open", "closed"}

// refValues reads references: "#12" is an id, "@me" the current member,
// "@login" a member's login, anything else a name the store resolves.
func (b *filterBinder) refValues(t Term, c *Cond, bad func(int, string) error) error {
	f := c.Field
	for i, v := range t.Values {
		if c.Op == OpContains {
			c.Values = append(c.Values, Value{Valid: true, Ref: v})
			continue
		}
		if id, ok := strings.CutPrefix(v, "#"); ok {
			n, err := strconv.ParseInt(id, 10, 64)
			if err != nil || n <= 0 {
				return bad(i, "an id after #, like #12")
			}
			c.Values = append(c.Values, Value{Valid: true, Int: n})
			continue
		}
		if login, ok := strings.CutPrefix(v, "@"); ok {
			if f.Type != TypeMember {
				return b.errAt(t, b.valueSpan(t, i), "%s: @ names a member, but %s is %s", b.termText(t), f.Name, fltTypeWords(f))
			}
			if strings.EqualFold(login, "me") {
				if b.env.Me <= 0 {
					return b.errAt(t, b.valueSpan(t, i), "%s: @me needs a current member, and none is signed in", b.termText(t))
				}
				c.Values = append(c.Values, Value{Valid: true, Int: b.env.Me})
				continue
			}
			v = login
		}
		val := Value{Valid: true, Ref: v}
		if f.Type == TypeStage && slices.Contains(fltStageKinds, strings.ToLower(v)) {
			val.Str = strings.ToLower(v)
		}
		c.Values = append(c.Values, val)
	}
	return nil
}
