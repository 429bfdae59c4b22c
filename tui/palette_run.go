package tui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/store"
	"rolo/views"
)

// Carrying out what was chosen in the palette. Navigation goes through
// the same intents the sidebar and list emit (sent as messages, so every
// observer sees them); writes go through commands that answer writeMsg,
// so they refresh the list, the counts and the index and can be undone.

// msgCmd sends msg back through Update.
func msgCmd(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// leave closes the palette and any prompt it was opened over: the user
// has gone somewhere else.
func (a *App) leave() {
	a.closePalette()
	a.overlay, a.prompt = nil, promptFor{}
}

func (a *App) paletteRun(m views.PaletteRunMsg) tea.Cmd {
	e := m.Entry
	if m.Menu != "" {
		return a.runMenuEntry(e)
	}
	k := e.Key
	switch {
	case e.Kind == views.PaletteRecord:
		a.leave()
		return msgCmd(views.OpenRecordMsg{Object: e.Object, ID: e.ID})
	case strings.HasPrefix(k, "goto:object:"):
		a.leave()
		return msgCmd(views.OpenObjectMsg{Object: strings.TrimPrefix(k, "goto:object:")})
	case strings.HasPrefix(k, "goto:view:"):
		a.leave()
		obj, name, _ := strings.Cut(strings.TrimPrefix(k, "goto:view:"), ":")
		return msgCmd(views.GoToViewMsg{Object: obj, View: name})
	case strings.HasPrefix(k, "goto:board:"):
		a.leave()
		id, _ := strconv.ParseInt(strings.TrimPrefix(k, "goto:board:"), 10, 64)
		return msgCmd(views.OpenBoardMsg{PipelineID: id})
	case k == "goto:favorites":
		a.leave()
		a.goToFavorites()
		return nil
	case k == "goto:home":
		a.leave()
		return a.goHome()
	case strings.HasPrefix(k, "action:new:"):
		a.leave()
		return a.newRecordPrefilled(strings.TrimPrefix(k, "action:new:"), e.Arg)
	case strings.HasPrefix(k, "action:field:"):
		a.leave()
		a.askAddField(strings.TrimPrefix(k, "action:field:"))
		return nil
	case k == "action:pipeline":
		return a.pipelineMenuCmd()
	case k == "action:favorite":
		a.leave()
		return a.toggleFavoriteHere(false)
	case k == "action:favorite-view":
		a.leave()
		return a.toggleFavoriteHere(true)
	case k == "action:export":
		a.leave()
		if obj := a.list.Object(); obj.Name != "" {
			return msgCmd(views.ExportViewMsg{Object: obj.Name}) // the export prompt (importwizard.go)
		}
		return nil
	case k == "action:theme":
		a.palState().view.OpenMenu("Theme", []views.PaletteEntry{
			{Key: "theme:dark", Kind: views.PaletteAction, Label: "Dark"},
			{Key: "theme:light", Kind: views.PaletteAction, Label: "Light"},
			{Key: "theme:mono", Kind: views.PaletteAction, Label: "No colour"},
		})
		return nil
	case k == "action:quit":
		a.quit = true
		return tea.Quit
	}
	return nil
}

// newRecordPrefilled starts creating a record of object with its label
// field set to name: through NewRecordMsg's Prefill (the record form
// reads it), and, for the one-line label prompt, by filling the prompt.
func (a *App) newRecordPrefilled(object, name string) tea.Cmd {
	obj, ok := a.findObject(object)
	if !ok {
		return nil
	}
	msg := views.NewRecordMsg{Object: object}
	if name != "" {
		msg.Prefill = map[string]string{obj.LabelField: name}
	}
	cmd := a.update(msg)
	if pf, ok := a.overlay.(interface{ Prefill(string) }); ok && name != "" {
		pf.Prefill(name)
	}
	return cmd
}

// goHome shows the first object's list under its default view.
func (a *App) goHome() tea.Cmd {
	if len(a.objects) == 0 {
		return nil
	}
	return msgCmd(views.OpenObjectMsg{Object: a.objects[0].Name})
}

// goToView shows a saved view of any object: at once for the object on
// screen, otherwise once that object and its views have loaded.
func (a *App) goToView(m views.GoToViewMsg) tea.Cmd {
	a.setFocus(focusMain)
	if m.Object == a.object.Name {
		for _, v := range a.views {
			if v.Name == m.View {
				return a.switchView(views.SwitchViewMsg{Object: m.Object, View: toView(v)})
			}
		}
	}
	a.palState().pendingView = &m
	return a.update(views.OpenObjectMsg{Object: m.Object})
}

// ---- a record's actions (tab) ----

type paletteMenuMsg struct {
	title   string
	entries []views.PaletteEntry
	err     error
}

func (a *App) onPaletteMenu(m paletteMenuMsg) {
	if m.err != nil {
		a.status.SetError(m.err)
		return
	}
	if v := a.palState().view; v != nil {
		v.OpenMenu(m.title, m.entries)
	}
}

// recordActions lists what can be done to a record; built from metadata
// in memory, no IO.
func (a *App) recordActions(e views.PaletteEntry) {
	v := a.palState().view
	obj, ok := a.findObject(e.Object)
	if v == nil || !ok {
		return
	}
	act := func(key, label string) views.PaletteEntry {
		return views.PaletteEntry{Key: key, Kind: views.PaletteAction, Object: e.Object, ID: e.ID, Label: label, Arg: e.Label}
	}
	list := []views.PaletteEntry{act("rec:open", "Open")}
	_, hasStage := palFieldOfType(obj, model.TypeStage)
	if hasStage {
		list = append(list, act("rec:board", "Open on its board"))
	}
	if a.isFavorite(e.Object, e.ID) {
		list = append(list, act("rec:fav", "Remove from favorites"))
	} else {
		list = append(list, act("rec:fav", "Add to favorites"))
	}
	if email := emailOf(e.Secondary); email != "" {
		c := act("rec:copy", "Copy email")
		c.Secondary, c.Arg = email, email
		list = append(list, c)
	}
	for _, target := range []string{"tasks", "notes"} {
		if o, ok := a.findObject(target); ok && target != e.Object {
			if _, ok := palRelationTo(o, e.Object); ok {
				list = append(list, act("rec:new:"+target, "New "+strings.ToLower(o.Singular)+" for it"))
			}
		}
	}
	if hasStage {
		list = append(list, act("rec:stage", "Move stage…"))
	}
	v.OpenMenu(views.Sanitize(e.Label), list)
}

func palFieldOfType(o model.Object, t model.FieldType) (model.Field, bool) {
	for _, f := range o.Fields {
		if f.Type == t {
			return f, true
		}
	}
	return model.Field{}, false
}

// relationTo is o's relation field pointing at target.
func palRelationTo(o model.Object, target string) (model.Field, bool) {
	for _, f := range o.Fields {
		if f.Type == model.TypeRelation && f.Target == target {
			return f, true
		}
	}
	return model.Field{}, false
}

// emailOf picks the first email out of a secondary text.
func emailOf(secondary string) string {
	for _, part := range strings.Split(secondary, " · ") {
		if strings.Contains(part, "@") {
			return part
		}
	}
	return ""
}

func (a *App) runMenuEntry(e views.PaletteEntry) tea.Cmd {
	k := e.Key
	switch {
	case k == "rec:open":
		a.leave()
		return msgCmd(views.OpenRecordMsg{Object: e.Object, ID: e.ID})
	case k == "rec:board":
		a.leave()
		return msgCmd(views.OpenBoardMsg{Object: e.Object, Card: e.ID})
	case k == "rec:fav":
		a.leave()
		return a.toggleFavoriteCmd(e.Object, e.ID, e.Arg)
	case k == "rec:copy":
		a.leave()
		a.status.SetMessage("copied " + e.Arg)
		return tea.SetClipboard(e.Arg)
	case strings.HasPrefix(k, "rec:new:"):
		a.leave()
		a.askRelated(strings.TrimPrefix(k, "rec:new:"), e.Object, e.ID, e.Arg)
		return nil
	case k == "rec:stage":
		return a.stageMenuCmd(e.Object, e.ID, e.Arg)
	case strings.HasPrefix(k, "stage:"):
		a.leave()
		id, _ := strconv.ParseInt(strings.TrimPrefix(k, "stage:"), 10, 64)
		return a.moveStageCmd(e.Object, e.ID, id, e.Label)
	case strings.HasPrefix(k, "goto:board:"):
		a.leave()
		id, _ := strconv.ParseInt(strings.TrimPrefix(k, "goto:board:"), 10, 64)
		return msgCmd(views.OpenBoardMsg{PipelineID: id})
	case strings.HasPrefix(k, "theme:"):
		a.leave()
		switch k {
		case "theme:mono":
			a.opt.NoColor = true
			a.setStyles(a.isDark)
		default:
			a.opt.NoColor = false
			a.setStyles(k == "theme:dark")
		}
		a.status.SetMessage("theme: " + strings.ToLower(e.Label))
	}
	return nil
}

// actionPrompt is a one-line prompt whose answer runs done. The root's
// overlay routing sees an ordinary dialog; the command done returns comes
// back from Update when the prompt is accepted.
type actionPrompt struct {
	*views.Prompt
	done func(text string) tea.Cmd
}

func (p *actionPrompt) Update(msg tea.Msg) (views.Component, tea.Cmd) {
	_, cmd := p.Prompt.Update(msg)
	if p.Closed() {
		if text, ok := p.Result(); ok {
			return p, tea.Batch(cmd, p.done(text))
		}
	}
	return p, cmd
}

func (a *App) askText(title, value string, done func(string) tea.Cmd) {
	pr := views.NewPrompt(a.keys.Dialog, a.styles, title, value)
	pr.SetSize(a.w, a.h)
	a.overlay, a.prompt = &actionPrompt{Prompt: pr, done: done}, promptFor{}
}

// askRelated asks for the title of a task or note linked to a record.
func (a *App) askRelated(object, parent string, parentID int64, parentLabel string) {
	obj, ok := a.findObject(object)
	if !ok {
		return
	}
	rel, ok := palRelationTo(obj, parent)
	if !ok {
		return
	}
	lf, _ := obj.Field(obj.LabelField)
	title := "New " + strings.ToLower(obj.Singular) + " for " + views.Sanitize(parentLabel) + " · " + strings.ToLower(lf.Label)
	st := a.st
	a.askText(title, "", func(text string) tea.Cmd {
		return a.run("creating", 0, func(ctx context.Context) tea.Msg {
			rec, err := st.Create(ctx, object, map[string]model.Value{
				obj.LabelField: {Valid: true, Str: text},
				rel.Name:       {Valid: true, Int: parentID},
			})
			if err != nil {
				return writeMsg{object: object, err: err}
			}
			return writeMsg{object: object, status: "created " + rec.Label + " · u to undo",
				undo: &undoEntry{object: object, remove: []int64{rec.ID}}}
		})
	})
}

// askAddField asks for a new field's label, optionally with its type
// after a colon ("Budget:currency"); text is the default.
func (a *App) askAddField(object string) {
	obj, ok := a.findObject(object)
	if !ok {
		return
	}
	st := a.st
	a.askText("New field on "+views.Sanitize(obj.Plural)+" · label[:type]", "", func(text string) tea.Cmd {
		label, typ, _ := strings.Cut(text, ":")
		label = strings.TrimSpace(label)
		return a.run("adding a field", 0, func(ctx context.Context) tea.Msg {
			t := model.TypeText
			if strings.TrimSpace(typ) != "" {
				var err error
				if t, err = model.ParseFieldType(strings.TrimSpace(typ)); err != nil {
					return fieldAddedMsg{err: err}
				}
			}
			f, err := st.AddField(ctx, object, model.Field{Name: fieldName(label), Label: label, Type: t})
			return fieldAddedMsg{object: object, field: f, err: err}
		})
	})
}

type fieldAddedMsg struct {
	object string
	field  model.Field
	err    error
}

// fieldName makes an identifier from a label: "Deal size (€)" → "deal_size".
func fieldName(label string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(label) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(r)
		default:
			under = true
		}
	}
	s := b.String()
	if s == "" || unicode.IsDigit(rune(s[0])) {
		s = "f_" + s
	}
	return s
}

