package tui

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/store"
	"rolo/views"
)

// The kanban board (views.Board) on the root's side: opening a board
// (metadata and pipelines read in a command), answering its page and
// totals requests, writing its moves one at a time, and the pipeline and
// stage edits of its S dialog.

// boardRoot is the root's board state. view is nil while no board shows;
// last is kept so b reopens the same board.
type boardRoot struct {
	view    *views.Board
	last    views.OpenBoardMsg
	openReq int
	// queue holds moves in the order they were made; queue[0] is being
	// written. One at a time, so L L ends two stages over, never one.
	queue []views.MoveCardMsg
	// Commands run concurrently, so two moves made in a row may arrive
	// out of order: held keeps early arrivals until the moves before them
	// (by the board's Seq) are queued; expect is the next Seq per board.
	held   map[[2]int]views.MoveCardMsg
	expect map[int]int
	maxSeq map[int]int
}

// enqueue puts a move in the write queue in the order the board made it,
// and reports whether the queue was idle (the caller starts it).
func (r *boardRoot) enqueue(m views.MoveCardMsg) bool {
	if r.held == nil {
		r.held, r.expect, r.maxSeq = map[[2]int]views.MoveCardMsg{}, map[int]int{}, map[int]int{}
	}
	r.maxSeq[m.Board] = max(r.maxSeq[m.Board], m.Seq)
	if m.Seq < r.expect[m.Board] {
		return false // made before a failed move: dropped with it
	}
	idle := len(r.queue) == 0
	r.held[[2]int{m.Board, m.Seq}] = m
	for {
		next := max(r.expect[m.Board], 1)
		x, ok := r.held[[2]int{m.Board, next}]
		if !ok {
			break
		}
		delete(r.held, [2]int{m.Board, next})
		r.expect[m.Board] = next + 1
		r.queue = append(r.queue, x)
	}
	return idle && len(r.queue) > 0
}

type boardSpecMsg struct {
	req    int
	open   views.OpenBoardMsg
	spec   views.BoardSpec
	filter string
	focus  int64
	card   model.Record // OpenBoardMsg.Card, read: SeekCard puts the cursor on it
	err    error
}

type boardLoadMsg struct {
	req    views.BoardLoadRequest
	totals map[string]views.BoardTotal
	pages  []views.BoardPage
	span   *views.ErrorSpan
	err    error
}

type boardMoveMsg struct {
	m   views.MoveCardMsg
	rec model.Record
	err error
}

type stageEditedMsg struct {
	open   views.OpenBoardMsg
	status string
	err    error
}

// updateBoard handles the board's messages; ok is false for the rest.
func (a *App) updateBoard(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case views.OpenBoardMsg:
		return a.openBoard(msg), true
	case boardSpecMsg:
		return a.onBoardSpec(msg), true
	case views.BoardLoadRequest:
		return a.boardLoadCmd(msg), true
	case boardLoadMsg:
		if a.board.view == nil {
			return nil, true
		}
		return a.board.view.ApplyLoad(msg.req.Board, msg.req.TotalsReq, msg.totals, msg.pages, msg.span, msg.err), true
	case views.MoveCardMsg:
		if a.board.enqueue(msg) {
			return a.moveCardCmd(a.board.queue[0]), true
		}
		return nil, true
	case boardMoveMsg:
		return a.onBoardMove(msg), true
	case views.CloseBoardMsg:
		a.board.view = nil
		return nil, true
	case views.PickBoardMsg:
		a.openBoardPicker()
		return nil, true
	case views.StageEditMsg:
		return a.stageEditCmd(msg), true
	case stageEditedMsg:
		if msg.err != nil {
			a.status.SetError(msg.err)
		} else {
			a.status.SetMessage(msg.status)
		}
		// The palette lists a board per pipeline, in pipeline order: an
		// added, renamed, moved or deleted pipeline rebuilds that list.
		return tea.Batch(a.openBoard(msg.open), a.paletteCmdsCmd()), true
	case views.DetailBackMsg, writeMsg:
		// Back from a card's detail page (or a write made there): the
		// detail page closes as usual, and the board re-reads what it
		// shows, keeping the cursor on the same card.
		if a.board.view == nil {
			return nil, false
		}
		cmd, _ := a.updateRecordScreens(msg)
		return tea.Batch(cmd, a.board.view.Refresh()), true
	}
	if a.board.view != nil {
		if cmd, ok := a.board.view.Tick(msg); ok {
			return cmd, true
		}
	}
	return nil, false
}

