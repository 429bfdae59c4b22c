package tui

import (
	"context"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/search"
	"rolo/views"
)

// Searching. Every change of the palette's text starts Session.SearchAsync
// on the records index; the command waiting for its answer also ranks the
// (small) go-to/actions index and builds the entries, so Update only
// swaps the list in. A newer keystroke closes the older one's stale
// channel, releasing its command; results carry their Seq and anything
// older than the latest request is dropped.

// recordLimit is how many records one search shows; a palette screen holds
// a dozen, and ranking more costs time on every keystroke.
const (
	recordLimit  = 40
	commandLimit = 8
)

// paletteQuery is the typed text with its prefix taken off.
type paletteQuery struct {
	text        string
	actionsOnly bool     // ">"
	objects     []string // "@" people, "#" companies, "$" opportunities, "!" tasks
}

// prefixObjects maps the narrowing prefixes to objects.
var prefixObjects = map[byte]string{'@': "people", '#': "companies", '$': "opportunities", '!': "tasks"}

func parsePaletteQuery(q string) paletteQuery {
	q = strings.TrimLeft(q, " ")
	if q == "" {
		return paletteQuery{}
	}
	if q[0] == '>' {
		return paletteQuery{text: strings.TrimSpace(q[1:]), actionsOnly: true}
	}
	if obj, ok := prefixObjects[q[0]]; ok {
		return paletteQuery{text: strings.TrimSpace(q[1:]), objects: []string{obj}}
	}
	return paletteQuery{text: strings.TrimSpace(q)}
}

type paletteResultMsg struct {
	query   string
	seq     uint64
	entries []views.PaletteEntry
	partial bool
	// next waits for the following answer to the same query (the final
	// ranking after a quick partial one).
	next tea.Cmd
}

// objectLabels maps object names to their singular labels, copied for
// commands.
func (a *App) objectLabels() map[string]string {
	m := make(map[string]string, len(a.objects))
	for _, o := range a.objects {
		m[o.Name] = o.Singular
	}
	return m
}

// paletteSearch starts the search for the palette's text.
func (a *App) paletteSearch() tea.Cmd {
	p := a.palState()
	if p.view == nil || p.view.InMenu() {
		return nil
	}
	raw := p.view.Query()
	pq := parsePaletteQuery(raw)
	if p.stale != nil {
		close(p.stale)
		p.stale = nil
	}
	if pq.text == "" && !pq.actionsOnly && len(pq.objects) == 0 {
		p.view.SetResults(raw, p.home)
		return nil
	}
	p.seq++
	seq := p.seq
	stale := make(chan struct{})
	p.stale = stale
	labels := a.objectLabels()
	cmdsIx := p.cmds
	creates := a.createEntries(pq)

	if pq.actionsOnly {
		// Only the small index: no records, no waiting on the big one.
		return func() tea.Msg {
			ms := cmdsIx.Search(context.Background(), pq.text, search.Options{Kinds: []search.Kind{search.Action}, Limit: 30})
			entries := append(creates, commandEntries(ms)...)
			return paletteResultMsg{query: raw, seq: seq, entries: entries}
		}
	}
	out := make(chan search.Result, 4)
	p.sess.SearchAsync(pq.text, search.Options{Limit: recordLimit, Objects: pq.objects},
		func(r search.Result) {
			select {
			case out <- r:
			default: // never blocks the search; at most three answers come
			}
		})
	var wait tea.Cmd
	wait = func() tea.Msg {
		select {
		case <-stale:
			return nil
		case r := <-out:
			entries := recordEntries(r.Matches, labels)
			if len(pq.objects) == 0 {
				ms := cmdsIx.Search(context.Background(), pq.text, search.Options{Limit: commandLimit * 2})
				entries = mergeGroups(entries, r.Matches, ms)
			}
			entries = append(entries, creates...)
			return paletteResultMsg{query: raw, seq: seq, entries: entries, partial: r.Partial, next: wait}
		}
	}
	return wait
}

func (a *App) onPaletteResult(m paletteResultMsg) tea.Cmd {
	p := a.palState()
	if p.view == nil || m.seq != p.seq {
		return nil
	}
	if len(m.entries) == 0 {
		p.view.SetHint("no matches")
	}
	p.view.SetResults(m.query, m.entries)
	if m.partial {
		return m.next
	}
	return nil
}

// recordEntries turns record matches into entries.
func recordEntries(ms []search.Match, labels map[string]string) []views.PaletteEntry {
	out := make([]views.PaletteEntry, 0, len(ms))
	for _, m := range ms {
		obj, id := splitRecordKey(m.Item.Key)
		sec, secIdx := displayPhones(m.Item.Secondary, m.SecondaryIdx)
		out = append(out, views.PaletteEntry{
			Key: m.Item.Key, Kind: views.PaletteRecord, Group: "Records",
			Object: obj, ID: id, ObjectLabel: labels[obj],
			Label: m.Item.Label, Secondary: sec,
			LabelIdx: m.LabelIdx, SecondaryIdx: secIdx,
		})
	}
	return out
}

