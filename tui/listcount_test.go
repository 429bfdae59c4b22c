package tui

import (
	"context"
	"errors"
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/store"
	"rolo/views"
)

// More matches than the capped count looks for: the page comes with
// "1 of 1,000+", the exact count follows in its own command, and a new
// query cancels that command's context before it is of any use.
func TestListCountCappedThenExact(t *testing.T) {
	st := openStore(t, true)
	w, err := st.NewBulkWriter(context.Background(), "people", []string{"name"}, store.BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	const n = listCountCap + 300
	for i := range n {
		if err := w.Add(model.Value{Valid: true, Str: fmt.Sprintf("Person%04d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	hs := newHarness(t, st, 100, 24, Options{Workspace: "x.db", Now: fixedNow, Object: "people"})
	hs.want("1 of " + itoa(n)) // settled: the exact count has landed

	// Step by hand: the filter's page, then hold its exact count.
	hs.press("/")
	for _, r := range "name:person" { // the debounce ticks are dropped
		hs.a.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	_, cmd := hs.a.Update(kp("enter"))
	var page tea.Msg
	for _, m := range runCmd(t, cmd) {
		if pr, ok := m.(views.PageRequest); ok {
			msgs := runCmd(t, hs.a.pageCmd(pr))
			if len(msgs) != 1 {
				t.Fatalf("page request answered by %d messages, want 1", len(msgs))
			}
			page = msgs[0]
		}
	}
	pm, ok := page.(pageMsg)
	if !ok || !pm.counted || pm.exact || pm.count != listCountCap {
		t.Fatalf("page answer %T counted=%v exact=%v count=%d, want a capped count", page, pm.counted, pm.exact, pm.count)
	}
	_, exact := hs.a.Update(pm)
	hs.want("1 of 1,000+")
	if hs.a.listCount == nil || exact == nil {
		t.Fatal("no exact count started")
	}
	// A new query before the exact count ran: it is cancelled.
	hs.press("/")
	hs.typeText("0")
	hs.press("enter")
	var counts []countMsg
	for _, m := range runCmd(t, exact) {
		if c, ok := m.(countMsg); ok {
			counts = append(counts, c)
		}
	}
	if len(counts) != 1 || !errors.Is(counts[0].err, context.Canceled) {
		t.Fatalf("stale exact count answered %+v, want context.Canceled", counts)
	}
	// Person0000..Person0999: exactly the cap is an exact count.
	want := count(t, st, "people", "name:person0")
	if want != listCountCap {
		t.Fatalf("fixture: %d matches, want %d", want, listCountCap)
	}
	hs.want("1 of " + itoa(want))
	hs.wantNot("1,000+")
	for _, c := range counts {
		hs.send(c)
	}
	hs.want("1 of " + itoa(want))

	// Settled normally, the exact count replaces the bound.
	hs.press("/")
	for range len("name:person0") {
		hs.press("backspace")
	}
	hs.typeText("name:person")
	hs.press("enter")
	hs.want("1 of " + itoa(n))
	hs.wantNot("1,000+")
}
