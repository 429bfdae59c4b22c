package model

import (
	"fmt"
	"strings"
)

// filterParser is a hand-written scanner over the filter source. The
// grammar is small enough that a single pass with one byte of lookahead
// reads it, and hand-writing it keeps every error tied to exact offsets:
//
//	filter  = { space } [ term { space term } ] { space }
//	term    = [ "-" ] ( field op value | word | quoted | set )
//	field   = word | quoted                  (a word stops at an operator)
//	op      = ":" | "=" | "!=" | "~" | ">" | ">=" | "<" | "<="
//	          | ":" followed by one of the others (GitHub-style "created:>2026-01-01")
//	value   = quoted | set | any run of non-space bytes
//	set     = "(" item { "|" item } ")"      (items trimmed; quote to keep spaces)
//	quoted  = '"' { char | '\"' | '\\' } '"'
type filterParser struct {
	src string
	i   int
}

func fltIsSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func fltIsOpByte(c byte) bool {
	return c == ':' || c == '=' || c == '!' || c == '~' || c == '<' || c == '>'
}

func (p *filterParser) eof() bool { return p.i >= len(p.src) }

func (p *filterParser) skipSpace() {
	for !p.eof() && fltIsSpace(p.src[p.i]) {
		p.i++
	}
}

func (p *filterParser) errAt(sp Span, format string, args ...any) *FilterError {
	return filterErr(p.src, sp, fmt.Sprintf(format, args...))
}

func (p *filterParser) parse() ([]Term, error) {
	var terms []Term
	for {
		p.skipSpace()
		if p.eof() {
			return terms, nil
		}
		t, err := p.term()
		if err != nil {
			return nil, err
		}
		terms = append(terms, t)
	}
}

func (p *filterParser) term() (Term, error) {
	t := Term{Pos: p.i}
	if p.src[p.i] == '-' {
		p.i++
		if p.eof() || fltIsSpace(p.src[p.i]) {
			return t, p.errAt(Span{t.Pos, p.i}, "a lone - negates nothing: write -field:value or -word")
		}
		t.Not = true
	}

	headStart := p.i
	var head string
	quoted := false
	switch p.src[p.i] {
	case '"':
		s, err := p.quoted()
		if err != nil {
			return t, err
		}
		head, quoted = s, true
	case '(':
		// A bare set: any of the words in the label field.
		vals, spans, emptyAt, err := p.set()
		if err != nil {
			return t, err
		}
		if emptyAt != (Span{}) {
			return t, p.errAt(emptyAt, `"empty" needs a field: write name:(a|empty), or quote it to search for the word`)
		}
		t.Op, t.Values, t.ValueSpans, t.Set = OpContains, vals, spans, true
		return t, p.finish(&t)
	default:
		for !p.eof() && !fltIsSpace(p.src[p.i]) && !fltIsOpByte(p.src[p.i]) {
			p.i++
		}
		head = p.src[headStart:p.i]
	}
	headSpan := Span{headStart, p.i}

	if p.eof() || !fltIsOpByte(p.src[p.i]) {
		// A bare word or phrase searches the label field.
		if quoted && strings.TrimSpace(head) == "" {
			return t, p.errAt(headSpan, "empty quotes search for nothing: put a word between them or remove them")
		}
		t.Op, t.Values, t.ValueSpans = OpContains, []string{head}, []Span{headSpan}
		return t, p.finish(&t)
	}

	opStart := p.i
	if head == "" {
		return t, p.errAt(Span{opStart, opStart + 1}, "missing field name before %q", p.src[opStart:opStart+1])
	}
	t.Field, t.FieldSpan = head, headSpan
	op, err := p.op()
	if err != nil {
		return t, err
	}
	t.Op, t.OpSpan = op, Span{opStart, p.i}

	if p.eof() || fltIsSpace(p.src[p.i]) {
		return t, p.errAt(Span{t.Pos, p.i}, "missing value after %q (to find records without one, write %s:empty)",
			p.src[t.Pos:p.i], t.Field)
	}
	valStart := p.i
	switch p.src[p.i] {
	case '"':
		s, err := p.quoted()
		if err != nil {
			return t, err
		}
		t.Values, t.ValueSpans = []string{s}, []Span{{valStart, p.i}}
	case '(':
		vals, spans, emptyAt, err := p.set()
		if err != nil {
			return t, err
		}
		if emptyAt != (Span{}) {
			if op != OpIs && op != OpEq && op != OpNe {
				return t, p.errAt(emptyAt, `"empty" in a set works with :, = and !=; quote it to search for the word`)
			}
			if len(vals) == 0 { // (empty) alone is field:empty
				t.emptyTest(op)
				return t, p.finish(&t)
			}
			t.OrEmpty = true
		}
		t.Values, t.ValueSpans, t.Set = vals, spans, true
	default:
		for !p.eof() && !fltIsSpace(p.src[p.i]) {
			p.i++
		}
		v := p.src[valStart:p.i]
		// The unquoted word "empty" is the emptiness test; quote it to
		// search for the text.
		if strings.EqualFold(v, "empty") && (op == OpIs || op == OpEq || op == OpNe) {
			t.emptyTest(op)
			return t, p.finish(&t)
		}
		t.Values, t.ValueSpans = []string{v}, []Span{{valStart, p.i}}
	}
	return t, p.finish(&t)
}

