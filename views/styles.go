// Package views holds rolo's screen components: the record list, its filter
// bar and dialogs, the sidebar, status bar, help, record view and first-run
// screen. Components never do IO: they draw what they are given and emit
// intent messages (messages.go) that the root model turns into store calls.
package views

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Theme is the palette Styles are built from. Each colour has a light- and
// dark-background variant chosen once when the root learns the background.
type Theme struct {
	Accent, Muted, Subtle, Text, Error, Warn, OK color.Color
	SelectionBg, CursorBg, BarBg                 color.Color
}

// DefaultTheme returns rolo's palette for a dark or light background.
func DefaultTheme(isDark bool) Theme {
	ld := lipgloss.LightDark(isDark)
	c := lipgloss.Color
	return Theme{
		Accent:      ld(c("#5A3FD6"), c("#9D8CFF")),
		Muted:       ld(c("#6B6B6B"), c("#8A8A8A")),
		Subtle:      ld(c("#D0D0D0"), c("#3A3A3A")),
		Text:        ld(c("#1F1F1F"), c("#E6E6E6")),
		Error:       ld(c("#C62828"), c("#FF6B6B")),
		Warn:        ld(c("#B26A00"), c("#F0B429")),
		OK:          ld(c("#2E7D32"), c("#6BCB77")),
		SelectionBg: ld(c("#E6E0FF"), c("#2E2758")),
		CursorBg:    ld(c("#D6CCFF"), c("#3F3580")),
		BarBg:       ld(c("#ECECEC"), c("#262626")),
	}
}

// Styles is every style the views use, built once (NewStyles) and rebuilt
// when the background colour is known; components hold a pointer-free copy.
type Styles struct {
	NoColor bool

	Title, Muted, Error, Warn, OK, Accent lipgloss.Style

	// Table
	Header, HeaderActive, Cell, CursorRow, SelectedRow, CursorCell lipgloss.Style
	Marker                                                         lipgloss.Style

	// Sidebar
	SidebarSection, SidebarItem, SidebarCursor, SidebarActive, SidebarCount lipgloss.Style

	// Status bar
	StatusBar, StatusKey, StatusError, StatusMessage lipgloss.Style

	// Filter bar
	FilterPrompt, FilterText, FilterErrorSpan lipgloss.Style

	// Dialogs and overlays
	Dialog, DialogTitle, DialogItem, DialogCursor, DialogHint lipgloss.Style

	Help help.Styles
}

// NewStyles builds Styles from a theme. With noColor (NO_COLOR set, see
// https://no-color.org) no colour is emitted at all; emphasis falls back to
// bold, underline and reverse video so the cursor stays visible.
func NewStyles(isDark, noColor bool) Styles {
	if noColor {
		return noColorStyles()
	}
	t := DefaultTheme(isDark)
	s := lipgloss.NewStyle
	st := Styles{
		Title:  s().Bold(true).Foreground(t.Accent),
		Muted:  s().Foreground(t.Muted),
		Error:  s().Foreground(t.Error).Bold(true),
		Warn:   s().Foreground(t.Warn),
		OK:     s().Foreground(t.OK),
		Accent: s().Foreground(t.Accent),

		Header:       s().Bold(true).Foreground(t.Muted),
		HeaderActive: s().Bold(true).Foreground(t.Accent),
		Cell:         s(),
		CursorRow:    s().Background(t.CursorBg),
		SelectedRow:  s().Background(t.SelectionBg),
		CursorCell:   s().Background(t.CursorBg).Foreground(t.Accent).Bold(true),
		Marker:       s().Foreground(t.Accent).Bold(true),

		SidebarSection: s().Bold(true).Foreground(t.Muted),
		SidebarItem:    s(),
		SidebarCursor:  s().Background(t.CursorBg),
		SidebarActive:  s().Foreground(t.Accent).Bold(true),
		SidebarCount:   s().Foreground(t.Muted),

		StatusBar:     s().Background(t.BarBg).Foreground(t.Text),
		StatusKey:     s().Background(t.BarBg).Foreground(t.Accent).Bold(true),
		StatusError:   s().Background(t.BarBg).Foreground(t.Error).Bold(true),
		StatusMessage: s().Background(t.BarBg).Foreground(t.Text),

		FilterPrompt:    s().Foreground(t.Accent).Bold(true),
		FilterText:      s(),
		FilterErrorSpan: s().Foreground(t.Error).Underline(true).Bold(true),

		Dialog:       s().Border(lipgloss.RoundedBorder()).BorderForeground(t.Accent).Padding(0, 1),
		DialogTitle:  s().Bold(true).Foreground(t.Accent),
		DialogItem:   s(),
		DialogCursor: s().Background(t.CursorBg),
		DialogHint:   s().Foreground(t.Muted),

		Help: help.DefaultStyles(isDark),
	}
	return st
}

func noColorStyles() Styles {
	s := lipgloss.NewStyle
	plain := help.Styles{}
	return Styles{
		NoColor: true,
		Title:   s().Bold(true), Muted: s(), Error: s().Bold(true), Warn: s().Bold(true), OK: s(), Accent: s().Bold(true),

		Header: s().Bold(true), HeaderActive: s().Bold(true).Underline(true), Cell: s(),
		CursorRow: s().Reverse(true), SelectedRow: s().Bold(true), CursorCell: s().Reverse(true).Underline(true),
		Marker: s().Bold(true),

		SidebarSection: s().Bold(true), SidebarItem: s(), SidebarCursor: s().Reverse(true),
		SidebarActive: s().Bold(true), SidebarCount: s(),

		StatusBar: s().Reverse(true), StatusKey: s().Reverse(true).Bold(true),
		StatusError: s().Reverse(true).Bold(true), StatusMessage: s().Reverse(true),

		FilterPrompt: s().Bold(true), FilterText: s(), FilterErrorSpan: s().Underline(true).Bold(true),

		Dialog: s().Border(lipgloss.RoundedBorder()).Padding(0, 1), DialogTitle: s().Bold(true),
		DialogItem: s(), DialogCursor: s().Reverse(true), DialogHint: s(),

		Help: plain,
	}
}

// OptionStyle colours a select option's label with the option's own colour
// ("#RRGGBB" or an ANSI name/number). Unknown colours and NO_COLOR give the
// plain cell style.
func (s Styles) OptionStyle(colour string) lipgloss.Style {
	if s.NoColor || colour == "" {
		return s.Cell
	}
	if c, ok := namedColours[colour]; ok {
		colour = c
	}
	if colour[0] != '#' && !isDigits(colour) {
		return s.Cell
	}
	return lipgloss.NewStyle().Foreground(lipgloss.Color(colour))
}

var namedColours = map[string]string{
	"red": "#E5484D", "orange": "#F76B15", "yellow": "#E2B400", "green": "#30A46C", "teal": "#12A594",
	"blue": "#0090FF", "purple": "#8E4EC6", "pink": "#D6409F", "gray": "#8D8D8D", "grey": "#8D8D8D",
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
