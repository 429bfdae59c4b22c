package tui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/store"
	"rolo/views"
)

// The new-record form: NewRecordMsg (n in the list or the detail page, or
// the palette's "Create person" with a name typed) → defaults and prefill
// read in a command → the form as an overlay → FormSaveMsg → Create, whose
// unique check is the duplicate check → the new record's detail page.

// formOpenMsg carries the initial values of a form.
type formOpenMsg struct {
	obj  model.Object
	vals map[string]model.Value
	err  error
}

func (a *App) newRecordCmd(m views.NewRecordMsg) tea.Cmd {
	obj, ok := a.findObject(m.Object)
	if !ok {
		return nil
	}
	st := a.st
	now := a.opt.Now
	return a.run("opening a form", 0, func(ctx context.Context) tea.Msg {
		vals, err := formDefaults(ctx, st, obj, m.Prefill, m.Filter, now)
		return formOpenMsg{obj: obj, vals: vals, err: err}
	})
}

// formDefaults are the owner (the current member), for objects on a board
// the pipeline and stage the list's filter names (else the first pipeline
// and its first stage), and the prefill parsed as typed text with
// references resolved to their names. The prefill (the board's column)
// comes last, so it wins over the filter.
func formDefaults(ctx context.Context, st *store.Store, obj model.Object, prefill map[string]string, filter string, now func() time.Time) (map[string]model.Value, error) {
	vals := map[string]model.Value{}
	if me := st.Actor(); me.ID != 0 {
		if _, ok := obj.Field(model.FieldOwner); ok {
			vals[model.FieldOwner] = model.Value{Valid: true, Int: me.ID, Ref: memberLabel(me)}
		}
	}
	pf, okP := fieldOf(obj, model.TypePipeline)
	sf, okS := fieldOf(obj, model.TypeStage)
	if okP && okS {
		if ps, err := st.Pipelines(ctx); err == nil {
			if p, s, ok := boardPlace(ps, filter, pf.Name, sf.Name); ok {
				vals[pf.Name] = model.Value{Valid: true, Int: p.ID, Ref: p.Name}
				vals[sf.Name] = model.Value{Valid: true, Int: s.ID, Ref: s.Name}
			}
		}
	}
	env := st.ParseEnv()
	env.Now = now()
	for name, text := range prefill {
		f, ok := obj.Field(name)
		if !ok {
			return vals, errors.New(obj.Name + " has no field " + name)
		}
		v, err := model.ParseValue(f, text, env)
		if err != nil {
			return vals, err
		}
		if f.Type == model.TypeRelation && v.Int != 0 {
			if r, err := st.Get(ctx, f.Target, v.Int); err == nil {
				v.Ref = r.Label
			}
		}
		vals[name] = v
	}
	return vals, nil
}

// boardPlace picks a new record's pipeline and stage from a list filter:
// `pipeline:X` gives X and its first stage, `stage:Y` gives Y and the
// first pipeline (in board order) that has it, both together give Y
// within X. Anything the filter does not name plainly (negated, a set of
// several, an unknown name, a filter that does not parse) falls back to
// the first pipeline and its first stage, as with no filter.
func boardPlace(ps []model.Pipeline, filter, pipeField, stageField string) (model.Pipeline, model.Stage, bool) {
	var pname, sname string
	if f, err := model.ParseFilter(filter); err == nil {
		for _, t := range f.Terms {
			if t.Not || len(t.Values) != 1 || (t.Op != model.OpIs && t.Op != model.OpEq) {
				continue
			}
			switch {
			case strings.EqualFold(t.Field, pipeField):
				pname = t.Values[0]
			case strings.EqualFold(t.Field, stageField):
				sname = t.Values[0]
			}
		}
	}
	var cands []model.Pipeline
	for _, p := range ps {
		if len(p.Stages) > 0 && (pname == "" || refNames(pname, p.ID, p.Name)) {
			cands = append(cands, p)
		}
	}
	if len(cands) == 0 {
		cands = ps // an unknown pipeline: the default, not no pipeline
	}
	if sname != "" {
		for _, p := range cands {
			for _, s := range p.Stages {
				if refNames(sname, s.ID, s.Name) {
					return p, s, true
				}
			}
		}
	}
	for _, p := range cands {
		if len(p.Stages) > 0 {
			return p, p.Stages[0], true
		}
	}
	return model.Pipeline{}, model.Stage{}, false
}

// refNames reports whether a filter value names the row: its name in any
// case, or #id as the board and the palette write it.
func refNames(v string, id int64, name string) bool {
	if n, ok := strings.CutPrefix(v, "#"); ok {
		return n == strconv.FormatInt(id, 10)
	}
	return strings.EqualFold(strings.TrimSpace(v), name)
}

func fieldOf(o model.Object, t model.FieldType) (model.Field, bool) {
	for _, f := range o.Fields {
		if f.Type == t {
			return f, true
		}
	}
	return model.Field{}, false
}

func (a *App) onFormOpen(m formOpenMsg) tea.Cmd {
	if m.err != nil {
		a.status.SetError(m.err)
		return nil
	}
	st := a.st
	now := a.opt.Now
	f := views.NewForm(a.keys.Form, a.styles, m.obj, m.vals, func() model.ParseEnv {
		env := st.ParseEnv()
		env.Now = now()
		return env
	})
	f.SetSize(a.w, a.h)
	a.overlay = f
	return f.Init()
}

// formSavedMsg answers a FormSaveMsg.
type formSavedMsg struct {
	form int
	obj  model.Object
	rec  model.Record
	err  error
}

func (a *App) formSaveCmd(m views.FormSaveMsg) tea.Cmd {
	obj, ok := a.findObject(m.Object)
	if !ok {
		return nil
	}
	st := a.st
	return a.run("creating", 0, func(ctx context.Context) tea.Msg {
		// Create checks every unique field before it writes anything and
		// answers *store.UniqueError naming the holder: that is the
		// duplicate check, in the same transaction as the insert.
		rec, err := st.Create(ctx, m.Object, m.Values)
		return formSavedMsg{form: m.Form, obj: obj, rec: rec, err: err}
	})
}

func (a *App) onFormSaved(m formSavedMsg) tea.Cmd {
	f, open := a.overlay.(*views.Form)
	if open && f.ID() != m.form {
		open = false
	}
	var ue *store.UniqueError
	switch {
	case errors.As(m.err, &ue) && open:
		f.SetDuplicate(views.Duplicate{Object: ue.Object, Singular: ue.Singular, ID: ue.ID, Label: ue.Label, Field: ue.Field, Value: ue.Value})
		return nil
	case m.err != nil:
		if open {
			f.SetError(m.err)
		} else {
			a.status.SetError(m.err)
		}
		return nil
	}
	if open {
		f.Saved()
		a.overlay = nil
	}
	a.undo = append(a.undo, undoEntry{object: m.obj.Name, remove: []int64{m.rec.ID}})
	a.status.SetMessage("created " + views.Sanitize(m.rec.Label) + " · u to undo")
	cmds := []tea.Cmd{a.countObjectsCmd(m.obj.Name), a.openDetail(m.obj.Name, m.rec.ID)}
	if m.obj.Name == a.list.Object().Name {
		cmds = append(cmds, a.list.Refresh())
	}
	if a.detail != nil {
		a.detail.wrote = true
	}
	return tea.Batch(cmds...)
}
