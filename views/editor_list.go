package views

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rolo/model"
)

// The list editor (emails, phones, links): the entries, the first one the
// primary, and an input below them for a new entry. ↑/↓ pick an entry,
// ctrl+t makes it the primary, ctrl+x removes it; enter adds what is typed
// or, with nothing typed, accepts the list.

func (e *Editor) updateList(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, e.keys.Up):
		e.ecur = max(e.ecur-1, 0)
		return nil
	case key.Matches(k, e.keys.Down):
		e.ecur = min(e.ecur+1, len(e.entries))
		return nil
	case key.Matches(k, e.keys.Primary):
		if e.ecur < len(e.entries) && e.ecur > 0 {
			p := e.entries[e.ecur]
			copy(e.entries[1:e.ecur+1], e.entries[:e.ecur])
			e.entries[0] = p
			e.ecur = 0
		}
		e.listValue()
		return nil
	case key.Matches(k, e.keys.Remove):
		if e.ecur < len(e.entries) {
			e.entries = append(e.entries[:e.ecur], e.entries[e.ecur+1:]...)
		}
		e.listValue()
		return nil
	case key.Matches(k, e.keys.Accept):
		if strings.TrimSpace(e.input.Value()) != "" {
			e.addEntry()
			return nil
		}
		e.listValue()
		return e.accept()
	}
	var cmd tea.Cmd
	e.ecur = len(e.entries)
	e.input, cmd = e.input.Update(k)
	e.err = ""
	if t := strings.TrimSpace(e.input.Value()); t != "" {
		if _, err := model.ParseValue(e.field, t, e.env()); err != nil {
			e.err = expectedText(err)
		}
	}
	return cmd
}

// addEntry parses the typed entry (it may hold several) and appends it.
func (e *Editor) addEntry() bool {
	v, err := model.ParseValue(e.field, e.input.Value(), e.env())
	if err != nil {
		e.err = expectedText(err)
		return false
	}
	e.entries = append(e.entries, v.List...)
	e.input.SetValue("")
	e.err = ""
	e.listValue()
	e.ecur = len(e.entries)
	return true
}

// listValue rebuilds value from the entries, dropping duplicates.
func (e *Editor) listValue() {
	if len(e.entries) == 0 {
		e.value = model.Value{}
		return
	}
	v, err := model.ParseValue(e.field, strings.Join(e.entries, ", "), e.env())
	if err != nil {
		e.err = expectedText(err)
		return
	}
	e.entries = v.List
	e.value = v
}

func (e *Editor) viewList(w int) string {
	var b strings.Builder
	for i, s := range e.entries {
		mark := "  "
		if i == 0 {
			mark = "★ "
		}
		line := mark + Sanitize(s)
		if i == e.ecur {
			line = e.st.DialogCursor.Render(Fit(line, w))
		}
		b.WriteString(Truncate(line, w) + "\n")
	}
	e.input.SetWidth(max(w-4, 1))
	b.WriteString("+ " + e.input.View())
	return b.String()
}
