package views

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// The smallest screen rolo draws; below it, TooSmallView explains why.
const (
	MinWidth  = 40
	MinHeight = 10
)

// TooSmall reports whether a w×h terminal is below the minimum.
func TooSmall(w, h int) bool { return w < MinWidth || h < MinHeight }

// TooSmallView fills w×h with a short notice, cut to whatever fits.
func TooSmallView(st Styles, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	msg := "Terminal too small"
	detail := "need " + itoa(MinWidth) + "×" + itoa(MinHeight) + ", have " + itoa(w) + "×" + itoa(h)
	body := st.Warn.Render(Truncate(msg, w)) + "\n" + st.Muted.Render(Truncate(detail, w))
	if h < 2 {
		body = st.Warn.Render(Truncate(msg, w))
	}
	return padBlock(lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, body), w, h)
}

// Rect is an area of the screen.
type Rect struct{ X, Y, W, H int }

// Shell is the app layout: sidebar on the left, main area, status bar and
// a short-help line at the bottom.
type Shell struct {
	Sidebar, Main, Status, Help Rect
}

// Layout computes the shell for a w×h screen. The sidebar takes about a
// fifth of the width (18..28 cells) and is dropped below 60 columns, where
// the main table needs every cell.
func Layout(w, h int, sidebar bool) Shell {
	w, h = max(w, 0), max(h, 0)
	var s Shell
	bottom := min(h, 2)
	mainH := h - bottom
	sw := 0
	if sidebar && w >= 60 {
		sw = min(max(w/5, 18), 28)
	}
	s.Sidebar = Rect{0, 0, sw, mainH}
	s.Main = Rect{sw, 0, w - sw, mainH}
	if bottom >= 1 {
		s.Status = Rect{0, mainH, w, 1}
	}
	if bottom >= 2 {
		s.Help = Rect{0, mainH + 1, w, 1}
	}
	return s
}

// RenderShell joins the pieces drawn for a Layout. Each piece is padded or
// cut to its rectangle, so a component that misbehaves cannot shift others.
func RenderShell(s Shell, sidebar, main, status, help string) string {
	if s.Main.W+s.Sidebar.W <= 0 || s.Main.H+s.Status.H+s.Help.H <= 0 {
		return ""
	}
	var rows []string
	if s.Main.H > 0 {
		m := padBlock(main, s.Main.W, s.Main.H)
		if s.Sidebar.W > 0 {
			m = lipgloss.JoinHorizontal(lipgloss.Top, padBlock(sidebar, s.Sidebar.W, s.Sidebar.H), m)
		}
		rows = append(rows, m)
	}
	if s.Status.H > 0 {
		rows = append(rows, padBlock(status, s.Status.W, 1))
	}
	if s.Help.H > 0 {
		rows = append(rows, padBlock(help, s.Help.W, 1))
	}
	return strings.Join(rows, "\n")
}

func itoa(n int) string { return groupThousands(int64(n)) }
