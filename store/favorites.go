package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"rolo/model"
)

// Favorites and recents live in the tables of migration 2, per member.
// A favorite of a record is never removed when the record is deleted: it
// is filtered out by a JOIN on live records at read time, so it comes back
// when the record is restored. A favorite of a saved view goes with the
// view (ON DELETE CASCADE).

// maxFolder bounds a folder's name: it is a sidebar heading.
const maxFolder = 40

// maxRecents is how many recently opened records are kept per member.
const maxRecents = 50

// Favorites returns the member's favorites in sidebar order: those outside
// any folder first, then each folder by name; within a group by position.
func (s *Store) Favorites(ctx context.Context, memberID int64) ([]model.Favorite, error) {
	var out []model.Favorite
	// Views: one JOIN.
	rows, err := s.db.QueryContext(ctx, `SELECT f.id, f.view_id, f.folder, f.position, v.name, v.object
		FROM favorites f JOIN saved_views v ON v.id = f.view_id WHERE f.member_id = ?`, memberID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		f := model.Favorite{MemberID: memberID}
		if err := rows.Scan(&f.ID, &f.ViewID, &f.Folder, &f.Position, &f.Label, &f.Object); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Records: one JOIN per object that has favorites, on live rows only.
	objects, err := s.favoriteObjects(ctx, memberID)
	if err != nil {
		return nil, err
	}
	for _, name := range objects {
		st, err := s.state(name)
		if err != nil {
			continue // an object removed since: its favorites are dangling
		}
		o := st.obj
		rows, err := s.db.QueryContext(ctx, fmt.Sprintf(`SELECT f.id, f.record_id, f.folder, f.position, t.%s
			FROM favorites f JOIN %s t ON t."id" = f.record_id AND t."deleted_at" IS NULL
			WHERE f.member_id = ? AND f.object = ? AND f.view_id IS NULL`, q(o.LabelField), q(o.Table())), memberID, name)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			f := model.Favorite{MemberID: memberID, Object: name}
			var label sql.NullString
			if err := rows.Scan(&f.ID, &f.RecordID, &f.Folder, &f.Position, &label); err != nil {
				rows.Close()
				return nil, err
			}
			f.Label = label.String
			out = append(out, f)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b model.Favorite) int {
		if (a.Folder == "") != (b.Folder == "") {
			if a.Folder == "" {
				return -1
			}
			return 1
		}
		if c := strings.Compare(a.Folder, b.Folder); c != 0 {
			return c
		}
		switch {
		case a.Position < b.Position:
			return -1
		case a.Position > b.Position:
			return 1
		}
		return int(a.ID - b.ID)
	})
	return out, nil
}

func (s *Store) favoriteObjects(ctx context.Context, memberID int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT object FROM favorites WHERE member_id = ? AND view_id IS NULL AND object <> ''`, memberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// IsFavorite reports whether the member has the record as a favorite.
func (s *Store) IsFavorite(ctx context.Context, memberID int64, object string, recordID int64) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM favorites WHERE member_id = ? AND object = ? AND record_id = ? AND view_id IS NULL`,
		memberID, object, recordID).Scan(&n)
	return n > 0, err
}

// ToggleFavorite adds the record to the member's favorites (at the end of
// the top level) or, if it is one already, removes it. It reports whether
// the record is a favorite afterwards.
func (s *Store) ToggleFavorite(ctx context.Context, memberID int64, object string, recordID int64) (bool, error) {
	st, err := s.state(object)
	if err != nil {
		return false, err
	}
	return s.toggleFavorite(ctx, memberID,
		`object = ? AND record_id = ? AND view_id IS NULL`, []any{st.obj.Name, recordID},
		func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %s WHERE "id" = ? AND "deleted_at" IS NULL`, q(st.obj.Table())), recordID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return notFound("no %s with id %d", strings.ToLower(st.obj.Singular), recordID)
			}
			return nil
		},
		`INSERT INTO favorites (member_id, object, record_id, position) VALUES (?, ?, ?, ?)`,
		func(pos float64) []any { return []any{memberID, st.obj.Name, recordID, pos} })
}

// ToggleViewFavorite is ToggleFavorite for a saved view of object.
func (s *Store) ToggleViewFavorite(ctx context.Context, memberID int64, object, view string) (bool, error) {
	var viewID int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM saved_views WHERE object = ? AND name = ?`, object, view).Scan(&viewID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, notFound("no view %q of %s", view, object)
	}
	if err != nil {
		return false, err
	}
	return s.toggleFavorite(ctx, memberID, `view_id = ?`, []any{viewID}, nil,
		`INSERT INTO favorites (member_id, object, view_id, position) VALUES (?, ?, ?, ?)`,
		func(pos float64) []any { return []any{memberID, object, viewID, pos} })
}

