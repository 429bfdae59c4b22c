package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"rolo/model"
)

// loginRE: logins appear in filters (owner:jane) and sheets, so they are
// short lowercase words.
var loginRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// ValidLogin checks a member login.
func ValidLogin(login string) error {
	if !loginRE.MatchString(login) {
		return fmt.Errorf("%q is not a valid login (lowercase letters, digits, '.', '_' and '-', at most 64)", login)
	}
	return nil
}

const memberCols = `id, login, name, email, active`

func scanMember(sc interface{ Scan(...any) error }) (model.Member, error) {
	var m model.Member
	err := sc.Scan(&m.ID, &m.Login, &m.Name, &m.Email, &m.Active)
	return m, err
}

// AddMember adds an active workspace member. The login is lowercased and
// must be unique.
func (s *Store) AddMember(ctx context.Context, m model.Member) (model.Member, error) {
	m.Login = strings.ToLower(strings.TrimSpace(m.Login))
	if err := ValidLogin(m.Login); err != nil {
		return model.Member{}, err
	}
	m.Active = true
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM members WHERE login = ?`, m.Login).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("a member with login %q exists", m.Login)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO members (login, name, email, active) VALUES (?, ?, ?, 1)`,
			m.Login, strings.TrimSpace(m.Name), strings.TrimSpace(m.Email))
		if err != nil {
			return err
		}
		m.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return model.Member{}, err
	}
	return s.Member(ctx, m.Login)
}

// Members lists every member, active or not, by name.
func (s *Store) Members(ctx context.Context) ([]model.Member, error) {
	return scanMembers(s.db.QueryContext(ctx, `SELECT `+memberCols+` FROM members ORDER BY coalesce(nullif(name, ''), login) COLLATE NOCASE, id`))
}

// scanMembers reads the rows of a query for memberCols and closes them.
func scanMembers(rows *sql.Rows, err error) ([]model.Member, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Member finds a member by login (case-insensitive).
func (s *Store) Member(ctx context.Context, login string) (model.Member, error) {
	m, err := scanMember(s.db.QueryRowContext(ctx, `SELECT `+memberCols+` FROM members WHERE login = ?`, strings.TrimSpace(login)))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Member{}, notFound("member %q", login)
	}
	return m, err
}

// DeactivateMember marks a member inactive: they keep their records and
// history but are no longer offered as owner or assignee.
func (s *Store) DeactivateMember(ctx context.Context, login string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE members SET active = 0 WHERE login = ?`, login)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("member %q", login)
	}
	return nil
}

// resolveMember finds a member by login, email or name (case-insensitive),
// in that order; "me" and "@me" mean the actor.
func (s *Store) resolveMember(ctx context.Context, qr querier, ref string) (int64, string, error) {
	ref = strings.TrimSpace(ref)
	for _, col := range []string{"login", "email"} {
		var id int64
		var name string
		err := qr.QueryRowContext(ctx, `SELECT id, coalesce(nullif(name, ''), login) FROM members WHERE `+col+` = ? COLLATE NOCASE LIMIT 1`, ref).Scan(&id, &name)
		if err == nil {
			return id, name, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, "", err
		}
	}
	if ref == "me" || ref == "@me" {
		if a := s.Actor(); a.ID != 0 {
			return a.ID, displayMember(a), nil
		}
	}
	rows, err := qr.QueryContext(ctx, `SELECT id, login, name FROM members WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 6`, ref)
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	var ids []int64
	var names, logins []string
	for rows.Next() {
		var id int64
		var login, name string
		if err := rows.Scan(&id, &login, &name); err != nil {
			return 0, "", err
		}
		ids, names, logins = append(ids, id), append(names, name), append(logins, login)
	}
	if err := rows.Err(); err != nil {
		return 0, "", err
	}
	switch len(ids) {
	case 0:
		return 0, "", notFound("no member matches %q", ref)
	case 1:
		return ids[0], names[0], nil
	}
	return 0, "", fmt.Errorf("%q matches several members (%s); use a login", ref, strings.Join(logins, ", "))
}

func displayMember(m model.Member) string {
	if m.Name != "" {
		return m.Name
	}
	return m.Login
}
