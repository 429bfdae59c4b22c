package views

import (
	tea "charm.land/bubbletea/v2"

	"rolo/model"
)

// Step moves the list's cursor by delta and returns the record now under
// it: [ and ] on the detail page walk the list the page was opened from.
// ok is false when the cursor could not move (an end of the list, or the
// next page still loading); the command asks for the next page as usual.
func (l *List) Step(delta int64) (model.Record, bool, tea.Cmd) {
	before := l.cursor
	cmd := l.move(delta)
	r, ok := l.Current()
	return r, ok && l.cursor != before, cmd
}
