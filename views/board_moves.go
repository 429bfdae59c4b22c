package views

import (
	"errors"
	"maps"
	"strconv"

	tea "charm.land/bubbletea/v2"

	"rolo/model"
)

// Moves are optimistic: the card moves on screen at once, the write runs
// in a command (MoveCardMsg), and MoveDone either confirms it with the
// stored record or puts the card back. Each move leaves an undo entry.

// boardUndo is one move as it can be reversed.
type boardUndo struct {
	seq     int
	rec     model.Record // the card before the move
	fromCol int
	fromIdx int64
	toCol   int
	oldPos  float64
	set     map[string]model.Value // old values of the fields written with the move
	isUndo  bool
	// reloadTo: the destination's window did not start at the top, so
	// the card could not be drawn there; re-read it once the write is in.
	reloadTo bool
}

// maxBoardUndo bounds the undo stack.
const maxBoardUndo = 50

// pendingCard is the card a dialog was opened for.
type pendingCard struct {
	id  int64
	col int
}

// take removes the card at idx from column ci and subtracts it from the
// column's totals.
func (b *Board) take(ci int, idx int64) (model.Record, bool) {
	c := b.cols[ci]
	r, ok := c.win.removeAt(idx)
	if !ok {
		return r, false
	}
	b.count(c, r, -1)
	if c.cur >= c.win.end() {
		c.cur = max(c.win.end()-1, c.win.start)
	}
	b.scrollCards(c)
	return r, true
}

// put inserts a card at idx of column ci and adds it to the totals. It
// reports whether the card could be drawn there.
func (b *Board) put(ci int, idx int64, r model.Record) bool {
	c := b.cols[ci]
	b.count(c, r, 1)
	if !c.loaded {
		return false
	}
	return c.win.insertAt(idx, r)
}

// count adds (d = 1) or subtracts (d = -1) a card from a column's totals.
func (b *Board) count(c *boardCol, r model.Record, d int64) {
	c.total.Count = max(c.total.Count+d, 0)
	if b.spec.SumField == "" {
		return
	}
	v := r.Get(b.spec.SumField)
	if !v.Valid {
		return
	}
	sums := c.total.Sums
	for i := range sums {
		if sums[i].Code == v.Str {
			sums = append([]BoardSum(nil), sums...) // the slice may be shared with the answer
			sums[i].Micros += d * v.Int
			c.total.Sums = sums
			return
		}
	}
	c.total.Sums = append(append([]BoardSum(nil), sums...), BoardSum{Code: v.Str, Micros: d * v.Int})
}

// moveTo moves the current card to the top of column to. With follow the
// cursor goes with it; otherwise it stays in the column the card left.
func (b *Board) moveTo(to int, follow bool, setText map[string]string) tea.Cmd {
	r, ok := b.Current()
	if !ok || to < 0 || to >= len(b.cols) || to == b.col {
		return nil
	}
	from, idx := b.col, b.cols[b.col].cur
	u := boardUndo{rec: r, fromCol: from, fromIdx: idx, toCol: to, oldPos: r.Get(model.FieldPosition).Num}
	if len(setText) > 0 {
		u.set = map[string]model.Value{}
		for name := range setText {
			u.set[name] = r.Get(name)
		}
	}
	moved := r
	moved.Values = maps.Clone(r.Values)
	dest := b.cols[to]
	moved.Values[b.spec.Field.Name] = dest.spec.Value
	if _, ok := b.spec.Object.Field("stage_changed_at"); ok && b.spec.Field.Type == model.TypeStage {
		moved.Values["stage_changed_at"] = model.Value{Valid: true, Int: b.now().UnixMilli()}
	}
	for name, text := range setText {
		moved.Values[name] = model.Value{Valid: text != "", Str: text}
	}
	b.take(from, idx)
	if !b.put(to, 0, moved) && dest.loaded {
		u.reloadTo = true
	}
	if follow && !dest.collapsed {
		b.col = to
		dest.cur = 0
		dest.top = 0
		b.scrollColumns()
	}
	msg := MoveCardMsg{CardMove: model.CardMove{Object: b.spec.Object.Name, ID: r.ID, Field: b.spec.Field.Name, To: dest.spec.Value}, SetText: setText}
	return tea.Batch(b.send(msg, u), b.request(false, nil))
}

// reorder moves the current card one place up (d = -1) or down inside its
// column, between the loaded neighbours.
func (b *Board) reorder(d int) tea.Cmd {
	c := b.curCol()
	r, ok := b.Current()
	if !ok {
		return nil
	}
	i := c.cur
	j := i + int64(d)
	other, ok := c.win.at(j)
	if !ok {
		return nil
	}
	msg := MoveCardMsg{CardMove: model.CardMove{Object: b.spec.Object.Name, ID: r.ID, Field: b.spec.Field.Name, To: c.spec.Value}}
	if d < 0 {
		msg.Before = other.ID
	} else {
		msg.After = other.ID
	}
	u := boardUndo{rec: r, fromCol: b.col, fromIdx: i, toCol: b.col, oldPos: r.Get(model.FieldPosition).Num}
	c.win.swap(i, j)
	c.cur = j
	b.scrollCards(c)
	return tea.Batch(b.send(msg, u), b.edgeCmd())
}

