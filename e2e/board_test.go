package e2e

import (
	"database/sql"
	"regexp"
	"strconv"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// The kanban board end to end: the real binary in a pseudo-terminal on
// the demo workspace. Every move is checked on the screen, then in the
// database file itself, opened read-only beside the running program (WAL
// lets a reader in while rolo writes).

func openDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// card is one opportunity as the board shows it.
type card struct {
	id          int64
	name, stage string
}

// firstCard is the top card of a stage column (board order) of Sales.
func firstCard(t *testing.T, db *sql.DB, stage string) card {
	t.Helper()
	var c card
	err := db.QueryRow(`SELECT o.id, o.name, s.name FROM obj_opportunities o JOIN stages s ON s.id = o.stage
		JOIN pipelines p ON p.id = o.pipeline WHERE p.name = 'Sales' AND s.name = ? AND o.deleted_at IS NULL AND o.active = 1
		ORDER BY o.position, o.id LIMIT 1`, stage).Scan(&c.id, &c.name, &c.stage)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// waitDB polls the database until query returns want.
func waitDB(t *testing.T, db *sql.DB, want string, query string, args ...any) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var got string
	for time.Now().Before(deadline) {
		if err := db.QueryRow(query, args...).Scan(&got); err == nil && got == want {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("database: %q gave %q, want %q", query, got, want)
}

func stageOfCard(db *sql.DB) string {
	return `SELECT s.name FROM obj_opportunities o JOIN stages s ON s.id = o.stage WHERE o.id = ?`
}

var headerRE = regexp.MustCompile(`● ([A-Za-z]+) +([0-9,]+)`)

// checkHeaders compares every stage header on screen (name and count)
// with a GROUP BY over the database, under an optional owner filter.
func checkHeaders(t *testing.T, s *session, db *sql.DB, pipeline, ownerLogin string) {
	t.Helper()
	q := `SELECT s.name, count(o.id) FROM stages s JOIN pipelines p ON p.id = s.pipeline_id
		LEFT JOIN obj_opportunities o ON o.stage = s.id AND o.deleted_at IS NULL AND o.active = 1
			AND (? = '' OR o.owner = (SELECT id FROM members WHERE login = ?))
		WHERE p.name = ? GROUP BY s.id`
	rows, err := db.Query(q, ownerLogin, ownerLogin, pipeline)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			t.Fatal(err)
		}
		want[name] = strconv.Itoa(n)
	}
	rows.Close()
	var sc string
	ok := func() bool {
		sc = s.screen()
		ms := headerRE.FindAllStringSubmatch(sc, -1)
		if len(ms) == 0 {
			return false
		}
		for _, m := range ms {
			if want[m[1]] != m[2] {
				return false
			}
		}
		return true
	}
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("stage headers differ from the database %v:\n%s", want, sc)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func openBoard(t *testing.T, db string) *session {
	t.Helper()
	s := openTUI(t, db)
	s.key("b")
	s.waitFor("Opportunities · Sales")
	s.waitFor("● Incoming")
	s.waitFor("▌") // the cursor card: the first page is in
	return s
}

func TestBoardMoveReorderUndo(t *testing.T) {
	path := demoDB(t)
	db := openDB(t, path)
	c := firstCard(t, db, "Incoming")
	s := openBoard(t, path)

	// L L: two stages right, in order, however fast.
	s.send("LL")
	waitDB(t, db, "Meeting", stageOfCard(db), c.id)
	s.waitFor("3/7")
	checkHeaders(t, s, db, "Sales", "")

	// K: the second card of Meeting goes above the first.
	s.key("j")
	second := func() int64 {
		var id int64
		db.QueryRow(`SELECT o.id FROM obj_opportunities o JOIN stages s ON s.id = o.stage WHERE s.name = 'Meeting'
			AND s.pipeline_id = o.pipeline AND o.deleted_at IS NULL ORDER BY o.position, o.id LIMIT 1 OFFSET 1`).Scan(&id)
		return id
	}()
	s.key("K")
	waitDB(t, db, strconv.FormatInt(second, 10), `SELECT o.id FROM obj_opportunities o JOIN stages s ON s.id = o.stage
		WHERE s.name = 'Meeting' AND s.pipeline_id = o.pipeline AND o.deleted_at IS NULL ORDER BY o.position, o.id LIMIT 1`)

	// u undoes the reorder, u again the second move.
	s.key("u")
	waitDB(t, db, strconv.FormatInt(c.id, 10), `SELECT o.id FROM obj_opportunities o JOIN stages s ON s.id = o.stage
		WHERE s.name = 'Meeting' AND s.pipeline_id = o.pipeline AND o.deleted_at IS NULL ORDER BY o.position, o.id LIMIT 1`)
	s.key("u")
	waitDB(t, db, "Qualified", stageOfCard(db), c.id)
	checkHeaders(t, s, db, "Sales", "")
	var events int
	db.QueryRow(`SELECT count(*) FROM events WHERE record_id = ? AND object = 'opportunities' AND kind = 'stage_changed'`, c.id).Scan(&events)
	if events != 3 {
		t.Errorf("%d stage_changed events for the card, want 3 (two moves and an undo)", events)
	}
	s.key("q")
	s.waitFor("of 40") // back on the list
	s.quit()
}

func TestBoardLostFilterSwitchPipeline(t *testing.T) {
	path := demoDB(t)
	db := openDB(t, path)
	c := firstCard(t, db, "Incoming")
	s := openBoard(t, path)

	s.key("X")
	s.waitFor("Lost · reason for")
	s.send("too expensive")
	s.key(keyEnter)
	waitDB(t, db, "Lost|too expensive", `SELECT s.name || '|' || coalesce(o.loss_reason, '') FROM obj_opportunities o
		JOIN stages s ON s.id = o.stage WHERE o.id = ?`, c.id)
	checkHeaders(t, s, db, "Sales", "")

	s.key("/")
	s.send("owner:@me")
	s.key(keyEnter)
	s.waitFor("/ owner:@me")
	checkHeaders(t, s, db, "Sales", "alice")

	s.key("p")
	s.waitFor("Partnerships")
	s.send("partner")
	s.key(keyEnter)
	s.waitFor("Opportunities · Partnerships")
	checkHeaders(t, s, db, "Partnerships", "alice")
	s.key(keyEsc)
	s.waitFor("of 40")
	s.quit()
}
