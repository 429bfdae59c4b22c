package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"rolo/model"
)

// EventQuery selects events, newest first. Zero fields do not filter.
type EventQuery struct {
	Object   string
	RecordID int64
	BeforeID int64 // page back: only events with a smaller id
	Limit    int   // default 100
}

// insertEvent writes one event inside the caller's transaction, so the log
// never disagrees with the data.
func insertEvent(ctx context.Context, tx *sql.Tx, e model.Event) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO events (at, actor, object, record_id, kind, field, old, new)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		e.At.UnixMilli(), e.Actor, e.Object, e.RecordID, string(e.Kind), e.Field, e.Old, e.New)
	return err
}

// event starts an event stamped with the store's clock and actor.
func (s *Store) event(object string, id int64, kind model.EventKind) model.Event {
	return model.Event{At: s.now(), Actor: s.actorID(), Object: object, RecordID: id, Kind: kind}
}

// Events reads the change log, newest first.
func (s *Store) Events(ctx context.Context, eq EventQuery) ([]model.Event, error) {
	var where []string
	var args []any
	if eq.Object != "" {
		where = append(where, "object = ?")
		args = append(args, eq.Object)
	}
	if eq.RecordID != 0 {
		where = append(where, "record_id = ?")
		args = append(args, eq.RecordID)
	}
	if eq.BeforeID != 0 {
		where = append(where, "id < ?")
		args = append(args, eq.BeforeID)
	}
	if eq.Limit <= 0 {
		eq.Limit = 100
	}
	query := `SELECT id, at, actor, object, record_id, kind, field, old, new FROM events`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY id DESC LIMIT ?"
	args = append(args, eq.Limit)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Event
	for rows.Next() {
		var e model.Event
		var at int64
		var kind string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Object, &e.RecordID, &kind, &e.Field, &e.Old, &e.New); err != nil {
			return nil, err
		}
		e.At = time.UnixMilli(at).UTC()
		e.Kind = model.EventKind(kind)
		out = append(out, e)
	}
	return out, rows.Err()
}
