package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"rolo/search"
	"rolo/store"
)

// The records index is filled in the background: a chain of commands
// reads keyset pages of indexPage rows (store.PaletteItems, only the
// columns the palette shows) and adds them to the index inside the
// command, off the UI goroutine; Update only counts progress and asks for
// the next page. The palette is usable throughout (the index is safe for
// concurrent use) and shows "indexing 340,000 / 1,000,000".
//
// Afterwards the index follows the database through the events log
// (store.ChangesSince: every create, update, delete and restore by any
// process writes one) and each object's largest id (bulk writers may skip
// per-record events). A poll runs right after this process writes, when
// the palette opens, and every PollEvery when Options.Live is set.

const (
	indexPage = 5_000
	pollBatch = 5_000
	// DefaultPollEvery is how often a live session looks for changes made
	// by other processes: two cheap primary-key reads per object.
	DefaultPollEvery = 2 * time.Second
)

type indexLoad struct {
	started, done bool
	objects       []string
	obj           int   // index into objects being loaded
	after         int64 // last id loaded of objects[obj]
	loaded, total int64
	maxID         map[string]int64
	lastEvent     int64 // events before the load began are in the rows read
	reading       bool  // a page read is in flight
	adding        bool  // a page is being added to the index
	queue         [][]store.PaletteRow
}

type pollState struct {
	running, again bool
}

type indexPlanMsg struct {
	objects   []string
	total     int64
	lastEvent int64
	err       error
}

type indexPageMsg struct {
	object string
	rows   []store.PaletteRow
	last   int64
	done   bool // the object has no more rows
	err    error
}

// indexAddedMsg: a page is in the index.
type indexAddedMsg struct{ n int }

// startIndex starts the background load, once.
func (a *App) startIndex() tea.Cmd {
	p := a.palState()
	if p.load.started || a.st == nil {
		return nil
	}
	p.load.started = true
	st := a.st
	names := make([]string, 0, len(a.objects))
	for _, o := range a.objects {
		names = append(names, o.Name)
	}
	return a.run("indexing records", 0, func(ctx context.Context) tea.Msg {
		// The event id comes first: whatever changes after it is replayed
		// by the first poll, so nothing slips between load and polling.
		last, err := st.LastEventID(ctx)
		if err != nil {
			return indexPlanMsg{err: err}
		}
		var total int64
		for _, n := range names {
			c, err := st.MaxRecordID(ctx, n) // an estimate is enough for progress; Count is slower
			if err != nil {
				return indexPlanMsg{err: err}
			}
			total += c
		}
		return indexPlanMsg{objects: names, total: total, lastEvent: last}
	})
}

func (a *App) onIndexPlan(m indexPlanMsg) tea.Cmd {
	p := a.palState()
	if m.err != nil {
		a.status.SetError(m.err)
		p.load.started = false
		return nil
	}
	p.load.objects, p.load.total, p.load.lastEvent = m.objects, m.total, m.lastEvent
	p.load.maxID = map[string]int64{}
	a.paletteProgress()
	if len(m.objects) == 0 {
		return a.indexDone()
	}
	return a.indexPageCmd()
}

// The chain reads page N+1 while page N is being added (reading is mostly
// SQLite, adding mostly folding text: on two cores they overlap), with at
// most one of each in flight, so memory holds at most two pages of rows
// beyond the index.

func (a *App) indexPageCmd() tea.Cmd {
	p := a.palState()
	l := &p.load
	if l.reading || l.obj >= len(l.objects) || len(l.queue) > 0 && l.adding {
		return nil
	}
	l.reading = true
	st := a.st
	object, after := l.objects[l.obj], l.after
	return a.run("indexing records", 0, func(ctx context.Context) tea.Msg {
		rows, err := st.PaletteItems(ctx, object, after, indexPage)
		if err != nil {
			return indexPageMsg{object: object, err: err}
		}
		m := indexPageMsg{object: object, rows: rows, last: after, done: len(rows) < indexPage}
		if len(rows) > 0 {
			m.last = rows[len(rows)-1].ID
		}
		return m
	})
}

func (a *App) onIndexPage(m indexPageMsg) tea.Cmd {
	p := a.palState()
	l := &p.load
	l.reading = false
	if m.err != nil {
		// An object that cannot be read is skipped, not fatal.
		a.status.SetError(m.err)
		m.done = true
	}
	l.after = m.last
	l.maxID[m.object] = max(l.maxID[m.object], m.last)
	if m.done {
		l.obj++
		l.after = 0
	}
	if len(m.rows) > 0 {
		l.queue = append(l.queue, m.rows)
	}
	return tea.Batch(a.indexAddCmd(), a.indexPageCmd(), a.indexMaybeDone())
}

func (a *App) indexAddCmd() tea.Cmd {
	l := &a.palState().load
	if l.adding || len(l.queue) == 0 {
		return nil
	}
	rows := l.queue[0]
	l.queue = l.queue[1:]
	l.adding = true
	ix := a.palState().ix
	return a.run("indexing records", 0, func(context.Context) tea.Msg {
		ix.Add(rowItems(rows)...)
		return indexAddedMsg{n: len(rows)}
	})
}

func (a *App) onIndexAdded(m indexAddedMsg) tea.Cmd {
	l := &a.palState().load
	l.adding = false
	l.loaded += int64(m.n)
	a.paletteProgress()
	// Show what the new rows add to the answer on screen.
	return tea.Batch(a.indexAddCmd(), a.indexPageCmd(), a.indexMaybeDone(), a.researchIfOpen())
}

func (a *App) indexMaybeDone() tea.Cmd {
	l := &a.palState().load
	if l.obj < len(l.objects) || l.reading || l.adding || len(l.queue) > 0 {
		return nil
	}
	return a.indexDone()
}

