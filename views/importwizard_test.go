package views

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rolo/internal/termtest"
	"rolo/keymap"
)

// The import wizard through Update: the requests it emits, the answers
// the root would give (Set*), and what it draws.

func newTestWizard(t *testing.T) *ImportWizard {
	t.Helper()
	w := NewImportWizard(keymap.Default().Import, NewStyles(true, false), "people", "people", "/data/")
	w.SetSize(100, 30)
	return w
}

// wizSend delivers msg and returns the messages its command emits (the
// wizard's requests), batches flattened.
func wizSend(t *testing.T, w *ImportWizard, msg tea.Msg) []tea.Msg {
	t.Helper()
	_, cmd := w.Update(msg)
	return wizRun(cmd)
}

func wizRun(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch m := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range m {
			out = append(out, wizRun(c)...)
		}
		return out
	default:
		return []tea.Msg{m}
	}
}

// wizOnly returns the single message of type T among msgs.
func wizOnly[T any](t *testing.T, msgs []tea.Msg) T {
	t.Helper()
	var found []T
	for _, m := range msgs {
		if v, ok := m.(T); ok {
			found = append(found, v)
		}
	}
	if len(found) != 1 {
		var zero T
		t.Fatalf("want one %T, got %#v", zero, msgs)
	}
	return found[0]
}

