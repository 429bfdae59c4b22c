package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"rolo/model"
)

// Saved views live in the saved_views table (migration 2): a named filter,
// sort and column set per object. Sorts and columns are JSON so a view can
// name any field, custom ones included. Every object has one default view,
// created the first time the object's views are asked for, so a workspace
// made by an older rolo or by the CLI gets one too.

// maxViewName bounds a view's name: it is drawn in a sidebar, not a page.
const maxViewName = 80

// defaultViewColumns is how many fields besides the label the default view
// shows: a screenful at common widths; the rest are a `c` away.
const defaultViewColumns = 6

type viewSortJSON struct {
	Field string `json:"field"`
	Desc  bool   `json:"desc,omitempty"`
}

type viewColumnJSON struct {
	Field string `json:"field"`
	Width int    `json:"width,omitempty"`
}

// SavedViews returns the object's saved views, the default one first, then
// in the order they were saved. The default view is created if missing.
func (s *Store) SavedViews(ctx context.Context, object string) ([]model.SavedView, error) {
	obj, err := s.Object(object)
	if err != nil {
		return nil, err
	}
	views, err := loadViews(ctx, s.db, object)
	if err != nil {
		return nil, err
	}
	if len(views) > 0 && views[0].Default {
		return views, nil
	}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		// Re-check inside the write transaction: another process may have
		// created the default view since we looked.
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM saved_views WHERE object = ? AND is_default = 1`, object).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		v := defaultView(obj)
		for i := 2; ; i++ { // a user view may already hold the name
			var taken int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM saved_views WHERE object = ? AND name = ?`, object, v.Name).Scan(&taken); err != nil {
				return err
			}
			if taken == 0 {
				break
			}
			v.Name = fmt.Sprintf("%s (%d)", defaultView(obj).Name, i)
		}
		return insertView(ctx, tx, v, true, 0)
	})
	if err != nil {
		return nil, err
	}
	return loadViews(ctx, s.db, object)
}

// HasSavedViews reports whether any object has a saved view, which means
// the workspace has been opened in the interactive interface before.
func (s *Store) HasSavedViews(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM saved_views)`).Scan(&n)
	return n == 1, err
}

// SaveView stores v under its name for object, replacing the filter, sorts
// and columns of a view of that name if one exists (the default view
// included, which stays the default).
func (s *Store) SaveView(ctx context.Context, object string, v model.SavedView) error {
	obj, err := s.Object(object)
	if err != nil {
		return err
	}
	v.Object = object
	if v.Name, err = cleanViewName(v.Name); err != nil {
		return err
	}
	if err := checkView(obj, v); err != nil {
		return err
	}
	sorts, cols := viewJSON(v)
	return s.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE saved_views SET filter = ?, sorts = ?, columns = ? WHERE object = ? AND name = ?`,
			v.Filter, sorts, cols, object, v.Name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
		var pos int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) + 1 FROM saved_views WHERE object = ?`, object).Scan(&pos); err != nil {
			return err
		}
		return insertView(ctx, tx, v, false, pos)
	})
}

// RenameView renames one of object's views. The default view keeps its
// name; a name already used by another view of the object is refused.
func (s *Store) RenameView(ctx context.Context, object, oldName, newName string) error {
	if _, err := s.Object(object); err != nil {
		return err
	}
	newName, err := cleanViewName(newName)
	if err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		id, isDefault, err := viewRow(ctx, tx, object, oldName)
		if err != nil {
			return err
		}
		if isDefault {
			return fmt.Errorf("the default view %q keeps its name", oldName)
		}
		if newName == oldName {
			return nil
		}
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM saved_views WHERE object = ? AND name = ?`, object, newName).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return fmt.Errorf("%s already has a view named %q", object, newName)
		}
		_, err = tx.ExecContext(ctx, `UPDATE saved_views SET name = ? WHERE id = ?`, newName, id)
		return err
	})
}

