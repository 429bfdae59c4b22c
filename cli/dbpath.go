package cli

import (
	"errors"
	"os/user"
	"path/filepath"
)

// dbPath decides which workspace file to open: --db, else $ROLO_DB, else
// the XDG data directory ($XDG_DATA_HOME/rolo/rolo.db, which defaults to
// ~/.local/share/rolo/rolo.db). Environment reads go through getenv so
// tests never touch the developer's own database.
func dbPath(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if p := getenv("ROLO_DB"); p != "" {
		return p, nil
	}
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "rolo", "rolo.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		if u, err := user.Current(); err == nil {
			home = u.HomeDir
		}
	}
	if home == "" {
		return "", errors.New("cannot find a place for the database: set --db or $ROLO_DB")
	}
	return filepath.Join(home, ".local", "share", "rolo", "rolo.db"), nil
}

// actorLogin decides who is making changes: --as, else $ROLO_USER, else the
// operating-system user. The store creates the member on first use.
func actorLogin(flag string, getenv func(string) string) string {
	if flag != "" {
		return flag
	}
	if u := getenv("ROLO_USER"); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}
