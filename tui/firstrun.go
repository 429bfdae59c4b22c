package tui

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"rolo/demo"
	"rolo/model"
	"rolo/store"
	"rolo/views"
)

// Start-up. Init runs one probe command: is this workspace brand new (no
// records in any object, live or deleted, and never opened here before)?
// If so the first-run screen offers the demo or an empty start; otherwise
// the probe has already read the first object's saved views, so the first
// page request follows at once.

type probeMsg struct {
	empty  bool
	object string
	views  []model.SavedView
	err    error
}

// fillState is the demo fill's progress.
type fillState struct {
	progress    chan fillProgressMsg
	done, total int
}

type fillProgressMsg struct{ done, total int }

type fillDoneMsg struct{ err error }

func (a *App) probeCmd() tea.Cmd {
	st := a.st
	a.loadObjects()
	first := a.firstObject()
	a.viewsReq = a.nextReq()
	objects := make([]string, 0, len(a.objects))
	for _, o := range a.objects {
		objects = append(objects, o.Name)
	}
	return a.run("opening the workspace", 0, func(ctx context.Context) tea.Msg {
		empty, err := isNew(ctx, st, objects)
		if err != nil || empty || first == "" {
			return probeMsg{empty: empty, err: err}
		}
		vs, err := st.SavedViews(ctx, first)
		return probeMsg{object: first, views: vs, err: err}
	})
}

// isNew reports whether the workspace has never held a record and never
// been opened in the interface (which creates saved views). Choosing
// "start empty" opens an object, so the choice is not offered again.
// Each check is a one-row index read, so this stays fast on big files.
func isNew(ctx context.Context, st *store.Store, objects []string) (bool, error) {
	if has, err := st.HasSavedViews(ctx); err != nil || has {
		return false, err
	}
	for _, deleted := range []bool{false, true} {
		for _, o := range objects {
			p, err := st.Query(ctx, o, model.Query{Limit: 1, Deleted: deleted, Sorts: []model.Sort{{Field: model.FieldID}}})
			if err != nil {
				return false, err
			}
			if len(p.Records) > 0 {
				return false, nil
			}
		}
	}
	return true, nil
}

func (a *App) firstObject() string {
	if _, ok := a.findObject(a.opt.Object); ok {
		return a.opt.Object
	}
	if len(a.objects) > 0 {
		return a.objects[0].Name
	}
	return ""
}

func (a *App) onProbe(m probeMsg) tea.Cmd {
	if m.err != nil {
		// Show the shell anyway: the error is in the status bar and the
		// sidebar still works.
		a.status.SetError(m.err)
	}
	if m.empty {
		a.phase = phaseFirstRun
		a.firstRun = views.NewFirstRun(a.keys.FirstRun, a.styles)
		a.relayout()
		return nil
	}
	a.phase = phaseReady
	a.relayout()
	cmds := []tea.Cmd{a.countObjectsCmd()}
	if obj, ok := a.findObject(m.object); ok && len(m.views) > 0 {
		cmds = append(cmds, a.showObject(obj, m.views))
	} else if first := a.firstObject(); first != "" && m.err == nil {
		cmds = append(cmds, a.openObject(first))
	}
	return tea.Batch(cmds...)
}

func (a *App) onFirstRun(m views.FirstRunMsg) tea.Cmd {
	if a.phase != phaseFirstRun {
		return nil
	}
	a.firstRun = nil
	if !m.Demo {
		return a.onProbe(probeMsg{})
	}
	opt := demo.DefaultOptions()
	if a.opt.Demo != nil {
		opt = *a.opt.Demo
	}
	a.phase = phaseFilling
	a.fill = fillState{progress: make(chan fillProgressMsg, 1)}
	a.relayout()
	st, progress := a.st, a.fill.progress
	fill := a.run("loading the demo", bulkTimeout, func(ctx context.Context) tea.Msg {
		defer close(progress)
		err := demo.Fill(ctx, st, opt, func(done, total int) {
			// Never block the fill on the screen: a missed report is
			// replaced by the next.
			select {
			case progress <- fillProgressMsg{done, total}:
			default:
			}
		})
		return fillDoneMsg{err: err}
	})
	return tea.Batch(fill, waitProgress(progress))
}

// waitProgress delivers the fill's next progress report; it is re-armed
// after each one until the fill closes the channel.
func waitProgress(ch <-chan fillProgressMsg) tea.Cmd {
	return func() tea.Msg {
		m, ok := <-ch
		if !ok {
			return nil
		}
		return m
	}
}

func (a *App) onFillProgress(m fillProgressMsg) tea.Cmd {
	if a.phase != phaseFilling {
		return nil
	}
	a.fill.done, a.fill.total = m.done, m.total
	return waitProgress(a.fill.progress)
}

func (a *App) onFillDone(m fillDoneMsg) tea.Cmd {
	if m.err != nil {
		a.status.SetError(fmt.Errorf("loading the demo failed: %w", m.err))
	} else {
		a.status.SetMessage("demo workspace loaded")
	}
	return a.onProbe(probeMsg{})
}
