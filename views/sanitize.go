package views

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Every string that comes from data (record values, names, filter text,
// error messages quoting user input) passes through Sanitize or
// SanitizeBlock before it is laid out. A CRM stores text typed or imported
// by anyone; a value holding "\x1b]52;c;...\a" would otherwise write the
// user's clipboard, and "\r" or a cursor move would garble the frame.

// Sanitize makes s safe to draw on one line: escape sequences (CSI, OSC,
// DCS, SOS/PM/APC, two-byte escapes, their 8-bit C1 forms) are removed
// whole, other control characters and bidi overrides are dropped, tabs and
// newlines become spaces, and invalid UTF-8 becomes U+FFFD.
func Sanitize(s string) string { return sanitize(s, false) }

// SanitizeBlock is Sanitize but keeps newlines, for multi-line text such
// as a rich-text field in the record view. "\r\n" becomes "\n".
func SanitizeBlock(s string) string { return sanitize(s, true) }

func sanitize(s string, keepNewlines bool) string {
	if isPlain(s) {
		return s // the common case: no allocation
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			b.WriteRune(utf8.RuneError)
			i++
			continue
		}
		switch {
		case r == 0x1b: // ESC
			i = skipEscape(s, i+1)
			continue
		case r == 0x9b: // C1 CSI
			i = skipCSI(s, i+size)
			continue
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i = skipString(s, i+size)
			continue
		case r == '\t':
			b.WriteByte(' ')
		case r == '\n':
			if keepNewlines {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// \r, \b, BEL and the rest of C0/C1: dropped.
		case isBidiControl(r):
			// Embeddings, overrides and isolates reorder what follows them,
			// which can make a cell display text that differs from its value
			// ("Trojan Source"); a table cell never needs them.
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isPlain reports whether s has nothing Sanitize would change: printable
// ASCII or valid non-control UTF-8.
func isPlain(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || r < 0xa0 || isBidiControl(r) {
			return false
		}
		i += size
	}
	return true
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x061c
}

// skipEscape returns the index after the escape sequence whose ESC ended
// just before i. A lone ESC (at the end or before something that cannot
// continue a sequence) is dropped by itself.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipCSI(s, i+1)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipString(s, i+1)
	case c >= 0x20 && c <= 0x2f: // nF: intermediates then a final byte (ESC ( B)
		j := i
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
			return j + 1
		}
		return j
	case c >= 0x30 && c <= 0x7e: // two-byte escape: ESC 7, ESC c, ESC N ...
		return i + 1
	}
	return i // bare ESC
}

// skipCSI skips parameter and intermediate bytes and the final byte. A
// sequence broken by any other byte ends there, and that byte is kept.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString skips the body of an OSC/DCS/SOS/PM/APC string up to its
// terminator (BEL, ESC \ or C1 ST). An unterminated string swallows the rest
// of s: showing half of a hostile sequence is never what the user wants.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}

// Width is the display width of s in terminal cells (wide runes count 2).
func Width(s string) int { return ansi.StringWidth(s) }

// Truncate shortens s to at most w cells, ending in "…" when cut. A wide
// rune that would straddle the edge is dropped whole, so the result may be
// one cell narrower than w; Fit pads it back.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// Fit truncates or pads s with spaces to exactly w cells, keeping table
// columns aligned whatever mix of narrow and wide characters s holds.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = Truncate(s, w)
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// FitRight is Fit aligned right, for numbers.
func FitRight(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = Truncate(s, w)
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s = strings.Repeat(" ", pad) + s
	}
	return s
}

// Clean is Sanitize then Fit: the one call a cell needs.
func Clean(s string, w int) string { return Fit(Sanitize(s), w) }
