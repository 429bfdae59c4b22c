package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/views"
)

// Saved views live in the database (store.SavedViews and friends); the
// list and the sidebar hold copies as views.SavedView. After every change
// the views are re-read, so the screen shows what is stored, not what we
// hoped was stored.

// loadMode says what to do with freshly loaded views.
type loadMode int

const (
	loadReset   loadMode = iota // show the object under its default view
	loadRefresh                 // only update the lists of views
)

type viewsMsg struct {
	req    int
	object string
	views  []model.SavedView
	mode   loadMode
	err    error
}

// viewChangedMsg answers a save, rename or delete.
type viewChangedMsg struct {
	object  string
	status  string
	err     error
	renamed [2]string // old, new
	deleted string
}

func toView(v model.SavedView) views.SavedView {
	out := views.SavedView{Name: v.Name, Filter: v.Filter, Sorts: v.Sorts, Default: v.Default}
	for _, c := range v.Columns {
		out.Columns = append(out.Columns, views.Column{Field: c.Field, Width: c.Width})
	}
	return out
}

func fromView(object string, v views.SavedView) model.SavedView {
	out := model.SavedView{Object: object, Name: v.Name, Filter: v.Filter, Sorts: v.Sorts, Default: v.Default}
	for _, c := range v.Columns {
		out.Columns = append(out.Columns, model.ViewColumn{Field: c.Field, Width: c.Width})
	}
	return out
}

func toViews(vs []model.SavedView) []views.SavedView {
	out := make([]views.SavedView, len(vs))
	for i, v := range vs {
		out[i] = toView(v)
	}
	return out
}

func (a *App) loadViewsCmd(object string, mode loadMode) tea.Cmd {
	a.viewsReq = a.nextReq()
	req, st := a.viewsReq, a.st
	return a.run("loading views", 0, func(ctx context.Context) tea.Msg {
		vs, err := st.SavedViews(ctx, object)
		return viewsMsg{req: req, object: object, views: vs, mode: mode, err: err}
	})
}

func (a *App) onViews(m viewsMsg) tea.Cmd {
	if m.req != a.viewsReq {
		return nil // a later load is under way
	}
	if m.err != nil {
		a.status.SetError(m.err)
		return nil
	}
	obj, ok := a.findObject(m.object)
	if !ok || len(m.views) == 0 {
		return nil
	}
	switch m.mode {
	case loadReset:
		return a.showObject(obj, m.views)
	default:
		if obj.Name != a.object.Name {
			return nil
		}
		a.views = m.views
		vs := toViews(m.views)
		a.list.SetViews(vs)
		a.sidebar.SetViews(obj.Name, vs)
		a.sidebar.SetActive(obj.Name, a.list.CurrentView().Name)
		return nil
	}
}

// showObject makes obj the current object under its default view (the
// first of vs).
func (a *App) showObject(obj model.Object, vs []model.SavedView) tea.Cmd {
	a.object, a.views = obj, vs
	all := toViews(vs)
	def := all[0]
	a.list.SetViews(all)
	a.sidebar.SetViews(obj.Name, all)
	a.sidebar.SetActive(obj.Name, def.Name)
	return a.list.Reset(obj, def)
}

func (a *App) switchView(m views.SwitchViewMsg) tea.Cmd {
	if m.Object != a.object.Name {
		return nil // views in the sidebar are always the current object's
	}
	a.sidebar.SetActive(m.Object, m.View.Name)
	a.status.SetMessage("view: " + m.View.Name)
	return a.list.ApplyView(m.View)
}

func (a *App) saveViewCmd(m views.SaveViewMsg) tea.Cmd {
	st, v := a.st, fromView(m.Object, m.View)
	a.sidebar.SetActive(m.Object, v.Name)
	return a.run("saving a view", 0, func(ctx context.Context) tea.Msg {
		err := st.SaveView(ctx, m.Object, v)
		return viewChangedMsg{object: m.Object, err: err, status: "saved view " + v.Name}
	})
}

func (a *App) renameViewCmd(m views.RenameViewMsg) tea.Cmd {
	st := a.st
	return a.run("renaming a view", 0, func(ctx context.Context) tea.Msg {
		err := st.RenameView(ctx, m.Object, m.Old, m.New)
		return viewChangedMsg{object: m.Object, err: err, renamed: [2]string{m.Old, m.New},
			status: "renamed view " + m.Old + " to " + m.New}
	})
}

func (a *App) deleteViewCmd(m views.DeleteViewMsg) tea.Cmd {
	st := a.st
	return a.run("deleting a view", 0, func(ctx context.Context) tea.Msg {
		err := st.DeleteView(ctx, m.Object, m.Name)
		return viewChangedMsg{object: m.Object, err: err, deleted: m.Name, status: "deleted view " + m.Name}
	})
}

// onViewChanged reports the change and re-reads the views. When the view
// on screen was renamed or deleted, the list follows: under its new name
// (keeping any unsaved filter, sort and columns), or back to the default.
func (a *App) onViewChanged(m viewChangedMsg) tea.Cmd {
	if m.err != nil {
		a.status.SetError(m.err)
	} else {
		a.status.SetMessage(m.status)
	}
	var cmds []tea.Cmd
	if m.err == nil && m.object == a.object.Name {
		cur := a.list.CurrentView()
		switch {
		case m.renamed[0] != "" && cur.Name == m.renamed[0]:
			cur.Name = m.renamed[1]
			a.sidebar.SetActive(m.object, cur.Name)
			cmds = append(cmds, a.list.ApplyView(cur))
		case m.deleted != "" && cur.Name == m.deleted && len(a.views) > 0:
			def := toView(a.views[0])
			a.sidebar.SetActive(m.object, def.Name)
			cmds = append(cmds, a.list.ApplyView(def))
		}
	}
	cmds = append(cmds, a.loadViewsCmd(m.object, loadRefresh))
	return tea.Batch(cmds...)
}
