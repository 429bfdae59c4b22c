package tui

import (
	"context"
	"strconv"

	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/store"
	"rolo/views"
)

// The record detail page: opening records (from the list, a relation, a
// favorite), the history stack that esc walks back, [ and ] through the
// list's records, and reloading after writes. Everything the page shows is
// read in one command (detailMsg).

// detailState is the open detail page and how the user got there.
type detailState struct {
	view    *views.Detail
	history []histEntry // the records opened before this one, oldest first
	req     int         // latest load; older answers are dropped
	wrote   bool        // something was written: refresh the list on close
}

type histEntry struct {
	object string
	id     int64
	cursor int
}

// detailMsg answers a load of the detail page.
type detailMsg struct {
	req    int
	data   views.DetailData
	cursor int // -1 keeps the page's cursor
	err    error
}

// eventsPage is how many activity entries one page holds.
const eventsPage = 20

// relItems is how many related records a section lists.
const relItems = 10

// openDetail opens a record, pushing the open one (if any) on the history.
func (a *App) openDetail(object string, id int64) tea.Cmd {
	if a.detail == nil {
		a.detail = &detailState{view: a.newDetailView()}
	} else if cur := a.detail.view.Record(); cur.ID != 0 {
		a.detail.history = append(a.detail.history, histEntry{a.detail.view.Object().Name, cur.ID, a.detail.view.Cursor()})
	}
	a.setFocus(focusMain)
	return a.loadDetail(object, id, -1)
}

func (a *App) newDetailView() *views.Detail {
	d := views.NewDetail(a.keys.Detail, a.keys.Form, a.styles)
	st := a.st
	d.SetParseEnv(func() model.ParseEnv {
		env := st.ParseEnv()
		env.Now = a.opt.Now()
		return env
	})
	d.SetClock(a.opt.Now)
	s := a.shell()
	d.SetSize(s.Main.W, s.Main.H)
	return d
}

// loadDetail reads a record and everything around it; cursor -1 keeps the
// page's cursor (a reload after a save).
func (a *App) loadDetail(object string, id int64, cursor int) tea.Cmd {
	a.detail.req = a.nextReq()
	req, st := a.detail.req, a.st
	return a.run("opening a record", 0, func(ctx context.Context) tea.Msg {
		data, err := readDetail(ctx, st, object, id)
		return detailMsg{req: req, data: data, cursor: cursor, err: err}
	})
}

// readDetail gathers the page: the record, its relations both ways (a few
// records each, plus a count), the newest activity and the member names.
func readDetail(ctx context.Context, st *store.Store, object string, id int64) (views.DetailData, error) {
	obj, err := st.Object(object)
	if err != nil {
		return views.DetailData{}, err
	}
	rec, err := st.Get(ctx, obj.Name, id)
	if err != nil {
		return views.DetailData{}, err
	}
	data := views.DetailData{Object: obj, Record: rec, Members: map[int64]string{}}
	for _, f := range obj.Fields {
		if f.Type != model.TypeRelation || f.Hidden {
			continue
		}
		sec := views.RelSection{Title: f.Label, Object: f.Target, Field: f.Name}
		if v := rec.Get(f.Name); v.Valid && v.Int != 0 {
			if t, err := st.Get(ctx, f.Target, v.Int); err == nil {
				tobj, _ := st.Object(f.Target)
				sec.Items = []views.RelItem{{Object: f.Target, ID: t.ID, Label: t.Label, Key: relKey(tobj, t)}}
			}
		}
		data.Sections = append(data.Sections, sec)
	}
	for _, f := range st.Inverse(obj.Name) {
		robj, err := st.Object(f.Object)
		if err != nil || robj.Hidden {
			continue
		}
		filt, err := model.ParseFilter(f.Name + ":#" + strconv.FormatInt(id, 10))
		if err != nil {
			return data, err
		}
		page, err := st.Query(ctx, f.Object, model.Query{Filter: filt, Limit: relItems})
		if err != nil {
			return data, err
		}
		n, err := st.Count(ctx, f.Object, filt)
		if err != nil {
			return data, err
		}
		title := f.InverseLabel
		if title == "" || len(st.Inverse(obj.Name)) > 1 && sameInverseLabel(st.Inverse(obj.Name), f) {
			title = robj.Plural
			if f.InverseLabel != "" && f.InverseLabel != robj.Plural {
				title = f.InverseLabel
			}
		}
		sec := views.RelSection{Title: title, Object: f.Object, Singular: robj.Singular, Field: f.Name, Inverse: true, Total: n}
		for _, r := range page.Records {
			sec.Items = append(sec.Items, views.RelItem{Object: f.Object, ID: r.ID, Label: r.Label, Key: relKey(robj, r)})
		}
		data.Sections = append(data.Sections, sec)
	}
	evs, err := st.Events(ctx, store.EventQuery{Object: obj.Name, RecordID: id, Limit: eventsPage + 1})
	if err != nil {
		return data, err
	}
	if len(evs) > eventsPage {
		evs, data.MoreEvents = evs[:eventsPage], true
	}
	data.Events = evs
	if ms, err := st.Members(ctx); err == nil {
		for _, m := range ms {
			data.Members[m.ID] = memberName(m)
		}
	}
	return data, nil
}