func (s *Store) toggleFavorite(ctx context.Context, memberID int64, match string, matchArgs []any,
	check func(tx *sql.Tx) error, insert string, insertArgs func(pos float64) []any) (bool, error) {
	on := false
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM favorites WHERE member_id = ? AND `+match, append([]any{memberID}, matchArgs...)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
		if check != nil {
			if err := check(tx); err != nil {
				return err
			}
		}
		var pos float64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) + 1 FROM favorites WHERE member_id = ? AND folder = ''`, memberID).Scan(&pos); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, insert, insertArgs(pos)...); err != nil {
			return err
		}
		on = true
		return nil
	})
	return on, err
}

// RemoveFavorite removes one favorite of the member by its id.
func (s *Store) RemoveFavorite(ctx context.Context, memberID, id int64) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM favorites WHERE id = ? AND member_id = ?`, id, memberID)
	return err
}

// MoveFavorite moves a favorite one place up (delta < 0) or down (delta >
// 0) within its folder, by swapping positions with its neighbour among the
// favorites the member can see (favorites of deleted records do not count,
// so a move never seems to do nothing). At either end it does nothing.
func (s *Store) MoveFavorite(ctx context.Context, memberID, id int64, delta int) error {
	favs, err := s.Favorites(ctx, memberID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(favs, func(f model.Favorite) bool { return f.ID == id })
	if i < 0 {
		return notFound("no favorite %d", id)
	}
	j := i + 1
	if delta < 0 {
		j = i - 1
	}
	if j < 0 || j >= len(favs) || favs[j].Folder != favs[i].Folder {
		return nil
	}
	a, b := favs[i], favs[j]
	pa, pb := b.Position, a.Position
	if pa == pb { // equal positions (never written by rolo, but possible): split them
		pb = pa + 0.5*float64(j-i)
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE favorites SET position = ? WHERE id = ?`, pa, a.ID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE favorites SET position = ? WHERE id = ?`, pb, b.ID)
		return err
	})
}

// SetFavoriteFolder puts a favorite in folder ("" takes it out of any),
// at the end of that folder.
func (s *Store) SetFavoriteFolder(ctx context.Context, memberID, id int64, folder string) error {
	folder = strings.TrimSpace(folder)
	if len([]rune(folder)) > maxFolder {
		return fmt.Errorf("a folder name is at most %d characters", maxFolder)
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		var pos float64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) + 1 FROM favorites WHERE member_id = ? AND folder = ?`, memberID, folder).Scan(&pos); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE favorites SET folder = ?, position = ? WHERE id = ? AND member_id = ?`, folder, pos, id, memberID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("no favorite %d", id)
		}
		return nil
	})
}

// TouchRecent records that the member opened a record now. Only the
// newest maxRecents are kept.
func (s *Store) TouchRecent(ctx context.Context, memberID int64, object string, recordID int64) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO recents (member_id, object, record_id, opened_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (member_id, object, record_id) DO UPDATE SET opened_at = excluded.opened_at`,
			memberID, object, recordID, s.nowMS()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM recents WHERE member_id = ? AND rowid NOT IN
			(SELECT rowid FROM recents WHERE member_id = ? ORDER BY opened_at DESC LIMIT ?)`, memberID, memberID, maxRecents)
		return err
	})
}

// Recents returns the member's most recently opened live records, newest
// first, as the palette shows them.
func (s *Store) Recents(ctx context.Context, memberID int64, limit int) ([]PaletteRow, error) {
	if limit <= 0 || limit > maxRecents {
		limit = maxRecents
	}
	rows, err := s.db.QueryContext(ctx, `SELECT object, record_id FROM recents WHERE member_id = ? ORDER BY opened_at DESC, rowid DESC`, memberID)
	if err != nil {
		return nil, err
	}
	type ref struct {
		object string
		id     int64
	}
	var refs []ref
	byObj := map[string][]int64{}
	for rows.Next() {
		var r ref
		if err := rows.Scan(&r.object, &r.id); err != nil {
			rows.Close()
			return nil, err
		}
		refs = append(refs, r)
		byObj[r.object] = append(byObj[r.object], r.id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	found := map[ref]PaletteRow{}
	for object, ids := range byObj {
		if _, err := s.state(object); err != nil {
			continue // an object removed since
		}
		got, err := s.PaletteRowsByID(ctx, object, ids)
		if err != nil {
			return nil, err
		}
		for _, r := range got {
			if !r.Deleted {
				found[ref{object, r.ID}] = r
			}
		}
	}
	out := make([]PaletteRow, 0, min(limit, len(refs)))
	for _, r := range refs {
		if row, ok := found[r]; ok && len(out) < limit {
			out = append(out, row)
		}
	}
	return out, nil
}
