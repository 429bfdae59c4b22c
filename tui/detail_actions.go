package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/store"
	"rolo/views"
)

// What the detail page asks for: field writes (with conflict detection),
// picker choices, older activity, delete, favorites, the system opener and
// $EDITOR.

var errNotFromList = errors.New("[ and ] walk the list; this record is not from the list shown")

// fieldSavedMsg answers a SaveFieldMsg.
type fieldSavedMsg struct {
	object string
	id     int64
	field  string
	rec    model.Record
	err    error
}

func (a *App) saveFieldCmd(m views.SaveFieldMsg) tea.Cmd {
	st := a.st
	return a.run("saving "+m.Field, 0, func(ctx context.Context) tea.Msg {
		rec, err := st.Update(ctx, m.Object, m.ID, map[string]model.Value{m.Field: m.Value}, store.UpdateOptions{IfUpdatedAt: m.IfUpdatedAt})
		return fieldSavedMsg{object: m.Object, id: m.ID, field: m.Field, rec: rec, err: err}
	})
}

func (a *App) onFieldSaved(m fieldSavedMsg) tea.Cmd {
	if a.detail == nil || a.detail.view.Record().ID != m.id || a.detail.view.Object().Name != m.object {
		if m.err != nil {
			a.status.SetError(m.err)
		}
		return nil
	}
	var conflict *store.ConflictError
	switch {
	case errors.As(m.err, &conflict):
		a.detail.view.Conflict(m.field, conflict.Current)
		a.status.SetError(fmt.Errorf("%s changed elsewhere since it was opened; your edit was not saved", views.Sanitize(conflict.Current.Label)))
		return a.reloadDetail()
	case m.err != nil:
		a.detail.view.SaveFailed(m.field, m.err)
		a.status.SetError(m.err)
		return nil
	}
	a.detail.wrote = true
	a.detail.view.Saved(m.rec)
	f, _ := a.detail.view.Object().Field(m.field)
	a.status.SetMessage("saved " + strings.ToLower(views.Sanitize(f.Label)))
	return tea.Batch(a.reloadDetail(), a.countObjectsCmd(m.object))
}

// pickerMsg answers a PickerQueryMsg.
type pickerMsg struct {
	req   int
	items []views.PickItem
	err   error
}

// pickerLimit is how many choices one picker answer holds.
const pickerLimit = 30

func (a *App) pickerCmd(m views.PickerQueryMsg) tea.Cmd {
	st := a.st
	return a.run("searching", 0, func(ctx context.Context) tea.Msg {
		items, err := pickerItems(ctx, st, m)
		if err == nil && !m.Field.Required && m.Query == "" && m.Field.Type != model.TypeStage && m.Field.Type != model.TypePipeline {
			items = append([]views.PickItem{{Label: "(none)"}}, items...)
		}
		return pickerMsg{req: m.Req, items: items, err: err}
	})
}

func pickerItems(ctx context.Context, st *store.Store, m views.PickerQueryMsg) ([]views.PickItem, error) {
	q := strings.ToLower(m.Query)
	var items []views.PickItem
	switch m.Field.Type {
	case model.TypeRelation:
		hits, err := st.LookupLabels(ctx, m.Field.Target, m.Query, pickerLimit)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			items = append(items, views.PickItem{Label: h.Label, Detail: "#" + fmt.Sprint(h.ID), Value: model.Value{Valid: true, Int: h.ID, Ref: h.Label}})
		}
	case model.TypeMember:
		ms, err := st.Members(ctx)
		if err != nil {
			return nil, err
		}
		for _, mb := range ms {
			if !mb.Active || q != "" && !strings.Contains(strings.ToLower(mb.Login+" "+mb.Name+" "+mb.Email), q) {
				continue
			}
			items = append(items, views.PickItem{Label: memberLabel(mb), Detail: mb.Email, Value: model.Value{Valid: true, Int: mb.ID, Ref: memberLabel(mb)}})
		}
	case model.TypePipeline, model.TypeStage:
		ps, err := st.Pipelines(ctx)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if m.Field.Type == model.TypePipeline {
				if q == "" || strings.Contains(strings.ToLower(p.Name), q) {
					items = append(items, views.PickItem{Label: p.Name, Value: model.Value{Valid: true, Int: p.ID, Ref: p.Name}})
				}
				continue
			}
			if m.Pipeline != 0 && p.ID != m.Pipeline {
				continue
			}
			for _, s := range p.Stages {
				if q == "" || strings.Contains(strings.ToLower(s.Name), q) {
					items = append(items, views.PickItem{Label: s.Name, Detail: p.Name, Color: s.Color, Value: model.Value{Valid: true, Int: s.ID, Ref: s.Name}})
				}
			}
		}
	}
	if len(items) > pickerLimit {
		items = items[:pickerLimit]
	}
	return items, nil
}

func memberLabel(m model.Member) string {
	if m.Name != "" {
		return m.Name
	}
	return m.Login
}

// onPicker hands an answer to whichever editor is open: the form's or the
// detail page's (each ignores answers to queries it did not send).
func (a *App) onPicker(m pickerMsg) {
	if f, ok := a.overlay.(*views.Form); ok {
		f.SetPickerResults(m.req, m.items, m.err)
	}
	if a.detail != nil {
		a.detail.view.SetPickerResults(m.req, m.items, m.err)
	}
}

