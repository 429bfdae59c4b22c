package e2e

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"rolo/model"
)

// The record detail page end to end: open a person, edit a field, follow
// a relation and come back, create a person from the company page, and
// change a date in words — each checked on the screen, then in the
// database through the CLI.

const keyCtrlU, keyCtrlS = "\x15", "\x13"

// getJSON reads one record through `rolo get OBJECT ID --json`.
func getJSON(t *testing.T, db, object, id string) map[string]any {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal([]byte(rolo(t, db, "get", object, id, "--json")), &out); err != nil {
		t.Fatal(err)
	}
	if rec, ok := out["record"].(map[string]any); ok {
		return rec
	}
	return out
}

// recordID reads the ID row of the open detail page.
func (s *session) recordID() string {
	s.t.Helper()
	m := regexp.MustCompile(`(?m)^.*│\s+ID\s+(\d+)`).FindStringSubmatch(s.screen())
	if m == nil {
		s.t.Fatalf("no ID row on the detail page:\n%s", s.screen())
	}
	return m[1]
}

func (s *session) keys(k string, n int) {
	for range n {
		s.key(k)
	}
}

func TestDetailEditFollowCreate(t *testing.T) {
	db := demoDB(t)
	s := openTUI(t, db)
	s.openObject(1, "1 of 300")

	// Open the first person; the cursor starts on the name.
	s.key(keyEnter)
	s.waitFor("· Person")
	person := s.recordID()
	s.keys(keyDown, 3) // name → emails → phones → job title
	s.key(keyEnter)
	s.key(keyCtrlU)
	s.send("VP Sales")
	s.key(keyEnter)
	s.waitFor("saved job title")
	if !regexp.MustCompile(`Job title\s+VP Sales`).MatchString(s.screen()) {
		t.Fatalf("the page does not show the new job title:\n%s", s.screen())
	}
	if got := getJSON(t, db, "people", person)["job_title"]; got != "VP Sales" {
		t.Fatalf("job_title in the database = %v", got)
	}

	// Follow the company: the section after the 13 field rows.
	s.keys(keyDown, 9)
	s.key(keyEnter)
	s.waitFor("· Company")
	s.waitFor("+ new person")
	// Back along the path: the person again, cursor where it was.
	s.key(keyEsc)
	s.waitFor("· Person")
	s.waitFor("VP Sales")

	// Again to the company, and create a person from its People section.
	s.key(keyEnter)
	s.waitFor("· Company")
	company := s.recordID()
	s.keys(keyDown, 12) // from the name to "+ new person"
	s.key("n")
	s.waitFor("New person")
	s.send("Aaron Ee")
	s.key(keyTab)
	s.send("aaron.ee@example.com")
	s.key(keyCtrlS)
	s.waitFor("created Aaron Ee")
	s.waitFor("· Person")
	aaron := s.recordID()
	s.key(keyEsc)
	s.waitFor("· Company")
	s.waitFor("Aaron Ee") // listed under the company, which sorts it first
	rec := getJSON(t, db, "people", aaron)
	if c, _ := rec["company"].(map[string]any); c == nil || jsonID(c["id"]) != company {
		t.Fatalf("the new person's company in the database = %v, want #%s", rec["company"], company)
	}

	// A date in words on an opportunity.
	s.key(keyEsc)
	s.waitFor("· Person")
	s.key(keyEsc)
	s.waitGone("· Person")
	s.openObject(1, "1 of 120")
	s.key(keyEnter)
	s.waitFor("· Opportunity")
	opp := s.recordID()
	s.keys(keyDown, 2) // name → amount → close date
	s.key(keyEnter)
	s.key(keyCtrlU)
	s.send("next fri")
	s.waitFor("→ Fri ")
	s.key(keyEnter)
	s.waitFor("saved close date")
	want, err := model.ParseValue(model.Field{Name: "close_date", Type: model.TypeDate}, "next fri", model.ParseEnv{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.screen(), want.Str) {
		t.Fatalf("the page does not show %s:\n%s", want.Str, s.screen())
	}
	if got := getJSON(t, db, "opportunities", opp)["close_date"]; got != want.Str {
		t.Fatalf("close_date in the database = %v, want %s", got, want.Str)
	}
	s.key(keyEsc)
	s.waitGone("· Opportunity")
	s.quit()
}

func jsonID(v any) string {
	if f, ok := v.(float64); ok {
		return strings.TrimSuffix(strings.TrimSuffix(regexp.MustCompile(`\.0+$`).ReplaceAllString(jsonNum(f), ""), "."), " ")
	}
	return ""
}

func jsonNum(f float64) string { b, _ := json.Marshal(f); return string(b) }
