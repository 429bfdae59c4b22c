package views

import (
	"strconv"
	"strings"

	"rolo/model"
)

// The board (kanban) talks to the root the way the list does: it holds a
// bounded window of cards per column, asks for pages and totals with
// BoardLoadRequest, and states moves as MoveCardMsg intents that the root
// writes in a command and answers with Board.MoveDone.

// BoardColumn is one column: a stage or a select option (or the records
// with no value, Key "").
type BoardColumn struct {
	Key   string      // stage id as text, option value, or "" for no value
	Value model.Value // what a move into the column writes
	Label string
	Color string
	Kind  model.StageKind
	// Term is the filter-language term that selects the column's records.
	Term string
}

// BoardSpec is what a board shows: an object grouped by a stage or select
// field, its columns in order, and the pipeline for stage boards.
type BoardSpec struct {
	Object    model.Object
	Field     model.Field
	Pipeline  model.Pipeline   // stage boards: the pipeline shown
	Pipelines []model.Pipeline // stage boards: every pipeline, for p
	Columns   []BoardColumn
	// SumField is the currency field summed in the headers ("" for none).
	SumField string
	// Base is filter-language text every query of the board carries
	// (the pipeline of a stage board).
	Base string
}

// BoardOptions tune a board; the zero value is usable.
type BoardOptions struct {
	// StaleDays marks a card that has sat in its stage longer (default 14).
	StaleDays int
	// CollapseClosed starts Won and Lost collapsed.
	CollapseClosed bool
}

// StageBoard builds the spec of a stage board of pipeline p.
func StageBoard(obj model.Object, field model.Field, p model.Pipeline, all []model.Pipeline) BoardSpec {
	sp := BoardSpec{Object: obj, Field: field, Pipeline: p, Pipelines: all, SumField: boardCurrencyField(obj)}
	if pf, ok := boardFieldOfType(obj, model.TypePipeline); ok {
		sp.Base = pf.Name + ":#" + strconv.FormatInt(p.ID, 10)
	}
	// Won and Lost go last whatever their stored order.
	var open, closed []model.Stage
	for _, st := range p.Stages {
		if st.Kind == model.StageWon || st.Kind == model.StageLost {
			closed = append(closed, st)
		} else {
			open = append(open, st)
		}
	}
	for _, st := range append(open, closed...) {
		id := strconv.FormatInt(st.ID, 10)
		sp.Columns = append(sp.Columns, BoardColumn{Key: id, Value: model.Value{Valid: true, Int: st.ID, Ref: st.Name},
			Label: st.Name, Color: st.Color, Kind: st.Kind, Term: field.Name + ":#" + id})
	}
	return sp
}

// SelectBoard builds the spec of a board grouped by a select field: one
// column per option and one for records without a value.
func SelectBoard(obj model.Object, field model.Field) BoardSpec {
	sp := BoardSpec{Object: obj, Field: field, SumField: boardCurrencyField(obj)}
	for _, o := range field.Options {
		sp.Columns = append(sp.Columns, BoardColumn{Key: o.Value, Value: model.Value{Valid: true, Str: o.Value},
			Label: o.Label, Color: o.Color, Term: field.Name + "=" + boardQuote(o.Value)})
	}
	sp.Columns = append(sp.Columns, BoardColumn{Label: "No " + strings.ToLower(field.Label), Color: "gray", Term: field.Name + ":empty"})
	return sp
}

// ColumnOf is the index of the column holding value v of the board's
// field, or -1. Stage values match by id, options by value; Ref (a stage
// name) is display text and not compared.
func (sp BoardSpec) ColumnOf(v model.Value) int {
	for i, c := range sp.Columns {
		if c.Value.Valid == v.Valid && (!v.Valid || c.Value.Int == v.Int && c.Value.Str == v.Str) {
			return i
		}
	}
	return -1
}

// ColumnFilter is the filter source of one column under the user's filter.
// The user's text comes first so parse errors point into it unchanged.
func (sp BoardSpec) ColumnFilter(user string, col int) string {
	parts := []string{}
	if strings.TrimSpace(user) != "" {
		parts = append(parts, user)
	}
	if sp.Base != "" {
		parts = append(parts, sp.Base)
	}
	if col >= 0 && col < len(sp.Columns) {
		parts = append(parts, sp.Columns[col].Term)
	}
	return strings.Join(parts, " ")
}

// quoteTerm writes a value as a filter-language string.
func boardQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func boardCurrencyField(o model.Object) string {
	if f, ok := o.Field("amount"); ok && f.Type == model.TypeCurrency {
		return f.Name
	}
	if f, ok := boardFieldOfType(o, model.TypeCurrency); ok {
		return f.Name
	}
	return ""
}

func boardFieldOfType(o model.Object, t model.FieldType) (model.Field, bool) {
	for _, f := range o.Fields {
		if f.Type == t {
			return f, true
		}
	}
	return model.Field{}, false
}

// BoardColumnQuery asks for one page of one column.
type BoardColumnQuery struct {
	Col    int
	Req    int
	Filter string // the column's whole filter (ColumnFilter)
	Dir    PageDir
	Cursor model.Cursor
	Limit  int
}

// BoardLoadRequest asks the root for column pages and, when TotalsReq is
// not zero, the per-column counts and sums under Filter (the user's
// filter plus the board's Base). The root answers with Board.ApplyLoad.
type BoardLoadRequest struct {
	Board     int
	Object    string
	Field     string
	Pipeline  int64 // stage boards
	SumField  string
	Filter    string // user filter + Base, for the totals
	UserSrc   string // the user's filter alone, to place errors
	TotalsReq int
	Cols      []BoardColumnQuery
}

// BoardPage is the answer to one BoardColumnQuery.
type BoardPage struct {
	Query BoardColumnQuery
	Page  model.Page
}

// BoardTotal is one column's count and per-currency sums.
type BoardTotal struct {
	Count int64
	Sums  []BoardSum
}

// BoardSum is an amount in one currency (micros).
type BoardSum struct {
	Code   string
	Micros int64
}

type (
	// OpenBoardMsg: show the board of Object grouped by Field (a stage or
	// select field). Empty Object means opportunities; empty Field the
	// object's stage field (or first select); PipelineID 0 the first
	// pipeline. The palette's "go to board" emits it too.
	OpenBoardMsg struct {
		Object     string
		Field      string
		PipelineID int64
		// Card, when set, opens the board of that record's pipeline with
		// the cursor on it (the palette's "Open on its board"); the
		// record's own pipeline wins over PipelineID.
		Card int64
	}
	// PickBoardMsg: ask which object and field to show as a board (B).
	PickBoardMsg struct{}
	// CloseBoardMsg: leave the board for the list.
	CloseBoardMsg struct{}

	// MoveCardMsg: write a card move the board has already shown. Seq
	// identifies it in Board.MoveDone; the root runs moves one at a time
	// in order, so L L lands two stages over.
	MoveCardMsg struct {
		Board int
		Seq   int
		model.CardMove
		// SetText holds typed text the root parses into Set (a reason).
		SetText map[string]string
	}

	// StageEditMsg: change the pipeline's stages or pipelines (S). The
	// root writes it and reopens the board on Pipeline.
	StageEditMsg struct {
		Op       StageOp
		Pipeline int64
		Stage    int64
		Name     string
		Color    string
		Position int
		MoveTo   int64
	}
)

// StageOp is what a StageEditMsg does.
type StageOp int

const (
	StageAdd StageOp = iota + 1
	StageRename
	StageRecolor
	StageMove
	StageDelete
	PipelineAdd
	PipelineRename
	PipelineMove
	PipelineDelete
)
