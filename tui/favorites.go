package tui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/views"
)

// Favorites (per member, store/favorites.go) are shown in the sidebar in
// their order and folders. f toggles the record on screen (the open
// record, or the list's row under the cursor; the view itself when the
// list is empty); in the sidebar, on a favorite, f or x removes it, J/K
// move it and F puts it in a folder. Every change re-reads the list, so the
// sidebar shows what is stored.

type favoritesMsg struct {
	req  int
	favs []model.Favorite
	err  error
}

type favoriteChangedMsg struct {
	status string
	err    error
	// sel keeps the sidebar's cursor on this favorite after the reload.
	sel int64
}

func (a *App) loadFavoritesCmd() tea.Cmd {
	if a.st == nil {
		return nil
	}
	p := a.palState()
	p.favReq = a.nextReq()
	req, st, member := p.favReq, a.st, a.memberID()
	return a.run("reading favorites", 0, func(ctx context.Context) tea.Msg {
		favs, err := st.Favorites(ctx, member)
		return favoritesMsg{req: req, favs: favs, err: err}
	})
}

func (a *App) onFavorites(m favoritesMsg) {
	p := a.palState()
	if m.req != p.favReq {
		return
	}
	if m.err != nil {
		a.status.SetError(m.err)
		return
	}
	p.favs = m.favs
	cur, hadCur := a.sidebar.CurrentFavorite()
	out := make([]views.Favorite, len(m.favs))
	for i, f := range m.favs {
		out[i] = views.Favorite{Label: f.Label, Object: f.Object, ID: f.RecordID, Folder: f.Folder, FavID: f.ID}
		if f.IsView() {
			out[i].View, out[i].ID = f.Label, 0
		}
	}
	a.sidebar.SetFavorites(out)
	if p.selFav != 0 {
		a.sidebar.SelectFavorite(p.selFav)
		p.selFav = 0
	} else if hadCur {
		a.sidebar.SelectFavorite(cur.FavID)
	}
}

func (a *App) isFavorite(object string, id int64) bool {
	for _, f := range a.palState().favs {
		if !f.IsView() && f.Object == object && f.RecordID == id {
			return true
		}
	}
	return false
}

// currentRecord is the record on screen: the open record, else the list's
// row under the cursor.
func (a *App) currentRecord() (model.Record, bool) {
	switch {
	case a.detail != nil && a.detail.view != nil:
		r := a.detail.view.Record()
		r.Object = a.detail.view.Object().Name
		return r, r.ID != 0
	}
	r, ok := a.list.Current()
	if ok && r.Object == "" {
		r.Object = a.list.Object().Name
	}
	return r, ok
}

// toggleFavoriteHere toggles the record on screen, or the current view
// (view, or no record on screen).
func (a *App) toggleFavoriteHere(view bool) tea.Cmd {
	if r, ok := a.currentRecord(); ok && !view {
		return a.toggleFavoriteCmd(r.Object, r.ID, r.Label)
	}
	if a.object.Name == "" {
		return nil
	}
	v := a.list.CurrentView()
	st, member, object := a.st, a.memberID(), a.object.Name
	return a.run("favoriting a view", 0, func(ctx context.Context) tea.Msg {
		on, err := st.ToggleViewFavorite(ctx, member, object, v.Name)
		return favoriteChangedMsg{err: err, status: favStatus(on, "view "+v.Name)}
	})
}

func (a *App) toggleFavoriteCmd(object string, id int64, label string) tea.Cmd {
	st, member := a.st, a.memberID()
	return a.run("favoriting", 0, func(ctx context.Context) tea.Msg {
		on, err := st.ToggleFavorite(ctx, member, object, id)
		return favoriteChangedMsg{err: err, status: favStatus(on, label)}
	})
}

func favStatus(on bool, what string) string {
	if on {
		return "★ added " + views.Sanitize(what) + " to favorites"
	}
	return "removed " + views.Sanitize(what) + " from favorites"
}

func (a *App) onFavoriteChanged(m favoriteChangedMsg) tea.Cmd {
	if m.err != nil {
		a.status.SetError(m.err)
	} else if m.status != "" {
		a.status.SetMessage(m.status)
	}
	if m.sel != 0 {
		a.palState().selFav = m.sel
	}
	return a.loadFavoritesCmd()
}

// favoriteKey handles f anywhere and the sidebar's favorite keys.
func (a *App) favoriteKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	fk := a.keys.Favorites
	if a.focus == focusSidebar {
		if f, ok := a.sidebar.CurrentFavorite(); ok {
			st, member := a.st, a.memberID()
			switch {
			case key.Matches(k, fk.Remove), key.Matches(k, fk.Toggle):
				return a.run("removing a favorite", 0, func(ctx context.Context) tea.Msg {
					err := st.RemoveFavorite(ctx, member, f.FavID)
					return favoriteChangedMsg{err: err, status: "removed " + views.Sanitize(f.Label) + " from favorites"}
				}), true
			case key.Matches(k, fk.MoveUp), key.Matches(k, fk.MoveDown):
				delta := 1
				if key.Matches(k, fk.MoveUp) {
					delta = -1
				}
				return a.run("moving a favorite", 0, func(ctx context.Context) tea.Msg {
					err := st.MoveFavorite(ctx, member, f.FavID, delta)
					return favoriteChangedMsg{err: err, sel: f.FavID}
				}), true
			case key.Matches(k, fk.Folder):
				a.askText("Folder for "+views.Sanitize(f.Label)+" (empty: none)", f.Folder, func(text string) tea.Cmd {
					return a.run("filing a favorite", 0, func(ctx context.Context) tea.Msg {
						if text == "-" {
							text = ""
						}
						err := st.SetFavoriteFolder(ctx, member, f.FavID, text)
						return favoriteChangedMsg{err: err, sel: f.FavID}
					})
				})
				// The prompt refuses an empty answer; "-" also means none.
				return nil, true
			}
		}
	}
	if key.Matches(k, fk.Toggle) {
		return a.toggleFavoriteHere(false), true
	}
	return nil, false
}

// goToFavorites shows the sidebar with its cursor on the first favorite.
func (a *App) goToFavorites() {
	if !a.showSidebar {
		a.showSidebar = true
		a.relayout()
	}
	if !a.sidebar.FocusFavorites() {
		a.status.SetMessage("no favorites yet: f adds the record on screen")
		return
	}
	a.setFocus(focusSidebar)
}

// touchRecentCmd remembers that the member opened a record, for the
// palette's empty query.
func (a *App) touchRecentCmd(object string, id int64) tea.Cmd {
	if a.st == nil {
		return nil
	}
	st, member := a.st, a.memberID()
	return a.run("remembering a record", 0, func(ctx context.Context) tea.Msg {
		if err := st.TouchRecent(ctx, member, object, id); err != nil {
			return errMsg{op: "remembering a record", err: err}
		}
		return nil
	})
}
