package views

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
	"rolo/model"
)

// BoardStages manages the board's pipeline: add, rename, recolour,
// reorder and delete stages, and add, rename, reorder or delete pipelines.
// The first row is the pipeline itself (cursor -1, above the stages): J/K
// there move the pipeline, as they move a stage on a stage row. Each
// action ends the dialog with one StageEditMsg; the root writes it and
// reopens the board, so the dialog never holds stale state for long.
type BoardStages struct {
	bkeys    keymap.Board
	keys     keymap.Dialog
	styles   Styles
	p        model.Pipeline
	counts   map[int64]int64
	filtered bool // counts are under a filter: a stage may hold hidden cards
	cursor   int  // -1: the pipeline row
	pipeIdx  int  // the pipeline's place among pipeNum (SetPipelineOrder)
	pipeNum  int
	w, h     int
	sub      Dialog
	subFor   string
	msg      string
	closed   bool
	result   *StageEditMsg
}

// NewBoardStages returns the dialog for pipeline p; counts are the cards
// per stage id as the board shows them.
func NewBoardStages(bkeys keymap.Board, keys keymap.Dialog, st Styles, p model.Pipeline, counts map[int64]int64, filtered bool) *BoardStages {
	return &BoardStages{bkeys: bkeys, keys: keys, styles: st, p: p, counts: counts, filtered: filtered}
}

// SetPipelineOrder tells the dialog where its pipeline stands (0-based)
// among n pipelines, for J/K on the pipeline row.
func (d *BoardStages) SetPipelineOrder(i, n int) { d.pipeIdx, d.pipeNum = i, n }

func (d *BoardStages) SetSize(w, h int) {
	d.w, d.h = w, h
	if d.sub != nil {
		d.sub.SetSize(w, h)
	}
}

func (d *BoardStages) Closed() bool { return d.closed }

// Result is the edit chosen, if any.
func (d *BoardStages) Result() (StageEditMsg, bool) {
	if d.result == nil {
		return StageEditMsg{}, false
	}
	return *d.result, true
}

func (d *BoardStages) current() (model.Stage, bool) {
	if d.cursor < 0 || d.cursor >= len(d.p.Stages) {
		return model.Stage{}, false
	}
	return d.p.Stages[d.cursor], true
}

func (d *BoardStages) done(m StageEditMsg) {
	m.Pipeline = d.p.ID
	d.result, d.closed = &m, true
}

func (d *BoardStages) ask(what, title, value string) {
	d.sub, d.subFor = NewPrompt(d.keys, d.styles, title, value), what
	d.sub.SetSize(d.w, d.h)
}

func (d *BoardStages) Update(msg tea.Msg) (Component, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return d, nil
	}
	if d.sub != nil {
		return d, d.updateSub(k)
	}
	d.msg = ""
	st, have := d.current()
	switch {
	case key.Matches(k, d.keys.Cancel):
		d.closed = true
	case key.Matches(k, d.keys.Up):
		d.cursor = max(d.cursor-1, -1)
	case key.Matches(k, d.keys.Down):
		d.cursor = min(d.cursor+1, len(d.p.Stages)-1)
	case key.Matches(k, d.keys.MoveUp, d.keys.MoveDown) && d.cursor < 0:
		d.movePipeline(key.Matches(k, d.keys.MoveDown))
	case key.Matches(k, d.keys.MoveUp, d.keys.MoveDown):
		if !have {
			break
		}
		if st.System() {
			d.msg = Sanitize(st.Name) + " is a system stage; its place is fixed"
			break
		}
		pos := d.cursor - 1
		if key.Matches(k, d.keys.MoveDown) {
			pos = d.cursor + 1
		}
		d.done(StageEditMsg{Op: StageMove, Stage: st.ID, Position: pos})
	case key.Matches(k, d.keys.Add):
		d.ask("add", "New stage in "+Sanitize(d.p.Name), "")
	case key.Matches(k, d.keys.Rename) && have:
		d.ask("rename", "Rename stage "+Sanitize(st.Name), st.Name)
	case key.Matches(k, d.bkeys.StageColor) && have:
		d.ask("color", "Colour of "+Sanitize(st.Name)+" (#rrggbb or red, blue…)", st.Color)
	case key.Matches(k, d.keys.Remove) && have:
		d.askDelete(st)
	case key.Matches(k, d.bkeys.PipelineNew):
		d.ask("pipeline_new", "New pipeline (Incoming, Won and Lost are added)", "")
	case key.Matches(k, d.bkeys.PipelineRename):
		d.ask("pipeline_rename", "Rename pipeline "+Sanitize(d.p.Name), d.p.Name)
	case key.Matches(k, d.bkeys.PipelineDelete):
		d.sub, d.subFor = NewConfirm(d.keys, d.styles, "Delete pipeline "+d.p.Name+"? (only an empty pipeline can go)"), "pipeline_delete"
		d.sub.SetSize(d.w, d.h)
	}
	return d, nil
}

// movePipeline moves the pipeline one place up or down among all
// pipelines (the order boards, p and the palette list them in).
func (d *BoardStages) movePipeline(down bool) {
	pos := d.pipeIdx - 1
	if down {
		pos = d.pipeIdx + 1
	}
	switch {
	case d.pipeNum < 2:
		d.msg = Sanitize(d.p.Name) + " is the only pipeline"
		return
	case pos < 0:
		d.msg = Sanitize(d.p.Name) + " is already the first pipeline"
		return
	case pos >= d.pipeNum:
		d.msg = Sanitize(d.p.Name) + " is already the last pipeline"
		return
	}
	d.done(StageEditMsg{Op: PipelineMove, Position: pos})
}

