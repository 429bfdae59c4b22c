package tui

import (
	"strings"
	"sync"

	"rolo/model"
)

// The palette indexes phone numbers as stored, in E.164 ("+33180710586"),
// which is what the search matches (a typed "+33 1 80" is three terms,
// each a subsequence of it). Rows show them the way every other view does
// ("+33 1 80 71 05 86"), formatted when a row is built (off the UI
// goroutine, for the fifty rows of an answer) with the match highlights
// carried over.

// displayPhones rewrites the E.164 numbers of a secondary text for display
// and maps the rune indexes of matched characters (idx) onto the new
// text. A number is a word of '+' and 7 to 15 digits.
func displayPhones(sec string, idx []int) (string, []int) {
	if !strings.Contains(sec, "+") {
		return sec, idx // most rows: no number, nothing to convert
	}
	rs := []rune(sec)
	var out []rune
	at := make([]int, len(rs)) // at[i]: where rune i of sec ends up
	changed := false
	for i := 0; i < len(rs); {
		if j := phoneEnd(rs, i); j > 0 {
			if f, ok := placePhone(rs[i:j], len(out), at[i:j]); ok {
				out = append(out, f...)
				changed = true
				i = j
				continue
			}
		}
		at[i] = len(out)
		out = append(out, rs[i])
		i++
	}
	if !changed {
		return sec, idx
	}
	var moved []int
	for _, x := range idx {
		if x >= 0 && x < len(at) {
			moved = append(moved, at[x])
		}
	}
	return string(out), moved
}

// phoneEnd returns the end of the E.164 number starting at rs[i], or 0.
func phoneEnd(rs []rune, i int) int {
	if rs[i] != '+' || i > 0 && rs[i-1] != ' ' {
		return 0
	}
	j := i + 1
	for j < len(rs) && '0' <= rs[j] && rs[j] <= '9' {
		j++
	}
	if n := j - i - 1; n < 7 || n > 15 || j < len(rs) && rs[j] != ' ' {
		return 0
	}
	return j
}

// placePhone formats a number and records in at where each of its runes
// lands (from base on); ok is false if the formatted text does not keep
// them in order (it always does for the international format: spaces and
// dashes are only inserted).
func placePhone(num []rune, base int, at []int) ([]rune, bool) {
	f := []rune(cachedPhone(string(num)))
	k := 0
	for o, r := range num {
		for k < len(f) && f[k] != r {
			k++
		}
		if k == len(f) {
			return nil, false
		}
		at[o] = base + k
		k++
	}
	return f, true
}

// phoneCache keeps the numbers of recent answers formatted: typing a name
// shows the same rows keystroke after keystroke.
var phoneCache = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

func cachedPhone(e164 string) string {
	phoneCache.Lock()
	f, ok := phoneCache.m[e164]
	phoneCache.Unlock()
	if ok {
		return f
	}
	f = model.DisplayPhone(e164)
	phoneCache.Lock()
	if len(phoneCache.m) >= 4096 {
		clear(phoneCache.m)
	}
	phoneCache.m[e164] = f
	phoneCache.Unlock()
	return f
}