// boardKey gives keys to the board while it shows, and opens it from the
// list with b (the last board) or B (choose one). ok is false when the key
// is not the board's.
func (a *App) boardKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if a.focus != focusMain || a.detail != nil {
		return nil, false
	}
	if a.board.view != nil {
		_, cmd := a.board.view.Update(msg)
		return cmd, true
	}
	if a.list.CapturesKeys() {
		return nil, false
	}
	switch {
	case key.Matches(msg, a.keys.Board.Toggle):
		return a.openBoard(a.board.last), true
	case key.Matches(msg, a.keys.Board.Pick):
		a.openBoardPicker()
		return nil, true
	}
	return nil, false
}

// openBoard reads what a board needs (object, field, pipelines) in a
// command. Switching pipeline keeps the filter.
func (a *App) openBoard(m views.OpenBoardMsg) tea.Cmd {
	a.board.openReq = a.nextReq()
	req, st := a.board.openReq, a.st
	filter := ""
	var focus int64
	// Opening on a card starts unfiltered: a kept filter could hide it.
	if v := a.board.view; v != nil && v.Spec().Object.Name == m.Object && m.Card == 0 {
		filter = v.Filter()
		if r, ok := v.Current(); ok {
			focus = r.ID
		}
	}
	return a.run("opening the board", 0, func(ctx context.Context) tea.Msg {
		var card model.Record
		if m.Card != 0 {
			var err error
			if card, m, err = boardCard(ctx, st, m); err != nil {
				return boardSpecMsg{req: req, open: m, err: err}
			}
		}
		spec, err := boardSpec(ctx, st, m)
		return boardSpecMsg{req: req, open: m, spec: spec, filter: filter, focus: focus, card: card, err: err}
	})
}

// boardCard reads the record an OpenBoardMsg opens on and points the
// message at the record's own pipeline (its pipeline field), so the card
// is on the board that opens.
func boardCard(ctx context.Context, st *store.Store, m views.OpenBoardMsg) (model.Record, views.OpenBoardMsg, error) {
	name := m.Object
	if name == "" {
		name = "opportunities"
	}
	obj, err := st.Object(name)
	if err != nil {
		return model.Record{}, m, err
	}
	r, err := st.Get(ctx, name, m.Card)
	if err != nil {
		return model.Record{}, m, err
	}
	if pf, ok := palFieldOfType(obj, model.TypePipeline); ok {
		if v := r.Get(pf.Name); v.Valid {
			m.PipelineID = v.Int
		}
	}
	return r, m, nil
}

// boardSpec resolves an OpenBoardMsg: the object (opportunities by
// default), the field (its stage field, else its first select) and the
// pipeline (by id, else the first).
func boardSpec(ctx context.Context, st *store.Store, m views.OpenBoardMsg) (views.BoardSpec, error) {
	name := m.Object
	if name == "" {
		name = "opportunities"
	}
	obj, err := st.Object(name)
	if err != nil {
		return views.BoardSpec{}, err
	}
	var f model.Field
	if m.Field != "" {
		var ok bool
		if f, ok = obj.Field(m.Field); !ok {
			return views.BoardSpec{}, fmt.Errorf("%s has no field %q", obj.Plural, m.Field)
		}
	} else {
		for _, x := range obj.Fields {
			if x.Type == model.TypeStage || x.Type == model.TypeSelect && f.Name == "" {
				f = x
				if x.Type == model.TypeStage {
					break
				}
			}
		}
	}
	switch f.Type {
	case model.TypeStage:
		ps, err := st.Pipelines(ctx)
		if err != nil {
			return views.BoardSpec{}, err
		}
		if len(ps) == 0 {
			return views.BoardSpec{}, errors.New("there is no pipeline; create one with rolo pipeline add")
		}
		p := ps[0]
		for _, x := range ps {
			if x.ID == m.PipelineID {
				p = x
			}
		}
		return views.StageBoard(obj, f, p, ps), nil
	case model.TypeSelect:
		return views.SelectBoard(obj, f), nil
	}
	return views.BoardSpec{}, fmt.Errorf("%s has no stage or select field to make a board of", obj.Plural)
}

func (a *App) onBoardSpec(m boardSpecMsg) tea.Cmd {
	if m.req != a.board.openReq {
		return nil
	}
	if m.err != nil {
		a.status.SetError(m.err)
		return nil
	}
	b := views.NewBoard(a.keys, a.styles, m.spec, a.opt.Board)
	b.SetClock(a.opt.Now)
	if m.filter != "" {
		b.SetFilter(m.filter)
	}
	s := a.shell()
	b.SetSize(s.Main.W, s.Main.H)
	switch {
	case m.card.ID != 0:
		b.SeekCard(m.card)
	case m.focus != 0:
		b.FocusCard(m.focus)
	}
	a.board.view = b
	a.board.last = views.OpenBoardMsg{Object: m.spec.Object.Name, Field: m.spec.Field.Name, PipelineID: m.spec.Pipeline.ID}
	a.setFocus(focusMain)
	return b.Load()
}

