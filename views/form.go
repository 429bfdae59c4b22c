package views

import (
	"sort"
	"strings"
	"sync/atomic"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
	"rolo/model"
)

// Form creates a record: one Editor per field, required fields first,
// tab/shift+tab between them, ctrl+s to save, esc asks before throwing
// typed input away. It is a Dialog over the screen; the root saves it
// (FormSaveMsg) and answers with Saved, SetError or SetDuplicate.
type Form struct {
	id     int
	keys   keymap.Form
	st     Styles
	w, h   int
	obj    model.Object
	rows   []*Editor
	cur    int
	err    string
	saving bool
	closed bool

	confirmDiscard bool
	dup            *Duplicate
}

// Duplicate describes the record that already holds a unique value.
type Duplicate struct {
	Object, Singular string
	ID               int64
	Label            string
	Field, Value     string
}

var formIDs atomic.Int64

// NewForm returns a form for obj holding the initial values (defaults and
// prefill, already parsed and resolved by the root).
func NewForm(keys keymap.Form, st Styles, obj model.Object, initial map[string]model.Value, env func() model.ParseEnv) *Form {
	fm := &Form{id: int(formIDs.Add(1)), keys: keys, st: st, obj: obj}
	var fields []model.Field
	for _, f := range obj.Fields {
		if f.Hidden || !editable(f) || f.Name == model.FieldActive {
			continue
		}
		fields = append(fields, f)
	}
	// Required fields first, then the object's order (stable).
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].Required && !fields[j].Required })
	for _, f := range fields {
		fm.rows = append(fm.rows, NewEditor(keys, st, f, initial[f.Name], env, true))
	}
	// Start on the first required field that is still empty.
	for i, e := range fm.rows {
		if e.Field().Required && !initial[e.Field().Name].Valid {
			fm.cur = i
			break
		}
	}
	return fm
}

// ID identifies the form in FormSaveMsg.
func (fm *Form) ID() int { return fm.id }

// Object is the object the form creates.
func (fm *Form) Object() model.Object { return fm.obj }

// Init starts the focused editor (a record picker's first query).
func (fm *Form) Init() tea.Cmd { return fm.rows[fm.cur].Init() }

func (fm *Form) SetSize(w, h int) { fm.w, fm.h = w, h }
func (fm *Form) Closed() bool     { return fm.closed }

// Saved closes the form after the root created the record.
func (fm *Form) Saved() { fm.saving, fm.closed = false, true }

// SetError shows why saving failed; the form stays open.
func (fm *Form) SetError(err error) { fm.saving, fm.err = false, err.Error() }

// SetDuplicate reports a unique value already taken. The store refuses a
// second record with the same unique value, so there is no "save anyway":
// the choice is to open the existing record or edit the value.
func (fm *Form) SetDuplicate(d Duplicate) {
	fm.saving, fm.dup = false, &d
	for i, e := range fm.rows {
		if e.Field().Name == d.Field {
			fm.cur = i
		}
	}
}

// SetPickerResults passes a picker answer to the focused editor.
func (fm *Form) SetPickerResults(req int, items []PickItem, err error) {
	for _, e := range fm.rows {
		e.SetPickerResults(req, items, err)
	}
}

// Values are the parsed values of every filled field, or the first error.
func (fm *Form) Values() (map[string]model.Value, int, string) {
	vals := map[string]model.Value{}
	for i, e := range fm.rows {
		v, err := e.Current()
		if err != "" {
			return nil, i, Sanitize(e.Field().Label) + ": " + err
		}
		if e.Field().Required && !v.Valid {
			return nil, i, Sanitize(e.Field().Label) + " is required"
		}
		if v.Valid {
			vals[e.Field().Name] = v
		}
	}
	return vals, 0, ""
}

func (fm *Form) dirty() bool {
	for _, e := range fm.rows {
		if e.Dirty() {
			return true
		}
	}
	return false
}

func (fm *Form) focus(i int) tea.Cmd {
	n := len(fm.rows)
	fm.rows[fm.cur].Reopen()
	fm.cur = ((i % n) + n) % n
	fm.rows[fm.cur].Reopen()
	return fm.rows[fm.cur].Init()
}

