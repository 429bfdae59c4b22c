package tui

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rolo/demo"
	"rolo/model"
	"rolo/store"
)

// Board benchmarks on 10,000 opportunities (two pipelines), built once
// into a file under os.TempDir() and reused (delete it to rebuild).
// Targets: the board opens in ≤ 50 ms, stage totals take ≤ 15 ms, a move
// keystroke re-renders in ≤ 16 ms.

var (
	boardBenchOnce sync.Once
	boardBenchPath string
	boardBenchErr  error
)

func boardBenchStore(b *testing.B) *store.Store {
	b.Helper()
	boardBenchOnce.Do(func() {
		boardBenchPath = filepath.Join(os.TempDir(), "rolo-board-bench-10k-v1.db")
		if _, err := os.Stat(boardBenchPath); err == nil {
			return
		}
		tmp := boardBenchPath + ".building"
		for _, sfx := range []string{"", "-wal", "-shm"} {
			os.Remove(tmp + sfx)
		}
		st, err := store.Open(tmp, store.Options{Actor: "bench", Now: fixedNow})
		if err != nil {
			boardBenchErr = err
			return
		}
		opt := demo.Options{Companies: 500, People: 2_000, Opportunities: 10_000, Tasks: 100, Notes: 100, Members: 5, Seed: 1, Now: testNow}
		if boardBenchErr = demo.Fill(context.Background(), st, opt, nil); boardBenchErr == nil {
			_, boardBenchErr = st.DB().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
		}
		st.Close()
		if boardBenchErr == nil {
			boardBenchErr = os.Rename(tmp, boardBenchPath)
		}
	})
	if boardBenchErr != nil {
		b.Fatal(boardBenchErr)
	}
	st, err := store.Open(boardBenchPath, store.Options{Actor: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func boardBenchApp(b *testing.B, st *store.Store) *App {
	a := New(st, Options{Workspace: "bench.db", Now: fixedNow, Object: "opportunities"})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	drive(a, a.Init())
	return a
}

// BenchmarkBoardOpen10k is b on the list until the board is drawn with its
// totals and the first page of every visible column: metadata and
// pipelines, StageTotals, one keyset page per column, and the frame.
func BenchmarkBoardOpen10k(b *testing.B) {
	st := boardBenchStore(b)
	a := boardBenchApp(b, st)
	for b.Loop() {
		a.board.view = nil
		benchPress(a, "b")
		if _, ok := a.board.view.Current(); !ok {
			b.Fatal("the board opened without cards")
		}
	}
}

// BenchmarkStageTotals10k: the header numbers of a pipeline, unfiltered
// (trigger-kept totals) and under a filter (GROUP BY over the board index).
func BenchmarkStageTotals10k(b *testing.B) {
	st := boardBenchStore(b)
	ps, err := st.Pipelines(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	f, _ := model.ParseFilter("amount>10000")
	for _, c := range []struct {
		name string
		f    model.Filter
	}{{"all", model.Filter{}}, {"filtered", f}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				gs, err := st.StageTotals(context.Background(), ps[0].ID, c.f)
				if err != nil || len(gs) == 0 {
					b.Fatal(err, len(gs))
				}
			}
		})
	}
}

// BenchmarkBoardMoveKeystroke is one L or H: Update (the optimistic move)
// and the frame drawn after it. The write runs in a command afterwards
// and is not part of the keystroke.
func BenchmarkBoardMoveKeystroke(b *testing.B) {
	st := boardBenchStore(b)
	a := boardBenchApp(b, st)
	benchPress(a, "b")
	keys := []string{"L", "H"}
	i := 0
	for b.Loop() {
		a.Update(kp(keys[i%2]))
		_ = a.View()
		i++
	}
}

// BenchmarkBoardMoveWritten is a move with its write: the keystroke, the
// MoveCard transaction (stage event, position), the board's answer and
// the totals re-read, and the frame.
func BenchmarkBoardMoveWritten(b *testing.B) {
	st := boardBenchStore(b)
	a := boardBenchApp(b, st)
	benchPress(a, "b")
	keys := []string{"L", "H"}
	i := 0
	for b.Loop() {
		benchPress(a, keys[i%2])
		i++
	}
	if msg, isErr := a.status.Message(); isErr {
		b.Fatal(msg)
	}
}
