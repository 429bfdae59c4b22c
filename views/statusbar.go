package views

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// StatusBar is the bottom bar: workspace file, current member, the number
// of records in the view, and the last message or error.
type StatusBar struct {
	styles    Styles
	w         int
	workspace string
	member    string
	count     int64 // -1: unknown
	noun      string
	message   string
	isErr     bool
}

// NewStatusBar returns an empty status bar.
func NewStatusBar(st Styles) *StatusBar { return &StatusBar{styles: st, count: -1} }

func (s *StatusBar) SetStyles(st Styles)      { s.styles = st }
func (s *StatusBar) SetWidth(w int)           { s.w = max(w, 0) }
func (s *StatusBar) SetWorkspace(path string) { s.workspace = path }
func (s *StatusBar) SetMember(name string)    { s.member = name }

// SetCount sets the view's record count (n < 0: unknown) and its noun
// ("people").
func (s *StatusBar) SetCount(n int64, noun string) { s.count, s.noun = n, noun }

// SetMessage shows an informational message, replacing any error.
func (s *StatusBar) SetMessage(msg string) { s.message, s.isErr = msg, false }

// SetError shows an error (nil clears).
func (s *StatusBar) SetError(err error) {
	if err == nil {
		s.message, s.isErr = "", false
		return
	}
	s.message, s.isErr = err.Error(), true
}

// Message is the text shown and whether it is an error.
func (s *StatusBar) Message() (string, bool) { return s.message, s.isErr }

// DeletedMessage is the status text after a soft delete.
func DeletedMessage(n int) string {
	noun := "records"
	if n == 1 {
		noun = "record"
	}
	return fmt.Sprintf("deleted %d %s · u to undo", n, noun)
}

// View draws one line: "workspace · member · count │ message". The message
// gets what is left and is cut first; the workspace is cut from the left
// (its file name matters more than its directory).
func (s *StatusBar) View() string {
	if s.w <= 0 {
		return ""
	}
	var left []string
	if s.workspace != "" {
		left = append(left, Sanitize(s.workspace))
	}
	if s.member != "" {
		left = append(left, "@"+Sanitize(s.member))
	}
	if s.count >= 0 {
		left = append(left, groupThousands(s.count)+" "+Sanitize(s.noun))
	}
	info := " " + strings.Join(left, " · ") + " "
	msg := Sanitize(s.message)
	msgW := 0
	if msg != "" {
		msgW = min(Width(msg)+2, s.w/2)
	}
	if Width(info) > s.w-msgW {
		info = " …" + truncateLeft(info, max(s.w-msgW-2, 0))
	}
	out := s.styles.StatusBar.Render(Fit(info, s.w-msgW))
	if msgW > 0 {
		st := s.styles.StatusMessage
		if s.isErr {
			st = s.styles.StatusError
		}
		out += st.Render(FitRight(Truncate(msg, msgW-1)+" ", msgW))
	}
	return Fit(out, s.w)
}

// truncateLeft keeps the last w cells of s, never splitting a wide rune.
func truncateLeft(s string, w int) string {
	if cut := Width(s) - w; cut > 0 {
		return ansi.TruncateLeft(s, cut, "")
	}
	return s
}
