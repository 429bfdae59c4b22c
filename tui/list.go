package tui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/store"
	"rolo/views"
)

// The list's paging protocol (views.PageRequest): each request becomes a
// page command. When the query changed (Count), the same command then
// counts up to listCountCap matches, so the first frame of a filter shows
// its rows and "1 of 1,000+" together at a bounded cost; if there are more,
// the exact count follows in a command of its own. Answers carry the
// request and the list ignores answers to requests it no longer awaits;
// the exact count, which may scan a million rows, is also cancelled as
// soon as a newer query starts, so fast typing never piles scans up.

// listCountCap is where the count that comes with a page stops. The cost
// of a capped count is the scan to the cap's worth of matches: on a
// million people, 1,000 matches of a text filter take a few milliseconds,
// 10,000 take 50–130 ms, beyond the budget of a keystroke.
const listCountCap = 1_000

// pageMsg answers a PageRequest with a page or an error, and for a
// request with Count, the capped count read after the page.
type pageMsg struct {
	req   views.PageRequest
	page  model.Page
	err   error
	count int64
	// counted reports that count holds a count; exact that it is the
	// total, not only "more than count" (then the exact count follows).
	counted, exact bool
}

// countMsg answers the count half of a PageRequest.
type countMsg struct {
	req views.PageRequest
	n   int64
	err error
}

func (a *App) pageCmd(r views.PageRequest) tea.Cmd {
	st := a.st
	if !r.Count {
		return a.run("loading "+r.Object, 0, func(ctx context.Context) tea.Msg {
			return fetchPage(ctx, st, r)
		})
	}
	// A new query or a refresh: the previous query's exact count is moot.
	a.cancelListCount()
	// One command reads the page, then counts: applied in that order, a
	// refresh after a delete never sees a count older than its rows.
	return a.run("loading "+r.Object, 0, func(ctx context.Context) tea.Msg {
		m := fetchPage(ctx, st, r)
		if m.err != nil {
			return m
		}
		if m.page.Next == "" && m.page.Prev == "" && (r.Dir == views.DirFirst || r.Dir == views.DirReload) {
			// The whole result is this page: nothing left to count.
			m.count, m.counted, m.exact = int64(len(m.page.Records)), true, true
			return m
		}
		f, _ := model.ParseFilter(r.Filter) // parsed by fetchPage already
		var err error
		if m.count, m.exact, err = st.CountUpTo(ctx, r.Object, f, listCountCap); err == nil {
			m.counted = true
		}
		// A failed count leaves the total unknown ("… of …"); the rows
		// are still good.
		return m
	})
}

// exactCountCmd counts the list's query exactly, after a capped count
// found more than the cap. It runs under the list's count context, which
// the next query cancels.
func (a *App) exactCountCmd(r views.PageRequest) tea.Cmd {
	a.cancelListCount()
	parent, cancel := context.WithCancel(context.Background())
	a.listCount = cancel
	st := a.st
	return a.run("counting "+r.Object, 0, func(ctx context.Context) tea.Msg {
		ctx, stop := context.WithCancel(ctx)
		defer stop()
		defer context.AfterFunc(parent, stop)()
		if err := parent.Err(); err != nil {
			// Cancelled before it started: AfterFunc runs stop on its own
			// goroutine, so ctx may not have seen the cancel yet.
			return countMsg{req: r, err: err}
		}
		f, err := model.ParseFilter(r.Filter)
		if err != nil {
			return countMsg{req: r, err: err}
		}
		n, err := st.Count(ctx, r.Object, f)
		return countMsg{req: r, n: n, err: err}
	})
}

// cancelListCount stops the list's exact count, if one is running.
func (a *App) cancelListCount() {
	if a.listCount != nil {
		a.listCount()
		a.listCount = nil
	}
}

// fetchPage runs one PageRequest against the store.
func fetchPage(ctx context.Context, st *store.Store, r views.PageRequest) pageMsg {
	f, err := model.ParseFilter(r.Filter)
	if err != nil {
		return pageMsg{req: r, err: err}
	}
	q := model.Query{Filter: f, Sorts: r.Sorts, Limit: r.Limit}
	switch r.Dir {
	case views.DirNext:
		q.After = r.Cursor
	case views.DirPrev:
		q.Before = r.Cursor
	case views.DirLast:
		q.Last = true
	case views.DirReload:
		if r.Cursor != "" {
			after, gone, err := reloadAnchor(ctx, st, r.Object, q, r.Cursor)
			if err != nil {
				return pageMsg{req: r, err: err}
			}
			// When the window's rows are all gone, show the end of the
			// result; the count that follows places it (List.SetTotal).
			q.After, q.Last = after, gone
		}
	}
	p, err := st.Query(ctx, r.Object, q)
	return pageMsg{req: r, page: p, err: err}
}

// reloadAnchor turns the window's first cursor into an After cursor that
// includes the window's first row. The store's Prev cursor sits on the
// first row of a page (paging back excludes it), so paging forward from it
// would drop that row; the cursor of the row before it is what we need.
// With no row before, the reload starts at the beginning (""). gone
// reports that no row is left from the window's start on.
func reloadAnchor(ctx context.Context, st *store.Store, object string, q model.Query, first model.Cursor) (after model.Cursor, gone bool, err error) {
	q.Before, q.Limit = first, 1
	p, err := st.Query(ctx, object, q)
	if err != nil || len(p.Records) == 0 {
		return "", false, err
	}
	return p.Next, p.Next == "", nil
}

func (a *App) onPage(m pageMsg) tea.Cmd {
	if m.req.List != a.list.ID() {
		return nil
	}
	if m.err != nil {
		if span, ok := views.FilterErrorSpan(m.err); ok {
			a.list.SetFilterError(m.req.Req, span)
			return nil
		}
		// Not the filter's fault: clear the pending state of a first page
		// and say what went wrong.
		a.list.SetFilterError(m.req.Req, nil)
		a.status.SetError(m.err)
		return nil
	}
	ok, cmd := a.list.ApplyPage(m.req.Req, m.req.Dir, m.page)
	switch {
	case !ok || !m.counted:
	case m.exact:
		a.list.SetTotal(m.req.Req, m.count)
	default:
		a.list.SetTotalAtLeast(m.req.Req, m.count)
		cmd = tea.Batch(cmd, a.exactCountCmd(m.req))
	}
	return cmd
}

func (a *App) onCount(m countMsg) {
	if m.req.List != a.list.ID() || m.err != nil {
		// A filter error is shown by the page answer; other count errors
		// leave the total unknown ("… of …") rather than wrong.
		return
	}
	// An exact count is started by onPage once its page is applied, so it
	// never lands before the rows it counts (the list measures a total
	// against the rows it holds).
	a.list.SetTotal(m.req.Req, m.n)
}
