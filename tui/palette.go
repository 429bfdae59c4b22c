package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/search"
	"rolo/views"
)

// The Ctrl+K command palette, the g chords and favorites. They hook into
// the root in two places (Update): paletteUpdate sees every message
// first, and takes Ctrl+K before any text input can (textinput binds it
// to "delete to end of line"), every key while the palette is open, and
// the chord and favorite keys; paletteAfter runs after the root's own
// routing, to start work that follows from it (loading the index once the
// workspace is shown, applying a saved view the palette asked for once its
// object has loaded).
//
// Files: palette.go (state, routing, opening and closing), palette_search.go
// (queries → SearchAsync → entries), palette_index.go (loading and keeping
// the index current), palette_items.go (go-to and action entries),
// palette_run.go (carrying out a chosen entry), chords.go, favorites.go.

// paletteState is everything the palette, chords and favorites keep.
type paletteState struct {
	// ix holds every record (fed in the background); cmds the go-to
	// targets and actions (a few dozen, rebuilt when metadata changes).
	ix   *search.Index
	cmds *search.Index

	view *views.Palette // nil while closed
	sess *search.Session
	// seq is the latest search asked for; stale is closed when it is
	// superseded, releasing the command waiting for its answer.
	seq   uint64
	stale chan struct{}
	home  []views.PaletteEntry // the empty query: recents and favorites

	load indexLoad
	poll pollState

	favs   []model.Favorite
	favReq int
	selFav int64 // keep the sidebar cursor on this favorite after a reload

	pendingView *views.GoToViewMsg // a view to show once its object is loaded

	chord   chordState
	base    string // the frame under the open palette (see keepsBase)
	overlay views.OverlayCache
	// started is set once the workspace is shown and the start-up work
	// (favorites, and the index when Live) has been issued.
	started bool
}

func newPaletteState() *paletteState {
	return &paletteState{ix: search.New(), cmds: search.New()}
}

// pal returns the palette state, creating it on first use (App is built by
// New, which does not know about it).
func (a *App) palState() *paletteState {
	if a.pal == nil {
		a.pal = newPaletteState()
	}
	return a.pal
}

// paletteUpdate handles the messages of the palette, chords and
// favorites. done reports that the message was consumed; otherwise the
// root routes it as usual (and cmd, if any, runs beside).
func (a *App) paletteUpdate(msg tea.Msg) (cmd tea.Cmd, done bool) {
	p := a.palState()
	if !p.keepsBase(msg) {
		p.base = ""
	}
	switch m := msg.(type) {
	case tea.KeyPressMsg:
		return a.paletteKey(m)
	case tea.MouseClickMsg, tea.MouseWheelMsg, tea.MouseMotionMsg, tea.MouseReleaseMsg:
		return nil, p.view != nil // the screen under the palette is not live
	case tea.WindowSizeMsg:
		if p.view != nil {
			p.view.SetSize(m.Width, m.Height)
		}
		return nil, false

	case views.PaletteQueryMsg:
		return a.paletteSearch(), true
	case paletteResultMsg:
		return a.onPaletteResult(m), true
	case paletteHomeMsg:
		a.onPaletteHome(m)
		return nil, true
	case paletteCmdsMsg:
		a.onPaletteCmds(m)
		return nil, true
	case views.PaletteRunMsg:
		return a.paletteRun(m), true
	case views.PaletteActionsMsg:
		a.recordActions(m.Entry)
		return nil, true
	case paletteMenuMsg:
		a.onPaletteMenu(m)
		return nil, true
	case views.PaletteClosedMsg:
		return nil, true
	case views.GoToViewMsg:
		return a.goToView(m), true

	case indexPlanMsg:
		return a.onIndexPlan(m), true
	case indexPageMsg:
		return a.onIndexPage(m), true
	case indexAddedMsg:
		return a.onIndexAdded(m), true
	case pollMsg:
		return a.onPoll(m), true
	case pollTickMsg:
		return a.onPollTick(m), true

	case favoritesMsg:
		a.onFavorites(m)
		return nil, true
	case favoriteChangedMsg:
		return a.onFavoriteChanged(m), true
	case chordTimeoutMsg:
		a.onChordTimeout(m)
		return nil, true
	case fieldAddedMsg:
		return a.onFieldAdded(m), true

	// Changes made here: refresh the index (and the favorites, which hide
	// deleted records) at once instead of at the next poll.
	case writeMsg:
		return tea.Batch(a.requestPoll(), a.loadFavoritesCmd()), false
	case viewChangedMsg:
		return tea.Batch(a.loadFavoritesCmd(), a.paletteCmdsCmd()), false
	case views.OpenRecordMsg:
		return a.touchRecentCmd(m.Object, m.ID), false
	case favoriteMsg: // the detail page's own favorite toggle
		return a.loadFavoritesCmd(), false
	}
	return nil, false
}

