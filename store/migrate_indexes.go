package store

import (
	"context"
	"database/sql"

	"rolo/model"
)

// liveIndexes is migration 3's Go step: it rebuilds the owner index and
// the index of every reference and select field of every object in the
// current shape (liveIndexDDL), creating the select fields' indexes and
// the index of records that are not live (goneIndexDDL), which did not
// exist before. An index already in that shape is left alone, so
// a workspace created by this version pays nothing.
func liveIndexes(ctx context.Context, s *Store, tx *sql.Tx) error {
	type target struct {
		obj       model.Object
		name, col string
		ddl       string
	}
	rows, err := tx.QueryContext(ctx, `SELECT o.name, f.name, f.type FROM objects o JOIN fields f ON f.object_id = o.id AND NOT f.system ORDER BY o.id, f.id`)
	if err != nil {
		return err
	}
	var targets []target
	seen := map[string]bool{}
	for rows.Next() {
		var obj, field, typ string
		if err := rows.Scan(&obj, &field, &typ); err != nil {
			rows.Close()
			return err
		}
		o := model.Object{Name: obj}
		// System fields (owner, created_by) come with the table, not
		// through addFieldTx; of them only owner has an index.
		if !seen[obj] {
			seen[obj] = true
			targets = append(targets, target{o, "owner", model.FieldOwner, liveIndexDDL(o, "owner", model.FieldOwner)},
				target{o, "_gone", "", goneIndexDDL(o)})
		}
		if field != model.FieldOwner && indexedType(model.FieldType(typ)) {
			targets = append(targets, target{o, field, field, liveIndexDDL(o, field, field)})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, t := range targets {
		name := indexName(t.obj.Name, t.name)
		want := t.ddl
		var have string
		err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, name).Scan(&have)
		switch {
		case err == nil && have == want:
			continue
		case err != nil && err != sql.ErrNoRows:
			return err
		}
		if _, err := tx.ExecContext(ctx, "DROP INDEX IF EXISTS "+q(name)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, want); err != nil {
			return err
		}
	}
	return nil
}
