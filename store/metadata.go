package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"rolo/model"
)

// createObjectTx inserts the object's metadata, creates its table with the
// system columns, then adds each field through addFieldTx — the path
// AddField uses — and finally the indexes every object has. Standard
// objects are seeded through here too.
func (s *Store) createObjectTx(ctx context.Context, tx *sql.Tx, o model.Object, fields []model.Field) (int64, error) {
	if err := model.ValidIdent(o.Name); err != nil {
		return 0, fmt.Errorf("object name: %w", err)
	}
	var exists int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM objects WHERE name = ?`, o.Name).Scan(&exists); err != nil {
		return 0, err
	}
	if exists > 0 {
		return 0, fmt.Errorf("an object named %q already exists", o.Name)
	}
	if o.Singular == "" {
		o.Singular = humanize(o.Name)
	}
	if o.Plural == "" {
		o.Plural = humanize(o.Name)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO objects (name, singular, plural, standard, hidden, label_field, shortcut, position)
		VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM objects))`,
		o.Name, o.Singular, o.Plural, o.Standard, o.Hidden, o.LabelField, o.Shortcut)
	if err != nil {
		return 0, err
	}
	oid, _ := res.LastInsertId()
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("CREATE TABLE %s (\n\t%s\n)", q(o.Table()), systemColumnsDDL)); err != nil {
		return 0, err
	}
	for _, f := range systemFields() {
		f.System = true
		f.Standard = true
		if _, err := insertFieldRow(ctx, tx, oid, f); err != nil {
			return 0, err
		}
	}
	hasLabel := false
	for _, f := range fields {
		f.Standard = f.Standard || o.Standard
		if _, err := s.addFieldTx(ctx, tx, o, oid, f); err != nil {
			return 0, fmt.Errorf("%s.%s: %w", o.Name, f.Name, err)
		}
		hasLabel = hasLabel || f.Name == o.LabelField
	}
	if !hasLabel {
		return 0, fmt.Errorf("object %s: label field %q is not among its fields", o.Name, o.LabelField)
	}
	stmts := append(baseIndexes(o), extraDDL[o.Name]...)
	for _, stmt := range stmts {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return 0, err
		}
	}
	return oid, bumpMeta(ctx, tx)
}

