package search

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Case folding.
//
// sahilm/fuzzy compares runes with a simple-fold equality (two runes match
// when one is in the other's unicode.SimpleFold orbit). To run cheap byte
// comparisons before calling a scorer, the index stores a folded copy of
// every label and secondary text, and folds the query the same way. The fold
// maps every rune to one canonical member of its orbit, so "equal after
// folding" is exactly fuzzy's "equalFold": the prefilters can never reject
// something the scorer would have accepted.
//
// For ASCII the canonical member is the lower-case letter, so ASCII text
// folds to itself lower-cased with the same byte offsets. That is what lets
// the hot path score on the folded bytes directly. Non-ASCII runes fold to
// the smallest rune of their orbit (lower-cased again if that is ASCII, as
// for the Kelvin sign K → k), and the folded text may then differ in length
// from the original, so such items are scored by the fuzzy package itself.

// foldRune returns the canonical case-folded form of r.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < m {
			m = f
		}
	}
	if 'A' <= m && m <= 'Z' {
		m += 'a' - 'A'
	}
	return m
}

// foldInfo describes a folded text.
type foldInfo struct {
	ascii bool // the text was pure ASCII
	// aligned: every rune folded to a rune of the same byte length, so byte
	// positions in the folded text are byte positions in the original
	// (scoreFolded relies on it).
	aligned bool
	camel   bool // a lower-case letter is followed by an upper-case one
	camels  int  // how many times (each can earn fuzzy's camel bonus)
	camelAt int  // byte offset of the first such upper-case letter
	// camelChars is the set (bonusBit) of the ASCII capitals that follow
	// a lower-case letter, folded: besides the characters after a
	// separator, the only ones an ASCII pattern character earns a bonus on.
	camelChars uint32
}

// appendFold appends the folded form of s to dst.
func appendFold(dst []byte, s string) ([]byte, foldInfo) {
	info := foldInfo{ascii: true, aligned: true}
	prevLower := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
				if prevLower {
					if !info.camel {
						info.camelAt = i
					}
					info.camel = true
					info.camels++
					info.camelChars |= bonusBit(c)
				}
				prevLower = false
			} else {
				prevLower = 'a' <= c && c <= 'z'
			}
			dst = append(dst, c)
			i++
			continue
		}
		info.ascii = false
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsUpper(r) && prevLower {
			if !info.camel {
				info.camelAt = i
			}
			info.camel = true
			info.camels++
		}
		prevLower = unicode.IsLower(r)
		f := foldRune(r)
		if utf8.RuneLen(f) != size {
			info.aligned = false
		}
		dst = utf8.AppendRune(dst, f)
		i += size
	}
	return dst, info
}

// Character masks.
//
// Every item carries a 64-bit set of the (folded) characters that occur in
// its label or secondary text; a query carries the set of its characters.
// If the query has a character the item lacks, the item cannot match, and a
// single AND on a contiguous []uint64 says so without touching the text.
// For multi-character queries this rejects most of the index before any
// string is read.

// maskBit maps a folded byte to its bit. Letters and digits get a bit each;
// common punctuation of emails and phones gets its own bits; the rest share
// a few. Non-ASCII bytes share two bits (by parity), which only weakens the
// filter, never breaks it.
func maskBit(c byte) uint64 {
	switch {
	case 'a' <= c && c <= 'z':
		return 1 << (c - 'a')
	case '0' <= c && c <= '9':
		return 1 << (26 + c - '0')
	case c >= utf8.RuneSelf:
		return 1 << (62 + c&1)
	}
	switch c {
	case ' ':
		return 1 << 36
	case '.':
		return 1 << 37
	case '@':
		return 1 << 38
	case '-':
		return 1 << 39
	case '_':
		return 1 << 40
	case '+':
		return 1 << 41
	}
	return 1 << (42 + c%20)
}

// maskOf returns the character set of folded text.
func maskOf(folded []byte) uint64 {
	var m uint64
	for _, c := range folded {
		m |= maskBit(c)
	}
	return m
}

// isWordByte reports whether a folded byte belongs to a word: ASCII letters
// and digits, and every byte of a non-ASCII rune (so accented names and CJK
// text are words, not separators).
func isWordByte(c byte) bool {
	return c >= utf8.RuneSelf || 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
}

// isWordStart reports whether a word starts at byte i of folded text: the
// text's first byte, or a word byte after a separator. "jane.doe@acme.com"
// has word starts at jane, doe, acme and com.
func isWordStart(f []byte, i int) bool {
	return i == 0 || !isWordByte(f[i-1]) && isWordByte(f[i])
}

// contiguity classifies where the folded term t occurs contiguously in the
// folded text f.
type contiguity uint8

const (
	notContiguous contiguity = iota
	inside                   // somewhere, but not at a word start
	atWord                   // at a word start other than the first byte
	atStart                  // at byte 0
	whole                    // f == t
)

// contiguous finds the best contiguous occurrence of t in f.
func contiguous(f, t []byte) contiguity {
	i := bytes.Index(f, t)
	switch {
	case i < 0:
		return notContiguous
	case i == 0 && len(f) == len(t):
		return whole
	case i == 0:
		return atStart
	}
	for {
		if isWordStart(f, i) {
			return atWord
		}
		j := bytes.Index(f[i+1:], t)
		if j < 0 {
			return inside
		}
		i += 1 + j
	}
}

// isSubsequence reports whether the runes of the folded term t occur in
// order in the folded text f, which is exactly when fuzzy matches (fuzzy
// matches any case-insensitive subsequence).
func isSubsequence(t, f []byte) bool { return subsequenceEnd(t, f) >= 0 }

// subsequenceEnd matches the folded term t in the folded text f greedily,
// each rune at its leftmost possible position, and returns the offset just
// past the last matched byte, or -1 if t is not a subsequence of f. ASCII
// bytes are found with IndexByte, which is vectorised, so long texts are
// skipped through quickly; a multi-byte rune is found as its whole encoding,
// which in valid UTF-8 (folded text always is) can only match at a rune
// boundary.
//
// Greedy matching is what makes narrowing incremental (see resumeEnd): the
// greedy match of t+u is the greedy match of t followed by that of u in the
// rest of f, so the end offset of a shorter query is where a longer one
// continues.
func subsequenceEnd(t, f []byte) int {
	n := 0 // bytes of f consumed
	for k := 0; k < len(t); {
		c := t[k]
		if c < utf8.RuneSelf {
			i := bytes.IndexByte(f[n:], c)
			if i < 0 {
				return -1
			}
			n += i + 1
			k++
			continue
		}
		_, size := utf8.DecodeRune(t[k:])
		i := bytes.Index(f[n:], t[k:k+size])
		if i < 0 {
			return -1
		}
		n += i + size
		k += size
	}
	return n
}