// boardSorts is the board order: manual position, then id.
var boardSorts = []model.Sort{{Field: model.FieldPosition}, {Field: model.FieldID}}

// boardLoadCmd answers a BoardLoadRequest in one command: the totals
// (in SQL, never by loading cards) and each column's page.
func (a *App) boardLoadCmd(r views.BoardLoadRequest) tea.Cmd {
	st := a.st
	return a.run("loading the board", 0, func(ctx context.Context) tea.Msg {
		out := boardLoadMsg{req: r}
		fail := func(err error) tea.Msg {
			out.err = err
			out.span, _ = views.FilterErrorSpan(err)
			return out
		}
		user, err := model.ParseFilter(r.UserSrc)
		if err != nil {
			return fail(err)
		}
		if r.TotalsReq != 0 {
			if out.totals, err = boardTotals(ctx, st, r, user); err != nil {
				return fail(err)
			}
		}
		for _, cq := range r.Cols {
			f, err := model.ParseFilter(cq.Filter)
			if err != nil {
				return fail(err)
			}
			q := model.Query{Filter: f, Sorts: boardSorts, Limit: cq.Limit}
			switch cq.Dir {
			case views.DirNext:
				q.After = cq.Cursor
			case views.DirPrev:
				q.Before = cq.Cursor
			case views.DirLast:
				q.Last = true
			}
			p, err := st.Query(ctx, r.Object, q)
			if err != nil {
				return fail(err)
			}
			out.pages = append(out.pages, views.BoardPage{Query: cq, Page: p})
		}
		return out
	})
}

// boardTotals counts and sums per column: the trigger-kept opportunity
// totals for a pipeline board, a GROUP BY otherwise.
func boardTotals(ctx context.Context, st *store.Store, r views.BoardLoadRequest, user model.Filter) (map[string]views.BoardTotal, error) {
	var groups []model.Group
	var err error
	if r.Object == "opportunities" && r.Field == "stage" && r.Pipeline != 0 {
		groups, err = st.StageTotals(ctx, r.Pipeline, user)
	} else {
		f, perr := model.ParseFilter(r.Filter)
		if perr != nil {
			return nil, perr
		}
		var aggs []model.Aggregate
		if r.SumField != "" {
			aggs = []model.Aggregate{{Func: "sum", Field: r.SumField}}
		}
		groups, err = st.GroupBy(ctx, r.Object, r.Field, f, aggs)
	}
	if err != nil {
		return nil, err
	}
	out := make(map[string]views.BoardTotal, len(groups))
	for _, g := range groups {
		t := out[g.Key]
		t.Count += g.Count
		if r.SumField != "" && len(g.Results) > 0 && (g.Code != "" || g.Results[0] != 0) {
			t.Sums = append(t.Sums, views.BoardSum{Code: g.Code, Micros: int64(g.Results[0])})
		}
		out[g.Key] = t
	}
	return out, nil
}

// moveCardCmd writes one move. Typed values (a loss reason) are parsed
// here, against the field, as if typed in a form.
func (a *App) moveCardCmd(m views.MoveCardMsg) tea.Cmd {
	st := a.st
	return a.run("moving a card", 0, func(ctx context.Context) tea.Msg {
		set := maps.Clone(m.Set)
		if len(m.SetText) > 0 {
			obj, err := st.Object(m.Object)
			if err != nil {
				return boardMoveMsg{m: m, err: err}
			}
			if set == nil {
				set = map[string]model.Value{}
			}
			for name, text := range m.SetText {
				f, ok := obj.Field(name)
				if !ok {
					return boardMoveMsg{m: m, err: fmt.Errorf("%s has no field %q", obj.Plural, name)}
				}
				v, err := model.ParseValue(f, text, st.ParseEnv())
				if err != nil {
					return boardMoveMsg{m: m, err: err}
				}
				set[name] = v
			}
		}
		mv := m.CardMove
		mv.Set = set
		rec, err := st.MoveCard(ctx, mv)
		return boardMoveMsg{m: m, rec: rec, err: err}
	})
}

