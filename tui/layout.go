package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rolo/keymap"
	"rolo/views"
)

// shell is the layout for the current size: the sidebar only in the
// ready phase (the first-run screen and the fill progress use the width).
func (a *App) shell() views.Shell {
	return views.Layout(a.w, a.h, a.showSidebar && a.phase == phaseReady)
}

// sidebarShown reports whether the sidebar is drawn at all: toggled on and
// the screen wide enough for it.
func (a *App) sidebarShown() bool { return a.shell().Sidebar.W > 0 }

// relayout gives every component its rectangle. It runs on every resize
// and whenever the sidebar appears or goes, so a resize re-lays out at once.
func (a *App) relayout() {
	if a.w <= 0 || a.h <= 0 {
		return // not measured yet; the first WindowSizeMsg lays out
	}
	s := a.shell()
	a.sidebar.SetSize(s.Sidebar.W, s.Sidebar.H)
	a.list.SetSize(s.Main.W, s.Main.H)
	a.status.SetWidth(s.Status.W)
	if a.detail != nil {
		a.detail.view.SetSize(s.Main.W, s.Main.H)
	}
	if a.board.view != nil {
		a.board.view.SetSize(s.Main.W, s.Main.H)
	}
	if a.firstRun != nil {
		a.firstRun.SetSize(s.Main.W, s.Main.H)
	}
	if a.overlay != nil {
		a.overlay.SetSize(a.w, a.h)
	}
	if a.focus == focusSidebar && s.Sidebar.W == 0 {
		a.setFocus(focusMain)
	}
}

// View draws the whole screen. It only arranges what the components draw:
// no IO, nothing proportional to the number of records.
func (a *App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

func (a *App) render() string {
	if a.w <= 0 || a.h <= 0 {
		return ""
	}
	if views.TooSmall(a.w, a.h) {
		return views.TooSmallView(a.styles, a.w, a.h)
	}
	if base, ok := a.paletteBase(); ok {
		return a.paletteFrame(base) // the screen under the palette has not changed
	}
	s := a.shell()
	var sidebar, main string
	switch a.phase {
	case phaseStarting:
		main = a.styles.Muted.Render("  Opening " + views.Sanitize(a.opt.Workspace) + "…")
	case phaseFirstRun:
		main = a.firstRun.View()
	case phaseFilling:
		main = a.fillView(s.Main.W, s.Main.H)
	default:
		if s.Sidebar.W > 0 {
			sidebar = a.sidebar.View()
		}
		if a.detail != nil {
			main = a.detail.view.View()
		} else if a.board.view != nil {
			main = a.board.view.View()
		} else {
			main = a.list.View()
		}
	}
	frame := views.RenderShell(s, sidebar, main, a.status.View(), views.ShortHelpLine(a.styles, a.shortHelp(), s.Help.W))
	if a.overlay != nil {
		frame = views.Overlay(frame, a.overlay.View(), a.w, a.h)
	}
	return a.paletteFrame(a.keepPaletteBase(frame))
}

// helpContext is the key map of whatever has the keys now, and its name,
// for the bottom line and the ? screen.
func (a *App) helpContext() (string, help.KeyMap) {
	switch {
	case a.phase == phaseFirstRun:
		return "welcome", a.keys.FirstRun
	case a.phase != phaseReady:
		return "rolo", a.keys.Global
	case a.detail != nil && a.focus == focusMain && a.detail.view.CapturesKeys():
		return "editor", a.keys.Form
	case a.detail != nil && a.focus == focusMain:
		return "record", a.keys.Detail
	case a.focus == focusSidebar:
		return "sidebar", a.keys.Sidebar
	case a.board.view != nil && a.board.view.Dialog() != nil:
		return "dialog", a.keys.Dialog
	case a.board.view != nil && a.board.view.CapturesKeys():
		return "filter", a.keys.FilterBar
	case a.board.view != nil:
		return "board", a.keys.Board
	case a.list.Dialog() != nil:
		return "dialog", a.keys.Dialog
	case a.list.CapturesKeys():
		return "filter", a.keys.FilterBar
	}
	return "list", a.keys.List
}

func (a *App) shortHelp() help.KeyMap {
	if km, ok := a.paletteHelp(); ok {
		return km
	}
	switch a.overlay.(type) {
	case nil:
	case *views.HelpOverlay:
		return closeHelp{}
	default:
		return a.keys.Dialog
	}
	_, km := a.helpContext()
	return keymap.WithGlobal{Context: km, Global: a.keys.Global}
}

// fillView is the progress of loading the demo workspace.
func (a *App) fillView(w, h int) string {
	var b strings.Builder
	b.WriteString(a.styles.Title.Render("Loading the demo workspace"))
	b.WriteString("\n\n")
	done, total := a.fill.done, a.fill.total
	if total > 0 {
		barW := max(min(w-10, 40), 4)
		filled := min(done*barW/total, barW)
		b.WriteString(a.styles.Accent.Render(strings.Repeat("█", filled)))
		b.WriteString(a.styles.Muted.Render(strings.Repeat("░", barW-filled)))
		b.WriteString("\n")
		b.WriteString(a.styles.Muted.Render(views.Truncate(groupInt(done)+" of "+groupInt(total)+" records", w)))
	}
	return placeCenter(b.String(), w, h)
}

func placeCenter(body string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, body)
}

// groupInt formats n as "1,234,567".
func groupInt(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + groupInt(-n)
	}
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// closeHelp is the bottom line while the help screen is open.
type closeHelp struct{}

func (closeHelp) ShortHelp() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc/?/q", "close help"))}
}

func (c closeHelp) FullHelp() [][]key.Binding { return [][]key.Binding{c.ShortHelp()} }
