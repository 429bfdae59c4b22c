package tui

import (
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rolo/views"
)

// Go-to chords: g then a second key. The second keys of objects come from
// their metadata (model.Object.Shortcut), so custom objects get chords;
// b, f and h are the board, favorites and home (keymap.GoTo). The list
// used a lone g for its first row; that is now g g, as in vim, which
// replays the g to whatever has the keys (the list's first row, the top
// of a record). While a chord is pending the bottom line lists the second
// keys; any other key cancels it. In a live session an unfinished chord
// also lapses after chordTimeout.

const chordTimeout = 2 * time.Second

type chordState struct {
	pending bool
	seq     int
}

type chordTimeoutMsg struct{ seq int }

// chordKey handles the chord and favorite keys; ok is false for others.
func (a *App) chordKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	p := a.palState()
	if p.chord.pending {
		p.chord.pending = false
		return a.runChord(k)
	}
	if a.capturesKeys() {
		return nil, false
	}
	if key.Matches(k, a.keys.GoTo.Prefix) {
		p.chord.pending = true
		p.chord.seq++
		if !a.opt.Live {
			return nil, true
		}
		seq := p.chord.seq
		return tea.Tick(chordTimeout, func(time.Time) tea.Msg { return chordTimeoutMsg{seq: seq} }), true
	}
	return a.favoriteKey(k)
}

func (a *App) runChord(k tea.KeyPressMsg) (tea.Cmd, bool) {
	g := a.keys.GoTo
	switch {
	case key.Matches(k, g.Prefix):
		return a.update(k), true
	case key.Matches(k, g.Board):
		a.setFocus(focusMain)
		return msgCmd(views.OpenBoardMsg{}), true
	case key.Matches(k, g.Favorites):
		a.goToFavorites()
		return nil, true
	case key.Matches(k, g.Home):
		a.setFocus(focusMain)
		return a.goHome(), true
	}
	if o, ok := a.objectByShortcut(k.String()); ok {
		a.setFocus(focusMain)
		return msgCmd(views.OpenObjectMsg{Object: o.Name}), true
	}
	return nil, true // esc or an unknown second key: the chord is dropped
}

func (a *App) chordCancel() { a.palState().chord.pending = false }

func (a *App) onChordTimeout(m chordTimeoutMsg) {
	if c := &a.palState().chord; c.seq == m.seq {
		c.pending = false
	}
}

// ChordPending reports whether a g chord awaits its second key (tests).
func (a *App) ChordPending() bool { return a.pal != nil && a.pal.chord.pending }

// chordBindings are the chords for help: the objects' from their
// shortcuts, then the fixed ones.
func (a *App) chordBindings(withPrefix bool) []key.Binding {
	g := a.keys.GoTo
	prefix := ""
	if withPrefix {
		prefix = firstKey(g.Prefix) + " "
	}
	var out []key.Binding
	for _, o := range a.objects {
		if o.Shortcut != "" {
			out = append(out, key.NewBinding(key.WithKeys(o.Shortcut), key.WithHelp(prefix+o.Shortcut, views.Sanitize(o.Plural))))
		}
	}
	fixed := func(b key.Binding, desc string) {
		if b.Enabled() && len(b.Keys()) > 0 {
			out = append(out, key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(prefix+firstKey(b), desc)))
		}
	}
	fixed(g.Board, "board")
	fixed(g.Favorites, "favorites")
	fixed(g.Home, "home")
	fixed(g.Prefix, "first row")
	return out
}

// chordHelp is the bottom line while a chord is pending.
type chordHelp []key.Binding

func (c chordHelp) ShortHelp() []key.Binding  { return c }
func (c chordHelp) FullHelp() [][]key.Binding { return [][]key.Binding{c} }

// paletteHelp is the bottom line's key map while the palette is open or a
// chord is pending.
func (a *App) paletteHelp() (help.KeyMap, bool) {
	p := a.palState()
	switch {
	case p.view != nil:
		return a.keys.Palette, true
	case p.chord.pending:
		return append(chordHelp{key.NewBinding(key.WithKeys(firstKey(a.keys.GoTo.Prefix)), key.WithHelp(firstKey(a.keys.GoTo.Prefix)+"…", "go to:"))},
			a.chordBindings(false)...), true
	}
	return nil, false
}

// withChords adds the go-to chords and favorite keys to a context's help
// for the ? screen.
func (a *App) withChords(km help.KeyMap) help.KeyMap {
	return extraHelp{KeyMap: km, extra: [][]key.Binding{a.chordBindings(true), a.keys.Favorites.FullHelp()[0]}}
}

type extraHelp struct {
	help.KeyMap
	extra [][]key.Binding
}

func (e extraHelp) FullHelp() [][]key.Binding {
	return append(append([][]key.Binding{}, e.KeyMap.FullHelp()...), e.extra...)
}