// askDelete refuses system stages, and asks where the cards go when the
// stage holds any (or may: under a filter some are hidden).
func (d *BoardStages) askDelete(st model.Stage) {
	if st.System() {
		d.msg = Sanitize(st.Name) + " is a system stage: it can be renamed, never deleted"
		return
	}
	n := d.counts[st.ID]
	if n == 0 && !d.filtered {
		d.sub, d.subFor = NewConfirm(d.keys, d.styles, "Delete the empty stage "+st.Name+"?"), "delete"
		d.sub.SetSize(d.w, d.h)
		return
	}
	var items []BoardPickItem
	for _, o := range d.p.Stages {
		if o.ID != st.ID {
			items = append(items, BoardPickItem{Label: o.Name, Color: o.Color, Value: o.ID})
		}
	}
	title := "Delete " + Sanitize(st.Name) + ": move its cards to…"
	if n > 0 {
		title = "Delete " + Sanitize(st.Name) + ": move its " + boardItoa(n) + " cards to…"
	}
	d.sub, d.subFor = NewBoardPicker(d.keys, d.styles, title, items), "delete_to"
	d.sub.SetSize(d.w, d.h)
}

func (d *BoardStages) updateSub(k tea.KeyPressMsg) tea.Cmd {
	_, cmd := d.sub.Update(k)
	if !d.sub.Closed() {
		return cmd
	}
	sub, what := d.sub, d.subFor
	d.sub, d.subFor = nil, ""
	st, _ := d.current()
	text := ""
	accepted := false
	switch s := sub.(type) {
	case *Prompt:
		text, accepted = s.Result()
	case *Confirm:
		accepted = s.Result()
	case *BoardPicker:
		if it, ok := s.Result(); ok {
			d.done(StageEditMsg{Op: StageDelete, Stage: st.ID, MoveTo: it.Value.(int64)})
		}
		return cmd
	}
	if !accepted {
		return cmd
	}
	switch what {
	case "add":
		d.done(StageEditMsg{Op: StageAdd, Name: text})
	case "rename":
		d.done(StageEditMsg{Op: StageRename, Stage: st.ID, Name: text})
	case "color":
		d.done(StageEditMsg{Op: StageRecolor, Stage: st.ID, Color: strings.TrimSpace(text)})
	case "delete":
		d.done(StageEditMsg{Op: StageDelete, Stage: st.ID})
	case "pipeline_new":
		d.done(StageEditMsg{Op: PipelineAdd, Name: text})
	case "pipeline_rename":
		d.done(StageEditMsg{Op: PipelineRename, Name: text})
	case "pipeline_delete":
		d.done(StageEditMsg{Op: PipelineDelete})
	}
	return cmd
}

func (d *BoardStages) View() string {
	if d.sub != nil {
		return d.sub.View()
	}
	boxW := max(min(d.w-4, 72), 24) // wide enough for the hint
	inner := boxW - d.styles.Dialog.GetHorizontalFrameSize()
	rows := max(min(d.h-9, len(d.p.Stages)), 1) // one line less: the pipeline row
	top := max(0, min(d.cursor-rows/2, len(d.p.Stages)-rows))
	pipe := "Pipeline " + Sanitize(d.p.Name)
	if d.pipeNum > 0 {
		pipe += "  " + d.styles.Muted.Render(boardItoa(int64(d.pipeIdx+1))+" of "+boardItoa(int64(d.pipeNum)))
	}
	pipe = Fit(pipe, inner)
	if d.cursor < 0 {
		pipe = d.styles.DialogCursor.Render(pipe)
	}
	lines := []string{pipe}
	for i := top; i < min(top+rows, len(d.p.Stages)); i++ {
		st := d.p.Stages[i]
		tag := ""
		if st.System() {
			tag = "  " + d.styles.Muted.Render(string(st.Kind))
		}
		count := d.styles.Muted.Render(boardItoa(d.counts[st.ID]))
		name := d.styles.OptionStyle(st.Color).Render("● ") + Sanitize(st.Name) + tag
		line := Fit(name, max(inner-Width(count)-1, 1)) + " " + count
		if i == d.cursor {
			line = d.styles.DialogCursor.Render(line)
		}
		lines = append(lines, line)
	}
	if d.msg != "" {
		lines = append(lines, d.styles.Error.Render(d.msg))
	}
	// The hint is one line (cut to the box), so it lists the keys of the
	// row under the cursor: a stage's, or the pipeline's on its row.
	hint := "a add · r rename · " + d.bkeys.StageColor.Help().Key + " colour · J/K move · d delete · ↑ pipeline · esc"
	if d.cursor < 0 {
		hint = "J/K move pipeline · " + d.bkeys.PipelineNew.Help().Key + " new · " + d.bkeys.PipelineRename.Help().Key +
			" rename · " + d.bkeys.PipelineDelete.Help().Key + " delete · a add stage · esc"
	}
	return dialogBox(d.styles, "Stages of "+Sanitize(d.p.Name), strings.Join(lines, "\n"), hint, boxW)
}
