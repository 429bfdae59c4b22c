package views

import (
	"strings"
	"testing"
)

// A capped count ("more than 100") is drawn as a lower bound and places
// nothing: G still loads the real last page, the list knows it is at the
// end, and the exact count places the window when it lands.
func TestListTotalAtLeast(t *testing.T) {
	l, s := newTestList(t, 500, 80, 24)
	req := l.queryReq
	l.SetTotalAtLeast(req, 100)
	if l.Total() != -1 {
		t.Fatalf("a lower bound became the total: %d", l.Total())
	}
	if f := l.footerLine(); !strings.Contains(f, "1 of 100+") {
		t.Fatalf("footer %q, want 1 of 100+", f)
	}
	_, cmd := l.Update(kp("G"))
	last := cmd().(PageRequest)
	if last.Dir != DirLast {
		t.Fatalf("G asked for %v", last.Dir)
	}
	l.ApplyPage(last.Req, last.Dir, s.page(last))
	if r, _ := l.Current(); r.ID != 500 {
		t.Fatalf("G landed on record %d, want the last (500)", r.ID)
	}
	// At the end: moving down asks for nothing and stays on the last row.
	if _, cmd := l.Update(kp("j")); cmd != nil {
		t.Fatalf("j at the end requested %v", cmd())
	}
	if r, _ := l.Current(); r.ID != 500 {
		t.Fatalf("j moved past the end to %d", r.ID)
	}
	// The row's number is unknown until the exact count; 100 is not it.
	if f := l.footerLine(); !strings.Contains(f, "… of 100+") {
		t.Fatalf("footer after G %q, want … of 100+", f)
	}
	l.SetTotal(req, 500)
	if l.Total() != 500 || l.Cursor() != 499 {
		t.Fatalf("after the exact count: total %d cursor %d", l.Total(), l.Cursor())
	}
	if f := l.footerLine(); !strings.Contains(f, "500 of 500") {
		t.Fatalf("footer %q, want 500 of 500", f)
	}
}

// A lower bound for an older query, or for a result the window already
// holds whole, changes nothing.
func TestListTotalAtLeastIgnored(t *testing.T) {
	l, _ := newTestList(t, 20, 80, 24)
	l.SetTotalAtLeast(l.queryReq, 10) // all 20 rows are loaded: 20 is exact
	if l.Total() != 20 {
		t.Fatalf("total %d, want 20", l.Total())
	}
	l.SetTotalAtLeast(l.queryReq-1, 5)
	if l.Total() != 20 {
		t.Fatalf("stale bound applied: total %d", l.Total())
	}
}
