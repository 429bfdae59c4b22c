package tui

import (
	"context"
	"os"
	"testing"

	"rolo/model"
	"rolo/views"
)

// n in the opportunities list starts the deal where the list is looking:
// the pipeline and stage its filter names, else the first pipeline and its
// first stage. Checked by saving the form and reading the store.
func TestNewOpportunityTakesPipelineAndStageFromListFilter(t *testing.T) {
	st := openStore(t, false)
	for i, c := range []struct{ filter, where string }{
		{"", "pipeline:Sales stage:Incoming"},
		{"pipeline:Partnerships", "pipeline:Partnerships stage:Incoming"},
		{"stage:Evaluation", "pipeline:Partnerships stage:Evaluation"},
		{"stage:Proposal", "pipeline:Sales stage:Proposal"},
		{"pipeline:Partnerships stage:Agreement", "pipeline:Partnerships stage:Agreement"},
		{"-pipeline:Sales", "pipeline:Sales stage:Incoming"}, // not a place to put a deal
	} {
		hs := newHarness(t, st, 120, 40, Options{Workspace: "demo.db", Now: fixedNow, Object: "opportunities"})
		if c.filter != "" {
			hs.press("/")
			hs.typeText(c.filter)
			hs.press("enter")
		}
		hs.press("n")
		hs.want("New opportunity")
		name := "Filter deal " + itoa(int64(i))
		hs.typeText(name)
		hs.press("ctrl+s")
		hs.want(name + "  · Opportunity")
		if n := count(t, st, "opportunities", `name="`+name+`" `+c.where); n != 1 {
			t.Errorf("filter %q: the new deal is not in %s", c.filter, c.where)
		}
	}
}

// The board's column prefill still places the card, whatever the list's
// filter says: the prefill is applied after the filter's defaults.
func TestNewOpportunityPrefillWinsOverFilter(t *testing.T) {
	st := openStore(t, false)
	p, err := st.Pipeline(context.Background(), "Partnerships")
	if err != nil {
		t.Fatal(err)
	}
	hs := newHarness(t, st, 120, 40, Options{Workspace: "demo.db", Now: fixedNow, Object: "opportunities"})
	stage := p.Stages[2] // Evaluation
	hs.send(views.NewRecordMsg{Object: "opportunities", Filter: "stage:Proposal",
		Prefill: map[string]string{"pipeline": "#" + itoa(p.ID), "stage": "#" + itoa(stage.ID)}})
	hs.want("New opportunity")
	hs.typeText("Board deal")
	hs.press("ctrl+s")
	hs.want("Board deal  · Opportunity")
	if n := count(t, st, "opportunities", `name="Board deal" pipeline:Partnerships stage:`+stage.Name); n != 1 {
		t.Fatalf("the board's deal is not in Partnerships/%s", stage.Name)
	}
}

// ctrl+e on a note's body in the form goes through the detail page's
// $EDITOR path (text to a temp file, then tea.ExecProcess), and the
// editor's answer comes back to the form, not to a page.
func TestFormRichTextExternalEditorRoute(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 120, 40, Options{Workspace: "demo.db", Now: fixedNow, Object: "notes"})
	hs.press("n")
	hs.want("New note")
	hs.typeText("Editor note")
	hs.press("tab")
	hs.typeText("draft")
	hs.want("ctrl+e $EDITOR")

	// Step through by hand: the last step is the program's own ExecProcess.
	_, cmd := hs.a.Update(kp("ctrl+e"))
	msgs := runCmd(t, cmd)
	if len(msgs) != 1 {
		t.Fatalf("ctrl+e sent %#v", msgs)
	}
	if m, ok := msgs[0].(views.ExternalEditMsg); !ok || m.Field != "body" || m.Text != "draft" {
		t.Fatalf("ctrl+e sent %#v, want the body's text for $EDITOR", msgs[0])
	}
	_, cmd = hs.a.Update(msgs[0])
	msgs = runCmd(t, cmd)
	ready, ok := msgs[0].(editorReadyMsg)
	if len(msgs) != 1 || !ok || ready.err != nil {
		t.Fatalf("the temp file was not written: %#v", msgs)
	}
	t.Cleanup(func() { os.Remove(ready.path) })
	if b, err := os.ReadFile(ready.path); err != nil || string(b) != "draft" {
		t.Fatalf("$EDITOR would open %q (%v), want the draft", b, err)
	}
	if runEditor(ready) == nil {
		t.Fatal("no command to run $EDITOR")
	}

	// What ExecProcess answers once the editor exits.
	hs.send(views.ExternalEditedMsg{Field: "body", Text: "written in vi\nsecond line"})
	hs.want("written in vi")
	hs.press("ctrl+s")
	hs.want("Editor note  · Note")
	page, err := st.Query(context.Background(), "notes", queryOf(t, `title="Editor note"`))
	if err != nil || len(page.Records) != 1 {
		t.Fatalf("notes titled Editor note: %v %v", page.Records, err)
	}
	if got := page.Records[0].Get("body").Str; got != "written in vi\nsecond line" {
		t.Fatalf("saved body %q", got)
	}
}

func queryOf(t *testing.T, filter string) model.Query {
	t.Helper()
	f, err := model.ParseFilter(filter)
	if err != nil {
		t.Fatal(err)
	}
	return model.Query{Filter: f, Limit: 2}
}
