package search

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sahilm/fuzzy"
)

// Benchmarks for the palette's latency targets. Run with, e.g.:
//
//	go test -run '^$' -bench . -benchtime 400x ./search/
//
// Each op of the keystroke benchmarks is one keystroke of the typed
// sequences in typedPhrases (names, company fragments, an email fragment, a
// phone fragment, an accented name), cycling; percentiles are over all
// keystrokes timed.

var (
	items100k = sync.OnceValue(func() []Item { return genItems(100_000, 42) })
	index100k = sync.OnceValue(func() *Index { return newIndex(items100k()...) })
	index1M   = sync.OnceValue(func() *Index {
		ix := New()
		// Not items1M: as in the TUI, the loader's items are garbage once
		// added, and holding a million of them would slow every GC cycle.
		items := genItems(1_000_000, 43)
		// Filled in batches, as the store's background loader will.
		for i := 0; i < len(items); i += 10_000 {
			ix.Add(items[i:min(i+10_000, len(items))]...)
		}
		return ix
	})
)

// latencies collects durations and reports percentiles in milliseconds.
type latencies []time.Duration

func (l latencies) pct(p float64) float64 {
	if len(l) == 0 {
		return 0
	}
	s := slices.Clone(l)
	slices.Sort(s)
	i := min(len(s)-1, int(p*float64(len(s))))
	return float64(s[i]) / float64(time.Millisecond)
}

func (l latencies) report(b *testing.B, name string) {
	b.ReportMetric(l.pct(0.50), name+"p50-ms")
	b.ReportMetric(l.pct(0.99), name+"p99-ms")
}

func flatKeystrokes() []string {
	var qs []string
	for _, seq := range keystrokes(typedPhrases) {
		qs = append(qs, seq...)
	}
	return qs
}

// BenchmarkFuzzyFindBaseline100k is the naive palette: fuzzy.Find over all
// 100,000 labels on every keystroke (labels only; searching the secondary
// text too would double it).
func BenchmarkFuzzyFindBaseline100k(b *testing.B) {
	items := items100k()
	labels := make([]string, len(items))
	for i, it := range items {
		labels[i] = it.Label
	}
	qs := flatKeystrokes()
	var lat latencies
	i := 0
	for b.Loop() {
		t0 := time.Now()
		ms := fuzzy.Find(qs[i%len(qs)], labels)
		lat = append(lat, time.Since(t0))
		_ = ms[:min(len(ms), DefaultLimit)]
		i++
	}
	lat.report(b, "")
}

// BenchmarkKeystrokes100k types the phrases one character at a time into a
// palette session (synchronous, narrowing), a new session per phrase.
func BenchmarkKeystrokes100k(b *testing.B) {
	ix := index100k()
	seqs := keystrokes(typedPhrases)
	var lat, cpu latencies
	var s *Session
	si, ki := 0, 0
	for b.Loop() {
		seq := seqs[si%len(seqs)]
		if ki == 0 {
			s = ix.NewSession()
		}
		c0, t0 := cpuTime(), time.Now()
		s.Search(seq[ki], Options{})
		lat = append(lat, time.Since(t0))
		cpu = append(cpu, cpuTime()-c0)
		if ki++; ki == len(seq) {
			si, ki = si+1, 0
		}
	}
	lat.report(b, "")
	cpu.report(b, "cpu-")
}

// BenchmarkColdQuery100k is a one-off search with nothing to narrow from
// (the palette reopened with a query, or a pasted one).
func BenchmarkColdQuery100k(b *testing.B) {
	ix := index100k()
	qs := flatKeystrokes()
	var lat latencies
	i := 0
	for b.Loop() {
		t0 := time.Now()
		ix.Search(context.Background(), qs[i%len(qs)], Options{})
		lat = append(lat, time.Since(t0))
		i++
	}
	lat.report(b, "")
}

