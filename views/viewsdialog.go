package views

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
)

// ViewSwitcher lists an object's saved views: enter switches, r renames,
// d deletes (after confirmation; never the default view). It emits
// SwitchViewMsg, RenameViewMsg and DeleteViewMsg; the root persists and then
// calls List.SetViews / List.ApplyView.
type ViewSwitcher struct {
	keys    keymap.Dialog
	styles  Styles
	object  string
	views   []SavedView
	current string
	cursor  int
	w, h    int
	closed  bool
	note    string // a refusal, shown in place
	// sub is a nested prompt (rename) or confirmation (delete).
	sub Dialog
}

// NewViewSwitcher opens on the current view.
func NewViewSwitcher(keys keymap.Dialog, st Styles, object string, views []SavedView, current string) *ViewSwitcher {
	v := &ViewSwitcher{keys: keys, styles: st, object: object, views: views, current: current}
	for i, sv := range views {
		if sv.Name == current {
			v.cursor = i
		}
	}
	return v
}

func (v *ViewSwitcher) SetSize(w, h int) {
	v.w, v.h = w, h
	if v.sub != nil {
		v.sub.SetSize(w, h)
	}
}

func (v *ViewSwitcher) Closed() bool { return v.closed }

func (v *ViewSwitcher) Update(msg tea.Msg) (Component, tea.Cmd) {
	if v.sub != nil {
		return v, v.updateSub(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return v, nil
	}
	v.note = ""
	d := v.keys
	switch {
	case key.Matches(k, d.Cancel):
		v.closed = true
	case key.Matches(k, d.Up):
		v.cursor = max(v.cursor-1, 0)
	case key.Matches(k, d.Down):
		v.cursor = min(v.cursor+1, max(len(v.views)-1, 0))
	case len(v.views) == 0:
	case key.Matches(k, d.Confirm):
		v.closed = true
		return v, emit(SwitchViewMsg{Object: v.object, View: v.views[v.cursor]})
	case key.Matches(k, d.Rename):
		if v.views[v.cursor].Default {
			v.note = "the default view keeps its name"
			return v, nil
		}
		v.sub = NewPrompt(d, v.styles, "Rename view", v.views[v.cursor].Name)
		v.sub.SetSize(v.w, v.h)
	case key.Matches(k, d.Remove):
		if v.views[v.cursor].Default {
			v.note = "the default view cannot be deleted"
			return v, nil
		}
		v.sub = NewConfirm(d, v.styles, "Delete view “"+v.views[v.cursor].Name+"”?")
		v.sub.SetSize(v.w, v.h)
	}
	return v, nil
}

func (v *ViewSwitcher) updateSub(msg tea.Msg) tea.Cmd {
	_, cmd := v.sub.Update(msg)
	if !v.sub.Closed() {
		return cmd
	}
	sub := v.sub
	v.sub = nil
	sv := v.views[v.cursor]
	switch sub := sub.(type) {
	case *Prompt:
		name, ok := sub.Result()
		if !ok || name == sv.Name {
			return cmd
		}
		for _, other := range v.views {
			if other.Name == name {
				v.note = "a view named “" + name + "” exists"
				return cmd
			}
		}
		v.views[v.cursor].Name = name // optimistic; the root sends the truth via SetViews
		return tea.Batch(cmd, emit(RenameViewMsg{Object: v.object, Old: sv.Name, New: name}))
	case *Confirm:
		if !sub.Result() {
			return cmd
		}
		v.views = append(v.views[:v.cursor:v.cursor], v.views[v.cursor+1:]...)
		v.cursor = min(v.cursor, max(len(v.views)-1, 0))
		return tea.Batch(cmd, emit(DeleteViewMsg{Object: v.object, Name: sv.Name}))
	}
	return cmd
}

func (v *ViewSwitcher) View() string {
	if v.sub != nil {
		return v.sub.View()
	}
	var lines []string
	if len(v.views) == 0 {
		lines = append(lines, v.styles.Muted.Render("no saved views"))
	}
	rows := max(v.h-6, 1)
	first := max(0, v.cursor-rows+1)
	for i := first; i < len(v.views) && i < first+rows; i++ {
		sv := v.views[i]
		mark := "  "
		if sv.Name == v.current {
			mark = "● "
		}
		line := mark + Fit(Sanitize(sv.Name), 28)
		if sv.Default {
			line += v.styles.Muted.Render(" default")
		}
		if i == v.cursor {
			line = v.styles.DialogCursor.Render(Fit(mark+Sanitize(sv.Name), 28+2)) + strings.TrimPrefix(line, mark+Fit(Sanitize(sv.Name), 28))
		}
		lines = append(lines, line)
	}
	if v.note != "" {
		lines = append(lines, v.styles.Warn.Render(v.note))
	}
	return dialogBox(v.styles, "Views", strings.Join(lines, "\n"), "enter switch · r rename · d delete · esc close", min(v.w, 50))
}
