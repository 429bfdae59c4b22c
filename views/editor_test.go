package views

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rolo/keymap"
	"rolo/model"
)

// Component tests of the field editors: every kind, valid and invalid
// input, through Update as the detail page and the form drive them.

func testEnv() model.ParseEnv { return model.ParseEnv{Now: testNow} }

func newTestEditor(f model.Field, cur model.Value) *Editor {
	return NewEditor(keymap.DefaultForm(), NewStyles(true, false), f, cur, testEnv, false)
}

func typeInto(e *Editor, text string) {
	for _, r := range text {
		e.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keys(e *Editor, ks ...string) {
	for _, k := range ks {
		e.Update(kp(k))
	}
}

func editorScreen(e *Editor) string { return ansi.Strip(e.View(60)) }

func TestEditorText(t *testing.T) {
	f := model.Field{Name: "job_title", Label: "Job title", Type: model.TypeText}
	e := newTestEditor(f, model.Value{Valid: true, Str: "CTO"})
	keys(e, "ctrl+u")
	typeInto(e, "VP Sales")
	keys(e, "enter")
	if e.State() != Accepted || e.Value().Str != "VP Sales" {
		t.Fatalf("state %v value %+v", e.State(), e.Value())
	}
}

func TestEditorRequiredRefusesEmpty(t *testing.T) {
	f := model.Field{Name: "name", Label: "Name", Type: model.TypeText, Required: true}
	e := newTestEditor(f, model.Value{Valid: true, Str: "Acme"})
	keys(e, "ctrl+u", "enter")
	if e.State() != Editing || !strings.Contains(editorScreen(e), "Name is required") {
		t.Fatalf("state %v, screen:\n%s", e.State(), editorScreen(e))
	}
	keys(e, "esc")
	if e.State() != Cancelled {
		t.Fatalf("esc: state %v", e.State())
	}
}

func TestEditorNumberValidatesAsYouType(t *testing.T) {
	f := model.Field{Name: "employees", Label: "Employees", Type: model.TypeNumber}
	e := newTestEditor(f, model.Value{Valid: true, Num: 18})
	keys(e, "ctrl+u")
	typeInto(e, "12x")
	if !strings.Contains(editorScreen(e), "✗ expected") {
		t.Fatalf("no error while typing 12x:\n%s", editorScreen(e))
	}
	keys(e, "enter")
	if e.State() != Editing {
		t.Fatal("an invalid number was accepted")
	}
	keys(e, "backspace")
	typeInto(e, "50")
	if got := editorScreen(e); !strings.Contains(got, "→ 1,250") {
		t.Fatalf("preview missing:\n%s", got)
	}
	keys(e, "enter")
	if e.State() != Accepted || e.Value().Num != 1250 {
		t.Fatalf("state %v value %+v", e.State(), e.Value())
	}
}

func TestEditorCurrencyAmountAndCode(t *testing.T) {
	f := model.Field{Name: "amount", Label: "Amount", Type: model.TypeCurrency}
	e := newTestEditor(f, model.Value{Valid: true, Int: 5_000_000_000, Str: "USD"})
	keys(e, "ctrl+u")
	typeInto(e, "1,200.50")
	keys(e, "tab", "backspace", "backspace", "backspace")
	typeInto(e, "eur")
	if got := editorScreen(e); !strings.Contains(got, "→ €1,200.50") {
		t.Fatalf("preview:\n%s", got)
	}
	keys(e, "enter")
	if v := e.Value(); e.State() != Accepted || v.Int != 1_200_500_000 || v.Str != "EUR" {
		t.Fatalf("state %v value %+v", e.State(), v)
	}
	e = newTestEditor(f, model.Value{})
	typeInto(e, "12..5")
	keys(e, "enter")
	if e.State() != Editing || !strings.Contains(editorScreen(e), "✗") {
		t.Fatalf("bad amount accepted:\n%s", editorScreen(e))
	}
}

func TestEditorDateNaturalLanguage(t *testing.T) {
	f := model.Field{Name: "close_date", Label: "Close date", Type: model.TypeDate}
	e := newTestEditor(f, model.Value{Valid: true, Str: "2026-12-24"})
	keys(e, "ctrl+u")
	typeInto(e, "next fri") // testNow is Friday 20 Nov 2026
	if got := editorScreen(e); !strings.Contains(got, "→ Fri 27 Nov 2026 · in 7 days") {
		t.Fatalf("the parsed date is not shown before accepting:\n%s", got)
	}
	keys(e, "enter")
	if e.State() != Accepted || e.Value().Str != "2026-11-27" {
		t.Fatalf("state %v value %+v", e.State(), e.Value())
	}
	e = newTestEditor(f, model.Value{Valid: true, Str: "2026-12-24"})
	keys(e, "ctrl+u")
	typeInto(e, "someday")
	keys(e, "enter")
	if e.State() != Editing || !strings.Contains(editorScreen(e), "expected a date") {
		t.Fatalf("someday accepted:\n%s", editorScreen(e))
	}
}

func TestEditorDateTime(t *testing.T) {
	f := model.Field{Name: "due_at", Label: "Due", Type: model.TypeDateTime}
	e := newTestEditor(f, model.Value{})
	typeInto(e, "in 2 weeks 15:00")
	if got := editorScreen(e); !strings.Contains(got, "Fri 4 Dec 2026 15:00") {
		t.Fatalf("preview:\n%s", got)
	}
	keys(e, "enter")
	if e.State() != Accepted {
		t.Fatalf("state %v: %s", e.State(), e.Err())
	}
}

func TestEditorEmailsList(t *testing.T) {
	f := model.Field{Name: "emails", Label: "Emails", Type: model.TypeEmails}
	e := newTestEditor(f, model.Value{Valid: true, List: []string{"jane@acme.com"}})
	typeInto(e, "not-an-email")
	if !strings.Contains(editorScreen(e), "✗ expected an email") {
		t.Fatalf("no error:\n%s", editorScreen(e))
	}
	keys(e, "enter") // refused: stays typed
	for range len("not-an-email") {
		keys(e, "backspace")
	}
	typeInto(e, "j.doe@Example.COM")
	keys(e, "enter") // adds the entry
	keys(e, "up", "ctrl+t")
	keys(e, "enter") // nothing typed: accepts the list
	v := e.Value()
	if e.State() != Accepted || len(v.List) != 2 || v.List[0] != "j.doe@example.com" {
		t.Fatalf("state %v value %+v", e.State(), v)
	}
	e = newTestEditor(f, v)
	keys(e, "up", "ctrl+x", "enter")
	if got := e.Value(); len(got.List) != 1 || got.List[0] != "j.doe@example.com" {
		t.Fatalf("remove: %+v", got)
	}
}

func TestEditorPhones(t *testing.T) {
	f := model.Field{Name: "phones", Label: "Phones", Type: model.TypePhones}
	e := newTestEditor(f, model.Value{})
	typeInto(e, "+44 20 7098 2237")
	keys(e, "enter", "enter")
	if v := e.Value(); e.State() != Accepted || v.List[0] != "+442070982237" {
		t.Fatalf("state %v value %+v", e.State(), v)
	}
}

func TestEditorBooleanToggle(t *testing.T) {
	f := model.Field{Name: "active", Label: "Active", Type: model.TypeBoolean}
	e := newTestEditor(f, model.Value{Valid: true, Int: 1})
	keys(e, "space", "enter")
	if e.State() != Accepted || e.Value().Int != 0 || !e.Value().Valid {
		t.Fatalf("state %v value %+v", e.State(), e.Value())
	}
}

func TestEditorSelectPicker(t *testing.T) {
	e := newTestEditor(stageField, model.Value{Valid: true, Str: "lead"})
	typeInto(e, "wo")
	got := editorScreen(e)
	if !strings.Contains(got, "Won") || strings.Contains(got, "Lead") {
		t.Fatalf("filter:\n%s", got)
	}
	keys(e, "enter")
	if e.State() != Accepted || e.Value().Str != "won" {
		t.Fatalf("state %v value %+v", e.State(), e.Value())
	}
	// Nothing matches: enter refuses and says so.
	e = newTestEditor(stageField, model.Value{})
	typeInto(e, "zzz")
	keys(e, "enter")
	if e.State() != Editing || !strings.Contains(editorScreen(e), "nothing matches") {
		t.Fatalf("state %v:\n%s", e.State(), editorScreen(e))
	}
}

func TestEditorMultiSelect(t *testing.T) {
	f := stageField
	f.Type = model.TypeMultiSelect
	e := newTestEditor(f, model.Value{Valid: true, List: []string{"lead"}})
	keys(e, "down", "space", "enter")
	if v := e.Value(); e.State() != Accepted || len(v.List) != 2 || v.List[1] != "won" {
		t.Fatalf("state %v value %+v", e.State(), v)
	}
}

func TestEditorRelationPickerIsAsyncAndDebounced(t *testing.T) {
	f := model.Field{Name: "company", Label: "Company", Type: model.TypeRelation, Target: "companies"}
	e := newTestEditor(f, model.Value{})
	q, ok := e.Init()().(PickerQueryMsg)
	if !ok || q.Query != "" || q.Field.Target != "companies" {
		t.Fatalf("first query: %+v", q)
	}
	// Keystrokes only schedule ticks; a stale tick sends nothing.
	e.Update(tea.KeyPressMsg{Code: 'a', Text: "a"})
	e.Update(tea.KeyPressMsg{Code: 'c', Text: "c"})
	if cmd := e.Update(pickerTickMsg{editor: e.id, seq: 1}); cmd != nil {
		t.Fatal("a superseded tick queried the store")
	}
	q2, ok := e.Update(pickerTickMsg{editor: e.id, seq: 2})().(PickerQueryMsg)
	if !ok || q2.Query != "ac" {
		t.Fatalf("debounced query: %+v", q2)
	}
	// Only the answer to the latest query counts.
	e.SetPickerResults(q.Req, []PickItem{{Label: "Stale Inc"}}, nil)
	e.SetPickerResults(q2.Req, []PickItem{{Label: "Acme", Value: model.Value{Valid: true, Int: 7, Ref: "Acme"}}}, nil)
	if got := editorScreen(e); strings.Contains(got, "Stale") || !strings.Contains(got, "Acme") {
		t.Fatalf("results:\n%s", got)
	}
	keys(e, "enter")
	if v := e.Value(); e.State() != Accepted || v.Int != 7 {
		t.Fatalf("state %v value %+v", e.State(), v)
	}
}

func TestEditorRichTextArea(t *testing.T) {
	f := model.Field{Name: "body", Label: "Body", Type: model.TypeRichText}
	e := newTestEditor(f, model.Value{Valid: true, Str: "line one"})
	keys(e, "enter") // a newline, not accept
	typeInto(e, "line two")
	if e.State() != Editing {
		t.Fatal("enter closed the textarea")
	}
	keys(e, "ctrl+s")
	if e.State() != Accepted || e.Value().Str != "line one\nline two" {
		t.Fatalf("state %v value %q", e.State(), e.Value().Str)
	}
}
