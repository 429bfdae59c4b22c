package tui

import (
	"slices"
	"testing"
)

// TestDisplayPhones checks that palette rows show E.164 numbers the way the
// other views do and that every highlighted character stays on the same
// character after formatting.
func TestDisplayPhones(t *testing.T) {
	sec := "luca.andersen@quantumsecurity.fr · +33183556235 · +12015550123"
	rs := []rune(sec)
	var idx []int // highlight "+33" and "0123", and the "l" of luca
	for i := range rs {
		if i == 0 || i >= 35 && i <= 37 || i >= len(rs)-4 {
			idx = append(idx, i)
		}
	}
	got, moved := displayPhones(sec, idx)
	want := "luca.andersen@quantumsecurity.fr · +33 1 83 55 62 35 · +1 201-555-0123"
	if got != want {
		t.Fatalf("displayed %q, want %q", got, want)
	}
	out := []rune(got)
	if len(moved) != len(idx) {
		t.Fatalf("%d highlights kept of %d", len(moved), len(idx))
	}
	for k, x := range idx {
		if out[moved[k]] != rs[x] {
			t.Fatalf("highlight %d: %q moved onto %q", k, rs[x], out[moved[k]])
		}
	}
	if !slices.IsSorted(moved) {
		t.Fatalf("highlights out of order: %v", moved)
	}

	// Not numbers, or not valid ones: left exactly as they are.
	for _, s := range []string{"a+33183556235@x.com", "+331835", "x · +33183556235x", "+99999999999", "acme.com · Paris"} {
		idx := []int{0, 1}
		if got, moved := displayPhones(s, idx); got != s || !slices.Equal(moved, idx) {
			t.Errorf("%q displayed as %q (highlights %v)", s, got, moved)
		}
	}
}
