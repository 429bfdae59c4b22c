// Package tui is rolo's root Bubble Tea model. It owns no drawing of its
// own beyond arranging the views/ components; it routes messages (ctrl+c,
// then an overlay, then global keys, then the focused component), lays the
// screen out, and turns the components' intents into store calls that run
// in commands and come back as typed messages.
//
// The model is split by concern: app.go (state, New, Init), update.go
// (routing), layout.go (sizes and drawing), commands.go (running store
// calls), list.go (paging, bulk actions, undo, records), savedviews.go,
// objects.go (sidebar objects and counts), firstrun.go and run.go.
package tui

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"rolo/demo"
	"rolo/keymap"
	"rolo/model"
	"rolo/store"
	"rolo/views"
)

// Options configure the interface. The zero value is usable.
type Options struct {
	// Workspace is the database shown in the status bar (default: the
	// store's path).
	Workspace string
	// Member is the current member shown in the status bar (default: the
	// store's actor).
	Member string
	// Keys is the key map (default keymap.Default()). Run loads the user's
	// overrides into it.
	Keys *keymap.KeyMap
	// Warnings are shown in the status bar at start: key config problems.
	Warnings []error
	// NoColor draws without colour (NO_COLOR, https://no-color.org).
	NoColor bool
	// Now is the clock relative dates are drawn against; tests pin it.
	Now func() time.Time
	// Demo is what "load the demo workspace" adds (zero: the small demo).
	Demo *demo.Options
	// Object is the object shown first (default: the first object).
	Object string
	// Timeout bounds each store call made for the screen (default
	// DefaultTimeout).
	Timeout time.Duration
	// PanicLog, if set, receives the stack of a panic recovered in a
	// command (the status bar shows only its message).
	PanicLog func(string)
	// Board tunes the kanban board (stale-card days, Won/Lost collapsed);
	// Run reads it from the [board] table of config.toml.
	Board views.BoardOptions
	// Live turns on the background work of a long-running session: the
	// palette's index loads at start (not at the first Ctrl+K) and the
	// database is polled every PollEvery for other processes' changes;
	// an unfinished g chord lapses. Run sets it; tests drive these steps.
	Live bool
	// PollEvery is the change-polling interval (default DefaultPollEvery).
	PollEvery time.Duration
}

// phase is where the app is in its start-up.
type phase int

const (
	phaseStarting phase = iota // waiting for the start probe
	phaseFirstRun              // empty database: demo or empty?
	phaseFilling               // loading the demo
	phaseReady                 // the shell
)

// focus is which pane gets keys.
type focus int

const (
	focusMain focus = iota
	focusSidebar
)

// App is the root model. All its fields are touched only by Init, Update
// and View, on the program's goroutine; commands get copies of what they
// need.
type App struct {
	st     *store.Store
	opt    Options
	keys   keymap.KeyMap
	styles views.Styles
	isDark bool

	w, h        int
	showSidebar bool
	focus       focus
	phase       phase

	list     *views.List
	sidebar  *views.Sidebar
	status   *views.StatusBar
	detail   *detailState // the record detail page, non-nil while open (detail.go)
	board    boardRoot    // the kanban board (board.go); board.view is nil while hidden
	firstRun *views.FirstRun
	// overlay is a dialog of the root's own over the whole screen: help,
	// or a prompt for a bulk action (what it is for is in prompt).
	overlay views.Dialog
	prompt  promptFor
	imp     *importState // the import wizard's runs, while it is open (importwizard.go)

	objects []model.Object
	object  model.Object      // the object shown
	views   []model.SavedView // its saved views, default first
	counts  map[string]int64  // unfiltered live records per object, for the sidebar

	reqSeq    int
	viewsReq  int // latest saved-views load; older answers are dropped
	countsReq map[string]int

	// listCount cancels the list's exact count in flight: a new query
	// (filter keystroke, sort, view, object) makes it useless, and a full
	// scan left running would slow down the pages typed after it.
	listCount func()

	undo []undoEntry
	fill fillState
	quit bool

	// pal is the command palette, chords and favorites (palette.go).
	pal *paletteState
}

// New returns the root model for st. Nothing is read from the database
// here: Init starts that in commands.
func New(st *store.Store, opt Options) *App {
	km := keymap.Default()
	if opt.Keys != nil {
		km = *opt.Keys
	}
	if opt.Workspace == "" && st != nil {
		opt.Workspace = st.Path()
	}
	if opt.Member == "" && st != nil {
		m := st.Actor()
		opt.Member = m.Login
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	a := &App{
		st:          st,
		opt:         opt,
		keys:        km,
		isDark:      true, // until the terminal answers; most terminals are dark
		showSidebar: true,
		counts:      map[string]int64{},
		countsReq:   map[string]int{},
	}
	a.styles = views.NewStyles(a.isDark, opt.NoColor)
	a.list = views.NewList(km, a.styles)
	a.list.SetClock(opt.Now)
	a.sidebar = views.NewSidebar(km.Sidebar, a.styles)
	a.status = views.NewStatusBar(a.styles)
	a.status.SetWorkspace(opt.Workspace)
	a.status.SetMember(opt.Member)
	if len(opt.Warnings) > 0 {
		a.status.SetError(errors.Join(opt.Warnings...))
	}
	a.setFocus(focusMain)
	return a
}

// Init asks the terminal for its background colour and starts the probe
// that decides between the first-run screen and the list.
func (a *App) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, a.probeCmd())
}

// setStyles rebuilds every style once the background is known.
func (a *App) setStyles(isDark bool) {
	a.isDark = isDark
	a.styles = views.NewStyles(isDark, a.opt.NoColor)
	a.list.SetStyles(a.styles)
	a.sidebar.SetStyles(a.styles)
	a.status.SetStyles(a.styles)
	if a.board.view != nil {
		a.board.view.SetStyles(a.styles)
	}
	if a.detail != nil {
		a.detail.view.SetStyles(a.styles)
	}
	if a.firstRun != nil {
		a.firstRun = views.NewFirstRun(a.keys.FirstRun, a.styles)
	}
	a.relayout()
}

func (a *App) setFocus(f focus) {
	if f == focusSidebar && !a.sidebarShown() {
		f = focusMain
	}
	a.focus = f
	if f == focusSidebar {
		a.sidebar.Focus()
		a.list.Blur()
	} else {
		a.sidebar.Blur()
		a.list.Focus()
	}
}

// Quitting reports whether the app has asked to quit (tests).
func (a *App) Quitting() bool { return a.quit }
