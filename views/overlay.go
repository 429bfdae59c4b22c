package views

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Overlay draws top centred over base (both w×h areas), the way dialogs
// float over the list. It uses lipgloss layers so wide characters and
// styles under the dialog's edges are cut cleanly, not mid-sequence.
func Overlay(base, top string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	tw, th := lipgloss.Width(top), lipgloss.Height(top)
	if tw > w || th > h {
		top = clipBlock(top, w, h)
		tw, th = lipgloss.Width(top), lipgloss.Height(top)
	}
	x, y := max((w-tw)/2, 0), max((h-th)/3, 0)
	c := lipgloss.NewCanvas(w, h)
	c.Compose(lipgloss.NewCompositor(lipgloss.NewLayer(base), lipgloss.NewLayer(top).X(x).Y(y).Z(1)))
	return padBlock(c.Render(), w, h)
}

// clipBlock cuts a block to at most w×h cells.
func clipBlock(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i := range lines {
		lines[i] = Truncate(lines[i], w)
	}
	return strings.Join(lines, "\n")
}

// padBlock makes s exactly h lines of exactly w cells, so that joining
// blocks side by side never shifts anything.
func padBlock(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i := range lines {
		lines[i] = Fit(lines[i], w)
	}
	return strings.Join(lines, "\n")
}

// dialogBox frames a dialog body with a title and a hint line, no wider
// than maxW.
func dialogBox(st Styles, title, body, hint string, maxW int) string {
	inner := max(maxW-st.Dialog.GetHorizontalFrameSize(), 1)
	var lines []string
	lines = append(lines, st.DialogTitle.Render(Truncate(title, inner)))
	for _, ln := range strings.Split(body, "\n") {
		lines = append(lines, Truncate(ln, inner))
	}
	for _, ln := range wrapHint(hint, inner) {
		lines = append(lines, st.DialogHint.Render(ln))
	}
	return st.Dialog.Render(strings.Join(lines, "\n"))
}

// wrapHint breaks a key hint ("a add · x remove · esc close") between its
// items so every key stays visible in a narrow box; an item wider than
// the box is truncated.
func wrapHint(hint string, w int) []string {
	if hint == "" {
		return nil
	}
	var out []string
	line := ""
	for _, item := range strings.Split(hint, " · ") {
		switch {
		case line == "":
			line = item
		case Width(line+" · "+item) <= w:
			line += " · " + item
		default:
			out = append(out, Truncate(line, w))
			line = item
		}
	}
	return append(out, Truncate(line, w))
}
