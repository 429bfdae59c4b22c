package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/store"
	"rolo/views"
)

// Writes from the list: bulk delete, set owner, set a field, create, and
// undo of the last of those. Each is one command; its answer (writeMsg)
// refreshes the list in place and leaves an undo entry behind.

// undoEntry is what u reverses: records to restore (a delete), to delete
// again (a create), or field values to put back (set owner / set field).
type undoEntry struct {
	object   string
	restore  []int64
	remove   []int64
	oldField string
	old      map[int64]model.Value
}

// writeMsg answers every write. n is how many records changed; undo, if
// not nil, is pushed on the undo stack.
type writeMsg struct {
	object string
	status string
	err    error
	undo   *undoEntry
	undid  bool
}

// promptFor says what the root's prompt overlay is asking for.
type promptFor struct {
	kind  promptKind
	sel   views.Selection
	field model.Field
}

type promptKind int

const (
	promptNone promptKind = iota
	promptSetField
)

// updateOverlay feeds a key to the root's overlay and carries out the
// prompt's answer once it closes.
func (a *App) updateOverlay(msg tea.Msg) tea.Cmd {
	_, cmd := a.overlay.Update(msg)
	if !a.overlay.Closed() {
		return cmd
	}
	o, p := a.overlay, a.prompt
	a.overlay, a.prompt = nil, promptFor{}
	pr, ok := o.(*views.Prompt)
	if !ok {
		return cmd
	}
	text, accepted := pr.Result()
	if !accepted {
		return cmd
	}
	switch p.kind {
	case promptSetField:
		return tea.Batch(cmd, a.setFieldCmd(p.sel, p.field, text))
	}
	return cmd
}

func (a *App) openPrompt(title string, p promptFor) {
	pr := views.NewPrompt(a.keys.Dialog, a.styles, title, "")
	pr.SetSize(a.w, a.h)
	a.overlay, a.prompt = pr, p
}

// askSetField opens a prompt for a value of field to set on the selection.
func (a *App) askSetField(sel views.Selection, field string) {
	f, ok := a.object.Field(field)
	switch {
	case field == "" || !ok:
		a.status.SetError(errors.New("no column under the cursor to set"))
		return
	case f.System && f.Name != model.FieldOwner:
		a.status.SetError(fmt.Errorf("%s is maintained by rolo and cannot be set", views.Sanitize(f.Label)))
		return
	}
	what := "the selected records"
	switch {
	case sel.All:
		what = "all " + groupInt(int(max(a.list.Total(), 0))) + " " + strings.ToLower(views.Sanitize(a.object.Plural))
	case len(sel.IDs) == 1:
		what = "this " + strings.ToLower(views.Sanitize(a.object.Singular))
	default:
		what = groupInt(len(sel.IDs)) + " " + strings.ToLower(views.Sanitize(a.object.Plural))
	}
	a.openPrompt("Set "+strings.ToLower(views.Sanitize(f.Label))+" of "+what, promptFor{kind: promptSetField, sel: sel, field: f})
}

// selectionIDs resolves a selection to ids. "All" means every record that
// matches the filter now; it is read in keyset pages of the largest size,
// inside the command, never by the UI.
func selectionIDs(ctx context.Context, st *store.Store, sel views.Selection) ([]int64, error) {
	if !sel.All {
		return sel.IDs, nil
	}
	f, err := model.ParseFilter(sel.Filter)
	if err != nil {
		return nil, err
	}
	var ids []int64
	q := model.Query{Filter: f, Sorts: []model.Sort{{Field: model.FieldID}}, Limit: store.MaxLimit}
	for {
		p, err := st.Query(ctx, sel.Object, q)
		if err != nil {
			return nil, err
		}
		for _, r := range p.Records {
			ids = append(ids, r.ID)
		}
		if p.Next == "" {
			return ids, nil
		}
		q.After = p.Next
	}
}