// emptyTest makes t the emptiness test written with op (:, = or !=).
func (t *Term) emptyTest(op Op) {
	if op == OpNe {
		t.Not = !t.Not
	}
	t.Op = OpEmpty
}

// finish checks that the term ends at a space or the end of input, and
// records where it ends.
func (p *filterParser) finish(t *Term) error {
	if !p.eof() && !fltIsSpace(p.src[p.i]) {
		what := "the closing quote"
		if p.src[p.i-1] == ')' {
			what = "the closing )"
		}
		return p.errAt(Span{p.i, p.i + 1}, "unexpected %q after %s: put a space between terms", p.src[p.i:p.i+1], what)
	}
	t.End = p.i
	return nil
}

// op reads an operator at p.i, which holds an operator byte.
func (p *filterParser) op() (Op, error) {
	start := p.i
	read := func() (Op, bool) {
		if p.i+1 < len(p.src) {
			switch two := Op(p.src[p.i : p.i+2]); two {
			case OpNe, OpGe, OpLe:
				p.i += 2
				return two, true
			}
		}
		switch one := Op(p.src[p.i : p.i+1]); one {
		case OpIs, OpEq, OpContains, OpGt, OpLt:
			p.i++
			return one, true
		}
		return "", false
	}
	op, ok := read()
	if !ok {
		return "", p.errAt(Span{start, start + 1}, "! must be followed by = (to negate a term, start it with -)")
	}
	// "created:>2026-01-01" reads as "created>2026-01-01".
	if op == OpIs && !p.eof() && p.src[p.i] != ':' && fltIsOpByte(p.src[p.i]) {
		at := p.i
		if op, ok = read(); !ok {
			return "", p.errAt(Span{at, at + 1}, "! must be followed by = (to negate a term, start it with -)")
		}
	}
	return op, nil
}

