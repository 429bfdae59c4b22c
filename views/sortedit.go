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

// SortEditor edits a multi-key sort: add (a), remove (x), reorder (J/K),
// change the field (h/l), toggle direction (space). Enter applies.
type SortEditor struct {
	keys   keymap.Dialog
	styles Styles
	fields []model.Field // sortable fields, in the object's order
	sorts  []model.Sort
	cursor int
	w, h   int
	closed bool
	ok     bool
}

// NewSortEditor edits a copy of sorts over obj's sortable fields.
func NewSortEditor(keys keymap.Dialog, st Styles, obj model.Object, sorts []model.Sort) *SortEditor {
	var fields []model.Field
	for _, f := range obj.Fields {
		if f.Type != model.TypeRichText && f.Name != model.FieldDeletedAt {
			fields = append(fields, f)
		}
	}
	return &SortEditor{keys: keys, styles: st, fields: fields, sorts: slices.Clone(sorts)}
}

func (s *SortEditor) SetSize(w, h int) { s.w, s.h = w, h }
func (s *SortEditor) Closed() bool     { return s.closed }

// Result is the edited sort and whether it was applied.
func (s *SortEditor) Result() ([]model.Sort, bool) { return slices.Clone(s.sorts), s.ok }

func (s *SortEditor) used(name string) bool {
	return slices.ContainsFunc(s.sorts, func(x model.Sort) bool { return x.Field == name })
}

// cycleField moves the key under the cursor to the next/previous field not
// already used by another key.
func (s *SortEditor) cycleField(step int) {
	if len(s.sorts) == 0 || len(s.fields) == 0 {
		return
	}
	cur := slices.IndexFunc(s.fields, func(f model.Field) bool { return f.Name == s.sorts[s.cursor].Field })
	for range s.fields {
		cur = (cur + step + len(s.fields)) % len(s.fields)
		if !s.used(s.fields[cur].Name) {
			s.sorts[s.cursor].Field = s.fields[cur].Name
			return
		}
	}
}

func (s *SortEditor) Update(msg tea.Msg) (Component, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	d := s.keys
	switch {
	case key.Matches(k, d.Confirm):
		s.closed, s.ok = true, true
	case key.Matches(k, d.Cancel):
		s.closed = true
	case key.Matches(k, d.Up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(k, d.Down):
		s.cursor = min(s.cursor+1, max(len(s.sorts)-1, 0))
	case key.Matches(k, d.MoveUp):
		if s.cursor > 0 {
			s.sorts[s.cursor-1], s.sorts[s.cursor] = s.sorts[s.cursor], s.sorts[s.cursor-1]
			s.cursor--
		}
	case key.Matches(k, d.MoveDown):
		if s.cursor+1 < len(s.sorts) {
			s.sorts[s.cursor+1], s.sorts[s.cursor] = s.sorts[s.cursor], s.sorts[s.cursor+1]
			s.cursor++
		}
	case key.Matches(k, d.Toggle):
		if len(s.sorts) > 0 {
			s.sorts[s.cursor].Desc = !s.sorts[s.cursor].Desc
		}
	case key.Matches(k, d.Prev):
		s.cycleField(-1)
	case key.Matches(k, d.Next):
		s.cycleField(1)
	case key.Matches(k, d.Add):
		for _, f := range s.fields {
			if !s.used(f.Name) {
				at := min(s.cursor+1, len(s.sorts))
				s.sorts = slices.Insert(s.sorts, at, model.Sort{Field: f.Name})
				s.cursor = at
				break
			}
		}
	case key.Matches(k, d.Remove):
		if len(s.sorts) > 0 {
			s.sorts = slices.Delete(s.sorts, s.cursor, s.cursor+1)
			s.cursor = min(s.cursor, max(len(s.sorts)-1, 0))
		}
	}
	return s, nil
}

func (s *SortEditor) label(name string) string {
	for _, f := range s.fields {
		if f.Name == name {
			return f.Label
		}
	}
	return name
}

func (s *SortEditor) View() string {
	var lines []string
	if len(s.sorts) == 0 {
		lines = append(lines, s.styles.Muted.Render("default order · a to add a key"))
	}
	for i, x := range s.sorts {
		dir := "▲ ascending"
		if x.Desc {
			dir = "▼ descending"
		}
		line := fmt.Sprintf("%d. %s  %s", i+1, Fit(Sanitize(s.label(x.Field)), 18), dir)
		if i == s.cursor {
			line = s.styles.DialogCursor.Render(line)
		}
		lines = append(lines, line)
	}
	hint := "a add · x remove · J/K move · h/l field · space direction · enter apply · esc cancel"
	return dialogBox(s.styles, "Sort", strings.Join(lines, "\n"), hint, min(s.w, 60))
}
