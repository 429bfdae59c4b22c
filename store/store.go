// Package store is rolo's persistence layer: an SQLite file holding the
// metadata (objects, fields, options, members, pipelines), one real table per
// object, and the events log. Every public call is one transaction, so a
// failure leaves the database as it was.
//
// Records are read with their references resolved (relation labels, member
// names, pipeline and stage names) by LEFT JOINs against subqueries whose
// columns are renamed "rN__id"/"rN__label". The renaming keeps the object's
// own columns unambiguous, so the filter compiler (whereSQL) can emit
// unqualified column names.
package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"rolo/model"
)

// Options configure Open.
type Options struct {
	// Actor is the login of the member making changes; it is created as a
	// member if missing. Empty means changes are attributed to nobody (0).
	Actor string
	// Region is the default region for phone numbers (ISO 3166, e.g. "US").
	Region string
	// Now is the clock; tests fix it. Default time.Now.
	Now func() time.Time
}

// Store is an open rolo workspace. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time
	reg  string

	stmts stmtCache

	mu    sync.RWMutex
	actor model.Member
	cache *metaCache // replaced whole on reload, never mutated
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// DB exposes the underlying handle for tools and tests in other packages
// that need raw access (export, diagnostics). Prefer the typed API.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *Store) Close() error {
	s.stmts.reset()
	return s.db.Close()
}

// ParseEnv is what model.ParseValue needs for this workspace.
func (s *Store) ParseEnv() model.ParseEnv {
	return model.ParseEnv{Now: s.now(), Region: s.reg}
}

// Actor is the member changes are attributed to.
func (s *Store) Actor() model.Member {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.actor
}

// SetActor switches the member changes are attributed to, creating it if
// the login is unknown.
func (s *Store) SetActor(login string) error {
	ctx := context.Background()
	if login == "" {
		s.mu.Lock()
		s.actor = model.Member{}
		s.mu.Unlock()
		return nil
	}
	m, err := s.Member(ctx, login)
	if err != nil {
		if !isNotFound(err) {
			return err
		}
		if m, err = s.AddMember(ctx, model.Member{Login: login, Active: true}); err != nil {
			return err
		}
	}
	s.mu.Lock()
	s.actor = m
	s.mu.Unlock()
	return nil
}

func (s *Store) actorID() int64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.actor.ID
}

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

func (s *Store) nowMS() int64 { return s.now().UnixMilli() }

// withTx runs fn in one write transaction (BEGIN IMMEDIATE through the DSN),
// committing on success and rolling back on any error or panic.
func (s *Store) withTx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// querier is what *sql.DB and *sql.Tx share for reads.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