// quoted reads a double-quoted string at p.i; \" and \\ are escapes, any
// other backslash is kept as typed.
func (p *filterParser) quoted() (string, error) {
	start := p.i
	p.i++
	var b strings.Builder
	for !p.eof() {
		c := p.src[p.i]
		switch {
		case c == '"':
			p.i++
			return b.String(), nil
		case c == '\\' && p.i+1 < len(p.src) && (p.src[p.i+1] == '"' || p.src[p.i+1] == '\\'):
			b.WriteByte(p.src[p.i+1])
			p.i += 2
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return "", p.errAt(Span{start, len(p.src)}, `unclosed quote: add a closing "`)
}

// set reads "(a|b|c)" at p.i. The unquoted word empty is not a value: it
// stands for "no value", and emptyAt says where it was (zero if nowhere).
func (p *filterParser) set() (vals []string, spans []Span, emptyAt Span, err error) {
	open := p.i
	p.i++
	for {
		p.skipSpace()
		if p.eof() {
			return nil, nil, Span{}, p.errAt(Span{open, len(p.src)}, "unclosed (: end the set with )")
		}
		start := p.i
		var v string
		if p.src[p.i] == '"' {
			s, err := p.quoted()
			if err != nil {
				return nil, nil, Span{}, err
			}
			v = s
		} else {
			for !p.eof() && p.src[p.i] != '|' && p.src[p.i] != ')' {
				p.i++
			}
			v = strings.TrimRight(p.src[start:p.i], " \t\n\r\f\v")
			if v == "" {
				return nil, nil, Span{}, p.errAt(Span{start, start + 1}, "empty value in set: write (a|b), with a value on each side of |")
			}
		}
		end := p.i // a quoted item spans its quotes
		if p.src[start] != '"' {
			end = start + len(v)
		}
		if p.src[start] != '"' && strings.EqualFold(v, "empty") {
			emptyAt = Span{start, end}
		} else {
			vals, spans = append(vals, v), append(spans, Span{start, end})
		}
		p.skipSpace()
		if p.eof() {
			return nil, nil, Span{}, p.errAt(Span{open, len(p.src)}, "unclosed (: end the set with )")
		}
		switch p.src[p.i] {
		case '|':
			p.i++
		case ')':
			p.i++
			return vals, spans, emptyAt, nil
		default:
			return nil, nil, Span{}, p.errAt(Span{p.i, p.i + 1}, "expected | or ) after a quoted value in a set")
		}
	}
}

// String renders the term in canonical form; ParseFilter reads it back to
// the same Term (offsets aside). Saved views and filter chips use it.
func (t Term) String() string {
	var b strings.Builder
	if t.Not {
		b.WriteByte('-')
	}
	if t.Field != "" {
		b.WriteString(fltQuote(t.Field, fltCtxWord))
		if t.Op == OpEmpty {
			b.WriteString(":empty")
			return b.String()
		}
		b.WriteString(string(t.Op))
	}
	if t.Set || len(t.Values) != 1 {
		b.WriteByte('(')
		for i, v := range t.Values {
			if i > 0 {
				b.WriteByte('|')
			}
			b.WriteString(fltQuote(v, fltCtxSetItem))
		}
		if t.OrEmpty {
			b.WriteString("|empty")
		}
		b.WriteByte(')')
		return b.String()
	}
	if t.Field == "" {
		b.WriteString(fltQuote(t.Values[0], fltCtxWord))
	} else {
		b.WriteString(fltQuote(t.Values[0], fltCtxValue))
	}
	return b.String()
}

// String renders the filter in canonical form, terms joined by a space.
func (f Filter) String() string {
	parts := make([]string, len(f.Terms))
	for i, t := range f.Terms {
		parts[i] = t.String()
	}
	return strings.Join(parts, " ")
}

// Where a piece of text is written decides what would change its meaning
// if it were left unquoted.
type fltCtx int

const (
	fltCtxWord    fltCtx = iota // a field name or a bare word: stops at an operator; "-" negates
	fltCtxValue                 // after an operator: runs to the next space; "empty" and a leading operator are special
	fltCtxSetItem               // inside ( | ): stops at | and ); "empty" is refused
)

// fltQuote quotes s when reading it back unquoted would change its
// meaning, so `created>-30d` and `link:https://x.test` stay unquoted.
func fltQuote(s string, ctx fltCtx) string {
	need := s == "" || s[0] == '"' || s[0] == '(' || strings.IndexFunc(s, func(r rune) bool {
		return r < 0x80 && fltIsSpace(byte(r))
	}) >= 0
	switch ctx {
	case fltCtxWord:
		need = need || s[0] == '-' || strings.IndexFunc(s, func(r rune) bool { return r < 0x80 && fltIsOpByte(byte(r)) }) >= 0
	case fltCtxValue:
		// After ":" a leading operator would join it ("a:>b").
		need = need || strings.EqualFold(s, "empty") || fltIsOpByte(s[0])
	case fltCtxSetItem:
		need = need || strings.EqualFold(s, "empty") || strings.ContainsAny(s, "|)")
	}
	if !need {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
