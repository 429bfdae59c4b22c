package tui

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rolo/views"
)

// The import wizard and "export this view" against a real workspace (the
// small demo in a temp dir) and real files in t.TempDir().

const importCSV = `Full Name,E-mail,Job Title,Twitter
Wizard Ada,wizard.ada@example.com,CTO,@ada
Wizard Grace,wizard.grace@example.com,Admiral,@grace
Wizard Linus,wizard.linus@example.com,Maintainer,@linus
`

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// openWizard opens people's list and the wizard on it, with path typed.
func openWizard(t *testing.T, path string) *harness {
	t.Helper()
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 40, Options{Workspace: "demo.db", Member: "alice", Now: fixedNow, Object: "people"})
	hs.want("1 of 90")
	hs.press("I")
	w, ok := hs.a.wizard()
	if !ok {
		t.Fatalf("I did not open the wizard:\n%s", hs.screen())
	}
	hs.press("ctrl+u") // the prefilled directory
	hs.typeText(path)
	if w.Step() != "path" {
		t.Fatalf("step %s", w.Step())
	}
	return hs
}

func TestImportWizardDryRunAndImport(t *testing.T) {
	path := writeFile(t, "contacts.csv", importCSV)
	hs := openWizard(t, path)
	hs.press("enter")
	hs.want("Import into people · preview")
	hs.want("contacts.csv · CSV · 4 columns, 3 imported")
	hs.want("Wizard Grace")
	hs.want("✗ not imported")

	// Map Twitter (the last column) to city, to see a choice reach the run.
	hs.press("l", "l", "l", "enter")
	hs.typeText("city")
	hs.press("enter")
	hs.want("4 columns, 4 imported")

	hs.press("r")
	hs.want("Dry run of")
	wantWords(hs, "to create 3")
	hs.want("matched on emails")
	if n := count(t, hs.a.st, "people", ""); n != 90 {
		t.Fatalf("the dry run wrote: %d people", n)
	}

	hs.press("enter")
	hs.want("Import into people · done")
	wantWords(hs, "created 3")
	if n := count(t, hs.a.st, "people", ""); n != 93 {
		t.Fatalf("%d people after the import, want 93", n)
	}
	if n := count(t, hs.a.st, "people", "city:@linus"); n != 1 {
		t.Fatalf("the Twitter column did not go to city: %d", n)
	}
	hs.want("1 of 93") // the list refreshed under the wizard
	if msg, _ := hs.status(); !strings.Contains(msg, "imported contacts.csv: 3 created") {
		t.Fatalf("status = %q", msg)
	}
	hs.press("enter")
	if _, ok := hs.a.wizard(); ok || hs.a.overlay != nil {
		t.Fatal("enter on the summary did not close the wizard")
	}
	hs.press("/")
	hs.typeText("Wizard")
	hs.press("enter")
	hs.want("Wizard Ada")
	hs.want("1 of 3")
}

func TestImportWizardBadRows(t *testing.T) {
	path := writeFile(t, "bad.csv", "Name,Emails\nGood One,good.one@example.com\nBad One,not-an-email\n")
	hs := openWizard(t, path)
	hs.press("enter", "r")
	hs.want("rows have errors, so nothing would be imported")
	hs.want("row 3 · Emails · \"not-an-email\"")
	hs.press("enter") // refused
	if w, _ := hs.a.wizard(); w.Step() != "dry run" {
		t.Fatalf("enter with bad rows moved to %s", w.Step())
	}
	// Back, skip invalid rows, dry run again, import the good one.
	hs.press("esc", "s", "r")
	hs.want("1 bad rows will be skipped")
	hs.press("enter")
	wantWords(hs, "created 1")
	if n := count(t, hs.a.st, "people", ""); n != 91 {
		t.Fatalf("%d people, want 91", n)
	}
}

func TestImportWizardCancelRollsBack(t *testing.T) {
	path := writeFile(t, "contacts.csv", importCSV)
	hs := openWizard(t, path)
	hs.press("enter", "r")
	wantWords(hs, "to create 3")

	// Confirm, and cancel before the import's command has run: it starts
	// with its context cancelled, as if esc came mid-way.
	_, cmd := hs.a.Update(kp("enter"))
	w, _ := hs.a.wizard()
	if !w.Running() {
		t.Fatal("enter did not start the import")
	}
	_, run := hs.a.Update(cmd()) // the request to import: its command, not run yet
	hs.press("esc")
	hs.want("rolled back")
	hs.settle(run)
	hs.want("Import cancelled")
	if n := count(t, hs.a.st, "people", ""); n != 90 {
		t.Fatalf("%d people after a cancelled import, want 90", n)
	}
}

