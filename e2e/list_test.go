package e2e

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The list view end to end: the built binary in a pseudo-terminal on a
// small demo workspace, checked from the screen and, for writes, from the
// database through the CLI.

const (
	keyDown  = "j"
	keyPgDn  = "\x1b[6~"
	keyTab   = "\t"
	keyEnter = "\r"
	keyEsc   = "\x1b"
	keyCtrlC = "\x03"
)

// demoDB makes a small demo workspace and returns its path.
func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	rolo(t, db, "demo")
	return db
}

func count(t *testing.T, db, object string, args ...string) string {
	t.Helper()
	return strings.TrimSpace(rolo(t, db, append([]string{"count", object}, args...)...))
}

// openTUI starts rolo with no command on db and waits for the first list.
func openTUI(t *testing.T, db string) *session {
	t.Helper()
	s := start(t, 120, 40, "--db", db, "--as", "alice")
	s.waitFor("1 of 40") // companies, the first object
	return s
}

// quit leaves with q from the list and checks the exit status.
func (s *session) quit() {
	s.t.Helper()
	s.key("q")
	if err := s.waitExit(); err != nil {
		s.t.Fatalf("rolo exited with %v", err)
	}
}

// openObject moves the sidebar cursor down n objects and opens it.
func (s *session) openObject(n int, wait string) {
	s.t.Helper()
	s.key(keyTab)
	for range n {
		s.key(keyDown)
	}
	s.key(keyEnter)
	s.waitFor(wait)
}

func TestListScrollFilterSort(t *testing.T) {
	db := demoDB(t)
	won := count(t, db, "opportunities", "--filter", "stage:won")
	s := openTUI(t, db)

	s.key(keyDown)
	s.waitFor("2 of 40")
	s.key(keyPgDn)
	s.waitGone("2 of 40")
	if !regexp.MustCompile(`\b([3-9]|[1-3][0-9]) of 40\b`).MatchString(s.screen()) {
		t.Fatalf("pgdn did not move down a page:\n%s", s.screen())
	}
	s.key("G")
	s.waitFor("40 of 40")
	s.key("g") // g g: a lone g starts a go-to chord
	s.key("g")
	s.waitFor("1 of 40")

	// Opportunities, filtered to won deals as the filter is typed.
	s.openObject(2, "1 of 120")
	s.key("/")
	s.send("stage:won")
	s.waitFor("1 of " + won + " ")
	s.waitFor(won + " opportunities") // the status bar's count
	for _, stage := range []string{"Lost", "Negotiation", "Proposal", "Qualified", "Incoming"} {
		if strings.Contains(s.screen(), " "+stage+" ") {
			t.Fatalf("a %s deal is shown under stage:won:\n%s", stage, s.screen())
		}
	}
	s.key(keyEnter)

	// s sorts by the column under the cursor (the name): again reverses.
	s.waitFor("Name ▲")
	s.key("s")
	s.waitFor("Name ▼")
	s.waitFor("1 of " + won + " ")
	s.quit()
}

func TestSaveAndSwitchView(t *testing.T) {
	db := demoDB(t)
	won := count(t, db, "opportunities", "--filter", "stage:won")
	s := openTUI(t, db)
	s.openObject(2, "1 of 120")
	s.key("/")
	s.send("stage:won")
	s.key(keyEnter)
	s.waitFor("1 of " + won + " ")
	s.key("V")
	s.waitFor("Save view as")
	s.send("Won deals")
	s.key(keyEnter)
	s.waitFor("view: Won deals")
	s.waitFor("saved view Won deals")

	// Switch to the default view and back with v.
	s.key("v")
	s.waitFor("enter switch")
	s.key("k")
	s.key(keyEnter)
	s.waitFor("view: All opportunities")
	s.waitFor("1 of 120")
	s.key("v")
	s.waitFor("enter switch")
	s.key(keyDown)
	s.key(keyEnter)
	s.waitFor("view: Won deals")
	s.waitFor("1 of " + won + " ")
	s.quit()

	// The view is in the database: a new session lists it.
	s = openTUI(t, db)
	s.openObject(2, "1 of 120")
	s.waitFor("Won deals")
	s.quit()
}

func TestDeleteThenUndo(t *testing.T) {
	db := demoDB(t)
	s := openTUI(t, db)
	s.openObject(1, "1 of 300")
	s.key("d")
	s.waitFor("deleted 1 record · u to undo")
	s.waitFor("1 of 299")
	if n := count(t, db, "people"); n != "299" {
		t.Fatalf("rolo count people = %s after a delete, want 299", n)
	}
	s.key("u")
	s.waitFor("restored 1 record")
	s.waitFor("1 of 300")
	if n := count(t, db, "people"); n != "300" {
		t.Fatalf("rolo count people = %s after undo, want 300", n)
	}
	s.quit()
}

func TestEscapeSequencesInNamesAreText(t *testing.T) {
	db := demoDB(t)
	rolo(t, db, "create", "people", "name=Evil\x1b[31mRed\x1b]0;pwned\x07")
	s := openTUI(t, db)
	title := s.term.Title()
	s.openObject(1, "1 of 301")
	s.key("/")
	s.send("Evil")
	s.waitFor("1 of 1 ")
	s.waitFor("EvilRed")
	if got := s.term.Title(); got != title || strings.Contains(got, "pwned") {
		t.Fatalf("the terminal title changed from %q to %q", title, got)
	}
	if strings.Contains(s.screen(), "pwned\x07") || strings.Contains(s.screen(), "[31m") {
		t.Fatalf("escape sequence drawn raw:\n%s", s.screen())
	}
	s.key(keyCtrlC)
	if err := s.waitExit(); err != nil {
		t.Fatalf("ctrl+c: rolo exited with %v", err)
	}
}

func TestFirstRunOffersDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	s := start(t, 100, 30, "--db", db, "--as", "alice")
	s.waitFor("Welcome to rolo")
	s.waitFor("Load demo workspace")
	s.waitFor("Start empty")
	s.key(keyEnter)
	s.waitFor("1 of 40")
	s.waitFor("demo workspace loaded")
	s.quit()
	if n := count(t, db, "people"); n != "300" {
		t.Fatalf("people after loading the demo = %s", n)
	}
}

func TestFirstRunStartEmpty(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	s := start(t, 100, 30, "--db", db, "--as", "alice")
	s.waitFor("Start empty")
	s.key(keyDown)
	s.key(keyEnter)
	s.waitFor("No companies yet")
	s.quit()
	// Not offered twice.
	s = start(t, 100, 30, "--db", db, "--as", "alice")
	s.waitFor("No companies yet")
	time.Sleep(50 * time.Millisecond)
	if strings.Contains(s.screen(), "Welcome to rolo") {
		t.Fatal("the first-run screen came back after choosing to start empty")
	}
	s.quit()
}
