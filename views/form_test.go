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
