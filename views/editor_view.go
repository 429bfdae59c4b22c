package views

import (
	"strings"
)

// View draws the editor in w cells: the input, then one line saying what
// the value will be ("→ Fri 27 Nov 2026 · in 4 days") or why it is not
// acceptable. Multi-line kinds (lists, pickers, rich text) take more lines.
func (e *Editor) View(w int) string {
	w = max(w, 4)
	var body string
	switch e.kind {
	case kindText:
		e.input.SetWidth(max(w-1, 1))
		body = e.input.View()
	case kindCurrency:
		e.input.SetWidth(max(w-12, 4))
		e.code.SetWidth(4)
		code := e.code.View()
		if e.onCode {
			code = e.st.CursorCell.Render(" ") + code
		}
		body = e.input.View() + e.st.Muted.Render(" code ") + code
	case kindList:
		body = e.viewList(w)
	case kindBool:
		yes, no := " yes ", " no "
		if e.boolVal {
			yes = e.st.CursorCell.Render(yes)
		} else {
			no = e.st.CursorCell.Render(no)
		}
		body = yes + " " + no
	case kindPicker:
		body = e.viewPicker(w)
	case kindArea:
		e.area.SetWidth(w)
		e.area.SetHeight(6)
		body = e.area.View()
	}
	switch {
	case e.err != "":
		body += "\n" + e.st.Error.Render(Truncate("✗ "+Sanitize(e.err), w))
	case e.preview != "" && (e.kind == kindText || e.kind == kindCurrency):
		body += "\n" + e.st.OK.Render(Truncate("→ "+Sanitize(e.preview), w))
	}
	if !e.inForm {
		if h := e.hint(); h != "" {
			body += "\n" + e.st.Muted.Render(Truncate(h, w))
		}
	}
	return body
}

// hint is the editor's own key reminder.
func (e *Editor) hint() string {
	switch e.kind {
	case kindCurrency:
		return "enter save · tab amount/code · esc cancel"
	case kindList:
		return "enter add/save · ↑↓ pick · ctrl+t primary · ctrl+x remove · esc cancel"
	case kindBool:
		return "space toggle · enter save · esc cancel"
	case kindPicker:
		if e.picker.multi {
			return "space choose · enter save · esc cancel"
		}
		return "↑↓ choose · enter save · esc cancel"
	case kindArea:
		return "ctrl+s save · esc cancel · E in the detail page opens $EDITOR"
	}
	return "enter save · esc cancel"
}

// Lines is how many lines View takes, for layout.
func (e *Editor) Lines(w int) int { return strings.Count(e.View(w), "\n") + 1 }
