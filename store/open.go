package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// applicationID marks an SQLite file as a rolo workspace ("rolo" in ASCII),
// stored in the database header at offset 68.
const applicationID = 0x726f6c6f

// Open opens (or creates) the workspace at path and brings its schema up to
// date. An existing file is checked before SQLite touches it, so a wrong
// file is refused without being modified.
func Open(path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("no database path")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	// Create the file ourselves so it is private from the first byte;
	// SQLite would create it with the umask's mode.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	f.Close()

	// Beyond the usual WAL/busy/foreign-keys/synchronous settings:
	// temp_store(MEMORY) keeps statement journals and sorts off disk;
	// cache_size (64 MiB) holds the working set of a large import; and
	// mmap_size lets reads of a large workspace come from the OS page
	// cache without a pread per page (random pages of a million records
	// cost half as much CPU).
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)&_pragma=temp_store(MEMORY)&_pragma=cache_size(-65536)" +
		"&_pragma=mmap_size(1073741824)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, now: opts.Now, reg: opts.Region}
	if s.now == nil {
		s.now = time.Now
	}
	if s.reg == "" {
		s.reg = "US"
	}
	ctx := context.Background()
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := s.reload(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.SetActor(opts.Actor); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// checkHeader reads the 100-byte SQLite header of an existing non-empty file
// (read-only, so a foreign file is left byte-for-byte as it was) and refuses
// files that are not rolo workspaces of a schema this build knows.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return fmt.Errorf("%s is a directory, not a rolo database", path)
	}
	if st.Size() == 0 {
		return nil // created by us and never initialised
	}
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || !bytes.Equal(h[:16], []byte("SQLite format 3\x00")) {
		return fmt.Errorf("%s is not a rolo database (not an SQLite file)", path)
	}
	appID := binary.BigEndian.Uint32(h[68:72])
	userVersion := int(binary.BigEndian.Uint32(h[60:64]))
	schemaCookie := binary.BigEndian.Uint32(h[40:44])
	if appID != applicationID {
		// An SQLite file whose schema was never written (for example one
		// that only got as far as switching to WAL before a crash) holds
		// nothing and may become a workspace.
		if appID == 0 && userVersion == 0 && schemaCookie == 0 {
			return nil
		}
		return fmt.Errorf("%s is an SQLite database but not a rolo workspace", path)
	}
	if n := len(migrations); userVersion > n {
		return fmt.Errorf("%s was written by a newer rolo (schema %d, this build knows %d); upgrade rolo", path, userVersion, n)
	}
	return nil
}
