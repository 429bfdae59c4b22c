package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
	"rolo/model"
	"rolo/views"
)

// Update routes one message. Keys go: ctrl+c (always quits), then the
// root's overlay, then the start-up screens, then global keys (unless the
// focused component is taking text), then the focused component. Answers
// from commands go to their own handlers; anything else is broadcast to the
// list, whose filter debounce ticks arrive that way.
//
// The palette sees every message first (palette.go): Ctrl+K must be caught
// before any text input, which would take it as "delete to end of line".
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd, done := a.paletteUpdate(msg)
	if !done {
		cmd = tea.Batch(cmd, a.update(msg))
	}
	cmd = tea.Batch(cmd, a.paletteAfter())
	a.syncStatus()
	return a, cmd
}

func (a *App) update(msg tea.Msg) tea.Cmd {
	if cmd, ok := a.updateTransfer(msg); ok {
		return cmd
	}
	if cmd, ok := a.updateBoard(msg); ok {
		return cmd
	}
	if cmd, ok := a.updateRecordScreens(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return a.updateKey(msg)
	case tea.WindowSizeMsg:
		a.w, a.h = msg.Width, msg.Height
		a.relayout()
		return nil
	case tea.BackgroundColorMsg:
		a.setStyles(msg.IsDark())
		return nil
	case tea.MouseClickMsg:
		return a.updateMouse(msg, msg.Mouse())
	case tea.MouseWheelMsg:
		return a.updateMouse(msg, msg.Mouse())
	case tea.MouseMotionMsg, tea.MouseReleaseMsg:
		return nil // cell-motion mode reports drags; nothing uses them yet
	case errMsg:
		a.status.SetError(msg.err)
		return nil
	case views.QuitMsg:
		a.quit = true
		return tea.Quit

	// Start-up.
	case probeMsg:
		return a.onProbe(msg)
	case views.FirstRunMsg:
		return a.onFirstRun(msg)
	case fillProgressMsg:
		return a.onFillProgress(msg)
	case fillDoneMsg:
		return a.onFillDone(msg)

	// The list's paging protocol.
	case views.PageRequest:
		return a.pageCmd(msg)
	case pageMsg:
		return a.onPage(msg)
	case countMsg:
		a.onCount(msg)
		return nil

	// Objects and saved views.
	case views.OpenObjectMsg:
		a.setFocus(focusMain)
		return a.openObject(msg.Object)
	case objectCountsMsg:
		a.onObjectCounts(msg)
		return nil
	case viewsMsg:
		return a.onViews(msg)
	case views.SaveViewMsg:
		return a.saveViewCmd(msg)
	case views.SwitchViewMsg:
		a.setFocus(focusMain)
		return a.switchView(msg)
	case views.RenameViewMsg:
		return a.renameViewCmd(msg)
	case views.DeleteViewMsg:
		return a.deleteViewCmd(msg)
	case viewChangedMsg:
		return a.onViewChanged(msg)

	// Records and bulk actions.
	case views.DeleteRecordsMsg:
		return a.deleteCmd(msg.Selection)
	case views.SetOwnerMsg:
		a.askSetField(msg.Selection, "owner")
		return nil
	case views.SetFieldMsg:
		a.askSetField(msg.Selection, msg.Field)
		return nil
	case views.UndoMsg:
		return a.undoCmd()
	case writeMsg:
		return a.onWrite(msg)

	case views.CloseHelpMsg:
		a.overlay = nil
		return nil
	}
	// Broadcast: the list's debounce ticks and its inputs' own messages.
	_, cmd := a.list.Update(msg)
	return cmd
}

func (a *App) updateKey(msg tea.KeyPressMsg) tea.Cmd {
	g := a.keys.Global
	if key.Matches(msg, g.Quit) || msg.Code == 'c' && msg.Mod&tea.ModCtrl != 0 {
		// ctrl+c is matched literally too (with any other modifier: esc
		// typed just before it arrives as alt), so neither an override nor
		// a fast typist can make the program impossible to leave.
		a.quit = true
		return tea.Quit
	}
	if a.overlay != nil {
		return a.updateOverlay(msg)
	}
	switch a.phase {
	case phaseStarting, phaseFilling:
		return nil
	case phaseFirstRun:
		if key.Matches(msg, g.Help) {
			a.openHelp()
			return nil
		}
		_, cmd := a.firstRun.Update(msg)
		return cmd
	}
	if !a.capturesKeys() {
		if cmd, ok := a.globalKey(msg); ok {
			return cmd
		}
	}
	switch {
	case a.focus == focusSidebar:
		_, cmd := a.sidebar.Update(msg)
		return cmd
	case a.detail != nil:
		_, cmd := a.detail.view.Update(msg)
		return cmd
	}
	if cmd, ok := a.boardKey(msg); ok {
		return cmd
	}
	_, cmd := a.list.Update(msg)
	return cmd
}

