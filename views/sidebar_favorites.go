package views

// The sidebar's favorites section, for the root's favorite keys (J/K to
// reorder, x to remove, F for the folder) and the g f chord.

// CurrentFavorite is the favorite under the cursor, if the cursor is on one.
func (s *Sidebar) CurrentFavorite() (Favorite, bool) {
	if s.cursor < 0 || s.cursor >= len(s.items) || s.items[s.cursor].kind != sideFavorite {
		return Favorite{}, false
	}
	return s.favorites[s.items[s.cursor].idx], true
}

// SelectFavorite puts the cursor on the favorite with the given id (after
// a move, so it stays under the cursor). It reports whether it was found.
func (s *Sidebar) SelectFavorite(favID int64) bool {
	for i, it := range s.items {
		if it.kind == sideFavorite && s.favorites[it.idx].FavID == favID {
			s.cursor = i
			s.scroll()
			return true
		}
	}
	return false
}

// FocusFavorites puts the cursor on the first favorite; false when there
// are none.
func (s *Sidebar) FocusFavorites() bool {
	for i, it := range s.items {
		if it.kind == sideFavorite {
			s.cursor = i
			s.offset = max(i-2, 0) // show the heading above
			s.scroll()
			return true
		}
	}
	return false
}
