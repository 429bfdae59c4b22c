package model

import "time"

// Op is a filter operator.
type Op string

// Filter is a parsed filter-language expression: terms joined by AND.
type Filter struct {
	Src   string
	Terms []Term
}

// Empty reports whether the filter matches everything.
func (f Filter) Empty() bool { return len(f.Terms) == 0 }

// Term is one `field op value` (or a bare word) with its place in Src.
type Term struct {
	Not    bool
	Field  string // "" for a bare word (matches the label field)
	Op     Op
	Values []string
	Pos    int // byte offset of the term in Src
	End    int
}

// FilterEnv is what binding a filter needs: the clock for relative dates
// and the current member for @me.
type FilterEnv struct {
	Now time.Time
	Me  int64
}

// Cond is a Term checked against an object's field, with typed values.
type Cond struct {
	Term   Term
	Field  Field
	Op     Op
	Values []Value
}

// ParseFilter parses the filter language. TODO(filter helper).
func ParseFilter(src string) (Filter, error) { panic("TODO") }

// Bind checks each term against the object's fields and types.
func (f Filter) Bind(obj Object, env FilterEnv) ([]Cond, error) { panic("TODO") }
