package views

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
)

// Palette is the Ctrl+K command menu: a search input over grouped results
// (records, go-to targets, actions) with the matched characters
// highlighted. It does not search: each change of the text is reported as
// PaletteQueryMsg and the root answers with SetResults, so matching runs
// off the UI goroutine and stale answers are the root's to drop.
//
// Tab on a record asks the root for the record's actions, shown with
// OpenMenu: a short list filtered as you type, left with esc.
type Palette struct {
	keys   keymap.Palette
	hints  [2]string // footer key reminders: results, actions menu
	styles Styles
	input  textinput.Model
	w, h   int

	query   string // the search text the entries answer
	entries []PaletteEntry
	cursor  int // index into entries
	offset  int // first line shown (lines include group headings)
	hint    string

	progress string // "indexing 340,000 / 1,000,000", "" when done

	menu *paletteMenu // the actions menu, when open

	closed bool
}

// paletteMenu is a short static list shown in place of the results.
type paletteMenu struct {
	title     string
	all       []PaletteEntry
	saved     string // the search text to restore on esc
	savedCur  int
	shown     []PaletteEntry
	prevQuery string
}

const searchPlaceholder = "Search records · > actions · @ people · # companies · $ deals · ! tasks"

// NewPalette returns an open palette with an empty query.
func NewPalette(keys keymap.Palette, st Styles) *Palette {
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = searchPlaceholder
	in.CharLimit = 200
	ist := in.Styles()
	ist.Cursor.Blink = false
	in.SetStyles(ist)
	in.Focus()
	return &Palette{keys: keys, styles: st, input: in, hints: keyHints(keys)}
}

// SetStyles changes the styles (the background colour became known).
func (p *Palette) SetStyles(st Styles) { p.styles = st }

// SetSize is the whole screen; the palette sizes its box from it.
func (p *Palette) SetSize(w, h int) {
	p.w, p.h = w, h
	p.input.SetWidth(max(p.innerWidth()-3, 1))
	p.scroll()
}

// Closed reports that esc dismissed the palette.
func (p *Palette) Closed() bool { return p.closed }

// Query is the search text typed so far (in the actions menu: the search
// text it was opened from).
func (p *Palette) Query() string {
	if p.menu != nil {
		return p.menu.saved
	}
	return p.input.Value()
}

// InMenu reports whether the actions menu is shown.
func (p *Palette) InMenu() bool { return p.menu != nil }

// SetQuery replaces the search text (tests, reopening).
func (p *Palette) SetQuery(q string) {
	p.input.SetValue(q)
	p.input.CursorEnd()
}

// SetResults shows entries as the answer to query. An answer to any other
// text than the one typed is ignored, so a late answer never replaces a
// newer one. When the same query is answered again (the index grew while
// loading) a cursor moved down stays on its entry; otherwise it goes to
// the top.
func (p *Palette) SetResults(query string, entries []PaletteEntry) bool {
	if query != p.input.Value() {
		return false
	}
	// A user who moved to an entry keeps it; one at the top stays at the
	// top, where the best match is.
	keep := ""
	if query == p.query && p.cursor > 0 && p.cursor < len(p.entries) {
		keep = p.entries[p.cursor].Key
	}
	p.query, p.entries, p.cursor = query, entries, 0
	if keep != "" {
		for i, e := range entries {
			if e.Key == keep {
				p.cursor = i
				break
			}
		}
	}
	if p.menu == nil {
		p.offset = 0
		p.scroll()
	}
	return true
}

// SetHint is the line shown when there are no entries.
func (p *Palette) SetHint(h string) { p.hint = h }

// SetProgress shows the background indexing ("" when it is done).
func (p *Palette) SetProgress(s string) { p.progress = s }

// Selected is the entry under the cursor.
func (p *Palette) Selected() (PaletteEntry, bool) {
	list := p.list()
	if p.cursor < 0 || p.cursor >= len(list) {
		return PaletteEntry{}, false
	}
	return list[p.cursor], true
}

// Entries are the entries shown (the menu's when it is open).
func (p *Palette) Entries() []PaletteEntry { return p.list() }

