package views

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"rolo/keymap"
	"rolo/model"
)

// An email typed into the form but not yet added with enter is still shown
// on its row after tab moves on, so the user sees what will be saved.
func TestFormShowsPendingListEntry(t *testing.T) {
	obj := model.Object{Name: "people", Singular: "Person", Plural: "People", LabelField: "name",
		Fields: []model.Field{
			{Name: "name", Label: "Name", Type: model.TypeText, Required: true},
			{Name: "emails", Label: "Emails", Type: model.TypeEmails},
			{Name: "city", Label: "City", Type: model.TypeText},
		}}
	fm := NewForm(keymap.DefaultForm(), NewStyles(true, false), obj, nil, testEnv)
	fm.SetSize(80, 20)
	fm.Update(kp("tab"))
	for _, r := range "jane@acme.io" {
		fm.Update(kp(string(r)))
	}
	fm.Update(kp("tab"))
	var row string
	for _, l := range strings.Split(ansi.Strip(fm.View()), "\n") {
		if strings.Contains(l, "Emails") {
			row = l
		}
	}
	if !strings.Contains(row, "jane@acme.io") {
		t.Fatalf("emails row after tab = %q, want the typed address", row)
	}
}

func noteObject() model.Object {
	return model.Object{Name: "notes", Singular: "Note", Plural: "Notes", LabelField: "title",
		Fields: []model.Field{
			{Name: "title", Label: "Title", Type: model.TypeText, Required: true},
			{Name: "body", Label: "Body", Type: model.TypeRichText},
			{Name: "city", Label: "City", Type: model.TypeText},
		}}
}

// formSave presses ctrl+s and returns what the form asks the root to save.
func formSave(t *testing.T, fm *Form) map[string]model.Value {
	t.Helper()
	_, cmd := fm.Update(kp("ctrl+s"))
	for _, m := range runCmd(cmd) {
		if s, ok := m.(FormSaveMsg); ok {
			return s.Values
		}
	}
	t.Fatalf("ctrl+s did not save; form:\n%s", ansi.Strip(fm.View()))
	return nil
}

// Rich text in the form is a textarea: enter is a newline, not the next
// field, while tab and shift+tab still move between fields.
func TestFormRichTextIsMultiLine(t *testing.T) {
	fm := NewForm(keymap.DefaultForm(), NewStyles(true, false), noteObject(), nil, testEnv)
	fm.SetSize(80, 30)
	for _, r := range "Plan" {
		fm.Update(kp(string(r)))
	}
	fm.Update(kp("tab"))
	for _, k := range []string{"o", "n", "e", "enter", "t", "w", "o"} {
		fm.Update(kp(k))
	}
	if got := fm.rows[fm.cur].Field().Name; got != "body" {
		t.Fatalf("enter in the body moved to %q", got)
	}
	if sc := ansi.Strip(fm.View()); !strings.Contains(sc, "one") || !strings.Contains(sc, "two") {
		t.Fatalf("the body does not show both lines:\n%s", sc)
	}
	fm.Update(kp("tab"))
	if got := fm.rows[fm.cur].Field().Name; got != "city" {
		t.Fatalf("tab from the body went to %q", got)
	}
	fm.Update(kp("shift+tab"))
	if got := fm.rows[fm.cur].Field().Name; got != "body" {
		t.Fatalf("shift+tab from city went to %q", got)
	}
	vals := formSave(t, fm)
	if vals["body"].Str != "one\ntwo" || vals["title"].Str != "Plan" {
		t.Fatalf("saved body %q title %q", vals["body"].Str, vals["title"].Str)
	}
}

// ctrl+e on a rich-text field hands its text to $EDITOR (through the
// root, as the detail page's E does) and takes the result back; the help
// line offers it there, and the key does nothing on other fields.
func TestFormRichTextExternalEditor(t *testing.T) {
	fm := NewForm(keymap.DefaultForm(), NewStyles(true, false), noteObject(), nil, testEnv)
	fm.SetSize(80, 30)
	fm.Update(kp("T"))
	if _, cmd := fm.Update(kp("ctrl+e")); cmd != nil {
		t.Fatalf("ctrl+e on a one-line field asked for %v", runCmd(cmd))
	}
	if strings.Contains(ansi.Strip(fm.View()), "$EDITOR") {
		t.Fatal("the help offers $EDITOR on a one-line field")
	}
	fm.Update(kp("tab"))
	for _, r := range "draft" {
		fm.Update(kp(string(r)))
	}
	if sc := ansi.Strip(fm.View()); !strings.Contains(sc, "ctrl+e $EDITOR") {
		t.Fatalf("the help line does not offer ctrl+e:\n%s", sc)
	}
	_, cmd := fm.Update(kp("ctrl+e"))
	msgs := runCmd(cmd)
	if len(msgs) != 1 || msgs[0] != (ExternalEditMsg{Field: "body", Text: "draft"}) {
		t.Fatalf("ctrl+e on the body sent %#v", msgs)
	}
	fm.Update(ExternalEditedMsg{Field: "body", Text: "# Plan\n\n- call"})
	if vals := formSave(t, fm); vals["body"].Str != "# Plan\n\n- call" {
		t.Fatalf("saved body %q, want the editor's text", vals["body"].Str)
	}
}