func insertFieldRow(ctx context.Context, tx *sql.Tx, objID int64, f model.Field) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO fields (object_id, name, label, type, position, required, is_unique,
		hidden, standard, system, target, inverse_label) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		objID, f.Name, f.Label, string(f.Type), f.Position, f.Required, f.Unique, f.Hidden, f.Standard, f.System,
		f.Target, f.InverseLabel)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func insertOptions(ctx context.Context, tx *sql.Tx, fieldID int64, opts []model.SelectOption) error {
	for _, o := range opts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO select_options (field_id, value, label, color, position) VALUES (?, ?, ?, ?, ?)`,
			fieldID, o.Value, o.Label, o.Color, o.Position); err != nil {
			return err
		}
	}
	return nil
}

// uniqueTypes may carry a unique index: their main column identifies a
// record (a domain, an email, a phone number, a code).
func uniqueType(t model.FieldType) bool {
	switch t {
	case model.TypeText, model.TypeNumber, model.TypeEmails, model.TypePhones, model.TypeLinks:
		return true
	}
	return false
}

// addFieldTx records a field and adds its columns and indexes to the
// object's table.
func (s *Store) addFieldTx(ctx context.Context, tx *sql.Tx, o model.Object, objID int64, f model.Field) (model.Field, error) {
	if f.System {
		if err := model.ValidIdent(f.Name); err != nil {
			return f, err
		}
	} else if err := model.ValidFieldName(f.Name); err != nil {
		return f, err
	}
	if !slices.Contains(model.FieldTypes, f.Type) {
		return f, fmt.Errorf("unknown field type %q (expected one of %v)", f.Type, model.FieldTypes)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM fields WHERE object_id = ? AND name = ?`, objID, f.Name).Scan(&n); err != nil {
		return f, err
	}
	if n > 0 {
		return f, fmt.Errorf("%s already has a field named %q", o.Name, f.Name)
	}
	f.Object = o.Name
	if f.Label == "" {
		f.Label = humanize(f.Name)
	}
	if f.Unique && !uniqueType(f.Type) {
		return f, fmt.Errorf("a %s field cannot be unique (only text, number, emails, phones and links)", f.Type)
	}
	if f.Type == model.TypeRelation {
		if f.Target == "" {
			return f, fmt.Errorf("a relation field needs a target object")
		}
		var tn int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM objects WHERE name = ?`, f.Target).Scan(&tn); err != nil {
			return f, err
		}
		if tn == 0 {
			return f, fmt.Errorf("relation target %q is not an object", f.Target)
		}
		if f.InverseLabel == "" {
			f.InverseLabel = o.Plural
		}
	} else {
		f.Target, f.InverseLabel = "", ""
	}
	if f.Type == model.TypeSelect || f.Type == model.TypeMultiSelect {
		opts, err := normalizeOptions(f.Options)
		if err != nil {
			return f, err
		}
		f.Options = opts
	} else {
		f.Options = nil
	}
	if f.Position == 0 {
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) + 1 FROM fields WHERE object_id = ? AND position < 900`,
			objID).Scan(&f.Position); err != nil {
			return f, err
		}
	}
	id, err := insertFieldRow(ctx, tx, objID, f)
	if err != nil {
		return f, err
	}
	f.ID = id
	if err := insertOptions(ctx, tx, id, f.Options); err != nil {
		return f, err
	}
	t := q(o.Table())
	for _, def := range columnDDL(f) {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s", t, def)); err != nil {
			return f, err
		}
	}
	if f.Unique {
		stmt := fmt.Sprintf("CREATE UNIQUE INDEX %s ON %s (%s)", q(uniqueName(o.Name, f.Name)), t, q(f.Name))
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			if isConstraint(err) {
				return f, fmt.Errorf("cannot make %s unique: some records share a value", f.Name)
			}
			return f, err
		}
	}
	if indexedType(f.Type) {
		if _, err := tx.ExecContext(ctx, liveIndexDDL(o, f.Name, f.Name)); err != nil {
			return f, err
		}
	}
	return f, bumpMeta(ctx, tx)
}

// normalizeOptions fills values from labels (and labels from values),
// numbers positions in order and gives colourless options a colour.
func normalizeOptions(in []model.SelectOption) ([]model.SelectOption, error) {
	out := make([]model.SelectOption, 0, len(in))
	seen := map[string]bool{}
	for i, o := range in {
		o.Label = strings.TrimSpace(o.Label)
		o.Value = strings.TrimSpace(o.Value)
		if o.Value == "" {
			o.Value = slug(o.Label)
		}
		if o.Value == "" {
			return nil, fmt.Errorf("option %d has neither a value nor a label", i+1)
		}
		if o.Label == "" {
			o.Label = humanize(o.Value)
		}
		if seen[o.Value] {
			return nil, fmt.Errorf("option %q appears twice", o.Value)
		}
		seen[o.Value] = true
		if o.Color == "" {
			o.Color = palette[i%len(palette)]
		}
		o.Position = i
		out = append(out, o)
	}
	return out, nil
}

// palette colours options and stages that were given none.
var palette = []string{"#4c8bf5", "#37b24d", "#f59f00", "#9775fa", "#f03e3e", "#22b8cf", "#e64980", "#868e96"}

// humanize turns an identifier into a label: "job_title" → "Job title".
func humanize(name string) string {
	s := strings.ReplaceAll(name, "_", " ")
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// slug turns a label into an option value: "In progress" → "in_progress".
func slug(label string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(label) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(r)
		} else {
			under = true
		}
	}
	return b.String()
}

// metaTx runs a metadata change: refresh first so decisions use current
// metadata, then one transaction, then reload the cache.
func (s *Store) metaTx(ctx context.Context, fn func(tx *sql.Tx, c *metaCache) error) error {
	if err := s.Refresh(ctx); err != nil {
		return err
	}
	c := s.meta()
	err := s.withTx(ctx, func(tx *sql.Tx) error { return fn(tx, c) })
	if rerr := s.reload(ctx); err == nil {
		err = rerr
	}
	return err
}

