package importer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"

	"rolo/model"
	"rolo/store"
	"rolo/transfer"
)

// Run imports a file: NewPlan, then Plan.Run.
func Run(ctx context.Context, st *store.Store, opt Options, progress Progress) (Report, error) {
	p, err := NewPlan(st, opt)
	if err != nil {
		return Report{Object: opt.Object, File: opt.Path}, err
	}
	defer p.Close()
	return p.Run(ctx, st, progress)
}

// Run executes the plan in one transaction. The Report is filled even
// when an error is returned: with ErrInvalidRows it lists the bad rows.
// A cancelled ctx rolls everything back.
func (p *Plan) Run(ctx context.Context, st *store.Store, progress Progress) (Report, error) {
	opt := p.opt
	rep := Report{Object: p.Object.Name, File: filepath.Base(opt.Path), Format: p.Reader.Format(), Match: p.Match,
		DryRun: opt.DryRun, Mapping: p.Report, Problems: []RowProblem{}, Duplicates: []Duplicate{}, New: []Created{}}
	if opt.MaxProblems <= 0 {
		opt.MaxProblems = 10_000
	}
	norm, err := transfer.NewNormalizer(opt.DateFormat, opt.DecimalComma, p.Reader.Format())
	if err != nil {
		return rep, err
	}
	var errs *errorsFile
	if opt.ErrorsPath != "" {
		if errs, err = newErrorsFile(opt.ErrorsPath, p.Reader.Header()); err != nil {
			return rep, err
		}
	}
	total := estimateRows(opt.Path, p.Reader.Format())
	if progress == nil {
		progress = func(int64, int64) {}
	}

	// The parser runs ahead on its own goroutine; stopping it (on any
	// exit) and waiting keeps it from reading a closed file.
	pctx, stop := context.WithCancel(ctx)
	ch := make(chan *chunk, 2*max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		(&parser{p: p, norm: norm, env: st.ParseEnv()}).run(pctx, ch)
	}()
	defer func() {
		stop()
		for range ch {
		}
		wg.Wait()
	}()

	w := &writer{p: p, opt: opt, rep: &rep, errs: errs, env: st.ParseEnv(), seen: map[uint64]int32{}}
	err = st.Batch(ctx, store.BatchOptions{Rollback: opt.DryRun}, func(b *store.Batch) error {
		if err := w.start(b, total); err != nil {
			return err
		}
		for c := range ch {
			select {
			case <-c.ready:
			case <-ctx.Done():
				return ctx.Err()
			}
			if c.err != nil {
				return c.err
			}
			if err := w.chunk(c.rows); err != nil {
				return err
			}
			progress(rep.Rows, max(total, rep.Rows))
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		progress(rep.Rows, rep.Rows)
		if rep.Errors > 0 && !opt.SkipInvalid {
			return ErrInvalidRows
		}
		if rep.Created+rep.Updated > 0 {
			return b.Event(p.Object.Name, model.EventImported, summary(rep))
		}
		return nil
	})
	if errs != nil {
		if cerr := errs.close(); err == nil && cerr != nil {
			err = cerr
		}
	}
	if errors.Is(err, ErrInvalidRows) {
		return rep, fmt.Errorf("%d of %d rows have errors; nothing was imported (--skip-invalid imports the others): %w", rep.Errors, rep.Rows, ErrInvalidRows)
	}
	if err != nil {
		if ctx.Err() != nil {
			return rep, fmt.Errorf("import interrupted; nothing was imported: %w", ctx.Err())
		}
		return rep, err
	}
	rep.Written = !opt.DryRun
	return rep, nil
}

// summary is the "imported" event's text.
func summary(r Report) string {
	return fmt.Sprintf("%s: %d created, %d updated, %d unchanged, %d skipped", r.File, r.Created, r.Updated, r.Unchanged, r.Errors)
}