func TestImportWizardEscOvertakesTheImport(t *testing.T) {
	path := writeFile(t, "contacts.csv", importCSV)
	hs := openWizard(t, path)
	hs.press("enter", "r")
	wantWords(hs, "to create 3")
	// esc is handled before the request to import that enter emitted.
	_, cmd := hs.a.Update(kp("enter"))
	req := cmd()
	hs.press("esc")
	hs.send(req)
	hs.want("Import cancelled")
	if n := count(t, hs.a.st, "people", ""); n != 90 {
		t.Fatalf("%d people after a cancelled import, want 90", n)
	}
}

func TestImportWizardPathCompletion(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"leads.csv", "leads-2024.tsv", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("Name\nX\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "archive"), 0o755); err != nil {
		t.Fatal(err)
	}
	hs := openWizard(t, dir+"/le")
	hs.press("tab")
	hs.want(dir + "/leads-2024.tsv")
	hs.wantNot("notes.txt")
	hs.typeText(".")
	hs.press("tab")
	w, _ := hs.a.wizard()
	hs.press("enter")
	if w.Step() != "preview" {
		t.Fatalf("step %s after completing leads.csv; screen:\n%s", w.Step(), hs.screen())
	}
	hs.want("leads.csv · CSV")
	hs.press("esc", "ctrl+u")
	hs.typeText(dir + "/ar")
	hs.press("tab")
	hs.want(dir + "/archive/")
}

func TestExportView(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 40, Options{Workspace: "demo.db", Member: "alice", Now: fixedNow, Object: "people"})
	want := count(t, st, "people", "job_title:CTO")
	hs.press("/")
	hs.typeText("job_title:CTO")
	hs.press("enter", "X")
	hs.want("people-all-people.csv")
	hs.press("enter")
	msg, isErr := hs.status()
	if isErr || msg != "exported "+plural(int(want), "record", "records")+" to people-all-people.csv" {
		t.Fatalf("status = %q (error %v)", msg, isErr)
	}
	rows := readCSV(t, filepath.Join(dir, "people-all-people.csv"))
	if int64(len(rows)-1) != want {
		t.Fatalf("%d rows exported, the view has %d", len(rows)-1, want)
	}
	cols := hs.a.list.CurrentView().Columns
	if len(rows[0]) != len(cols)+1 || rows[0][0] != "id" || rows[0][1] != "name" {
		t.Fatalf("header %q, view columns %v", rows[0], cols)
	}
	for _, r := range rows[1:] {
		if !strings.Contains(strings.ToLower(r[slicesIndex(rows[0], "job_title")]), "cto") {
			t.Fatalf("row outside the filter: %q", r)
		}
	}

	// Again: the file exists, so it asks; n keeps the old file.
	hs.press("X", "enter")
	hs.want("exists. Replace it?")
	hs.press("n")
	if hs.a.overlay != nil {
		t.Fatal("n did not close the question")
	}

	// Another name, in JSON (format from the extension).
	hs.press("X", "ctrl+u")
	hs.typeText("ctos.json")
	hs.press("enter")
	if b, err := os.ReadFile(filepath.Join(dir, "ctos.json")); err != nil || !strings.HasPrefix(strings.TrimSpace(string(b)), "[") {
		t.Fatalf("ctos.json: %v %q", err, b)
	}
	hs.press("X", "ctrl+u")
	hs.typeText("people.doc")
	hs.press("enter")
	if msg, isErr := hs.status(); !isErr || !strings.Contains(msg, ".csv, .tsv, .xlsx, .json or .vcf") {
		t.Fatalf("unknown extension: status %q", msg)
	}
}

func TestImportAndExportIntents(t *testing.T) {
	// The palette emits the same intents as the list's keys.
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 40, Options{Workspace: "demo.db", Member: "alice", Now: fixedNow})
	hs.send(views.ImportMsg{Object: "companies"})
	hs.want("Import into companies · path")
	hs.press("esc")
	hs.send(views.ExportViewMsg{})
	hs.want("companies-all-companies.csv")
	hs.send(tea.KeyPressMsg{Code: tea.KeyEscape})
	if hs.a.overlay != nil {
		t.Fatal("esc did not close the export prompt")
	}
}

// wantWords checks for words in a row, however many spaces align them.
func wantWords(hs *harness, words string) {
	hs.t.Helper()
	if sc := strings.Join(strings.Fields(hs.screen()), " "); !strings.Contains(sc, words) {
		hs.t.Fatalf("screen does not show %q:\n%s", words, hs.screen())
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func slicesIndex(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	return -1
}
