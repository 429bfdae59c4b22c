package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/views"
)

// objectCountsMsg answers countObjectsCmd: live records per object, for
// the sidebar. Counts that failed are left out (shown as unknown).
type objectCountsMsg struct {
	reqs   map[string]int
	counts map[string]int64
}

// loadObjects reads the object list from the store's metadata cache (in
// memory, no IO) and fills the sidebar.
func (a *App) loadObjects() {
	a.objects = a.objects[:0]
	for _, o := range a.st.Objects() {
		if !o.Hidden {
			a.objects = append(a.objects, o)
		}
	}
	a.fillSidebarObjects()
}

func (a *App) fillSidebarObjects() {
	items := make([]views.ObjectItem, 0, len(a.objects))
	for _, o := range a.objects {
		n, ok := a.counts[o.Name]
		if !ok {
			n = -1
		}
		items = append(items, views.ObjectItem{Name: o.Name, Label: o.Plural, Count: n})
	}
	a.sidebar.SetObjects(items)
}

func (a *App) findObject(name string) (model.Object, bool) {
	for _, o := range a.objects {
		if o.Name == name {
			return o, true
		}
	}
	return model.Object{}, false
}

// countObjectsCmd counts the live records of the named objects (all when
// none are named), one command for all so the sidebar fills in one go.
func (a *App) countObjectsCmd(names ...string) tea.Cmd {
	if len(names) == 0 {
		for _, o := range a.objects {
			names = append(names, o.Name)
		}
	}
	reqs := make(map[string]int, len(names))
	for _, n := range names {
		a.countsReq[n] = a.nextReq()
		reqs[n] = a.countsReq[n]
	}
	st := a.st
	return a.run("counting records", 0, func(ctx context.Context) tea.Msg {
		m := objectCountsMsg{reqs: reqs, counts: map[string]int64{}}
		for name := range reqs {
			if n, err := st.Count(ctx, name, model.Filter{}); err == nil {
				m.counts[name] = n
			}
		}
		return m
	})
}

func (a *App) onObjectCounts(m objectCountsMsg) {
	for name, n := range m.counts {
		if a.countsReq[name] == m.reqs[name] {
			a.counts[name] = n
		}
	}
	a.fillSidebarObjects()
}

// openObject shows an object's list under its default view, once its saved
// views are loaded.
func (a *App) openObject(name string) tea.Cmd {
	if _, ok := a.findObject(name); !ok {
		return nil
	}
	return a.loadViewsCmd(name, loadReset)
}
