package model

import "time"

// The filter language (docs/FILTERS.md) is shared by the CLI's --filter,
// the TUI's filter bar and saved views. It runs in two steps so each user
// of it can stop where it needs to:
//
//	ParseFilter  text → Filter: syntax only, needs no metadata
//	Filter.Bind  Filter + Object → []Cond: fields resolved, values typed
//
// The store compiles []Cond to SQL. Every error from either step is a
// *FilterError that points at the offending bytes of the source.

// Op is a filter operator. A Term carries the operator the user typed; a
// Cond carries the normalised operator its field type gives it (":" on a
// text field becomes OpContains, on a number OpEq, and so on).
type Op string

// Operators as typed in a Term.
const (
	OpIs       Op = ":"  // the natural match for the type: contains for text-like fields, equals otherwise
	OpEq       Op = "="  // exact (case-insensitive for text); in a Cond: equals any of Values
	OpNe       Op = "!=" // not exact; in a Cond it becomes OpEq with Not set
	OpContains Op = "~"  // contains (case-insensitive); in a Cond: contains any of Values
	OpGt       Op = ">"
	OpGe       Op = ">="
	OpLt       Op = "<"
	OpLe       Op = "<="
	// OpEmpty is `field:empty`: the field holds nothing. Its Term and Cond
	// have no Values. `field!=empty` parses as a negated OpEmpty.
	OpEmpty Op = "empty"
)

// Operators that only appear in a Cond, produced by Bind.
const (
	// OpExactly is `=` on a multi-select: the field holds exactly the set
	// of option values in Values, in any order.
	OpExactly Op = "exactly"
	// OpBetween is a date-time equality: Values hold half-open [from, to)
	// pairs of unix milliseconds (Values[0].Int ≤ x < Values[1].Int, then
	// the next pair); a set of days gives several pairs, any may match.
	OpBetween Op = "between"
)

// Filter is a parsed filter-language expression: terms joined by AND.
type Filter struct {
	Src   string
	Terms []Term
}

// Empty reports whether the filter matches everything.
func (f Filter) Empty() bool { return len(f.Terms) == 0 }

// Span is a half-open range of byte offsets into a filter's source.
type Span struct{ Pos, End int }

// Term is one `field op value` (or a bare word) with its place in Src.
type Term struct {
	Not    bool
	Field  string // "" for a bare word (matches the label field)
	Op     Op
	Values []string // one value, or the members of a (a|b|c) set; none for OpEmpty
	Pos    int      // byte offset of the term in Src
	End    int
	// Where the parts are in Src, so Bind can point at the one that is
	// wrong. Terms built by hand may leave them zero.
	FieldSpan  Span   // the field name; zero for a bare word
	OpSpan     Span   // the operator; zero for a bare word
	ValueSpans []Span // one per Values entry
	// Set reports that the value was written as a (a|b) set, even of one.
	Set bool
	// OrEmpty: the set also held the word empty, (a|empty): the term
	// matches as well where the field has no value.
	OrEmpty bool
}

// FilterEnv is what binding a filter needs: the clock for relative dates
// and the current member for @me.
type FilterEnv struct {
	Now time.Time // zero means the wall clock; its Location decides what "today" is
	Me  int64     // member id @me stands for; 0 makes @me an error
	// Lookup finds a relation's target object, for terms like
	// company.city; nil refuses them.
	Lookup func(object string) (Object, bool)
}

// Cond is a Term checked against an object's field, with typed values.
//
// Op is normalised (OpEq, OpContains, OpGt, OpGe, OpLt, OpLe, OpEmpty,
// OpExactly, OpBetween) and Not holds the negation, whether it came from a
// leading "-" or from "!=". A negated Cond matches every row the positive
// one does not, rows where the field is empty included.
//
// Values by field type:
//
//	text, richtext, emails,      Str: the text to equal or contain
//	phones, links                (phones: punctuation removed; an OpEq
//	                             value without a leading + matches the
//	                             end of the number)
//	number                       Num
//	currency                     Int: micros (5000 → 5_000_000_000);
//	                             or, for OpEq, Str: an ISO code the
//	                             amount's currency must be (amount:EUR)
//	rating, boolean              Int (boolean 0 or 1)
//	date                         Str: "2006-01-02"
//	datetime                     Int: unix ms. Bind turns every date-time
//	                             comparison into OpGe or OpLt on an exact
//	                             bound (">2026-01-05" is ">= Jan 6 00:00")
//	                             and equality into OpBetween pairs
//	select, multiselect          Str: an option value (OpContains is
//	                             resolved against the options into OpEq)
//	relation, member, pipeline,  Int > 0: that id; otherwise Ref: a name
//	stage                        (relation: the target's label field;
//	                             member: login, name or email; pipeline
//	                             and stage: name), matched case-
//	                             insensitively, or contained for OpContains
//	stage (also)                 Str: a stage kind to match besides the
//	                             name: "incoming", "won", "lost", or
//	                             "open" (neither won nor lost) and
//	                             "closed" (won or lost)
type Cond struct {
	Term   Term
	Field  Field
	Op     Op
	Not    bool
	Values []Value
	// OrEmpty: the Cond also matches where the field is empty (before
	// Not applies), from city:(paris|empty).
	OrEmpty bool
	// Via is the relation a dotted term goes through (company.city: Via
	// is company, Field the company's city), or the zero Field. Such a
	// Cond holds for a record whose related record matches; negated, for
	// every other record, those with no related record included.
	Via Field
}

// ParseFilter parses the filter language. It checks syntax only; fields and
// values are checked by Bind. Whitespace-only input is the empty Filter.
func ParseFilter(src string) (Filter, error) {
	p := filterParser{src: src}
	terms, err := p.parse()
	if err != nil {
		return Filter{}, err
	}
	return Filter{Src: src, Terms: terms}, nil
}

// Bind checks each term against the object's fields and types and returns
// one Cond per term, in order.
func (f Filter) Bind(obj Object, env FilterEnv) ([]Cond, error) {
	if env.Now.IsZero() {
		env.Now = time.Now()
	}
	b := filterBinder{src: f.Src, obj: obj, env: env}
	conds := make([]Cond, 0, len(f.Terms))
	for _, t := range f.Terms {
		c, err := b.bind(t)
		if err != nil {
			return nil, err
		}
		conds = append(conds, c)
	}
	return conds, nil
}
