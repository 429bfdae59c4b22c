package tui

import (
	"context"
	"errors"
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
		vals, err := formDefaults(ctx, st, obj, m.Prefill, now)
		return formOpenMsg{obj: obj, vals: vals, err: err}
	})
}

// formDefaults are the owner (the current member), for objects on a board
// the first pipeline and its first stage, and the prefill parsed as typed
// text with references resolved to their names.
func formDefaults(ctx context.Context, st *store.Store, obj model.Object, prefill map[string]string, now func() time.Time) (map[string]model.Value, error) {
	vals := map[string]model.Value{}
	if me := st.Actor(); me.ID != 0 {
		if _, ok := obj.Field(model.FieldOwner); ok {
			vals[model.FieldOwner] = model.Value{Valid: true, Int: me.ID, Ref: memberLabel(me)}
		}
	}
	pf, okP := fieldOf(obj, model.TypePipeline)
	sf, okS := fieldOf(obj, model.TypeStage)
	if okP && okS {
		if ps, err := st.Pipelines(ctx); err == nil && len(ps) > 0 && len(ps[0].Stages) > 0 {
			vals[pf.Name] = model.Value{Valid: true, Int: ps[0].ID, Ref: ps[0].Name}
			vals[sf.Name] = model.Value{Valid: true, Int: ps[0].Stages[0].ID, Ref: ps[0].Stages[0].Name}
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