// commandEntries turns go-to and action matches into entries. The
// commands index keeps what running them needs in the key (see
// palette_items.go) and the chord or hint in Secondary.
func commandEntries(ms []search.Match) []views.PaletteEntry {
	out := make([]views.PaletteEntry, 0, len(ms))
	for _, m := range ms {
		e := views.PaletteEntry{Key: m.Item.Key, Object: m.Item.Object, Label: m.Item.Label,
			Secondary: m.Item.Secondary, LabelIdx: m.LabelIdx, SecondaryIdx: m.SecondaryIdx}
		if m.Item.Kind == search.GoTo {
			e.Kind, e.Group = views.PaletteGoTo, "Go to"
		} else {
			e.Kind, e.Group = views.PaletteAction, "Actions"
		}
		out = append(out, e)
	}
	return out
}

// mergeGroups lists records, go-to targets and actions as three groups,
// ordered by the quality of each group's best match (ties: records, go
// to, actions), so typing "people" puts "Go to People" first while "jane"
// puts Jane first.
func mergeGroups(records []views.PaletteEntry, recMatches []search.Match, cmdMatches []search.Match) []views.PaletteEntry {
	var gotoMs, actMs []search.Match
	for _, m := range cmdMatches {
		if m.Item.Kind == search.GoTo {
			if len(gotoMs) < commandLimit {
				gotoMs = append(gotoMs, m)
			}
		} else if len(actMs) < commandLimit {
			actMs = append(actMs, m)
		}
	}
	type group struct {
		best    search.Quality
		entries []views.PaletteEntry
	}
	best := func(ms []search.Match) search.Quality {
		if len(ms) == 0 {
			return -1
		}
		return ms[0].Quality
	}
	groups := []group{
		{best(recMatches), records},
		{best(gotoMs), commandEntries(gotoMs)},
		{best(actMs), commandEntries(actMs)},
	}
	// A stable insertion sort of three.
	for i := 1; i < len(groups); i++ {
		for j := i; j > 0 && groups[j].best > groups[j-1].best; j-- {
			groups[j], groups[j-1] = groups[j-1], groups[j]
		}
	}
	var out []views.PaletteEntry
	for _, g := range groups {
		out = append(out, g.entries...)
	}
	return out
}

func recordKey(object string, id int64) string { return object + ":" + strconv.FormatInt(id, 10) }

func splitRecordKey(k string) (string, int64) {
	i := strings.LastIndexByte(k, ':')
	if i < 0 {
		return k, 0
	}
	id, _ := strconv.ParseInt(k[i+1:], 10, 64)
	return k[:i], id
}

// ---- the empty query: recents and favorites ----

type paletteHomeMsg struct {
	recents []views.PaletteEntry
	favs    []views.PaletteEntry
	err     error
}

func (a *App) paletteHomeCmd() tea.Cmd {
	st, member, labels := a.st, a.memberID(), a.objectLabels()
	favs := a.palState().favs
	ix := a.palState().ix
	return a.run("reading recent records", 0, func(ctx context.Context) tea.Msg {
		rows, err := st.Recents(ctx, member, 10)
		if err != nil {
			return paletteHomeMsg{err: err}
		}
		m := paletteHomeMsg{}
		boost := make([]search.Item, 0, len(rows))
		for i, r := range rows {
			sec, _ := displayPhones(r.Secondary, nil)
			m.recents = append(m.recents, views.PaletteEntry{Key: recordKey(r.Object, r.ID), Kind: views.PaletteRecord,
				Group: "Recent", Object: r.Object, ID: r.ID, ObjectLabel: labels[r.Object], Label: r.Label, Secondary: sec})
			// Recently opened records win ties in the ranking.
			boost = append(boost, search.Item{Key: recordKey(r.Object, r.ID), Kind: search.Record, Object: r.Object,
				Label: r.Label, Secondary: r.Secondary, Boost: 100 - i})
		}
		for _, f := range favs {
			e := views.PaletteEntry{Group: "Favorites", Object: f.Object, ObjectLabel: labels[f.Object], Label: f.Label}
			if f.IsView() {
				e.Kind, e.Key, e.Arg, e.ObjectLabel = views.PaletteGoTo, viewKey(f.Object, f.Label), f.Label, "View"
			} else {
				e.Kind, e.Key, e.ID = views.PaletteRecord, recordKey(f.Object, f.RecordID), f.RecordID
				if it, ok := ix.Get(e.Key); ok {
					e.Secondary = it.Secondary
				}
			}
			m.favs = append(m.favs, e)
		}
		// Only boost items already indexed (Add would insert them).
		for _, it := range boost {
			if _, ok := ix.Get(it.Key); ok {
				ix.Add(it)
			}
		}
		return m
	})
}

func (a *App) onPaletteHome(m paletteHomeMsg) {
	p := a.palState()
	if m.err != nil {
		a.status.SetError(m.err)
	}
	p.home = append(m.recents, m.favs...)
	if p.view != nil && !p.view.InMenu() && strings.TrimSpace(p.view.Query()) == "" {
		p.view.SetResults(p.view.Query(), p.home)
	}
}

func (a *App) memberID() int64 {
	if a.st == nil {
		return 0
	}
	return a.st.Actor().ID
}

// objectByShortcut finds the object whose chord key is k.
func (a *App) objectByShortcut(k string) (model.Object, bool) {
	for _, o := range a.objects {
		if o.Shortcut != "" && o.Shortcut == k {
			return o, true
		}
	}
	return model.Object{}, false
}