// CreateObject creates a custom object with a required "name" text field as
// its label.
func (s *Store) CreateObject(ctx context.Context, name, singular, plural string) (model.Object, error) {
	o := model.Object{Name: name, Singular: singular, Plural: plural, LabelField: "name"}
	err := s.metaTx(ctx, func(tx *sql.Tx, c *metaCache) error {
		_, err := s.createObjectTx(ctx, tx, o, []model.Field{{Name: "name", Label: "Name", Type: model.TypeText, Required: true}})
		return err
	})
	if err != nil {
		return model.Object{}, err
	}
	return s.Object(name)
}

// RenameObject changes an object's labels; its name (and table) stay. An
// empty label is left as it was.
func (s *Store) RenameObject(ctx context.Context, name, singular, plural string) error {
	return s.metaTx(ctx, func(tx *sql.Tx, c *metaCache) error {
		st, ok := c.byName[name]
		if !ok {
			return c.unknownObject(name)
		}
		if singular == "" {
			singular = st.obj.Singular
		}
		if plural == "" {
			plural = st.obj.Plural
		}
		if _, err := tx.ExecContext(ctx, `UPDATE objects SET singular = ?, plural = ? WHERE id = ?`, singular, plural, st.id); err != nil {
			return err
		}
		return bumpMeta(ctx, tx)
	})
}

// RemoveObject drops a custom object: its table, its fields, the relation
// fields of other objects that point at it, and its events.
func (s *Store) RemoveObject(ctx context.Context, name string) error {
	return s.metaTx(ctx, func(tx *sql.Tx, c *metaCache) error {
		st, ok := c.byName[name]
		if !ok {
			return c.unknownObject(name)
		}
		if st.obj.Standard {
			return fmt.Errorf("%s is a standard object and cannot be removed (it can be hidden)", name)
		}
		for _, other := range c.objs {
			if other == st {
				continue
			}
			for _, f := range other.obj.Fields {
				if f.Type == model.TypeRelation && f.Target == name {
					if err := removeFieldTx(ctx, tx, other, f); err != nil {
						return err
					}
				}
			}
		}
		if _, err := tx.ExecContext(ctx, "DROP TABLE "+q(st.obj.Table())); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM objects WHERE id = ?`, st.id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM events WHERE object = ?`, name); err != nil {
			return err
		}
		return bumpMeta(ctx, tx)
	})
}

// AddField adds a custom field to an object. The table gets its columns
// (ALTER TABLE ADD COLUMN), a unique index if f.Unique, an index if it is a
// reference. Required is enforced on writes from now on; existing records
// are not checked.
func (s *Store) AddField(ctx context.Context, object string, f model.Field) (model.Field, error) {
	var added model.Field
	err := s.metaTx(ctx, func(tx *sql.Tx, c *metaCache) error {
		st, ok := c.byName[object]
		if !ok {
			return c.unknownObject(object)
		}
		f.Standard, f.System, f.ID = false, false, 0
		var err error
		added, err = s.addFieldTx(ctx, tx, st.obj, st.id, f)
		return err
	})
	if err != nil {
		return model.Field{}, err
	}
	o, err := s.Object(object)
	if err != nil {
		return model.Field{}, err
	}
	nf, _ := o.Field(added.Name)
	return nf, nil
}

// fieldOf finds an object's field in the snapshot.
func (c *metaCache) fieldOf(object, name string) (*objState, model.Field, error) {
	st, ok := c.byName[object]
	if !ok {
		return nil, model.Field{}, c.unknownObject(object)
	}
	f, ok := st.obj.Field(name)
	if !ok {
		return nil, model.Field{}, fmt.Errorf("%s has no field %q (fields: %s)", object, name, strings.Join(st.obj.FieldNames(), ", "))
	}
	return st, f, nil
}