// paletteAfter runs after the root has handled a message.
func (a *App) paletteAfter() tea.Cmd {
	p := a.palState()
	if a.phase != phaseReady {
		return nil
	}
	var cmds []tea.Cmd
	if !p.started {
		p.started = true
		cmds = append(cmds, a.loadFavoritesCmd())
		if a.opt.Live {
			cmds = append(cmds, a.startIndex(), a.pollTick())
		}
	}
	if pv := p.pendingView; pv != nil && a.object.Name == pv.Object && len(a.views) > 0 {
		p.pendingView = nil
		for _, v := range a.views {
			if v.Name == pv.View {
				cmds = append(cmds, a.switchView(views.SwitchViewMsg{Object: pv.Object, View: toView(v)}))
			}
		}
	}
	return tea.Batch(cmds...)
}

// paletteKey: Ctrl+K first (from anywhere, text inputs included), then
// every key while the palette is open, then chords and favorite keys.
func (a *App) paletteKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	p := a.palState()
	g := a.keys.Global
	if key.Matches(k, g.Quit) || k.Code == 'c' && k.Mod&tea.ModCtrl != 0 {
		return nil, false // the root quits
	}
	if p.view != nil {
		if key.Matches(k, g.Palette) {
			a.closePalette()
			return nil, true
		}
		_, cmd := p.view.Update(k)
		if p.view.Closed() {
			a.closePalette()
		}
		return cmd, true
	}
	if key.Matches(k, g.Palette) {
		if a.phase != phaseReady {
			return nil, true
		}
		return a.openPalette(), true
	}
	if a.overlay != nil || a.phase != phaseReady {
		return nil, false
	}
	return a.chordKey(k)
}

// openPalette shows the palette over whatever is on screen, which keeps
// its state (a half-typed filter, an open prompt) for when it closes.
func (a *App) openPalette() tea.Cmd {
	p := a.palState()
	a.chordCancel()
	v := views.NewPalette(a.keys.Palette, a.styles)
	v.SetSize(a.w, a.h)
	p.view = v
	p.sess = p.ix.NewSession()
	p.home = nil
	a.paletteProgress()
	v.SetHint("type to search · > actions · @ people · # companies · $ opportunities · ! tasks")
	return tea.Batch(a.startIndex(), a.requestPoll(), a.paletteHomeCmd(), a.paletteCmdsCmd())
}

// closePalette drops the palette and its session; what was under it is
// untouched.
func (a *App) closePalette() {
	p := a.palState()
	if p.stale != nil {
		close(p.stale)
		p.stale = nil
	}
	if s := p.sess; s != nil {
		go s.Close() // waits for a cancelled search to notice; not on the UI goroutine
	}
	p.view, p.sess, p.base = nil, nil, ""
}

// keepsBase reports that msg leaves the screen under the palette as it
// was: keys typed into the palette and its search answers. Drawing that
// screen (the list, the sidebar) is most of a frame's cost, so while the
// palette is open it is drawn once and reused until anything else happens.
func (p *paletteState) keepsBase(msg tea.Msg) bool {
	if p.view == nil {
		return false
	}
	switch m := msg.(type) {
	case tea.KeyPressMsg:
		return !(m.Code == 'c' && m.Mod&tea.ModCtrl != 0)
	case paletteResultMsg, views.PaletteQueryMsg, paletteHomeMsg, paletteCmdsMsg:
		return true
	case indexPageMsg:
		return m.err == nil
	case indexAddedMsg:
		return true
	}
	return false
}

func (a *App) paletteBase() (string, bool) {
	p := a.palState()
	return p.base, p.view != nil && p.base != ""
}

func (a *App) keepPaletteBase(frame string) string {
	if p := a.palState(); p.view != nil {
		p.base = frame
	}
	return frame
}

// paletteFrame draws the palette over frame.
func (a *App) paletteFrame(frame string) string {
	p := a.palState()
	if p.view == nil {
		return frame
	}
	p.view.SetStyles(a.styles)
	return p.overlay.Render(frame, p.view.View(), a.w, a.h)
}

// PaletteOpen reports whether the command palette is shown (tests).
func (a *App) PaletteOpen() bool { return a.pal != nil && a.pal.view != nil }
