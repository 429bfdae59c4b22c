package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rolo/demo"
	"rolo/store"
)

// Benchmarks for the speed targets, on a workspace of 1,000,000 people
// built once with demo.Fill into a file under os.TempDir() and reused by
// later runs (delete it to rebuild). go test without -bench never builds
// it. Commands run synchronously here, one after another, so a figure is
// the whole cost of a keystroke: Update, the store calls it leads to, and
// the frame drawn afterwards.

const benchPeople = 1_000_000

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

func benchDB(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		// v2: schema 3 (live indexes); a v1 file opened by this code would
		// be migrated, and older builds would then refuse it.
		benchPath = filepath.Join(os.TempDir(), fmt.Sprintf("rolo-tui-bench-%d-v2.db", benchPeople))
		if _, err := os.Stat(benchPath); err == nil {
			return
		}
		tmp := benchPath + ".building"
		for _, sfx := range []string{"", "-wal", "-shm"} {
			os.Remove(tmp + sfx)
		}
		st, err := store.Open(tmp, store.Options{Actor: "bench", Now: fixedNow})
		if err != nil {
			benchErr = err
			return
		}
		opt := demo.Options{Companies: 5_000, People: benchPeople, Opportunities: 20_000, Tasks: 1_000, Notes: 1_000, Members: 5, Seed: 1, Now: testNow}
		if benchErr = demo.Fill(context.Background(), st, opt, nil); benchErr == nil {
			_, benchErr = st.DB().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
		}
		st.Close()
		if benchErr == nil {
			benchErr = os.Rename(tmp, benchPath)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

func benchStore(b *testing.B) *store.Store {
	b.Helper()
	st, err := store.Open(benchDB(b), store.Options{Actor: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// drive runs cmd and what follows from it synchronously, feeding each
// message to Update. Ticks (the filter debounce) are not run: benchmarks
// apply filters with enter, which starts the same query at once.
func drive(a *App, cmd tea.Cmd) { driveUntil(a, cmd, nil) }

// driveCapped is drive up to the page's answer: what the page's answer
// starts (the exact count) is left unrun, as a typist's next keystroke
// would cancel it.
func driveCapped(a *App, cmd tea.Cmd) {
	driveUntil(a, cmd, func(m tea.Msg) bool { _, ok := m.(pageMsg); return ok })
}

// driveUntil is drive, except that what follows a message last reports
// true for is not run.
func driveUntil(a *App, cmd tea.Cmd, last func(tea.Msg) bool) {
	if cmd == nil {
		return
	}
	switch m := cmd().(type) {
	case nil, tea.QuitMsg:
	case tea.BatchMsg:
		for _, c := range m {
			driveUntil(a, c, last)
		}
	default:
		if isTerminalQuery(m) || isTick(m) {
			return
		}
		_, next := a.Update(m)
		if last == nil || !last(m) {
			driveUntil(a, next, last)
		}
	}
}

func isTick(msg tea.Msg) bool { return fmt.Sprintf("%T", msg) == "views.filterTickMsg" }

// press is one keystroke: Update, its commands, then the frame.
func benchPress(a *App, k string) {
	_, cmd := a.Update(kp(k))
	drive(a, cmd)
	_ = a.View()
}

func benchApp(b *testing.B, st *store.Store) *App {
	a := New(st, Options{Workspace: "bench.db", Now: fixedNow, Object: "people"})
	a.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
	drive(a, a.Init())
	if a.list.Total() != benchPeople {
		b.Fatalf("list total = %d, want %d", a.list.Total(), benchPeople)
	}
	return a
}

// BenchmarkFirstFrame is a cold start up to the first frame with rows:
// opening the store, New, the start probe (which also reads the saved
// views), the first page, and View. Commands run concurrently, as in the
// program; the counts (the list's total, the sidebar's) run beside the
// page and fill in "… of …" when they land, so the timer stops at the
// first frame with rows and the counts finish untimed.
func BenchmarkFirstFrame(b *testing.B) {
	benchStart(b, func(a *App) bool { _, ok := a.list.Current(); return ok })
}

// BenchmarkFirstFrameCounted is the same start until everything has
// landed: rows, the list's total and every object's count in the sidebar.
func BenchmarkFirstFrameCounted(b *testing.B) {
	benchStart(b, nil)
}

func benchStart(b *testing.B, ready func(*App) bool) {
	path := benchDB(b)
	for b.Loop() {
		st, err := store.Open(path, store.Options{Actor: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		a := New(st, Options{Workspace: "bench.db", Now: fixedNow, Object: "people"})
		a.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
		stopped := false
		stop := func() {
			if !stopped {
				_ = a.View()
				b.StopTimer()
				stopped = true
			}
		}
		concurrently(a, a.Init(), func() bool { return ready != nil && ready(a) }, stop)
		stop()
		if _, ok := a.list.Current(); !ok {
			b.Fatal("no rows in the first frame")
		}
		st.Close()
		b.StartTimer()
	}
}

// concurrently runs cmd the way the program does: every command on its
// own goroutine, each message through Update on this one. onReady is called
// the first time ready reports true; it returns when nothing is in flight.
func concurrently(a *App, cmd tea.Cmd, ready func() bool, onReady func()) {
	msgs := make(chan tea.Msg, 16)
	inFlight := 0
	launch := func(c tea.Cmd) {
		if c != nil {
			inFlight++
			go func() { msgs <- c() }()
		}
	}
	launch(cmd)
	for inFlight > 0 {
		msg := <-msgs
		inFlight--
		switch m := msg.(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			for _, c := range m {
				launch(c)
			}
		default:
			if isTerminalQuery(m) || isTick(m) {
				continue
			}
			_, next := a.Update(m)
			launch(next)
			if ready() {
				onReady()
			}
		}
	}
}

// BenchmarkScrollKeystroke is one scrolling key on the 1M-person list,
// including the page fetch when the key brings the cursor near the edge of
// what is loaded.
func BenchmarkScrollKeystroke(b *testing.B) {
	st := benchStore(b)
	for _, k := range []string{"j", "pgdown", "ctrl+d"} {
		b.Run(k, func(b *testing.B) {
			a := benchApp(b, st)
			for b.Loop() {
				benchPress(a, k)
			}
		})
	}
	b.Run("G", func(b *testing.B) {
		a := benchApp(b, st)
		for b.Loop() {
			benchPress(a, "G")
			b.StopTimer()
			benchPress(a, "g")
			b.StartTimer()
		}
	})
	b.Run("k_near_end", func(b *testing.B) {
		a := benchApp(b, st)
		benchPress(a, "G")
		for b.Loop() {
			benchPress(a, "k")
		}
	})
}

// BenchmarkFilterKeystroke is a typed filter's result: the query starts
// (enter, or the debounce tick: the same call), the first page and the
// capped count come back together, and the frame is drawn ("capped": what
// the typist waits for). "exact" also runs the exact count that follows
// in the background (cancelled by the next keystroke in real use) until
// the status bar has the exact total.
func BenchmarkFilterKeystroke(b *testing.B) {
	st := benchStore(b)
	for _, f := range []string{"city=Paris", "name:smith", "job_title:engineer", "owner:ben", "company=#5"} {
		for _, mode := range []string{"capped", "exact"} {
			b.Run(f+"/"+mode, func(b *testing.B) {
				a := benchApp(b, st)
				for b.Loop() {
					b.StopTimer()
					benchPress(a, "/")
					for _, r := range f {
						a.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
					}
					b.StartTimer()
					if mode == "capped" {
						_, cmd := a.Update(kp("enter"))
						driveCapped(a, cmd)
						_ = a.View()
						b.StopTimer()
						if a.list.Total() < 0 && !strings.Contains(a.View().Content, "+") {
							b.Fatal("no count for the filter")
						}
					} else {
						benchPress(a, "enter")
						b.StopTimer()
						if a.list.Total() < 0 {
							b.Fatal("no exact count for the filter")
						}
					}
					benchPress(a, "/")
					benchPress(a, "esc")
					b.StartTimer()
				}
			})
		}
	}
}