func (a *App) indexDone() tea.Cmd {
	p := a.palState()
	if p.load.done {
		return nil
	}
	p.load.done = true
	a.paletteProgress()
	return tea.Batch(a.requestPoll(), a.researchIfOpen())
}

// researchIfOpen re-runs the palette's search (narrowed: cheap) after the
// index changed under it.
func (a *App) researchIfOpen() tea.Cmd {
	p := a.palState()
	if p.view == nil || p.view.InMenu() {
		return nil
	}
	if parsePaletteQuery(p.view.Query()).text == "" && !p.load.done {
		return nil
	}
	return a.paletteSearch()
}

func (a *App) paletteProgress() {
	p := a.palState()
	if p.view == nil {
		return
	}
	if !p.load.started || p.load.done || p.load.total == 0 {
		p.view.SetProgress("")
		return
	}
	p.view.SetProgress("indexing " + groupInt(int(p.load.loaded)) + " / " + groupInt(int(max(p.load.total, p.load.loaded))))
}

func rowItems(rows []store.PaletteRow) []search.Item {
	items := make([]search.Item, len(rows))
	for i, r := range rows {
		items[i] = search.Item{Key: recordKey(r.Object, r.ID), Kind: search.Record, Object: r.Object, Label: r.Label, Secondary: r.Secondary}
	}
	return items
}

// ---- following changes ----

type pollMsg struct {
	lastEvent int64
	maxID     map[string]int64
	changed   int
	more      bool
	err       error
}

type pollTickMsg struct{}

// requestPoll looks for changes now (after the load; one poll at a time).
func (a *App) requestPoll() tea.Cmd {
	p := a.palState()
	if !p.load.done || a.st == nil {
		return nil
	}
	if p.poll.running {
		p.poll.again = true
		return nil
	}
	p.poll.running = true
	st, ix := a.st, p.ix
	last := p.load.lastEvent
	known := make(map[string]int64, len(p.load.maxID))
	for k, v := range p.load.maxID {
		known[k] = v
	}
	return a.run("following changes", 0, func(ctx context.Context) tea.Msg {
		return pollChanges(ctx, st, ix, last, known)
	})
}

// pollChanges applies the changes since lastEvent and the records beyond
// each object's known largest id to ix. It runs in a command.
func pollChanges(ctx context.Context, st *store.Store, ix *search.Index, lastEvent int64, known map[string]int64) pollMsg {
	m := pollMsg{lastEvent: lastEvent, maxID: known}
	// Another process may have added objects or fields.
	if err := st.Refresh(ctx); err != nil {
		return pollMsg{err: err}
	}
	changes, err := st.ChangesSince(ctx, lastEvent, pollBatch)
	if err != nil {
		return pollMsg{err: err}
	}
	m.more = len(changes) == pollBatch
	byObj := map[string][]int64{}
	seen := map[string]bool{}
	for _, c := range changes {
		m.lastEvent = c.Event
		k := recordKey(c.Object, c.RecordID)
		if c.RecordID == 0 || seen[k] {
			continue
		}
		seen[k] = true
		byObj[c.Object] = append(byObj[c.Object], c.RecordID)
	}
	for object, ids := range byObj {
		if _, err := st.Object(object); err != nil {
			continue
		}
		rows, err := st.PaletteRowsByID(ctx, object, ids)
		if err != nil {
			return pollMsg{err: err}
		}
		found := map[int64]bool{}
		var live []store.PaletteRow
		for _, r := range rows {
			found[r.ID] = true
			if r.Deleted {
				ix.Remove(recordKey(object, r.ID))
			} else {
				live = append(live, r)
			}
		}
		for _, id := range ids {
			if !found[id] { // purged
				ix.Remove(recordKey(object, id))
			}
		}
		ix.Add(rowItems(live)...)
		m.changed += len(ids)
	}
	for _, o := range st.Objects() {
		if o.Hidden {
			continue
		}
		top, err := st.MaxRecordID(ctx, o.Name)
		if err != nil {
			return pollMsg{err: err}
		}
		after := known[o.Name]
		if top <= after {
			continue
		}
		rows, err := st.PaletteItems(ctx, o.Name, after, pollBatch)
		if err != nil {
			return pollMsg{err: err}
		}
		ix.Add(rowItems(rows)...)
		m.changed += len(rows)
		if len(rows) == pollBatch {
			m.more = true
			known[o.Name] = rows[len(rows)-1].ID
		} else {
			known[o.Name] = top
		}
	}
	return m
}

func (a *App) onPoll(m pollMsg) tea.Cmd {
	p := a.palState()
	p.poll.running = false
	if m.err != nil {
		a.status.SetError(m.err)
		return nil
	}
	p.load.lastEvent, p.load.maxID = m.lastEvent, m.maxID
	var cmds []tea.Cmd
	if m.changed > 0 {
		cmds = append(cmds, a.researchIfOpen())
		// A new object (created by another process) joins the sidebar.
		if len(a.st.Objects()) != len(a.objects) {
			a.loadObjects()
		}
	}
	if m.more || p.poll.again {
		p.poll.again = false
		cmds = append(cmds, a.requestPoll())
	}
	return tea.Batch(cmds...)
}

// pollTick polls every PollEvery in a live session: tea.Tick, never a
// sleep, and a poll never overlaps the previous one.
func (a *App) pollTick() tea.Cmd {
	every := a.opt.PollEvery
	if every <= 0 {
		every = DefaultPollEvery
	}
	return tea.Tick(every, func(time.Time) tea.Msg { return pollTickMsg{} })
}

func (a *App) onPollTick(pollTickMsg) tea.Cmd {
	return tea.Batch(a.requestPoll(), a.pollTick())
}
