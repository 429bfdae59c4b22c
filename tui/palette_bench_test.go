package tui

import (
	"context"
	"runtime"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Palette benchmarks on the 1M-people workspace (benchDB):
//
//	go test ./tui -run '^$' -bench Palette -benchtime 1x
//
// BenchmarkPaletteIndexLoad1M loads the whole index through the same
// command chain the program runs (store pages of 5,000 → Index.Add, run
// concurrently as the program runs commands), and reports its time and
// the heap it holds. The keystroke benchmarks type
// phrases into an open palette over 100,000 and 1,000,000 records; each
// keystroke is timed end to end: Update with the key, the command that
// waits for SearchAsync's answer (partial, then final), Update with each
// answer, and View.

var palettePhrases = []string{"james tran", "polaris", "andersen", "sanchez", "jin m", "graniteapparel", "summit app", "+3314"}

// paletteApp is an App on the bench workspace whose index holds the first
// n records (people first), ready for the palette to open without
// starting the background load.
func paletteApp(b *testing.B, n int) *App {
	b.Helper()
	st := benchStore(b)
	a := New(st, Options{Workspace: "bench.db", Now: fixedNow, Object: "people"})
	a.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
	drive(a, a.Init())
	p := a.palState()
	p.load.started = true // the index is filled here, not in the background
	ctx := context.Background()
	for _, o := range []string{"people", "companies", "opportunities"} {
		var after int64
		for p.ix.Len() < n {
			rows, err := st.PaletteItems(ctx, o, after, indexPage)
			if err != nil {
				b.Fatal(err)
			}
			if len(rows) == 0 {
				break
			}
			rows = rows[:min(len(rows), n-p.ix.Len())]
			p.ix.Add(rowItems(rows)...)
			after = rows[len(rows)-1].ID
		}
	}
	return a
}

func benchPaletteKeystrokes(b *testing.B, a *App) {
	_, cmd := a.Update(ctrlK())
	drive(a, cmd)
	var lat, upd []time.Duration
	i := 0
	for b.Loop() {
		phrase := palettePhrases[i%len(palettePhrases)]
		i++
		a.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}) // clear, untimed
		for _, r := range phrase {
			t0 := time.Now()
			_, cmd := a.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
			upd = append(upd, time.Since(t0)) // what blocks typing: Update alone
			drive(a, cmd)
			_ = a.View()
			lat = append(lat, time.Since(t0))
		}
		if len(a.pal.view.Entries()) == 0 {
			b.Fatalf("%q found nothing", phrase)
		}
	}
	slices.Sort(lat)
	slices.Sort(upd)
	pct := func(l []time.Duration, p float64) float64 {
		return float64(l[min(len(l)-1, int(p*float64(len(l))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(lat, 0.50), "p50-ms")
	b.ReportMetric(pct(lat, 0.99), "p99-ms")
	b.ReportMetric(pct(upd, 0.99)*1000, "update-p99-µs")
	b.ReportMetric(float64(len(lat)), "keys")
}

func BenchmarkPaletteKeystroke100k(b *testing.B) {
	benchPaletteKeystrokes(b, paletteApp(b, 100_000))
}

func BenchmarkPaletteKeystroke1M(b *testing.B) {
	benchPaletteKeystrokes(b, paletteApp(b, 1_100_000))
}

func BenchmarkPaletteIndexLoad1M(b *testing.B) {
	st := benchStore(b)
	for b.Loop() {
		a := New(st, Options{Workspace: "bench.db", Now: fixedNow, Object: "people"})
		a.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
		drive(a, a.Init())
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		t0 := time.Now()
		// Commands run concurrently, as in the program (reading a page
		// overlaps with adding the previous one).
		hs := &harness{t: b, a: a}
		hs.settle(a.startIndex())
		elapsed := time.Since(t0)
		if !a.pal.load.done {
			b.Fatal("the load did not finish")
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
		b.ReportMetric(elapsed.Seconds(), "load-s")
		b.ReportMetric(float64(a.pal.ix.Len()), "items")
		b.ReportMetric(float64(m1.HeapAlloc-m0.HeapAlloc)/(1<<20), "index-MB")
		runtime.KeepAlive(a)
	}
}
