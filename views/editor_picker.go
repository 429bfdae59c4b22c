package views

import (
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rolo/model"
)

// picker chooses among options (select, multi-select: filtered here) or
// among records, members, pipelines and stages (async: the root queries the
// store, debounced, and answers with SetPickerResults; never all records).
type picker struct {
	async    bool
	multi    bool
	items    []PickItem // all options, or the latest answer
	shown    []int      // indexes into items that match the filter
	cur      int
	chosen   []string // multi-select: option values, in order
	seq      int      // debounce generation
	req      int      // the query whose answer is awaited
	loading  bool
	err      string
	pipeline int64
}

var pickerReqs atomic.Int64

func newPicker(f model.Field, cur model.Value) picker {
	p := picker{}
	switch f.Type {
	case model.TypeSelect, model.TypeMultiSelect:
		p.multi = f.Type == model.TypeMultiSelect
		if !f.Required && !p.multi {
			p.items = append(p.items, PickItem{Label: "(none)"})
		}
		for _, o := range f.Options {
			p.items = append(p.items, PickItem{Label: o.Label, Color: o.Color, Value: model.Value{Valid: true, Str: o.Value}})
		}
		if p.multi {
			p.chosen = slices.Clone(cur.List)
		}
		p.filter("")
		for i, ix := range p.shown { // start on the current option
			if !p.multi && p.items[ix].Value.Str == cur.Str && cur.Valid {
				p.cur = i
			}
		}
	default:
		p.async = true
		p.loading = true
	}
	return p
}

// filter keeps the options whose label contains q (any case); an exact
// prefix sorts first, so typing "neg" lands on Negotiation.
func (p *picker) filter(q string) {
	q = strings.ToLower(strings.TrimSpace(q))
	p.shown = p.shown[:0]
	var rest []int
	for i, it := range p.items {
		l := strings.ToLower(it.Label)
		switch {
		case q == "" || strings.HasPrefix(l, q):
			p.shown = append(p.shown, i)
		case strings.Contains(l, q):
			rest = append(rest, i)
		}
	}
	p.shown = append(p.shown, rest...)
	p.cur = min(p.cur, max(len(p.shown)-1, 0))
}

// query emits the request for choices matching q.
func (p *picker) query(f model.Field, q string) tea.Cmd {
	p.req = int(pickerReqs.Add(1))
	p.loading = true
	return emit(PickerQueryMsg{Req: p.req, Field: f, Query: strings.TrimSpace(q), Pipeline: p.pipeline})
}

func (p *picker) setResults(req int, items []PickItem, err error) {
	if req != p.req {
		return // an answer to an older query
	}
	p.loading = false
	p.err = ""
	if err != nil {
		p.err = err.Error()
		return
	}
	p.items = items
	p.shown = p.shown[:0]
	for i := range items {
		p.shown = append(p.shown, i)
	}
	p.cur = min(p.cur, max(len(p.shown)-1, 0))
}

// SetPipeline tells a stage picker which pipeline's stages to offer.
func (e *Editor) SetPipeline(id int64) { e.picker.pipeline = id }

func (e *Editor) updatePicker(k tea.KeyPressMsg) tea.Cmd {
	p := &e.picker
	switch {
	case key.Matches(k, e.keys.Up):
		p.cur = max(p.cur-1, 0)
		return nil
	case key.Matches(k, e.keys.Down):
		p.cur = min(p.cur+1, max(len(p.shown)-1, 0))
		return nil
	case p.multi && key.Matches(k, e.keys.Toggle):
		if p.cur < len(p.shown) {
			v := p.items[p.shown[p.cur]].Value.Str
			if i := slices.Index(p.chosen, v); i >= 0 {
				p.chosen = slices.Delete(p.chosen, i, i+1)
			} else {
				p.chosen = append(p.chosen, v)
			}
		}
		e.value = multiValue(p.chosen)
		return nil
	case key.Matches(k, e.keys.Accept):
		if p.multi {
			e.value = multiValue(p.chosen)
			return e.accept()
		}
		if p.cur >= len(p.shown) {
			if strings.TrimSpace(e.input.Value()) == "" {
				e.value = model.Value{}
				return e.accept()
			}
			e.err = "nothing matches"
			return nil
		}
		e.value = p.items[p.shown[p.cur]].Value
		e.err = ""
		return e.accept()
	}
	before := e.input.Value()
	var cmd tea.Cmd
	e.input, cmd = e.input.Update(k)
	if e.input.Value() == before {
		return cmd
	}
	e.err = ""
	if !p.async {
		p.filter(e.input.Value())
		return cmd
	}
	// Debounce: only the last keystroke of a burst reaches the store.
	p.seq++
	seq, id := p.seq, e.id
	return tea.Batch(cmd, tea.Tick(pickerDebounce, func(time.Time) tea.Msg { return pickerTickMsg{editor: id, seq: seq} }))
}

func multiValue(vals []string) model.Value {
	if len(vals) == 0 {
		return model.Value{}
	}
	return model.Value{Valid: true, List: slices.Clone(vals)}
}

// pickerRows is how many choices a picker shows at once.
const pickerRows = 7

func (e *Editor) viewPicker(w int) string {
	p := &e.picker
	var b strings.Builder
	e.input.SetWidth(max(w-3, 1))
	b.WriteString(e.st.Accent.Render("› ") + e.input.View())
	top := max(0, p.cur-pickerRows+1)
	for i := top; i < len(p.shown) && i < top+pickerRows; i++ {
		it := p.items[p.shown[i]]
		mark := "  "
		if p.multi {
			mark = "[ ] "
			if slices.Contains(p.chosen, it.Value.Str) {
				mark = "[x] "
			}
		}
		label := e.st.OptionStyle(it.Color).Render(Sanitize(it.Label))
		if it.Color == "" {
			label = Sanitize(it.Label)
		}
		line := mark + label
		if it.Detail != "" {
			line += "  " + e.st.Muted.Render(Sanitize(it.Detail))
		}
		if i == p.cur {
			line = e.st.DialogCursor.Render(Fit("▸ "+ansiStripMark(mark)+Sanitize(it.Label), w))
			if it.Detail != "" {
				line = e.st.DialogCursor.Render(Fit("▸ "+ansiStripMark(mark)+Sanitize(it.Label)+"  "+Sanitize(it.Detail), w))
			}
		}
		b.WriteString("\n" + Truncate(line, w))
	}
	switch {
	case p.err != "":
		b.WriteString("\n" + e.st.Error.Render(Truncate(Sanitize(p.err), w)))
	case p.loading && len(p.shown) == 0:
		b.WriteString("\n" + e.st.Muted.Render("searching…"))
	case len(p.shown) == 0:
		b.WriteString("\n" + e.st.Muted.Render("no matches"))
	}
	return b.String()
}

// ansiStripMark trims the two-space indent used for unselected rows so the
// cursor row's "▸ " takes its place.
func ansiStripMark(mark string) string { return strings.TrimPrefix(mark, "  ") }