func (a *App) onFieldAdded(m fieldAddedMsg) tea.Cmd {
	if m.err != nil {
		a.status.SetError(m.err)
		return nil
	}
	a.loadObjects()
	a.status.SetMessage("added field " + m.field.Label + " to " + m.object)
	if m.object == a.object.Name {
		return a.openObject(m.object)
	}
	return nil
}

// pipelineMenuCmd lists the pipelines to switch the board to.
func (a *App) pipelineMenuCmd() tea.Cmd {
	st := a.st
	return a.run("reading pipelines", 0, func(ctx context.Context) tea.Msg {
		ps, err := st.Pipelines(ctx)
		if err != nil {
			return paletteMenuMsg{err: err}
		}
		var list []views.PaletteEntry
		for _, p := range ps {
			list = append(list, views.PaletteEntry{Key: "goto:board:" + strconv.FormatInt(p.ID, 10), Kind: views.PaletteGoTo,
				Label: p.Name, Secondary: plural(len(p.Stages), "stage", "stages")})
		}
		return paletteMenuMsg{title: "Switch pipeline", entries: list}
	})
}

// stageMenuCmd lists the stages of the record's pipeline.
func (a *App) stageMenuCmd(object string, id int64, label string) tea.Cmd {
	st := a.st
	return a.run("reading stages", 0, func(ctx context.Context) tea.Msg {
		obj, err := st.Object(object)
		if err != nil {
			return paletteMenuMsg{err: err}
		}
		rec, err := st.Get(ctx, object, id)
		if err != nil {
			return paletteMenuMsg{err: err}
		}
		pf, _ := palFieldOfType(obj, model.TypePipeline)
		sf, _ := palFieldOfType(obj, model.TypeStage)
		ps, err := st.Pipelines(ctx)
		if err != nil {
			return paletteMenuMsg{err: err}
		}
		cur := rec.Get(sf.Name).Int
		var list []views.PaletteEntry
		for i, p := range ps {
			if pid := rec.Get(pf.Name).Int; pid != p.ID && !(pid == 0 && i == 0) {
				continue
			}
			for _, s := range p.Stages {
				e := views.PaletteEntry{Key: "stage:" + strconv.FormatInt(s.ID, 10), Kind: views.PaletteAction,
					Object: object, ID: id, Label: s.Name}
				if s.ID == cur {
					e.Secondary = "current"
				}
				list = append(list, e)
			}
		}
		if len(list) == 0 {
			return paletteMenuMsg{err: errors.New("no stages to move to")}
		}
		return paletteMenuMsg{title: "Move " + views.Sanitize(label) + " to", entries: list}
	})
}

func (a *App) moveStageCmd(object string, id, stageID int64, stageName string) tea.Cmd {
	obj, ok := a.findObject(object)
	if !ok {
		return nil
	}
	sf, _ := palFieldOfType(obj, model.TypeStage)
	st := a.st
	return a.run("moving", 0, func(ctx context.Context) tea.Msg {
		cur, err := st.Get(ctx, object, id)
		if err != nil {
			return writeMsg{object: object, err: err}
		}
		if _, err := st.Update(ctx, object, id, map[string]model.Value{sf.Name: {Valid: true, Int: stageID, Ref: stageName}}, store.UpdateOptions{}); err != nil {
			return writeMsg{object: object, err: err}
		}
		return writeMsg{object: object, status: "moved " + cur.Label + " to " + stageName + " · u to undo",
			undo: &undoEntry{object: object, oldField: sf.Name, old: map[int64]model.Value{id: cur.Get(sf.Name)}}}
	})
}