// onBoardMove hands the answer to the board and starts the next move. A
// failed move puts its card back; moves queued behind it were made on top
// of it, so they are dropped and the board re-reads the database.
func (a *App) onBoardMove(m boardMoveMsg) tea.Cmd {
	if len(a.board.queue) > 0 {
		a.board.queue = a.board.queue[1:]
	}
	v := a.board.view
	if m.err != nil {
		a.status.SetError(fmt.Errorf("move not saved: %w", m.err))
		if len(a.board.queue) > 0 {
			// Later moves of this board were made on top of the failed
			// one; none of them is written (held ones are skipped too).
			a.board.queue = nil
			a.board.expect[m.m.Board] = a.board.maxSeq[m.m.Board] + 1
			for k := range a.board.held {
				if k[0] == m.m.Board {
					delete(a.board.held, k)
				}
			}
			if v != nil {
				return v.Refresh()
			}
			return nil
		}
	}
	var cmds []tea.Cmd
	if v != nil {
		cmds = append(cmds, v.MoveDone(m.m.Board, m.m.Seq, m.rec, m.err))
	}
	if len(a.board.queue) > 0 {
		cmds = append(cmds, a.moveCardCmd(a.board.queue[0]))
	}
	return tea.Batch(cmds...)
}

// openBoardPicker lists every object's stage and select fields (B).
func (a *App) openBoardPicker() {
	var items []views.BoardPickItem
	for _, o := range a.objects {
		for _, f := range o.Fields {
			if f.Hidden || f.Type != model.TypeStage && f.Type != model.TypeSelect {
				continue
			}
			hint := fmt.Sprintf("%d options", len(f.Options))
			if f.Type == model.TypeStage {
				hint = "by pipeline"
			}
			items = append(items, views.BoardPickItem{Label: o.Plural + " · " + f.Label, Hint: hint,
				Value: views.OpenBoardMsg{Object: o.Name, Field: f.Name}})
		}
	}
	p := views.NewBoardPicker(a.keys.Dialog, a.styles, "Board of…", items)
	p.EmitChoice()
	p.SetSize(a.w, a.h)
	a.overlay = p
}

// stageEditCmd writes an edit from the stages dialog and reopens the
// board on the pipeline it concerns.
func (a *App) stageEditCmd(m views.StageEditMsg) tea.Cmd {
	st := a.st
	open := a.board.last
	open.PipelineID = m.Pipeline
	pid := "#" + strconv.FormatInt(m.Pipeline, 10)
	return a.run("editing stages", 0, func(ctx context.Context) tea.Msg {
		out := stageEditedMsg{open: open}
		switch m.Op {
		case views.StageAdd:
			_, out.err = st.AddStage(ctx, m.Pipeline, m.Name, "")
			out.status = "added stage " + m.Name
		case views.StageRename:
			out.err = st.UpdateStage(ctx, m.Stage, m.Name, "")
			out.status = "renamed stage to " + m.Name
		case views.StageRecolor:
			if err := checkColour(m.Color); err != nil {
				out.err = err
				break
			}
			out.err = st.UpdateStage(ctx, m.Stage, "", m.Color)
			out.status = "recoloured the stage"
		case views.StageMove:
			out.err = st.MoveStage(ctx, m.Stage, m.Position)
			out.status = "moved the stage"
		case views.StageDelete:
			out.err = st.DeleteStage(ctx, m.Stage, m.MoveTo)
			out.status = "deleted the stage"
		case views.PipelineAdd:
			p, err := st.CreatePipeline(ctx, m.Name, nil)
			out.err, out.open.PipelineID = err, p.ID
			out.status = "added pipeline " + m.Name + " · S then a to add stages"
		case views.PipelineRename:
			out.err = st.RenamePipeline(ctx, pid, m.Name)
			out.status = "renamed the pipeline to " + m.Name
		case views.PipelineMove:
			out.err = st.MovePipeline(ctx, m.Pipeline, m.Position)
			out.status = "moved the pipeline to place " + strconv.Itoa(m.Position+1)
		case views.PipelineDelete:
			out.err = st.DeletePipeline(ctx, pid)
			out.open.PipelineID = 0
			out.status = "deleted the pipeline"
		}
		if out.err != nil {
			out.open.PipelineID = m.Pipeline
		}
		return out
	})
}

// checkColour accepts "#rrggbb", "#rgb", an ANSI number or a colour name
// the views know.
func checkColour(c string) error {
	if views.KnownColour(c) {
		return nil
	}
	return fmt.Errorf("%q is not a colour (use #rrggbb, an ANSI number, or red, orange, yellow, green, teal, blue, purple, pink, gray)", c)
}
