package tui

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"rolo/importer"
	"rolo/model"
	"rolo/store"
	"rolo/transfer"
	"rolo/views"
)

// The import wizard's commands: path completion, the preview, and the
// dry and real runs with their progress. Each answers with the request id
// the wizard sent; the wizard drops answers it no longer waits for.

// previewRows is how many rows of the file the preview shows at most.
const previewRows = 10

// maxCompletions bounds a directory listing sent to the screen.
const maxCompletions = 200

type wizardCompletionsMsg struct {
	req   int
	paths []string
	err   error
}

type wizardPreviewMsg struct {
	req     int
	preview views.ImportPreview
	err     error
}

// wizardProgressMsg carries the import's progress; ch is where the next
// one will come from.
type wizardProgressMsg struct {
	req         int
	done, total int64
	ch          <-chan progressTick
}

type wizardResultMsg struct {
	req    int
	object string
	dry    bool
	result views.ImportResult
}

type progressTick struct{ done, total int64 }

// resolveImportPath expands a leading ~ and makes the path absolute, so the
// preview and the runs read the same file whatever was typed.
func resolveImportPath(p string) string {
	p = strings.TrimSpace(p)
	if p == "~" || strings.HasPrefix(p, "~"+string(filepath.Separator)) {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, p[1:])
		}
	}
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

func (a *App) completeCmd(m views.WizardCompleteMsg) tea.Cmd {
	return a.run("listing files", 0, func(context.Context) tea.Msg {
		paths, err := completeImportPath(m.Path)
		return wizardCompletionsMsg{req: m.Req, paths: paths, err: err}
	})
}

// completeImportPath lists the entries of the directory typed's last separator
// points into that start with what follows it, as typed plus the rest of
// the name; directories end in a separator. Hidden entries appear only
// once a dot is typed.
func completeImportPath(typed string) ([]string, error) {
	sep := string(filepath.Separator)
	i := strings.LastIndex(typed, sep)
	typedDir, base := typed[:i+1], typed[i+1:]
	dir := typedDir
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(resolveImportPath(dir))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if fi, err := os.Stat(filepath.Join(resolveImportPath(dir), name)); err == nil {
				isDir = fi.IsDir()
			}
		}
		p := typedDir + name
		if isDir {
			p += sep
		}
		if out = append(out, p); len(out) == maxCompletions {
			break
		}
	}
	return out, nil
}

func (a *App) previewCmd(m views.WizardPreviewMsg) tea.Cmd {
	st := a.st
	return a.run("reading the file", 0, func(ctx context.Context) tea.Msg {
		p, err := previewImport(ctx, st, m.Spec)
		return wizardPreviewMsg{req: m.Req, preview: p, err: err}
	})
}

// previewImport opens the file, maps its columns the way the import will
// (the user's choices as overrides) and reads its first rows.
func previewImport(ctx context.Context, st *store.Store, spec views.ImportSpec) (views.ImportPreview, error) {
	obj, err := st.Object(spec.Object)
	if err != nil {
		return views.ImportPreview{}, err
	}
	overrides, err := transfer.ParseMapFlags(spec.Map)
	if err != nil {
		return views.ImportPreview{}, err
	}
	path := resolveImportPath(spec.Path)
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return views.ImportPreview{}, errors.New(spec.Path + " is a directory: press tab to list it")
	}
	r, err := transfer.Open(path, transfer.ReadOptions{})
	if err != nil {
		return views.ImportPreview{}, err
	}
	defer r.Close()
	header := r.Header()
	_, rep, err := transfer.AutoMap(header, obj, overrides)
	if err != nil {
		return views.ImportPreview{}, errors.New(tidyImportError(err.Error()))
	}
	p := views.ImportPreview{Path: path, Format: r.Format(), Columns: make([]views.ImportColumn, len(header))}
	for i, h := range header {
		p.Columns[i].Header = h
	}
	for _, mc := range rep.Mapped {
		p.Columns[mc.Index].Field, p.Columns[mc.Index].Role = mc.Field, mc.Role.String()
	}
	for _, u := range rep.Unmapped {
		p.Columns[u.Index].Reason = tidyImportError(u.Reason)
	}
	for len(p.Rows) < previewRows && ctx.Err() == nil {
		row, _, err := r.Next()
		var rowErr *transfer.RowError
		switch {
		case errors.Is(err, io.EOF):
			return withChoices(p, obj), nil
		case errors.As(err, &rowErr):
			if row == nil {
				continue // the dry run reports it
			}
		case err != nil:
			return views.ImportPreview{}, err
		}
		p.Rows = append(p.Rows, slices.Clone(row))
	}
	return withChoices(p, obj), ctx.Err()
}

