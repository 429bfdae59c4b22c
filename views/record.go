package views

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
	"rolo/model"
)

// RecordView is a read-only view of one record: its label, then every
// visible field formatted, scrollable. Esc emits CloseRecordMsg.
type RecordView struct {
	keys   keymap.Record
	styles Styles
	vp     viewport.Model
	obj    model.Object
	rec    model.Record
	w, h   int
}

// NewRecordView returns an empty record view.
func NewRecordView(keys keymap.Record, st Styles) *RecordView {
	return &RecordView{keys: keys, styles: st, vp: viewport.New()}
}

// SetRecord shows rec, an instance of obj, from the top.
func (r *RecordView) SetRecord(obj model.Object, rec model.Record) {
	r.obj, r.rec = obj, rec
	r.render()
	r.vp.GotoTop()
}

// Record is the record shown.
func (r *RecordView) Record() model.Record { return r.rec }

func (r *RecordView) SetSize(w, h int) {
	r.w, r.h = max(w, 0), max(h, 0)
	r.vp.SetWidth(r.w)
	r.vp.SetHeight(max(r.h-2, 0))
	r.render()
}

// render lays the fields out for the current width. Called on SetRecord
// and SetSize only, never per frame.
func (r *RecordView) render() {
	labelW := 0
	var fields []model.Field
	for _, f := range r.obj.Fields {
		if f.Hidden || f.Name == model.FieldDeletedAt {
			continue
		}
		fields = append(fields, f)
		labelW = max(labelW, Width(Sanitize(f.Label)))
	}
	labelW = min(labelW, max(r.w/3, 1))
	valW := max(r.w-labelW-3, 1)
	var lines []string
	for _, f := range fields {
		v := displayValue(f, r.rec.Get(f.Name))
		if f.Type == model.TypeRichText {
			v = SanitizeBlock(v)
		} else {
			v = Sanitize(v)
		}
		if v == "" {
			v = r.styles.Muted.Render("—")
		}
		for i, ln := range strings.Split(v, "\n") {
			label := ""
			if i == 0 {
				label = Sanitize(f.Label)
			}
			lines = append(lines, " "+r.styles.Muted.Render(Fit(label, labelW))+"  "+Truncate(ln, valW))
		}
	}
	r.vp.SetContent(strings.Join(lines, "\n"))
}

func (r *RecordView) Update(msg tea.Msg) (Component, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		k := r.keys
		switch {
		case key.Matches(msg, k.Back):
			return r, emit(CloseRecordMsg{})
		case key.Matches(msg, k.Down):
			r.vp.ScrollDown(1)
		case key.Matches(msg, k.Up):
			r.vp.ScrollUp(1)
		case key.Matches(msg, k.PageDown):
			r.vp.PageDown()
		case key.Matches(msg, k.PageUp):
			r.vp.PageUp()
		case key.Matches(msg, k.Top):
			r.vp.GotoTop()
		case key.Matches(msg, k.Bottom):
			r.vp.GotoBottom()
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			r.vp.ScrollUp(wheelStep)
		case tea.MouseWheelDown:
			r.vp.ScrollDown(wheelStep)
		}
	}
	return r, nil
}

func (r *RecordView) View() string {
	if r.w <= 0 || r.h <= 0 {
		return ""
	}
	title := r.rec.Label
	if title == "" {
		title = Sanitize(r.obj.Singular)
	}
	head := r.styles.Title.Render(Truncate(" "+Sanitize(title), r.w))
	sub := r.styles.Muted.Render(Truncate(" "+Sanitize(r.obj.Singular), r.w))
	return padBlock(head+"\n"+sub+"\n"+r.vp.View(), r.w, r.h)
}
