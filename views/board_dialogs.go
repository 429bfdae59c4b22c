package views

import (
	tea "charm.land/bubbletea/v2"

	"rolo/model"
)

// The board's own dialogs: the move-to and pipeline pickers, the loss
// reason prompt and the stages manager. They float over the board; the
// board carries out their answer when they close.

type boardDialog int

const (
	dlgNone boardDialog = iota
	dlgMoveTo
	dlgLossReason
	dlgPipeline
	dlgStages
)

func (b *Board) openDialog(kind boardDialog, d Dialog) {
	d.SetSize(b.w, b.h)
	b.dialog, b.dialogFor = d, kind
}

// Dialog is the open dialog, if any (for the help line).
func (b *Board) Dialog() Dialog { return b.dialog }

func (b *Board) updateDialog(k tea.KeyPressMsg) tea.Cmd {
	_, cmd := b.dialog.Update(k)
	if !b.dialog.Closed() {
		return cmd
	}
	d, kind, pend := b.dialog, b.dialogFor, b.pending
	b.dialog, b.dialogFor, b.pending = nil, dlgNone, nil
	// The card a dialog was opened for must still be under the cursor;
	// only keys reach the board while a dialog is open, but a reload
	// could have replaced the column meanwhile.
	if pend != nil {
		if r, ok := b.Current(); !ok || r.ID != pend.id || b.col != pend.col {
			return cmd
		}
	}
	switch kind {
	case dlgMoveTo:
		if it, ok := d.(*BoardPicker).Result(); ok {
			to := it.Value.(int)
			return tea.Batch(cmd, b.moveTo(to, !b.cols[to].collapsed, nil))
		}
	case dlgLossReason:
		if text, ok := d.(*Prompt).Result(); ok {
			return tea.Batch(cmd, b.moveTo(b.colIndex(model.StageLost), false, map[string]string{"loss_reason": text}))
		}
	case dlgPipeline:
		if it, ok := d.(*BoardPicker).Result(); ok {
			return tea.Batch(cmd, emit(OpenBoardMsg{Object: b.spec.Object.Name, Field: b.spec.Field.Name, PipelineID: it.Value.(int64)}))
		}
	case dlgStages:
		if m, ok := d.(*BoardStages).Result(); ok {
			return tea.Batch(cmd, emit(m))
		}
	}
	return cmd
}

func (b *Board) openMovePicker() {
	r, ok := b.Current()
	if !ok {
		return
	}
	var items []BoardPickItem
	for i, c := range b.cols {
		if i == b.col {
			continue
		}
		items = append(items, BoardPickItem{Label: c.spec.Label, Color: c.spec.Color, Hint: boardItoa(c.total.Count), Value: i})
	}
	b.pending = &pendingCard{id: r.ID, col: b.col}
	b.openDialog(dlgMoveTo, NewBoardPicker(b.dkeys, b.styles, "Move "+Sanitize(r.Label)+" to…", items))
}

func (b *Board) openPipelinePicker() {
	if len(b.spec.Pipelines) == 0 {
		b.errText = "this board groups by " + Sanitize(b.spec.Field.Label) + ", not by pipeline"
		return
	}
	var items []BoardPickItem
	for _, p := range b.spec.Pipelines {
		hint := itoa(len(p.Stages)) + " stages"
		if p.ID == b.spec.Pipeline.ID {
			hint += " · shown"
		}
		items = append(items, BoardPickItem{Label: p.Name, Hint: hint, Value: p.ID})
	}
	b.openDialog(dlgPipeline, NewBoardPicker(b.dkeys, b.styles, "Pipeline", items))
}

func (b *Board) openStages() {
	if b.spec.Field.Type != model.TypeStage {
		b.errText = errNoStages.Error()
		return
	}
	counts := map[int64]int64{}
	for _, c := range b.cols {
		if c.spec.Value.Int != 0 {
			counts[c.spec.Value.Int] = c.total.Count
		}
	}
	d := NewBoardStages(b.keys, b.dkeys, b.styles, b.spec.Pipeline, counts, b.user != "")
	for i, p := range b.spec.Pipelines {
		if p.ID == b.spec.Pipeline.ID {
			d.SetPipelineOrder(i, len(b.spec.Pipelines))
		}
	}
	b.openDialog(dlgStages, d)
}