// withChoices adds what the wizard lets the user pick: the importable
// fields, and the fields rows may be matched on.
func withChoices(p views.ImportPreview, obj model.Object) views.ImportPreview {
	for _, f := range transfer.ImportableFields(obj) {
		label := f.Label
		if label == "" {
			label = f.Name
		}
		p.Fields = append(p.Fields, views.ImportField{Name: f.Name, Label: label})
	}
	p.Matches = []string{model.FieldID}
	for _, f := range obj.Fields {
		if f.Unique && f.Name != model.FieldID {
			p.Matches = append(p.Matches, f.Name)
		}
	}
	return p
}

// tidyImportError rewords the engine's hints, written for the command
// line's flags, for the wizard's keys.
func tidyImportError(s string) string {
	if i := strings.Index(s, " (use --map"); i >= 0 {
		s = s[:i]
	}
	return importHints.Replace(s)
}

var importHints = strings.NewReplacer(
	"; use --map to choose", "; choose in the mapping",
	"--skip-invalid", "skip invalid rows (s)",
	"--create-missing", "create missing (c)",
	"--update-only", "update only (u)",
	"--match ", "match on ",
	"map one with --map COLUMN=", "map a column to ",
	"--map ", "mapping ",
)

// importRunCmd runs the importer, rolled back for a dry run. The run
// reports progress on a channel that a second command reads, one tick per
// message, so Update never waits; the channel closes when the run ends.
func (a *App) importRunCmd(req int, spec views.ImportSpec, dry bool) tea.Cmd {
	a.stopImportRun()
	if a.imp == nil {
		a.imp = &importState{}
	}
	uctx, cancel := context.WithCancel(context.Background())
	a.imp.cancel = cancel
	if a.imp.cancelled == req {
		cancel()
	}
	st := a.st
	opt := importer.Options{
		Object: spec.Object, Path: resolveImportPath(spec.Path), Map: spec.Map, Match: spec.Match,
		CreateMissing: spec.CreateMissing, UpdateOnly: spec.UpdateOnly, SkipInvalid: spec.SkipInvalid,
		DateFormat: spec.DateFormat, DryRun: dry, MaxProblems: 100,
	}
	ch := make(chan progressTick, 1)
	op := "importing"
	if dry {
		op = "checking the import"
	}
	run := a.run(op, bulkTimeout, func(ctx context.Context) tea.Msg {
		defer close(ch)
		ctx, stop := context.WithCancel(ctx)
		defer stop()
		defer context.AfterFunc(uctx, stop)()
		if uctx.Err() != nil {
			stop() // cancelled before it started: AfterFunc's goroutine may not have run yet
		}
		rep, err := importer.Run(ctx, st, opt, func(done, total int64) { putLatest(ch, progressTick{done, total}) })
		return wizardResultMsg{req: req, object: spec.Object, dry: dry, result: importResult(rep, err, uctx.Err() != nil)}
	})
	return tea.Batch(run, waitImportProgress(req, ch))
}

// putLatest puts t on ch, replacing a tick nobody has read yet: the screen
// wants the newest count, and the importer must never wait for it.
func putLatest(ch chan progressTick, t progressTick) {
	for {
		select {
		case ch <- t:
			return
		default:
		}
		select {
		case <-ch:
		default:
		}
	}
}

// waitImportProgress reads one tick; the handler issues it again for the next.
func waitImportProgress(req int, ch <-chan progressTick) tea.Cmd {
	return func() tea.Msg {
		t, ok := <-ch
		if !ok {
			return nil
		}
		return wizardProgressMsg{req: req, done: t.done, total: t.total, ch: ch}
	}
}

// importResult turns the importer's report into the wizard's terms.
func importResult(rep importer.Report, err error, cancelled bool) views.ImportResult {
	r := views.ImportResult{
		File: rep.File, Match: rep.Match, Rows: rep.Rows, Created: rep.Created, Updated: rep.Updated,
		Unchanged: rep.Unchanged, Errors: rep.Errors, Written: rep.Written, Omitted: rep.Omitted,
	}
	for _, p := range rep.Problems {
		r.Problems = append(r.Problems, views.ImportProblem{Row: p.Row, Column: p.Column, Value: p.Value, Reason: importHints.Replace(p.Reason)})
	}
	if err != nil {
		r.Err = tidyImportError(err.Error())
		r.Invalid = errors.Is(err, importer.ErrInvalidRows)
		r.Cancelled = cancelled
	}
	return r
}
