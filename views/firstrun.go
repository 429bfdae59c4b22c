package views

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rolo/keymap"
)

// FirstRun is shown on an empty database: load the demo workspace or start
// empty. Enter emits FirstRunMsg.
type FirstRun struct {
	keys   keymap.FirstRun
	styles Styles
	w, h   int
	cursor int
}

var firstRunChoices = []struct{ title, desc string }{
	{"Load demo workspace", "companies, people and a sales pipeline to explore"},
	{"Start empty", "an empty workspace with the standard objects"},
}

// NewFirstRun returns the welcome screen with the demo preselected.
func NewFirstRun(keys keymap.FirstRun, st Styles) *FirstRun {
	return &FirstRun{keys: keys, styles: st}
}

func (f *FirstRun) SetSize(w, h int) { f.w, f.h = max(w, 0), max(h, 0) }

func (f *FirstRun) Update(msg tea.Msg) (Component, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, f.keys.Up):
			f.cursor = 0
		case key.Matches(msg, f.keys.Down):
			f.cursor = 1
		case key.Matches(msg, f.keys.Choose):
			return f, emit(FirstRunMsg{Demo: f.cursor == 0})
		}
	}
	return f, nil
}

func (f *FirstRun) View() string {
	if f.w <= 0 || f.h <= 0 {
		return ""
	}
	inner := min(f.w-4, 60)
	var b strings.Builder
	b.WriteString(f.styles.Title.Render("Welcome to rolo"))
	b.WriteString("\n\nThis database is empty. How would you like to start?\n\n")
	for i, c := range firstRunChoices {
		mark := "  "
		st := f.styles.DialogItem
		if i == f.cursor {
			mark = "› "
			st = f.styles.DialogCursor
		}
		b.WriteString(st.Render(Fit(mark+c.title, inner)))
		b.WriteString("\n")
		b.WriteString(f.styles.Muted.Render(Truncate("    "+c.desc, inner)))
		b.WriteString("\n")
	}
	b.WriteString("\n")
	b.WriteString(f.styles.DialogHint.Render("↑/↓ choose · enter confirm"))
	body := clipBlock(b.String(), max(f.w, 0), f.h)
	return padBlock(lipgloss.Place(f.w, f.h, lipgloss.Center, lipgloss.Center, body), f.w, f.h)
}
