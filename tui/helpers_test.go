package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rolo/demo"
	"rolo/internal/termtest"
	"rolo/model"
	"rolo/store"
)

func TestMain(m *testing.M) {
	time.Local = time.UTC // date-time cells are drawn in local time
	os.Exit(m.Run())
}

var testNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return testNow }

// smallDemo is a workspace small enough to read in a frame.
func smallDemo() demo.Options {
	return demo.Options{Companies: 12, People: 90, Opportunities: 40, Tasks: 10, Notes: 5, Members: 3, Seed: 1, Now: testNow}
}

// openStore opens a fresh workspace in a temp dir, filled with the small
// demo unless empty is set.
func openStore(t testing.TB, empty bool) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "t.db"), store.Options{Actor: "alice", Region: "US", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if !empty {
		if err := demo.Fill(context.Background(), st, smallDemo(), nil); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func testOptions() Options {
	d := smallDemo()
	return Options{Workspace: "demo.db", Member: "alice", Now: fixedNow, Demo: &d}
}

// harness drives an App the way the program would: commands run on
// goroutines, their messages come back through Update, until nothing is
// left in flight.
type harness struct {
	t    testing.TB
	a    *App
	quit bool
}

func newHarness(t testing.TB, st *store.Store, w, h int, opt Options) *harness {
	t.Helper()
	hs := &harness{t: t, a: New(st, opt)}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.settle(hs.a.Init())
	return hs
}

// send delivers one message and settles what it starts.
func (hs *harness) send(msg tea.Msg) {
	hs.t.Helper()
	_, cmd := hs.a.Update(msg)
	hs.settle(cmd)
}

// press sends keys one by one ("j", "enter", "ctrl+a", "G", or text).
func (hs *harness) press(keys ...string) {
	hs.t.Helper()
	for _, k := range keys {
		hs.send(kp(k))
	}
}

// burst sends keys as fast as a typist, settling their commands together.
func (hs *harness) burst(keys ...string) {
	hs.t.Helper()
	var cmds []tea.Cmd
	for _, k := range keys {
		_, cmd := hs.a.Update(kp(k))
		cmds = append(cmds, cmd)
	}
	hs.settle(tea.Batch(cmds...))
}

// typeText types each rune of s, as fast as a paste: the commands the
// keys start (debounce ticks) settle together afterwards.
func (hs *harness) typeText(s string) {
	hs.t.Helper()
	var cmds []tea.Cmd
	for _, r := range s {
		_, cmd := hs.a.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		cmds = append(cmds, cmd)
	}
	hs.settle(tea.Batch(cmds...))
}

// settle runs cmd and everything it leads to. Messages are fed to Update
// one at a time on this goroutine, as the program does.
func (hs *harness) settle(cmd tea.Cmd) {
	hs.t.Helper()
	msgs := make(chan tea.Msg, 64)
	var wg sync.WaitGroup
	inFlight := 0
	launch := func(c tea.Cmd) {
		if c == nil {
			return
		}
		inFlight++
		wg.Add(1)
		go func() {
			defer wg.Done()
			msgs <- c()
		}()
	}
	launch(cmd)
	deadline := time.After(20 * time.Second)
	for inFlight > 0 {
		var msg tea.Msg
		select {
		case msg = <-msgs:
		case <-deadline:
			hs.t.Fatalf("commands did not settle; screen:\n%s", hs.screen())
		}
		inFlight--
		switch m := msg.(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range m {
				launch(c)
			}
		case tea.QuitMsg:
			hs.quit = true
		default:
			if isTerminalQuery(msg) {
				continue
			}
			_, next := hs.a.Update(m)
			launch(next)
		}
	}
	wg.Wait()
}

// isTerminalQuery spots the program's own unexported requests (such as
// asking the terminal for its background colour), which only a running
// program can carry out.
func isTerminalQuery(msg tea.Msg) bool {
	name, ok := strings.CutPrefix(fmt.Sprintf("%T", msg), "tea.")
	return ok && name != "" && unicode.IsLower(rune(name[0]))
}

// screen is the current frame as plain text.
func (hs *harness) screen() string { return ansi.Strip(hs.a.View().Content) }

func (hs *harness) want(text string) {
	hs.t.Helper()
	if sc := hs.screen(); !strings.Contains(sc, text) {
		hs.t.Fatalf("screen does not show %q:\n%s", text, sc)
	}
}

func (hs *harness) wantNot(text string) {
	hs.t.Helper()
	if sc := hs.screen(); strings.Contains(sc, text) {
		hs.t.Fatalf("screen shows %q, it should not:\n%s", text, sc)
	}
}

func (hs *harness) status() (string, bool) { return hs.a.status.Message() }

// count is the number of live records of object matching filter, read
// from the database itself.
func count(t testing.TB, st *store.Store, object, filter string) int64 {
	t.Helper()
	f, err := model.ParseFilter(filter)
	if err != nil {
		t.Fatal(err)
	}
	n, err := st.Count(context.Background(), object, f)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// kp is a key press by name (termtest.Key), short because tests use it a lot.
var kp = termtest.Key