// BenchmarkKeystrokes1M types into an asynchronous session over a million
// items. After each keystroke it waits for the final answer and then for
// the session to go idle (a typist's gap between keys is ~100-200 ms; the
// background pass that collects candidates for narrowing fits in it). It
// reports, from the SearchAsync call:
//
//   - 3plus: final answer of queries of 3+ characters;
//   - short-first / short-full: first and final answers of 1-2 character
//     queries;
//   - cold3plus: a one-off Index.Search of the 3+ character queries with no
//     session to narrow from (postings path);
//   - cpu-3plus: the CPU time (both cores together) spent until the final
//     answer of a 3+ character query, which on an otherwise idle machine
//     bounds the wall-clock latency from above.
func BenchmarkKeystrokes1M(b *testing.B) { benchKeystrokes1M(b, typedPhrases) }

// BenchmarkKeystrokes1MWide is BenchmarkKeystrokes1M over widePhrases:
// word middles, phone blocks, years and other fragments with few or no
// word-start matches, the hardest shapes for the engine.
func BenchmarkKeystrokes1MWide(b *testing.B) { benchKeystrokes1M(b, widePhrases) }

func benchKeystrokes1M(b *testing.B, phrases []string) {
	ix := index1M()
	runtime.GC() // not the build's garbage: a GC cycle costs under 5 ms
	seqs := keystrokes(phrases)
	var long, longCPU, shortFirst, shortFull, cold latencies
	var s *Session
	si, ki := 0, 0
	type arrival struct {
		at      time.Time
		cpu     time.Duration
		partial bool
	}
	ch := make(chan arrival, 4)
	deliver := func(r Result) { ch <- arrival{time.Now(), cpuTime(), r.Partial} }
	for b.Loop() {
		seq := seqs[si%len(seqs)]
		if ki == 0 {
			if s != nil {
				s.Close()
			}
			s = ix.NewSession()
		}
		q := seq[ki]
		c0, t0 := cpuTime(), time.Now()
		s.SearchAsync(q, Options{}, deliver)
		first := <-ch
		last := first
		for last.partial {
			last = <-ch
		}
		s.Wait()
		if len([]rune(q)) >= 3 {
			long = append(long, last.at.Sub(t0))
			longCPU = append(longCPU, last.cpu-c0)
		} else {
			shortFirst = append(shortFirst, first.at.Sub(t0))
			shortFull = append(shortFull, last.at.Sub(t0))
		}
		if ki++; ki == len(seq) {
			si, ki = si+1, 0
		}
	}
	b.StopTimer()
	for _, seq := range seqs {
		for _, q := range seq {
			if len([]rune(q)) >= 3 {
				t0 := time.Now()
				ix.Search(context.Background(), q, Options{})
				cold = append(cold, time.Since(t0))
			}
		}
	}
	long.report(b, "3plus-")
	longCPU.report(b, "cpu-3plus-")
	shortFirst.report(b, "short-first-")
	shortFull.report(b, "short-full-")
	cold.report(b, "cold3plus-")
}

// BenchmarkIndexMemory1M measures the heap the index holds for a million
// items (it keeps its own copy of their strings, see cold.go), and how long
// building it in 10,000-item batches takes.
func BenchmarkIndexMemory1M(b *testing.B) {
	items := genItems(1_000_000, 43)
	var before, after runtime.MemStats
	var ix *Index
	for b.Loop() {
		ix = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		t0 := time.Now()
		ix = New()
		for i := 0; i < len(items); i += 10_000 {
			ix.Add(items[i:min(i+10_000, len(items))]...)
		}
		b.ReportMetric(float64(time.Since(t0).Milliseconds()), "build-ms")
		runtime.GC()
		runtime.ReadMemStats(&after)
	}
	heap := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	b.ReportMetric(heap/(1<<20), "index-MB")
	b.ReportMetric(heap/float64(len(items)), "B/item")
	var text int
	for _, it := range items {
		text += len(it.Key) + len(it.Label) + len(it.Secondary)
	}
	b.ReportMetric(float64(text)/(1<<20), "item-text-MB")
	runtime.KeepAlive(ix)
}
