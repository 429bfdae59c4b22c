package views

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/sahilm/fuzzy"

	"rolo/keymap"
)

// BoardPickItem is one choice of a BoardPicker.
type BoardPickItem struct {
	Label string
	Hint  string // drawn muted after the label (a count, an object)
	Color string // a swatch before the label ("" for none)
	Value any
}

// BoardPicker is a small fuzzy picker: type to narrow, arrows or ctrl+j/k
// to choose, enter to take, esc to cancel. A pipeline with a hundred
// stages, or fifty pipelines, stays one keystroke or two away.
type BoardPicker struct {
	keys    keymap.Dialog
	styles  Styles
	title   string
	items   []BoardPickItem
	labels  []string
	shown   []int // indices into items, best first
	cursor  int
	top     int
	input   textinput.Model
	w, h    int
	closed  bool
	chosen  int
	emit    bool
	matched [][]int // matched rune indices per shown item
}

// NewBoardPicker returns a focused picker over items.
func NewBoardPicker(keys keymap.Dialog, st Styles, title string, items []BoardPickItem) *BoardPicker {
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = "type to filter"
	ist := in.Styles()
	ist.Cursor.Blink = false
	in.SetStyles(ist)
	in.Focus()
	p := &BoardPicker{keys: keys, styles: st, title: title, items: items, input: in, chosen: -1}
	for _, it := range items {
		p.labels = append(p.labels, Sanitize(it.Label))
	}
	p.narrow()
	return p
}

func (p *BoardPicker) SetSize(w, h int) {
	p.w, p.h = w, h
	p.input.SetWidth(max(p.boxW()-6, 1))
}

func (p *BoardPicker) boxW() int { return max(min(p.w-4, 56), 20) }

// rows is how many items are listed at once.
func (p *BoardPicker) rows() int { return max(min(p.h-8, 12), 3) }

func (p *BoardPicker) narrow() {
	p.shown, p.matched = p.shown[:0], p.matched[:0]
	q := strings.TrimSpace(p.input.Value())
	if q == "" {
		for i := range p.items {
			p.shown = append(p.shown, i)
			p.matched = append(p.matched, nil)
		}
	} else {
		for _, m := range fuzzy.Find(q, p.labels) {
			p.shown = append(p.shown, m.Index)
			p.matched = append(p.matched, m.MatchedIndexes)
		}
	}
	p.cursor, p.top = 0, 0
}

func (p *BoardPicker) Update(msg tea.Msg) (Component, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	switch {
	case key.Matches(k, p.keys.Cancel):
		p.closed = true
		return p, nil
	case key.Matches(k, p.keys.Confirm):
		if len(p.shown) > 0 {
			p.closed, p.chosen = true, p.shown[p.cursor]
			if m, ok := p.items[p.chosen].Value.(tea.Msg); ok && p.emit {
				return p, emit(m)
			}
		}
		return p, nil
	case k.String() == "up" || k.String() == "ctrl+k" || k.String() == "ctrl+p":
		p.step(-1)
		return p, nil
	case k.String() == "down" || k.String() == "ctrl+j" || k.String() == "ctrl+n":
		p.step(1)
		return p, nil
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.narrow()
	}
	return p, cmd
}

func (p *BoardPicker) step(d int) {
	if len(p.shown) == 0 {
		return
	}
	p.cursor = max(0, min(p.cursor+d, len(p.shown)-1))
	if p.cursor < p.top {
		p.top = p.cursor
	}
	if p.cursor >= p.top+p.rows() {
		p.top = p.cursor - p.rows() + 1
	}
}

func (p *BoardPicker) View() string {
	inner := p.boxW() - p.styles.Dialog.GetHorizontalFrameSize()
	var b strings.Builder
	b.WriteString(p.input.View())
	end := min(p.top+p.rows(), len(p.shown))
	for i := p.top; i < end; i++ {
		it := p.items[p.shown[i]]
		b.WriteString("\n")
		line := "  "
		if it.Color != "" {
			line = p.styles.OptionStyle(it.Color).Render("●") + " "
		}
		line += boardHighlight(p.styles, p.labels[p.shown[i]], p.matched[i])
		if it.Hint != "" {
			line += "  " + p.styles.Muted.Render(Sanitize(it.Hint))
		}
		line = Fit(line, inner)
		if i == p.cursor {
			line = p.styles.DialogCursor.Render(line)
		}
		b.WriteString(line)
	}
	if len(p.shown) == 0 {
		b.WriteString("\n" + p.styles.Muted.Render("no match"))
	} else if len(p.shown) > p.rows() {
		b.WriteString("\n" + p.styles.Muted.Render(itoa(p.cursor+1)+" of "+itoa(len(p.shown))))
	}
	return dialogBox(p.styles, p.title, b.String(), "enter choose · esc cancel", p.boxW())
}

// boardHighlight draws the matched characters of s (byte offsets, as fuzzy
// reports them) in the accent colour.
func boardHighlight(st Styles, s string, idx []int) string {
	if len(idx) == 0 {
		return s
	}
	set := map[int]bool{}
	for _, i := range idx {
		set[i] = true
	}
	var b strings.Builder
	for i, r := range s {
		if set[i] {
			b.WriteString(st.Marker.Render(string(r)))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (p *BoardPicker) Closed() bool { return p.closed }

// EmitChoice makes the picker send the chosen item's Value as a message
// when it closes: items whose values are intents (OpenBoardMsg) need no
// owner to carry them out.
func (p *BoardPicker) EmitChoice() { p.emit = true }

// Result is the chosen item, if one was chosen.
func (p *BoardPicker) Result() (BoardPickItem, bool) {
	if p.chosen < 0 {
		return BoardPickItem{}, false
	}
	return p.items[p.chosen], true
}