func (a *App) deleteCmd(sel views.Selection) tea.Cmd {
	st := a.st
	return a.run("deleting", bulkTimeout, func(ctx context.Context) tea.Msg {
		ids, err := selectionIDs(ctx, st, sel)
		if err != nil {
			return writeMsg{object: sel.Object, err: err}
		}
		n, err := st.Delete(ctx, sel.Object, ids...)
		if err != nil {
			return writeMsg{object: sel.Object, err: err}
		}
		return writeMsg{object: sel.Object, status: views.DeletedMessage(n),
			undo: &undoEntry{object: sel.Object, restore: ids}}
	})
}

func (a *App) setFieldCmd(sel views.Selection, f model.Field, text string) tea.Cmd {
	st := a.st
	return a.run("setting "+f.Name, bulkTimeout, func(ctx context.Context) tea.Msg {
		v, err := model.ParseValue(f, text, st.ParseEnv())
		if err != nil {
			return writeMsg{object: sel.Object, err: err}
		}
		ids, err := selectionIDs(ctx, st, sel)
		if err != nil {
			return writeMsg{object: sel.Object, err: err}
		}
		u := &undoEntry{object: sel.Object, oldField: f.Name, old: map[int64]model.Value{}}
		for _, id := range ids {
			cur, err := st.Get(ctx, sel.Object, id)
			if errors.Is(err, store.ErrNotFound) {
				continue // deleted meanwhile
			}
			if err == nil {
				_, err = st.Update(ctx, sel.Object, id, map[string]model.Value{f.Name: v}, store.UpdateOptions{})
			}
			if err != nil {
				// Keep what was done undoable and say where it stopped.
				return writeMsg{object: sel.Object, undo: u,
					err: fmt.Errorf("set %s on %d of %d: %w", f.Name, len(u.old), len(ids), err)}
			}
			u.old[id] = cur.Get(f.Name)
		}
		return writeMsg{object: sel.Object, undo: u,
			status: fmt.Sprintf("set %s on %s · u to undo", f.Label, plural(len(u.old), "record", "records"))}
	})
}

func (a *App) undoCmd() tea.Cmd {
	if len(a.undo) == 0 {
		a.status.SetMessage("nothing to undo")
		return nil
	}
	u := a.undo[len(a.undo)-1]
	a.undo = a.undo[:len(a.undo)-1]
	st := a.st
	return a.run("undoing", bulkTimeout, func(ctx context.Context) tea.Msg {
		m := writeMsg{object: u.object, undid: true}
		switch {
		case len(u.restore) > 0:
			n, err := st.Restore(ctx, u.object, u.restore...)
			m.err, m.status = err, "restored "+plural(n, "record", "records")
		case len(u.remove) > 0:
			n, err := st.Delete(ctx, u.object, u.remove...)
			m.err, m.status = err, "removed "+plural(n, "new record", "new records")+" again"
		default:
			n := 0
			for id, v := range u.old {
				if _, err := st.Update(ctx, u.object, id, map[string]model.Value{u.oldField: v}, store.UpdateOptions{}); err != nil && !errors.Is(err, store.ErrNotFound) {
					m.err = fmt.Errorf("undo stopped after %d of %d: %w", n, len(u.old), err)
					return m
				}
				n++
			}
			m.status = "put back " + u.oldField + " on " + plural(n, "record", "records")
		}
		return m
	})
}

// onWrite reports a write, keeps its undo entry and re-reads what changed.
func (a *App) onWrite(m writeMsg) tea.Cmd {
	if m.undo != nil && (len(m.undo.restore) > 0 || len(m.undo.remove) > 0 || len(m.undo.old) > 0) {
		a.undo = append(a.undo, *m.undo)
		if len(a.undo) > maxUndo {
			a.undo = a.undo[len(a.undo)-maxUndo:]
		}
	}
	if m.err != nil {
		a.status.SetError(m.err)
	} else {
		a.status.SetMessage(m.status)
	}
	var cmds []tea.Cmd
	if m.object == a.list.Object().Name {
		cmds = append(cmds, a.list.Refresh())
	}
	cmds = append(cmds, a.countObjectsCmd(m.object))
	return tea.Batch(cmds...)
}

// maxUndo bounds the undo stack: each entry may hold many ids.
const maxUndo = 20

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return groupInt(n) + " " + many
}

// ---- the record view ----