// DeleteView deletes one of object's views; the default view cannot be
// deleted. Favorites pointing at the view go with it (ON DELETE CASCADE).
func (s *Store) DeleteView(ctx context.Context, object, name string) error {
	if _, err := s.Object(object); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		id, isDefault, err := viewRow(ctx, tx, object, name)
		if err != nil {
			return err
		}
		if isDefault {
			return fmt.Errorf("the default view %q cannot be deleted", name)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM saved_views WHERE id = ?`, id)
		return err
	})
}

func viewRow(ctx context.Context, tx *sql.Tx, object, name string) (int64, bool, error) {
	var id int64
	var isDefault bool
	err := tx.QueryRowContext(ctx, `SELECT id, is_default FROM saved_views WHERE object = ? AND name = ?`, object, name).Scan(&id, &isDefault)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, notFound("%s has no view named %q", object, name)
	}
	return id, isDefault, err
}

func loadViews(ctx context.Context, db querier, object string) ([]model.SavedView, error) {
	rows, err := db.QueryContext(ctx, `SELECT id, name, filter, sorts, columns, is_default FROM saved_views
		WHERE object = ? ORDER BY is_default DESC, position, id`, object)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.SavedView
	for rows.Next() {
		v := model.SavedView{Object: object}
		var sorts, cols string
		if err := rows.Scan(&v.ID, &v.Name, &v.Filter, &sorts, &cols, &v.Default); err != nil {
			return nil, err
		}
		// A view whose JSON was damaged by hand still opens, with the
		// object's default sort and columns, rather than failing the list.
		var js []viewSortJSON
		if json.Unmarshal([]byte(sorts), &js) == nil {
			for _, x := range js {
				v.Sorts = append(v.Sorts, model.Sort{Field: x.Field, Desc: x.Desc})
			}
		}
		var jc []viewColumnJSON
		if json.Unmarshal([]byte(cols), &jc) == nil {
			for _, x := range jc {
				v.Columns = append(v.Columns, model.ViewColumn{Field: x.Field, Width: x.Width})
			}
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func insertView(ctx context.Context, tx *sql.Tx, v model.SavedView, isDefault bool, pos int) error {
	sorts, cols := viewJSON(v)
	_, err := tx.ExecContext(ctx, `INSERT INTO saved_views (object, name, filter, sorts, columns, is_default, position)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, v.Object, v.Name, v.Filter, sorts, cols, isDefault, pos)
	return err
}

func viewJSON(v model.SavedView) (sorts, cols string) {
	js := make([]viewSortJSON, 0, len(v.Sorts))
	for _, x := range v.Sorts {
		js = append(js, viewSortJSON{Field: x.Field, Desc: x.Desc})
	}
	jc := make([]viewColumnJSON, 0, len(v.Columns))
	for _, x := range v.Columns {
		jc = append(jc, viewColumnJSON{Field: x.Field, Width: max(x.Width, 0)})
	}
	bs, _ := json.Marshal(js)
	bc, _ := json.Marshal(jc)
	return string(bs), string(bc)
}

func cleanViewName(name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", errors.New("a view needs a name")
	case len([]rune(name)) > maxViewName:
		return "", fmt.Errorf("a view name has at most %d characters", maxViewName)
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return "", errors.New("a view name cannot hold control characters")
	}
	return name, nil
}

// checkView refuses sorts and columns naming fields the object does not
// have, and a filter that does not parse: a view saved broken would fail
// every time it is opened.
func checkView(obj model.Object, v model.SavedView) error {
	for _, x := range v.Sorts {
		if _, ok := obj.Field(x.Field); !ok {
			return fmt.Errorf("cannot sort %s by %q: no such field", obj.Name, x.Field)
		}
	}
	for _, x := range v.Columns {
		if _, ok := obj.Field(x.Field); !ok {
			return fmt.Errorf("%s has no field %q to show as a column", obj.Name, x.Field)
		}
	}
	if _, err := model.ParseFilter(v.Filter); err != nil {
		return fmt.Errorf("filter: %w", err)
	}
	return nil
}

// defaultView is what an object shows before anyone saves a view: the
// label field, then stage fields (what a pipeline list is scanned for),
// then the first few other visible fields in field order, then the owner;
// sorted by the label.
func defaultView(obj model.Object) model.SavedView {
	v := model.SavedView{
		Object:  obj.Name,
		Name:    "All " + strings.ToLower(obj.Plural),
		Sorts:   []model.Sort{{Field: obj.LabelField}},
		Columns: []model.ViewColumn{{Field: obj.LabelField}},
		Default: true,
	}
	if obj.Plural == "" {
		v.Name = "All " + obj.Name
	}
	shown := func(f model.Field) bool {
		return f.Name != obj.LabelField && !f.Hidden && !f.System && f.Type != model.TypeRichText
	}
	var picked []string
	for _, f := range obj.Fields {
		if shown(f) && f.Type == model.TypeStage && len(picked) < defaultViewColumns {
			picked = append(picked, f.Name)
		}
	}
	for _, f := range obj.Fields {
		if shown(f) && f.Type != model.TypeStage && len(picked) < defaultViewColumns {
			picked = append(picked, f.Name)
		}
	}
	if _, ok := obj.Field(model.FieldOwner); ok {
		picked = append(picked, model.FieldOwner)
	}
	for _, name := range picked {
		v.Columns = append(v.Columns, model.ViewColumn{Field: name})
	}
	return v
}