// eventsMsg answers a MoreEventsMsg.
type eventsMsg struct {
	id   int64
	evs  []model.Event
	more bool
	err  error
}

func (a *App) moreEventsCmd(m views.MoreEventsMsg) tea.Cmd {
	st := a.st
	return a.run("reading activity", 0, func(ctx context.Context) tea.Msg {
		evs, err := st.Events(ctx, store.EventQuery{Object: m.Object, RecordID: m.ID, BeforeID: m.BeforeID, Limit: eventsPage + 1})
		more := len(evs) > eventsPage
		if more {
			evs = evs[:eventsPage]
		}
		return eventsMsg{id: m.ID, evs: evs, more: more, err: err}
	})
}

func (a *App) onEvents(m eventsMsg) {
	if m.err != nil {
		a.status.SetError(m.err)
		return
	}
	if a.detail != nil && a.detail.view.Record().ID == m.id {
		a.detail.view.AppendEvents(m.evs, m.more)
	}
}

// detailDeletedMsg answers a DeleteRecordMsg.
type detailDeletedMsg struct{ w writeMsg }

func (a *App) deleteRecordCmd(m views.DeleteRecordMsg) tea.Cmd {
	st := a.st
	return a.run("deleting", 0, func(ctx context.Context) tea.Msg {
		n, err := st.Delete(ctx, m.Object, m.ID)
		if err != nil {
			return detailDeletedMsg{writeMsg{object: m.Object, err: err}}
		}
		if n == 0 {
			return detailDeletedMsg{writeMsg{object: m.Object, err: errors.New("already deleted")}}
		}
		return detailDeletedMsg{writeMsg{object: m.Object, status: "deleted " + views.Sanitize(m.Label) + " · u to undo",
			undo: &undoEntry{object: m.Object, restore: []int64{m.ID}}}}
	})
}

func (a *App) onDetailDeleted(m detailDeletedMsg) tea.Cmd {
	cmd := a.onWrite(m.w)
	if m.w.err != nil || a.detail == nil {
		return cmd
	}
	a.detail.wrote = true
	return tea.Batch(cmd, a.detailBack())
}

// favoriteMsg answers a ToggleFavoriteRecordMsg.
type favoriteMsg struct {
	on  bool
	err error
}

func (a *App) favoriteCmd(m views.ToggleFavoriteRecordMsg) tea.Cmd {
	st := a.st
	return a.run("toggling a favorite", 0, func(ctx context.Context) tea.Msg {
		on, err := st.ToggleFavorite(ctx, st.Actor().ID, m.Object, m.ID)
		return favoriteMsg{on: on, err: err}
	})
}

func (a *App) onFavorite(m favoriteMsg) {
	switch {
	case m.err != nil:
		a.status.SetError(m.err)
	case m.on:
		a.status.SetMessage("added to favorites")
	default:
		a.status.SetMessage("removed from favorites")
	}
}

// openerCmd opens a URL with the system opener, without waiting for it.
func openerCmd(url string) tea.Cmd {
	return func() tea.Msg {
		name := "xdg-open"
		if runtime.GOOS == "darwin" {
			name = "open"
		}
		path, err := exec.LookPath(name)
		if err != nil {
			return views.NoticeMsg{Text: "cannot open " + url + ": no " + name + " found on this system", Err: true}
		}
		c := exec.Command(path, url)
		if err := c.Start(); err != nil {
			return views.NoticeMsg{Text: "opening " + url + ": " + err.Error(), Err: true}
		}
		go c.Wait() // reap it; the opener returns at once or runs detached
		return views.NoticeMsg{Text: "opened " + url}
	}
}

// editorReadyMsg carries the temp file $EDITOR will open.
type editorReadyMsg struct {
	field, path string
	err         error
}

// externalEditCmd writes the text to a temp file (in a command: file IO
// stays off Update), then the root hands the terminal to $EDITOR.
func externalEditCmd(m views.ExternalEditMsg) tea.Cmd {
	return func() tea.Msg {
		f, err := os.CreateTemp("", "rolo-*.md")
		if err != nil {
			return editorReadyMsg{field: m.Field, err: err}
		}
		_, err = f.WriteString(m.Text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return editorReadyMsg{field: m.Field, path: f.Name(), err: err}
	}
}

// runEditor suspends the program for $VISUAL/$EDITOR (vi if neither is
// set); the terminal is restored when it exits, and the file is read back.
func runEditor(m editorReadyMsg) tea.Cmd {
	if m.err != nil {
		return func() tea.Msg { return views.ExternalEditedMsg{Field: m.field, Err: m.err} }
	}
	ed := os.Getenv("VISUAL")
	if ed == "" {
		ed = os.Getenv("EDITOR")
	}
	if ed == "" {
		ed = "vi"
	}
	c := exec.Command("sh", "-c", ed+` "$1"`, "rolo-editor", m.path)
	return tea.ExecProcess(c, func(err error) tea.Msg {
		defer os.Remove(m.path)
		if err != nil {
			return views.ExternalEditedMsg{Field: m.field, Err: err}
		}
		b, err := os.ReadFile(m.path)
		return views.ExternalEditedMsg{Field: m.field, Text: strings.TrimRight(string(b), "\n"), Err: err}
	})
}
