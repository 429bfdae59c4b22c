package e2e

import (
	"strings"
	"testing"
)

// The command palette end to end: Ctrl+K over the list, a record found by
// part of its name, creating from the palette, and favorites.

const keyCtrlK = "\x0b"

func TestPaletteOpensPersonByName(t *testing.T) {
	db := demoDB(t)
	rolo(t, db, "create", "people", "name=Zephyrine Quackenbush", "emails=zq@example.org")
	s := openTUI(t, db)

	// Over the filter bar, which has the keys: ctrl+k still opens it.
	s.key("/")
	s.key(keyCtrlK)
	s.waitFor("Search records")
	s.send("zephyr qua")
	s.waitFor("zq@example.org") // the row, with its secondary text
	s.key(keyEnter)
	s.waitGone("Search records")
	s.waitFor("Zephyrine Quackenbush")
	s.waitFor("Person")

	// f puts it in the sidebar, and it is still there next time.
	s.key("f")
	s.waitFor("★ Zephyrine Quacken")
	s.key(keyCtrlC)
	s.waitExit()

	s = openTUI(t, db)
	s.waitFor("★ Zephyrine Quacken")
	// The empty query lists it as recent.
	s.key(keyCtrlK)
	s.waitFor("Recent")
	s.waitFor("Zephyrine Quackenbush")
	s.key(keyEsc)
	s.waitGone("Search records")
	s.quit()
}

func TestPaletteCreatesCompany(t *testing.T) {
	db := demoDB(t)
	s := openTUI(t, db)
	s.key(keyCtrlK)
	s.waitFor("Search records")
	s.send(">new company Blorptech Widgets")
	s.waitFor("Create company “Blorptech Widgets”")
	s.key(keyEnter)
	// The record form opens with the name filled in; ctrl+s saves it.
	s.waitFor("New company")
	s.waitFor("Blorptech Widgets")
	s.key("\x13")
	s.waitFor("created Blorptech Widgets")
	if got := count(t, db, "companies", "--filter", `name:"Blorptech Widgets"`); got != "1" {
		t.Fatalf("companies named Blorptech Widgets: %s", got)
	}
	// And the palette finds it at once.
	s.key(keyCtrlK)
	s.send("blorpt")
	s.waitFor("Company")
	if !strings.Contains(s.screen(), "Blorptech Widgets") {
		t.Fatalf("the new company is not found:\n%s", s.screen())
	}
	s.key(keyEsc)
	s.key(keyCtrlC)
	s.waitExit()
}

func TestGoToChords(t *testing.T) {
	db := demoDB(t)
	s := openTUI(t, db)
	s.key("g")
	s.waitFor("go to:")
	s.key("p")
	s.waitFor("1 of 300")
	s.key("G")
	s.waitFor("300 of 300")
	s.key("g")
	s.key("g")
	s.waitFor("1 of 300")
	s.quit()
}