// capturesKeys reports that the focused component is taking text (the
// filter bar, a prompt) or has a dialog open: printable keys are input.
func (a *App) capturesKeys() bool {
	if a.detail != nil {
		return a.focus == focusMain && a.detail.view.CapturesKeys()
	}
	if a.board.view != nil {
		return a.focus == focusMain && a.board.view.CapturesKeys()
	}
	return a.focus == focusMain && a.list.CapturesKeys()
}

// globalKey handles the global bindings; ok is false for any other key.
func (a *App) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	g := a.keys.Global
	switch {
	case key.Matches(msg, g.Help):
		a.openHelp()
	case key.Matches(msg, g.ToggleSidebar):
		a.showSidebar = !a.showSidebar
		a.relayout()
		if !a.sidebarShown() {
			a.setFocus(focusMain)
		}
	case key.Matches(msg, g.FocusNext), key.Matches(msg, g.FocusPrev):
		// Two panes, so next and previous are the same move.
		if a.focus == focusMain && a.sidebarShown() {
			a.setFocus(focusSidebar)
		} else {
			a.setFocus(focusMain)
		}
	default:
		return nil, false
	}
	return nil, true
}

// openHelp shows the full help of whatever has the keys, with the global
// keys in the last column.
func (a *App) openHelp() {
	name, km := a.helpContext()
	h := views.NewHelpOverlay(a.styles, "Keys · "+name, keymap.WithGlobal{Context: a.withChords(km), Global: a.keys.Global})
	h.SetSize(a.w, a.h)
	a.overlay = h
}

// updateMouse sends a click or wheel to the pane under the pointer, in
// that pane's coordinates; a click also moves the focus there.
func (a *App) updateMouse(msg tea.Msg, m tea.Mouse) tea.Cmd {
	if a.overlay != nil || a.phase != phaseReady {
		return nil
	}
	s := a.shell()
	_, click := msg.(tea.MouseClickMsg)
	translate := func(r views.Rect) tea.Msg {
		local := tea.Mouse{X: m.X - r.X, Y: m.Y - r.Y, Button: m.Button, Mod: m.Mod}
		if click {
			return tea.MouseClickMsg(local)
		}
		return tea.MouseWheelMsg(local)
	}
	switch {
	case inRect(s.Sidebar, m.X, m.Y):
		if click {
			a.setFocus(focusSidebar)
		}
		_, cmd := a.sidebar.Update(translate(s.Sidebar))
		return cmd
	case inRect(s.Main, m.X, m.Y):
		if click {
			a.setFocus(focusMain)
		}
		if a.detail != nil {
			_, cmd := a.detail.view.Update(translate(s.Main))
			return cmd
		}
		_, cmd := a.list.Update(translate(s.Main))
		return cmd
	}
	return nil
}

func inRect(r views.Rect, x, y int) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// syncStatus copies the list's count into the status bar after every
// message, so the two never disagree.
func (a *App) syncStatus() {
	if a.phase != phaseReady || a.object.Name == "" {
		a.status.SetCount(-1, "")
		return
	}
	if b := a.board.view; b != nil && a.detail == nil {
		// The board shows another set than the list (its pipeline, its
		// own filter): count what it shows, once its totals are in.
		n, ok := b.Count()
		if !ok {
			n = -1
		}
		a.status.SetCount(n, boardNoun(b.Spec()))
		return
	}
	a.status.SetCount(a.list.Total(), strings.ToLower(views.Sanitize(a.object.Plural)))
}

// boardNoun names what a board counts: "opportunities · Sales", or
// "tasks by status" for a select board (as its title line does).
func boardNoun(sp views.BoardSpec) string {
	noun := strings.ToLower(views.Sanitize(sp.Object.Plural))
	if sp.Field.Type == model.TypeStage && sp.Pipeline.Name != "" {
		return noun + " · " + views.Sanitize(sp.Pipeline.Name)
	}
	return noun + " by " + strings.ToLower(views.Sanitize(sp.Field.Label))
}