// RenameField changes a field's label; its name (the column) stays.
func (s *Store) RenameField(ctx context.Context, object, name, newLabel string) error {
	newLabel = strings.TrimSpace(newLabel)
	if newLabel == "" {
		return fmt.Errorf("a field label cannot be empty")
	}
	return s.metaTx(ctx, func(tx *sql.Tx, c *metaCache) error {
		_, f, err := c.fieldOf(object, name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE fields SET label = ? WHERE id = ?`, newLabel, f.ID); err != nil {
			return err
		}
		return bumpMeta(ctx, tx)
	})
}

// SetFieldHidden hides a field from views (or shows it again).
func (s *Store) SetFieldHidden(ctx context.Context, object, name string, hidden bool) error {
	return s.metaTx(ctx, func(tx *sql.Tx, c *metaCache) error {
		_, f, err := c.fieldOf(object, name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE fields SET hidden = ? WHERE id = ?`, hidden, f.ID); err != nil {
			return err
		}
		return bumpMeta(ctx, tx)
	})
}

// RemoveField drops a custom field and its data.
func (s *Store) RemoveField(ctx context.Context, object, name string) error {
	return s.metaTx(ctx, func(tx *sql.Tx, c *metaCache) error {
		st, f, err := c.fieldOf(object, name)
		if err != nil {
			return err
		}
		switch {
		case f.System:
			return fmt.Errorf("%s is a system field and cannot be removed", name)
		case f.Standard:
			return fmt.Errorf("%s is a standard field of %s and cannot be removed (it can be hidden)", name, object)
		case f.Name == st.obj.LabelField:
			return fmt.Errorf("%s names the records of %s and cannot be removed", name, object)
		}
		return removeFieldTx(ctx, tx, st, f)
	})
}

// removeFieldTx drops a field's indexes (SQLite refuses to drop an indexed
// column), then its columns, then its metadata (options cascade).
func removeFieldTx(ctx context.Context, tx *sql.Tx, st *objState, f model.Field) error {
	for _, ix := range []string{uniqueName(st.obj.Name, f.Name), indexName(st.obj.Name, f.Name)} {
		if _, err := tx.ExecContext(ctx, "DROP INDEX IF EXISTS "+q(ix)); err != nil {
			return err
		}
	}
	for _, col := range f.Columns() {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("ALTER TABLE %s DROP COLUMN %s", q(st.obj.Table()), q(col))); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM fields WHERE id = ?`, f.ID); err != nil {
		return err
	}
	return bumpMeta(ctx, tx)
}

// SetOptions replaces the options of a select or multi-select field, in
// the given order. Removing an option that live records still use is
// refused with the number of records, so nothing is silently emptied.
func (s *Store) SetOptions(ctx context.Context, object, field string, opts []model.SelectOption) error {
	return s.metaTx(ctx, func(tx *sql.Tx, c *metaCache) error {
		st, f, err := c.fieldOf(object, field)
		if err != nil {
			return err
		}
		if f.Type != model.TypeSelect && f.Type != model.TypeMultiSelect {
			return fmt.Errorf("%s.%s is a %s field, not a select", object, field, f.Type)
		}
		norm, err := normalizeOptions(opts)
		if err != nil {
			return err
		}
		keep := map[string]bool{}
		for _, o := range norm {
			keep[o.Value] = true
		}
		for _, old := range f.Options {
			if keep[old.Value] {
				continue
			}
			var n int64
			var query string
			if f.Type == model.TypeSelect {
				query = fmt.Sprintf(`SELECT count(*) FROM %s WHERE %s = ? AND "deleted_at" IS NULL`, q(st.obj.Table()), q(f.Name))
			} else {
				query = fmt.Sprintf(`SELECT count(*) FROM %s AS t WHERE "deleted_at" IS NULL AND EXISTS (SELECT 1 FROM json_each(t.%s) WHERE value = ?)`,
					q(st.obj.Table()), q(f.Name))
			}
			if err := tx.QueryRowContext(ctx, query, old.Value).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return fmt.Errorf("option %q of %s is used by %d %s; change them first", old.Label, f.Label, n, countNoun(st.obj, n))
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM select_options WHERE field_id = ?`, f.ID); err != nil {
			return err
		}
		if err := insertOptions(ctx, tx, f.ID, norm); err != nil {
			return err
		}
		return bumpMeta(ctx, tx)
	})
}

// countNoun is the object's label for n records: "1 person", "3 people".
func countNoun(o model.Object, n int64) string {
	if n == 1 {
		return strings.ToLower(o.Singular)
	}
	return strings.ToLower(o.Plural)
}
