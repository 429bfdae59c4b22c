package e2e

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// The import wizard and "export this view", end to end: a CSV typed by
// path, its preview and dry run, the import, the new people in the list,
// then the filtered view written to a file.

// keyClearLine is ctrl+u: it clears a text input up to the cursor.
const keyClearLine = "\x15"

func TestImportWizardAndExportView(t *testing.T) {
	db := demoDB(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "new-people.csv")
	body := "Full Name,E-mail,Job Title\n" +
		"Wizard Ada,wizard.ada@example.com,CTO\n" +
		"Wizard Grace,wizard.grace@example.com,Admiral\n" +
		"Wizard Linus,wizard.linus@example.com,Maintainer\n"
	if err := os.WriteFile(src, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}

	s := openTUI(t, db)
	s.openObject(1, "1 of 300") // people
	s.key("I")
	s.waitFor("Import into people · path")
	s.key(keyClearLine)
	s.send(filepath.Join(dir, "new-p"))
	s.key(keyTab) // completes the only match
	s.waitFor("new-people.csv")
	s.key(keyEnter)
	s.waitFor("Import into people · preview")
	s.waitFor("3 columns, 3 imported")
	s.waitFor("Wizard Grace")

	s.key("r")
	s.waitFor("Dry run of")
	s.waitUntil("the dry run's counts", regexp.MustCompile(`to create\s+3\b`).MatchString)
	if got := count(t, db, "people"); got != "300" {
		t.Fatalf("the dry run wrote: %s people", got)
	}

	s.key(keyEnter)
	s.waitFor("Import into people · done")
	s.waitUntil("the import's counts", regexp.MustCompile(`created\s+3\b`).MatchString)
	s.waitFor("of 303")
	s.key(keyEnter)
	s.waitGone("Import into people")

	s.key("/")
	s.send("Wizard")
	s.key(keyEnter)
	s.waitFor("1 of 3")
	s.waitFor("Wizard Linus")

	out := filepath.Join(dir, "wizards.csv")
	s.key("X")
	s.waitFor("people-all-people.csv")
	s.key(keyClearLine)
	s.send(out)
	s.key(keyEnter)
	s.waitFor("exported 3 records to")
	s.quit()

	if got := count(t, db, "people"); got != "303" {
		t.Fatalf("%s people after the import, want 303", got)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][0] != "id" || rows[0][1] != "name" {
		t.Fatalf("exported %q", rows)
	}
	names := map[string]bool{}
	for _, r := range rows[1:] {
		names[r[1]] = true
	}
	for _, n := range []string{"Wizard Ada", "Wizard Grace", "Wizard Linus"} {
		if !names[n] {
			t.Fatalf("%s missing from %q", n, rows)
		}
	}
}
