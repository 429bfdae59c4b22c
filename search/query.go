package search

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// term is one whitespace-separated word of a query.
type term struct {
	raw   string // as typed, handed to fuzzy for non-ASCII scoring
	fold  []byte // folded, compared against the index's folded text
	ascii bool
	first uint64 // mask bit of the first byte
	mask  uint64 // mask bits of all its bytes
	pairs uint32 // its adjacent byte pairs (see pairMask)
	// digits are its adjacent digit pairs (see digitPairs).
	digits digitPairs
	// innerSep: one of fuzzy's separators comes before its last byte.
	innerSep bool
	// rebonus: two of its bytes share a bonus bit (see bonusBit), so a
	// text's bonus characters found at one position only bound it more
	// tightly (see bonusChars); only such a term reads them.
	rebonus bool
	// single: the term is one ASCII letter or digit, which has a mask bit
	// of its own, so the masks alone decide where it occurs.
	single bool
}

// query is a parsed query. Queries are split on whitespace into terms; an
// item matches when every term matches (as a fuzzy subsequence) its label
// or its secondary text. Splitting, rather than treating the space as a
// character, lets "doe jane" and "jane acme" (name plus company) work, and
// keeps matching monotone: typing more characters, or another word, can only
// shrink the set of matches, which is what makes narrowing correct.
type query struct {
	raw    string
	terms  []term
	phrase []byte // folded terms joined by single spaces, for phrase bonuses
	mask   uint64 // characters of all terms (see maskBit)
	maxLen int    // longest term in bytes, to size scratch buffers
	// digits: some term has two digits side by side (see digitPairs).
	digits bool
}

const maxTerms = 64

func parseQuery(s string) *query {
	q := &query{raw: s}
	words := strings.FieldsFunc(s, unicode.IsSpace)
	// Per-term state lives in 64-bit sets; nobody types 64 words into a
	// palette, so further words are ignored.
	words = words[:min(len(words), maxTerms)]
	for _, w := range words {
		f, info := appendFold(nil, w)
		q.terms = append(q.terms, term{raw: w, fold: f, ascii: info.ascii, first: maskBit(f[0]),
			mask: maskOf(f), pairs: pairMask(f), digits: digitPairsOf(f), innerSep: bytes.ContainsAny(f[:len(f)-1], `/-_ .\`),
			single: len(f) == 1 && f[0] < utf8.RuneSelf && isWordByte(f[0]), rebonus: sharesBonusBit(f)})
		if len(q.phrase) > 0 {
			q.phrase = append(q.phrase, ' ')
		}
		q.phrase = append(q.phrase, f...)
		q.mask |= maskOf(f)
		q.digits = q.digits || q.terms[len(q.terms)-1].digits != digitPairs{}
		q.maxLen = max(q.maxLen, utf8.RuneCount(f), len(f))
	}
	return q
}

// sharesBonusBit reports whether two bytes of f have the same bonus bit.
func sharesBonusBit(f []byte) bool {
	var seen uint32
	for _, c := range f {
		b := bonusBit(c)
		if seen&b != 0 {
			return true
		}
		seen |= b
	}
	return false
}

func (q *query) empty() bool { return len(q.terms) == 0 }

// runes is the number of characters of the query, not counting spaces.
func (q *query) runes() int {
	n := 0
	for _, t := range q.terms {
		n += utf8.RuneCount(t.fold)
	}
	return n
}

// extends reports whether every item matching q also matches prev, so that a
// search for q may look only at prev's matches. It holds when prev's text is
// a prefix of q's (after folding): each of prev's terms is then a prefix of
// one of q's, and a fuzzy subsequence's prefix is a subsequence too.
// Whitespace differences at the join are handled by comparing terms: prev's
// terms must equal q's, except the last, which may be a prefix of q's
// corresponding term.
func (q *query) extends(prev *query) bool {
	if len(prev.terms) == 0 || len(prev.terms) > len(q.terms) {
		return false
	}
	last := len(prev.terms) - 1
	for i, t := range prev.terms {
		nt := q.terms[i].fold
		if i < last {
			if string(nt) != string(t.fold) {
				return false
			}
		} else if !strings.HasPrefix(string(nt), string(t.fold)) {
			return false
		}
	}
	return true
}