func wizType(t *testing.T, w *ImportWizard, s string) {
	t.Helper()
	for _, r := range s {
		wizSend(t, w, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

var wizTab = tea.KeyPressMsg{Code: tea.KeyTab}

func wizPreview() ImportPreview {
	return ImportPreview{
		Path: "/data/contacts.csv", Format: "csv",
		Columns: []ImportColumn{
			{Header: "Full Name", Field: "name"},
			{Header: "E-mail", Field: "emails"},
			{Header: "Twitter", Reason: "no field matches"},
		},
		Rows: [][]string{
			{"Ada Lovelace", "ada@example.com", "@ada"},
			{"Bad \x1b]52;c;aGk=\x07Actor", "evil@example.com", "@x"},
		},
		Fields:  []ImportField{{"id", "ID"}, {"name", "Name"}, {"emails", "Emails"}, {"city", "City"}, {"job_title", "Job title"}},
		Matches: []string{"id", "emails"},
	}
}

// wizToPreview walks a wizard to the preview of testPreview.
func wizToPreview(t *testing.T, w *ImportWizard) WizardPreviewMsg {
	t.Helper()
	wizType(t, w, "contacts.csv")
	req := wizOnly[WizardPreviewMsg](t, wizSend(t, w, kp("enter")))
	if req.Spec.Path != "/data/contacts.csv" || req.Spec.Object != "people" || len(req.Spec.Map) != 0 {
		t.Fatalf("preview request = %+v", req)
	}
	w.SetPreview(req.Req, wizPreview(), nil)
	if w.Step() != "preview" {
		t.Fatalf("step = %s after the preview arrived", w.Step())
	}
	return req
}

func TestWizardPathCompletion(t *testing.T) {
	w := newTestWizard(t)
	wizType(t, w, "co")
	req := wizOnly[WizardCompleteMsg](t, wizSend(t, w, wizTab))
	if req.Path != "/data/co" {
		t.Fatalf("completion asked for %q", req.Path)
	}
	// Several matches: the common prefix is typed and the names listed.
	w.SetCompletions(req.Req, []string{"/data/contacts.csv", "/data/contracts/"}, nil)
	if got := w.path.Value(); got != "/data/cont" {
		t.Fatalf("path = %q, want the common prefix", got)
	}
	if sc := ansi.Strip(w.View()); !strings.Contains(sc, "/data/contracts/") {
		t.Fatalf("the matches are not listed:\n%s", sc)
	}
	// A stale answer (the user typed on) is dropped.
	wizType(t, w, "a")
	w.SetCompletions(req.Req, []string{"/data/other.csv"}, nil)
	if got := w.path.Value(); got != "/data/conta" {
		t.Fatalf("a stale completion changed the path to %q", got)
	}
	// One match is taken whole.
	req = wizOnly[WizardCompleteMsg](t, wizSend(t, w, wizTab))
	w.SetCompletions(req.Req, []string{"/data/contacts.csv"}, nil)
	if got := w.path.Value(); got != "/data/contacts.csv" {
		t.Fatalf("path = %q after one match", got)
	}
}

func TestWizardEnterWhileCompletingOpensTheFile(t *testing.T) {
	w := newTestWizard(t)
	wizType(t, w, "conta")
	req := wizOnly[WizardCompleteMsg](t, wizSend(t, w, wizTab))
	if msgs := wizSend(t, w, kp("enter")); len(msgs) != 0 {
		t.Fatalf("enter before the completion answered emitted %#v", msgs)
	}
	msgs := wizRun(w.SetCompletions(req.Req, []string{"/data/contacts.csv"}, nil))
	if p := wizOnly[WizardPreviewMsg](t, msgs); p.Spec.Path != "/data/contacts.csv" {
		t.Fatalf("opened %q", p.Spec.Path)
	}
}

func TestWizardPathErrorStaysOnPath(t *testing.T) {
	w := newTestWizard(t)
	wizType(t, w, "nope.csv")
	req := wizOnly[WizardPreviewMsg](t, wizSend(t, w, kp("enter")))
	w.SetPreview(req.Req, ImportPreview{}, errors.New("open /data/nope.csv: no such file or directory"))
	if w.Step() != "path" || w.Err() == nil {
		t.Fatalf("step %s, err %v: a file that cannot be opened keeps the path step", w.Step(), w.Err())
	}
	if sc := ansi.Strip(w.View()); !strings.Contains(sc, "no such file") {
		t.Fatalf("the error is not shown:\n%s", sc)
	}
}

func TestWizardMappingChange(t *testing.T) {
	w := newTestWizard(t)
	wizToPreview(t, w)
	sc := ansi.Strip(w.View())
	for _, want := range []string{"Full Name", "→ name", "✗ not imported", "Ada Lovelace", "3 columns, 2 imported"} {
		if !strings.Contains(sc, want) {
			t.Fatalf("preview lacks %q:\n%s", want, sc)
		}
	}
	if strings.Contains(w.View(), "\x1b]52") {
		t.Fatal("a cell's escape sequence reached the frame")
	}
	// Third column, enter: the picker; type to filter, enter to choose.
	wizSend(t, w, kp("l"))
	wizSend(t, w, kp("l"))
	wizSend(t, w, kp("enter"))
	wizType(t, w, "cit")
	if sc := ansi.Strip(w.View()); !strings.Contains(sc, `Import column "Twitter" into`) || !strings.Contains(sc, "City") || strings.Contains(sc, "Job title") {
		t.Fatalf("picker not filtered to City:\n%s", sc)
	}
	req := wizOnly[WizardPreviewMsg](t, wizSend(t, w, kp("enter")))
	if !reflect.DeepEqual(req.Spec.Map, []string{"Twitter=city"}) {
		t.Fatalf("Map = %q", req.Spec.Map)
	}
	// x skips the column under the cursor; the earlier choice is kept.
	wizSend(t, w, kp("h"))
	req = wizOnly[WizardPreviewMsg](t, wizSend(t, w, kp("x")))
	if !reflect.DeepEqual(req.Spec.Map, []string{"Twitter=city", "E-mail=-"}) {
		t.Fatalf("Map = %q", req.Spec.Map)
	}
	// Esc in the picker changes nothing.
	wizSend(t, w, kp("enter"))
	if msgs := wizSend(t, w, kp("esc")); len(msgs) != 0 || w.picker != nil || w.Step() != "preview" {
		t.Fatalf("esc in the picker: msgs %#v, step %s", msgs, w.Step())
	}
}

func TestWizardOptionsReachTheRun(t *testing.T) {
	w := newTestWizard(t)
	wizToPreview(t, w)
	for _, k := range []string{"m", "m", "c", "s", "u", "f"} {
		wizSend(t, w, kp(k))
	}
	req := wizOnly[WizardDryRunMsg](t, wizSend(t, w, kp("r")))
	want := ImportSpec{Object: "people", Path: "/data/contacts.csv", Match: "emails", CreateMissing: true,
		SkipInvalid: true, UpdateOnly: true, DateFormat: "DD/MM/YYYY"}
	if !reflect.DeepEqual(req.Spec, want) {
		t.Fatalf("dry run spec = %+v, want %+v", req.Spec, want)
	}
}

func TestWizardDryRunConfirmImport(t *testing.T) {
	w := newTestWizard(t)
	wizToPreview(t, w)
	dry := wizOnly[WizardDryRunMsg](t, wizSend(t, w, kp("r")))
	if msgs := wizSend(t, w, kp("enter")); len(msgs) != 0 {
		t.Fatalf("enter before the dry run answered emitted %#v", msgs)
	}
	w.SetResult(dry.Req, ImportResult{Rows: 4, Created: 2, Updated: 1, Unchanged: 1, Match: "emails"})
	sc := ansi.Strip(w.View())
	for _, want := range []string{"to create", "2", "matched on emails", "enter import"} {
		if !strings.Contains(sc, want) {
			t.Fatalf("dry run lacks %q:\n%s", want, sc)
		}
	}
	imp := wizOnly[WizardImportMsg](t, wizSend(t, w, kp("enter")))
	if !w.Running() {
		t.Fatal("not running after enter")
	}
	w.SetProgress(imp.Req, 2, 4)
	if sc := ansi.Strip(w.View()); !strings.Contains(sc, "2 of 4 rows") {
		t.Fatalf("progress not shown:\n%s", sc)
	}
	w.SetProgress(dry.Req, 3, 4) // an old request's tick is dropped
	if sc := ansi.Strip(w.View()); !strings.Contains(sc, "2 of 4 rows") {
		t.Fatalf("a stale tick moved the bar:\n%s", sc)
	}
	w.SetResult(imp.Req, ImportResult{Rows: 4, Created: 2, Updated: 1, Unchanged: 1, Written: true})
	if w.Step() != "done" || !strings.Contains(ansi.Strip(w.View()), "Imported") {
		t.Fatalf("step %s:\n%s", w.Step(), ansi.Strip(w.View()))
	}
	closed := wizOnly[WizardClosedMsg](t, wizSend(t, w, kp("enter")))
	if !closed.Imported || closed.Object != "people" || !w.Closed() {
		t.Fatalf("closed = %+v", closed)
	}
}

func TestWizardBadRowsBlockTheImport(t *testing.T) {
	w := newTestWizard(t)
	wizToPreview(t, w)
	dry := wizOnly[WizardDryRunMsg](t, wizSend(t, w, kp("r")))
	w.SetResult(dry.Req, ImportResult{Rows: 2, Created: 1, Errors: 1, Invalid: true, Err: "1 of 2 rows have errors",
		Problems: []ImportProblem{{Row: 3, Column: "E-mail", Value: "not-an-email\x1b[2J", Reason: "invalid email"}}})
	sc := ansi.Strip(w.View())
	for _, want := range []string{"row 3 · E-mail · \"not-an-email\" · invalid email", "nothing would be imported"} {
		if !strings.Contains(sc, want) {
			t.Fatalf("dry run lacks %q:\n%s", want, sc)
		}
	}
	if msgs := wizSend(t, w, kp("enter")); len(msgs) != 0 || w.Running() {
		t.Fatalf("enter imported despite bad rows: %#v", msgs)
	}
	// esc goes back to the mapping (and re-reads it).
	wizOnly[WizardPreviewMsg](t, wizSend(t, w, kp("esc")))
	if w.Step() != "preview" {
		t.Fatalf("step = %s after esc", w.Step())
	}
}

func TestWizardEsc(t *testing.T) {
	w := newTestWizard(t)
	wizToPreview(t, w)
	wizSend(t, w, kp("esc"))
	if w.Step() != "path" {
		t.Fatalf("esc on the preview: step %s", w.Step())
	}
	closed := wizOnly[WizardClosedMsg](t, wizSend(t, w, kp("esc")))
	if !w.Closed() || closed.Imported {
		t.Fatalf("esc on the path step: closed %v, %+v", w.Closed(), closed)
	}

	// Esc while importing asks to cancel, once, and says it rolls back.
	w = newTestWizard(t)
	wizToPreview(t, w)
	dry := wizOnly[WizardDryRunMsg](t, wizSend(t, w, kp("r")))
	w.SetResult(dry.Req, ImportResult{Rows: 1, Created: 1})
	imp := wizOnly[WizardImportMsg](t, wizSend(t, w, kp("enter")))
	if c := wizOnly[WizardCancelMsg](t, wizSend(t, w, kp("esc"))); c.Req != imp.Req {
		t.Fatalf("cancel for request %d, want %d", c.Req, imp.Req)
	}
	if msgs := wizSend(t, w, kp("esc")); len(msgs) != 0 {
		t.Fatalf("a second esc emitted %#v", msgs)
	}
	if sc := ansi.Strip(w.View()); !strings.Contains(sc, "rolled back") {
		t.Fatalf("cancelling does not say it rolls back:\n%s", sc)
	}
	w.SetResult(imp.Req, ImportResult{Cancelled: true, Err: "import interrupted"})
	if sc := ansi.Strip(w.View()); !strings.Contains(sc, "nothing was imported") {
		t.Fatalf("done after cancel:\n%s", sc)
	}
	if closed := wizOnly[WizardClosedMsg](t, wizSend(t, w, kp("esc"))); closed.Imported {
		t.Fatal("a cancelled import reported records imported")
	}
}

func TestGoldenImportPreview(t *testing.T) {
	w := newTestWizard(t)
	wizToPreview(t, w)
	wizSend(t, w, kp("l"))
	wizSend(t, w, kp("c"))
	frame := Overlay(strings.Repeat(strings.Repeat(".", 100)+"\n", 29)+strings.Repeat(".", 100), w.View(), 100, 30)
	termtest.Frame(t, "import_preview_100x30", frame)
}