func sameInverseLabel(fs []model.Field, f model.Field) bool {
	for _, g := range fs {
		if g.Object != f.Object && g.InverseLabel == f.InverseLabel {
			return true
		}
	}
	return false
}

func memberName(m model.Member) string {
	if m.Login != "" {
		return m.Login
	}
	return m.Name
}

// relKeys is the fact listed beside a related record, per object.
var relKeys = map[string][]string{
	"companies":     {"domain", "industry"},
	"people":        {"job_title", "emails"},
	"opportunities": {"amount", "stage"},
	"tasks":         {"status", "due_at"},
	"notes":         {"created_at"},
}

// relKey is one formatted fact of a related record.
func relKey(o model.Object, r model.Record) string {
	names := relKeys[o.Name]
	var parts []string
	for _, n := range names {
		if f, ok := o.Field(n); ok {
			if s := model.Display(f, r.Get(n)); s != "" {
				parts = append(parts, s)
			}
		}
	}
	if len(parts) == 0 && len(names) == 0 {
		for _, f := range o.Fields {
			if !f.System && f.Name != o.LabelField {
				if s := model.Display(f, r.Get(f.Name)); s != "" {
					return s
				}
			}
		}
	}
	if len(parts) > 2 {
		parts = parts[:2]
	}
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += " · "
		}
		out += p
	}
	return out
}

func (a *App) onDetail(m detailMsg) {
	if a.detail == nil || m.req != a.detail.req {
		return
	}
	if m.err != nil {
		a.status.SetError(m.err)
		if a.detail.view.Record().ID == 0 {
			a.closeDetail()
		}
		return
	}
	a.detail.view.SetData(m.data)
	if m.cursor >= 0 {
		a.detail.view.SetCursor(m.cursor)
	}
}

// reloadDetail re-reads the open record, keeping the cursor.
func (a *App) reloadDetail() tea.Cmd {
	if a.detail == nil {
		return nil
	}
	r := a.detail.view.Record()
	if r.ID == 0 {
		return nil
	}
	return a.loadDetail(a.detail.view.Object().Name, r.ID, -1)
}

// detailBack walks the history one step, or closes the page.
func (a *App) detailBack() tea.Cmd {
	if a.detail == nil {
		return nil
	}
	if n := len(a.detail.history); n > 0 {
		h := a.detail.history[n-1]
		a.detail.history = a.detail.history[:n-1]
		return a.loadDetail(h.object, h.id, h.cursor)
	}
	return a.closeDetail()
}

// closeDetail leaves the page for the list, refreshed if anything changed.
func (a *App) closeDetail() tea.Cmd {
	if a.detail == nil {
		return nil
	}
	wrote := a.detail.wrote
	a.detail = nil
	a.setFocus(focusMain)
	if wrote {
		return a.list.Refresh()
	}
	return nil
}

// detailStep opens the list's previous or next record in place of the
// open one ([ and ]); the history stays as it is.
func (a *App) detailStep(delta int) tea.Cmd {
	if a.detail == nil {
		return nil
	}
	if a.list.Object().Name != a.detail.view.Object().Name {
		a.status.SetError(errNotFromList)
		return nil
	}
	rec, ok, cmd := a.list.Step(int64(delta))
	if !ok {
		a.status.SetMessage("no more records in the list that way")
		return cmd
	}
	return tea.Batch(cmd, a.loadDetail(a.list.Object().Name, rec.ID, -1))
}
