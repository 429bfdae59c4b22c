package views

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
)

// fieldPicker chooses the field a column feeds: "skip" or one of the
// object's importable fields, filtered by what is typed (name or label,
// any case). Letters are text here, so it moves with the arrows.
type fieldPicker struct {
	styles Styles
	all    []pickerItem
	shown  []pickerItem
	cursor int
	filter textinput.Model
}

type pickerItem struct {
	name  string // "-" = skip
	label string
}

const skipLabel = "— skip this column"

func newFieldPicker(st Styles, fields []ImportField, current string) *fieldPicker {
	p := &fieldPicker{styles: st}
	p.all = append(p.all, pickerItem{name: "-", label: skipLabel})
	for _, f := range fields {
		p.all = append(p.all, pickerItem{name: f.Name, label: Sanitize(f.Label)})
	}
	in := textinput.New()
	in.Prompt = "filter › "
	in.CharLimit = 64
	ist := in.Styles()
	ist.Cursor.Blink = false
	in.SetStyles(ist)
	in.Focus()
	p.filter = in
	p.refilter()
	for i, it := range p.shown {
		if it.name == current {
			p.cursor = i
		}
	}
	return p
}

func (p *fieldPicker) refilter() {
	q := strings.ToLower(strings.TrimSpace(p.filter.Value()))
	p.shown = p.shown[:0]
	for _, it := range p.all {
		if q == "" || strings.Contains(strings.ToLower(it.name), q) || strings.Contains(strings.ToLower(it.label), q) {
			p.shown = append(p.shown, it)
		}
	}
	p.cursor = min(p.cursor, max(len(p.shown)-1, 0))
}

// key handles one key. done reports that the picker is finished: field is
// the choice ("-" = skip), "" when cancelled.
func (p *fieldPicker) key(k tea.KeyPressMsg, keys keymap.Import) (done bool, field string, cmd tea.Cmd) {
	switch {
	case key.Matches(k, keys.Back):
		return true, "", nil
	case key.Matches(k, keys.Next):
		if p.cursor < len(p.shown) {
			return true, p.shown[p.cursor].name, nil
		}
		return false, "", nil
	case key.Matches(k, keys.Up):
		p.cursor = max(p.cursor-1, 0)
		return false, "", nil
	case key.Matches(k, keys.Down):
		p.cursor = min(p.cursor+1, max(len(p.shown)-1, 0))
		return false, "", nil
	}
	return false, "", p.update(k)
}

func (p *fieldPicker) update(msg tea.Msg) tea.Cmd {
	before := p.filter.Value()
	var cmd tea.Cmd
	p.filter, cmd = p.filter.Update(msg)
	if p.filter.Value() != before {
		p.cursor = 0
		p.refilter()
	}
	return cmd
}

// view draws the picker in at most w cells by h lines.
func (p *fieldPicker) view(w, h int) string {
	p.filter.SetWidth(max(w-10, 1))
	lines := []string{p.filter.View()}
	rows := max(h-1, 1)
	top := 0
	if p.cursor >= rows {
		top = p.cursor - rows + 1
	}
	lw := max(min(w/2, 30), 8)
	for i := top; i < len(p.shown) && i < top+rows; i++ {
		it := p.shown[i]
		label := Fit("  "+it.label, lw)
		if i == p.cursor {
			label = p.styles.DialogCursor.Render(Fit("› "+it.label, lw))
		}
		lines = append(lines, Truncate(label+"  "+p.styles.Muted.Render(nameIf(it)), w))
	}
	if len(p.shown) == 0 {
		lines = append(lines, p.styles.Muted.Render("  no field matches"))
	}
	return strings.Join(lines, "\n")
}

func nameIf(it pickerItem) string {
	if it.name == "-" {
		return ""
	}
	return it.name
}