func (p *Palette) list() []PaletteEntry {
	if p.menu != nil {
		return p.menu.shown
	}
	return p.entries
}

// OpenMenu shows a menu (a record's actions, the stages to move to) in
// place of the results; esc returns to the results as they were.
func (p *Palette) OpenMenu(title string, entries []PaletteEntry) {
	saved, cur := p.input.Value(), p.cursor
	if p.menu != nil {
		saved, cur = p.menu.saved, p.menu.savedCur
	}
	for i := range entries {
		entries[i].Group = title
	}
	p.menu = &paletteMenu{title: title, all: entries, saved: saved, savedCur: cur, shown: entries}
	p.input.SetValue("")
	p.input.Placeholder = "type to filter"
	if k := p.keys.Close.Keys(); len(k) > 0 {
		p.input.Placeholder += " · " + keymap.PrettyKey(k[0]) + " back"
	}
	p.cursor, p.offset = 0, 0
}

func (p *Palette) closeMenu() {
	m := p.menu
	p.menu = nil
	p.input.Placeholder = searchPlaceholder
	p.input.SetValue(m.saved)
	p.input.CursorEnd()
	p.cursor = min(m.savedCur, max(len(p.entries)-1, 0))
	p.offset = 0
	p.scroll()
}

// filterMenu keeps the menu entries whose label has the typed characters
// in order (a menu is a handful of entries: this runs in Update).
func (p *Palette) filterMenu() {
	m := p.menu
	q := strings.ToLower(strings.TrimSpace(p.input.Value()))
	if q == m.prevQuery {
		return
	}
	m.prevQuery = q
	m.shown = m.shown[:0:0]
	for _, e := range m.all {
		if idx, ok := subsequence(e.Label, q); ok {
			e.LabelIdx = idx
			m.shown = append(m.shown, e)
		}
	}
	p.cursor, p.offset = 0, 0
}

// subsequence reports whether q's runes occur in order in s, ignoring
// case, and where (rune indexes). q is lower-case.
func subsequence(s, q string) ([]int, bool) {
	if q == "" {
		return nil, true
	}
	qr := []rune(q)
	var idx []int
	j := 0
	for i, r := range []rune(strings.ToLower(s)) {
		if j < len(qr) && r == qr[j] {
			idx = append(idx, i)
			j++
		}
	}
	return idx, j == len(qr)
}

// Update handles a key. Text keys edit the query; the rest move, run and
// close.
func (p *Palette) Update(msg tea.Msg) (Component, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		return p, cmd
	}
	switch {
	case key.Matches(k, p.keys.Close):
		if p.menu != nil {
			p.closeMenu()
			return p, nil
		}
		p.closed = true
		return p, emit(PaletteClosedMsg{})
	case key.Matches(k, p.keys.Down):
		p.move(1)
		return p, nil
	case key.Matches(k, p.keys.Up):
		p.move(-1)
		return p, nil
	case key.Matches(k, p.keys.PageDown):
		p.move(max(p.rowsHigh()-1, 1))
		return p, nil
	case key.Matches(k, p.keys.PageUp):
		p.move(-max(p.rowsHigh()-1, 1))
		return p, nil
	case key.Matches(k, p.keys.Run):
		e, ok := p.Selected()
		if !ok {
			return p, nil
		}
		run := PaletteRunMsg{Entry: e, Query: strings.TrimSpace(p.Query())}
		if p.menu != nil {
			run.Menu = p.menu.title
		}
		return p, emit(run)
	case key.Matches(k, p.keys.Actions):
		if e, ok := p.Selected(); ok && p.menu == nil && e.Kind == PaletteRecord {
			return p, emit(PaletteActionsMsg{Entry: e})
		}
		return p, nil
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() == before {
		return p, cmd
	}
	if p.menu != nil {
		p.filterMenu()
		return p, cmd
	}
	return p, tea.Batch(cmd, emit(PaletteQueryMsg{Query: p.input.Value()}))
}

func (p *Palette) move(d int) {
	n := len(p.list())
	if n == 0 {
		return
	}
	p.cursor = min(max(p.cursor+d, 0), n-1)
	p.scroll()
}