func (fm *Form) Update(msg tea.Msg) (Component, tea.Cmd) {
	if m, ok := msg.(ExternalEditedMsg); ok {
		return fm, fm.externalEdited(m)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return fm, fm.rows[fm.cur].Update(msg)
	}
	if fm.confirmDiscard {
		switch k.String() {
		case "y", "enter":
			fm.closed = true
			return fm, emit(FormClosedMsg{})
		case "n", "esc":
			fm.confirmDiscard = false
		}
		return fm, nil
	}
	if fm.dup != nil {
		switch {
		case key.Matches(k, fm.keys.Open):
			fm.closed = true
			d := fm.dup
			return fm, tea.Batch(emit(FormClosedMsg{}), emit(OpenRecordMsg{Object: d.Object, ID: d.ID}))
		case key.Matches(k, fm.keys.Cancel):
			fm.dup = nil
			return fm, nil
		}
		fm.dup = nil // any other key edits the value
	}
	switch {
	case key.Matches(k, fm.keys.Save):
		if fm.saving {
			return fm, nil
		}
		vals, at, err := fm.Values()
		if err != "" {
			fm.err = err
			return fm, fm.focus(at)
		}
		fm.err, fm.saving = "", true
		return fm, emit(FormSaveMsg{Form: fm.id, Object: fm.obj.Name, Values: vals, Check: true})
	case key.Matches(k, fm.keys.Next):
		return fm, fm.focus(fm.cur + 1)
	case key.Matches(k, fm.keys.Prev):
		return fm, fm.focus(fm.cur - 1)
	case key.Matches(k, fm.keys.ExternalEditor):
		// Caught here, before the textarea (which binds ctrl+e to "end of
		// line"), and only on rich text: elsewhere the key does nothing.
		// The root runs $EDITOR as for the detail page's E.
		e := fm.rows[fm.cur]
		if text, ok := e.AreaText(); ok {
			return fm, emit(ExternalEditMsg{Field: e.Field().Name, Text: text})
		}
		return fm, nil
	case key.Matches(k, fm.keys.Cancel):
		if fm.dirty() {
			fm.confirmDiscard = true
			return fm, nil
		}
		fm.closed = true
		return fm, emit(FormClosedMsg{})
	}
	e := fm.rows[fm.cur]
	cmd := e.Update(k)
	switch e.State() {
	case Accepted:
		e.Reopen()
		return fm, tea.Batch(cmd, fm.focus(fm.cur+1))
	case Cancelled:
		e.Reopen()
	}
	return fm, cmd
}

// externalEdited puts $EDITOR's text into the field it was opened for.
func (fm *Form) externalEdited(m ExternalEditedMsg) tea.Cmd {
	if m.Err != nil {
		return emit(NoticeMsg{Text: "editor: " + m.Err.Error(), Err: true})
	}
	for _, e := range fm.rows {
		if e.Field().Name == m.Field {
			e.SetText(m.Text)
		}
	}
	return nil
}

func (fm *Form) View() string {
	w := min(max(fm.w-4, 30), 76)
	inner := w - fm.st.Dialog.GetHorizontalFrameSize()
	labelW := 0
	for _, e := range fm.rows {
		labelW = max(labelW, Width(Sanitize(e.Field().Label))+1)
	}
	labelW = min(labelW, inner/3)
	valW := max(inner-labelW-3, 8)
	var lines []string
	focusAt := 0
	for i, e := range fm.rows {
		f := e.Field()
		label := Sanitize(f.Label)
		if f.Required {
			label += "*"
		}
		if i == fm.cur {
			focusAt = len(lines)
			ev := strings.Split(e.View(valW), "\n")
			lines = append(lines, fm.st.Accent.Render("▸ "+Fit(label, labelW))+" "+ev[0])
			for _, l := range ev[1:] {
				lines = append(lines, strings.Repeat(" ", labelW+3)+l)
			}
			continue
		}
		v, _ := e.Value(), ""
		text := Sanitize(displayValue(f, v))
		if e.kind == kindText || e.kind == kindCurrency {
			if t := e.Text(); t != "" && !v.Valid || e.Err() != "" {
				text = Sanitize(t)
			}
		}
		if e.kind == kindList {
			// An entry typed but not yet added with enter is still what
			// the user sees as the field's value (saving keeps it too).
			if t := strings.TrimSpace(e.Text()); t != "" {
				text = strings.TrimPrefix(text+", "+Sanitize(t), ", ")
			}
		}
		if text == "" {
			text = fm.st.Muted.Render("—")
		}
		if e.Err() != "" {
			text += " " + fm.st.Error.Render("✗")
		}
		lines = append(lines, "  "+fm.st.Muted.Render(Fit(label, labelW))+" "+Truncate(text, valW))
	}
	// Keep the focused field in view on short screens.
	maxLines := max(fm.h-8, 5)
	if len(lines) > maxLines {
		top := min(max(focusAt-maxLines/3, 0), len(lines)-maxLines)
		lines = lines[top : top+maxLines]
	}
	body := strings.Join(lines, "\n")
	switch {
	case fm.confirmDiscard:
		body += "\n\n" + fm.st.Warn.Render("Discard what you typed? y discard · n keep editing")
	case fm.dup != nil:
		d := fm.dup
		body += "\n\n" + fm.st.Warn.Render(Truncate(Sanitize(article(d.Singular)+" with "+d.Value+" exists: "+d.Label), inner)) +
			"\n" + fm.st.Muted.Render("ctrl+o open it · edit the value (it must be unique)")
	case fm.err != "":
		body += "\n\n" + fm.st.Error.Render(Truncate(Sanitize(fm.err), inner))
	case fm.saving:
		body += "\n\n" + fm.st.Muted.Render("saving…")
	}
	title := "New " + strings.ToLower(Sanitize(fm.obj.Singular))
	hint := "tab next · shift+tab back · ctrl+s save · esc cancel"
	if _, ok := fm.rows[fm.cur].AreaText(); ok {
		// First, so a narrow dialog's truncation keeps it.
		h := fm.keys.ExternalEditor.Help()
		hint = h.Key + " " + h.Desc + " · " + hint
	}
	return dialogBox(fm.st, title, body, hint, w)
}

func article(singular string) string {
	s := strings.ToLower(singular)
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "An " + s
	}
	return "A " + s
}
