package store

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenCreatesPrivateFileAndSeeds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "rolo.db")
	s, err := Open(path, Options{Actor: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
	var names []string
	for _, o := range s.Objects() {
		names = append(names, o.Name+":"+o.Shortcut)
	}
	if got := strings.Join(names, " "); got != "companies:c people:p opportunities:o tasks:t notes:n" {
		t.Errorf("objects = %s", got)
	}
	ps, err := s.Pipelines(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Name != "Sales" {
		t.Fatalf("pipelines = %+v", ps)
	}
	var stages []string
	for _, st := range ps[0].Stages {
		stages = append(stages, st.Name+"/"+string(st.Kind))
		if st.Color == "" {
			t.Errorf("stage %s has no colour", st.Name)
		}
	}
	if got := strings.Join(stages, " "); got != "Incoming/incoming Qualified/ Meeting/ Proposal/ Negotiation/ Won/won Lost/lost" {
		t.Errorf("stages = %s", got)
	}
	if a := s.Actor(); a.Login != "alice" || a.ID == 0 {
		t.Errorf("actor = %+v", a)
	}
	// Nothing but the actor and the seeds.
	ms, _ := s.Members(ctx)
	if len(ms) != 1 {
		t.Errorf("members = %+v", ms)
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM obj_people`).Scan(&n)
	if n != 0 {
		t.Errorf("people = %d", n)
	}
}

func TestReopenKeepsDataAndIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rolo.db")
	s, err := Open(path, Options{Actor: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateObject(ctx, "projects", "Project", "Projects"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path, Options{Actor: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Object("projects"); err != nil {
		t.Error(err)
	}
	if len(s.Objects()) != 6 {
		t.Errorf("objects = %d", len(s.Objects()))
	}
	ps, _ := s.Pipelines(ctx)
	if len(ps) != 1 {
		t.Errorf("pipelines = %d after reopening", len(ps))
	}
	var v int
	s.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != len(migrations) {
		t.Errorf("user_version = %d", v)
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// refuseUntouched opens path expecting an error containing want, and checks
// the file is byte-for-byte the same and no -wal/-shm appeared.
func refuseUntouched(t *testing.T, path, want string) {
	t.Helper()
	before := fileHash(t, path)
	s, err := Open(path, Options{Actor: "alice"})
	if err == nil {
		s.Close()
		t.Fatalf("Open(%s) succeeded, want error %q", path, want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error = %q, want it to contain %q", err, want)
	}
	if fileHash(t, path) != before {
		t.Error("the file was modified")
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("%s was left behind", suffix)
		}
	}
}

func TestOpenRefusesNonSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(path, []byte(strings.Repeat("just some text\n", 20)), 0o644)
	refuseUntouched(t, path, path+" is not a rolo database (not an SQLite file)")

	short := filepath.Join(t.TempDir(), "short.db")
	os.WriteFile(short, []byte("SQLite"), 0o644)
	refuseUntouched(t, short, "not an SQLite file")
}

// writeForeignSQLite makes an ordinary SQLite database with a table, through
// the same driver, closed cleanly (no WAL left).
func writeForeignSQLite(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE t(x); INSERT INTO t VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
}

func TestOpenRefusesForeignSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	writeForeignSQLite(t, path)
	refuseUntouched(t, path, path+" is an SQLite database but not a rolo workspace")
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rolo.db")
	s, err := Open(path, Options{Actor: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	// Checkpoint so the header on disk is current, then close.
	s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	s.Close()
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b[:16], []byte("SQLite format 3\x00")) || binary.BigEndian.Uint32(b[68:]) != applicationID {
		t.Fatal("a fresh workspace lacks rolo's application_id")
	}
	binary.BigEndian.PutUint32(b[60:], uint32(len(migrations)+7))
	os.WriteFile(path, b, 0o600)
	refuseUntouched(t, path, fmt.Sprintf("%s was written by a newer rolo (schema %d, this build knows %d); upgrade rolo",
		path, len(migrations)+7, len(migrations)))
}

func TestOpenAcceptsEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	os.WriteFile(path, nil, 0o600)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func TestOpenPathWithSpecialCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "my work", "rolo #1?.db")
	s, err := Open(path, Options{Actor: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// SQLite wrote to this very file (not to a name it mis-parsed).
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 100 || binary.BigEndian.Uint32(b[68:]) != applicationID {
		t.Fatalf("database not at %s (%d bytes, %v)", path, len(b), err)
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	s.Close()
}
