package model

import "strings"

// FilterError is a parse or bind error of the filter language. Pos and End
// are byte offsets into Src (End exclusive) so the TUI can highlight the
// offending text; Error() draws the same pointer for terminals and logs.
type FilterError struct {
	Src      string
	Pos, End int
	Msg      string
}

// Error is the message, then the source and a row of carets under the
// offending part:
//
//	unknown field "colour" (people has: id, name, ...)
//	  name:acme colour:red
//	            ^^^^^^
func (e *FilterError) Error() string {
	if e.Src == "" || e.Pos < 0 || e.Pos > len(e.Src) {
		return e.Msg
	}
	end := min(max(e.End, e.Pos), len(e.Src))
	// The source is printed on one line: newlines become spaces. The
	// pointer row copies tabs so it stays aligned under tabbed input.
	line := strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, e.Src)
	var pad strings.Builder
	for _, r := range e.Src[:e.Pos] {
		if r == '\t' {
			pad.WriteRune('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	width := len([]rune(e.Src[e.Pos:end]))
	if width == 0 {
		width = 1 // point at the end of input for "missing ..." errors
	}
	return e.Msg + "\n  " + line + "\n  " + pad.String() + strings.Repeat("^", width)
}

// filterErr builds a FilterError over a span of src.
func filterErr(src string, sp Span, msg string) *FilterError {
	return &FilterError{Src: src, Pos: sp.Pos, End: sp.End, Msg: msg}
}