func (b *Board) edgeCmd() tea.Cmd {
	if q, ok := b.edgeQuery(b.col); ok {
		return b.request(false, []BoardColumnQuery{q})
	}
	return nil
}

// send numbers a move, remembers how to reverse it and emits it.
func (b *Board) send(msg MoveCardMsg, u boardUndo) tea.Cmd {
	b.seq++
	msg.Board, msg.Seq = b.id, b.seq
	u.seq = b.seq
	b.inflight[b.seq] = u
	if !u.isUndo {
		b.undo = append(b.undo, u)
		if len(b.undo) > maxBoardUndo {
			b.undo = b.undo[len(b.undo)-maxBoardUndo:]
		}
	}
	return emit(msg)
}

// markClosed moves the card to the won or lost stage; lost asks for a
// reason first when the object keeps one.
func (b *Board) markClosed(kind model.StageKind) tea.Cmd {
	to := b.colIndex(kind)
	r, ok := b.Current()
	switch {
	case !ok:
		return nil
	case to < 0:
		b.errText = "this board has no " + string(kind) + " stage"
		return nil
	case to == b.col:
		return nil
	}
	if _, has := b.spec.Object.Field("loss_reason"); kind == model.StageLost && has {
		b.pending = &pendingCard{id: r.ID, col: b.col}
		b.openDialog(dlgLossReason, NewPrompt(b.dkeys, b.styles, "Lost · reason for "+Sanitize(r.Label), ""))
		return nil
	}
	return b.moveTo(to, false, nil)
}

// Undo reverses the last move: the card goes back to its column, place
// and values at once, and the write puts its old position back exactly.
func (b *Board) Undo() tea.Cmd {
	if len(b.undo) == 0 {
		b.errText = "nothing to undo"
		return nil
	}
	u := b.undo[len(b.undo)-1]
	b.undo = b.undo[:len(b.undo)-1]
	if i, ok := b.cols[u.toCol].win.indexOf(u.rec.ID); ok {
		b.take(u.toCol, i)
	} else {
		b.count(b.cols[u.toCol], u.rec, -1)
	}
	b.put(u.fromCol, u.fromIdx, u.rec)
	src := b.cols[u.fromCol]
	if !src.collapsed {
		b.col = u.fromCol
		src.cur = max(min(u.fromIdx, src.win.end()-1), src.win.start)
		b.scrollColumns()
		b.scrollCards(src)
	}
	pos := u.oldPos
	msg := MoveCardMsg{CardMove: model.CardMove{Object: b.spec.Object.Name, ID: u.rec.ID, Field: b.spec.Field.Name, To: src.spec.Value, Position: &pos, Set: u.set}}
	return tea.Batch(b.send(msg, boardUndo{isUndo: true, rec: u.rec, fromCol: u.toCol, toCol: u.fromCol}), b.request(false, nil))
}

// MoveDone takes the answer to a MoveCardMsg: the stored record, or the
// error that stopped the write, in which case the card goes back.
func (b *Board) MoveDone(boardID, seq int, rec model.Record, err error) tea.Cmd {
	if boardID != b.id {
		return nil
	}
	u, ok := b.inflight[seq]
	if !ok {
		return nil
	}
	delete(b.inflight, seq)
	if err != nil {
		b.errText = "move not saved: " + err.Error()
		if u.isUndo {
			return b.Refresh()
		}
		for i := len(b.undo) - 1; i >= 0; i-- {
			if b.undo[i].seq == seq {
				b.undo = append(b.undo[:i], b.undo[i+1:]...)
				break
			}
		}
		if i, ok := b.cols[u.toCol].win.indexOf(u.rec.ID); ok {
			b.take(u.toCol, i)
		} else {
			b.count(b.cols[u.toCol], u.rec, -1)
		}
		b.put(u.fromCol, u.fromIdx, u.rec)
		return nil
	}
	for _, c := range b.cols {
		if c.win.replace(rec) {
			break
		}
	}
	var extra []BoardColumnQuery
	if u.reloadTo {
		b.cols[u.toCol].win.clear()
		b.cols[u.toCol].loaded = false
		extra = append(extra, b.colQuery(u.toCol, DirFirst, ""))
	}
	// Totals are re-read from SQL once no other move is on its way, so a
	// count never shows a state between two moves.
	return b.request(len(b.inflight) == 0, extra)
}

// newCard asks the root for a form prefilled with the column's value.
func (b *Board) newCard() tea.Cmd {
	c := b.curCol()
	if c == nil {
		return nil
	}
	pre := map[string]string{}
	switch {
	case b.spec.Field.Type == model.TypeStage:
		if pf, ok := boardFieldOfType(b.spec.Object, model.TypePipeline); ok {
			pre[pf.Name] = "#" + strconv.FormatInt(b.spec.Pipeline.ID, 10)
		}
		pre[b.spec.Field.Name] = "#" + c.spec.Key
	case c.spec.Key != "":
		pre[b.spec.Field.Name] = c.spec.Key
	}
	return emit(NewRecordMsg{Object: b.spec.Object.Name, Prefill: pre})
}

var errNoStages = errors.New("stages belong to pipelines; this board groups by a select field")

// shiftStage moves the current card to the previous (d = -1) or next
// column, and the cursor with it.
func (b *Board) shiftStage(d int) tea.Cmd { return b.moveTo(b.col+d, true, nil) }
