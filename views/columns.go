package views

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
	"rolo/model"
)

const (
	minColumnWidth = 3
	maxColumnWidth = 80
)

type chooserItem struct {
	field model.Field
	shown bool
	width int
	label bool // the label column: always shown, always first
}

// ColumnChooser shows and hides columns (space), reorders them (J/K) and
// sets their width (+/-). Enter applies.
type ColumnChooser struct {
	keys   keymap.Dialog
	styles Styles
	items  []chooserItem
	cursor int
	offset int
	w, h   int
	closed bool
	ok     bool
}

// NewColumnChooser lists the shown columns in order, then the object's
// other fields, hidden.
func NewColumnChooser(keys keymap.Dialog, st Styles, obj model.Object, cols []Column) *ColumnChooser {
	c := &ColumnChooser{keys: keys, styles: st}
	for _, col := range cols {
		if f, ok := obj.Field(col.Field); ok {
			c.items = append(c.items, chooserItem{field: f, shown: true, width: col.Width, label: f.Name == obj.LabelField})
		}
	}
	for _, f := range obj.Fields {
		if f.Hidden || slices.ContainsFunc(c.items, func(it chooserItem) bool { return it.field.Name == f.Name }) {
			continue
		}
		c.items = append(c.items, chooserItem{field: f, label: f.Name == obj.LabelField, shown: f.Name == obj.LabelField})
	}
	// The label column leads whatever order it was saved in.
	slices.SortStableFunc(c.items, func(a, b chooserItem) int {
		switch {
		case a.label && !b.label:
			return -1
		case b.label && !a.label:
			return 1
		}
		return 0
	})
	return c
}

func (c *ColumnChooser) SetSize(w, h int) { c.w, c.h = w, h }
func (c *ColumnChooser) Closed() bool     { return c.closed }

// Result is the shown columns in order and whether they were applied.
func (c *ColumnChooser) Result() ([]Column, bool) {
	var out []Column
	for _, it := range c.items {
		if it.shown {
			out = append(out, Column{Field: it.field.Name, Width: it.width})
		}
	}
	return out, c.ok
}

func (c *ColumnChooser) Update(msg tea.Msg) (Component, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || len(c.items) == 0 {
		if ok && key.Matches(k, c.keys.Cancel, c.keys.Confirm) {
			c.closed = true
		}
		return c, nil
	}
	d := c.keys
	it := &c.items[c.cursor]
	switch {
	case key.Matches(k, d.Confirm):
		c.closed, c.ok = true, true
	case key.Matches(k, d.Cancel):
		c.closed = true
	case key.Matches(k, d.Up):
		c.cursor = max(c.cursor-1, 0)
	case key.Matches(k, d.Down):
		c.cursor = min(c.cursor+1, len(c.items)-1)
	case key.Matches(k, d.Toggle):
		if !it.label {
			it.shown = !it.shown
		}
	case key.Matches(k, d.MoveUp):
		if c.cursor > 1 && !it.label { // index 0 is the pinned label column
			c.items[c.cursor-1], c.items[c.cursor] = c.items[c.cursor], c.items[c.cursor-1]
			c.cursor--
		}
	case key.Matches(k, d.MoveDown):
		if c.cursor+1 < len(c.items) && !it.label {
			c.items[c.cursor+1], c.items[c.cursor] = c.items[c.cursor], c.items[c.cursor+1]
			c.cursor++
		}
	case key.Matches(k, d.Wider):
		it.width = min(c.effWidth(*it)+1, maxColumnWidth)
	case key.Matches(k, d.Narrower):
		it.width = max(c.effWidth(*it)-1, minColumnWidth)
	}
	return c, nil
}

func (c *ColumnChooser) effWidth(it chooserItem) int {
	if it.width > 0 {
		return it.width
	}
	if it.label {
		return 24
	}
	return max(defaultWidth(it.field), Width(it.field.Label))
}

func (c *ColumnChooser) View() string {
	// Keep the cursor inside the rows that fit (the box takes 5 lines).
	rows := max(c.h-5, 1)
	if c.cursor < c.offset {
		c.offset = c.cursor
	}
	if c.cursor >= c.offset+rows {
		c.offset = c.cursor - rows + 1
	}
	var lines []string
	for i := c.offset; i < len(c.items) && i < c.offset+rows; i++ {
		it := c.items[i]
		box := "[ ]"
		if it.shown {
			box = "[x]"
		}
		width := "auto"
		if it.width > 0 {
			width = fmt.Sprint(it.width)
		}
		line := fmt.Sprintf("%s %s %4s", box, Fit(Sanitize(it.field.Label), 20), width)
		if i == c.cursor {
			line = c.styles.DialogCursor.Render(line)
		}
		lines = append(lines, line)
	}
	hint := "space show/hide · J/K move · +/- width · enter apply · esc cancel"
	return dialogBox(c.styles, "Columns", strings.Join(lines, "\n"), hint, min(c.w, 50))
}
