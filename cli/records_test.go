package cli

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
)

func TestCreateGetAndJSONShapes(t *testing.T) {
	e := newEnv(t)
	out := e.ok("create", "companies", "name=Acme", "domain=acme.io", "employees=120", "industry=software")
	mustContain(t, "create", out, "Created company #1 Acme")
	out = e.ok("create", "people", "name=Jane Doe", "emails=jane@acme.io", "phones=+44 20 7946 0958", "company=Acme", "city=London")
	mustContain(t, "create", out, "Created person #1 Jane Doe")

	var p map[string]any
	e.okJSON(&p, "get", "people", "1")
	if p["id"] != float64(1) || p["name"] != "Jane Doe" || p["city"] != "London" {
		t.Errorf("get JSON = %v", p)
	}
	emails, _ := p["emails"].(map[string]any)
	if emails["primary"] != "jane@acme.io" {
		t.Errorf("emails = %v", p["emails"])
	}
	phones, _ := p["phones"].(map[string]any)
	if phones["primary"] != "+442079460958" {
		t.Errorf("phones = %v (want E.164)", p["phones"])
	}
	company, _ := p["company"].(map[string]any)
	if company["id"] != float64(1) || company["name"] != "Acme" {
		t.Errorf("company = %v (the name should resolve to the record)", p["company"])
	}
	for _, sys := range []string{"created_at", "updated_at", "owner"} {
		if _, ok := p[sys]; !ok {
			t.Errorf("get JSON lacks system field %s: %v", sys, p)
		}
	}

	// The human view shows labels and display forms.
	out = e.ok("get", "people", "1")
	mustContain(t, "get", out, "Person", "#1", "Emails", "jane@acme.io", "Company", "Acme", "+44 20 7946 0958")

	// create --json returns the record in the same shape as get.
	var c map[string]any
	e.okJSON(&c, "create", "opportunities", "name=Acme deal", "amount=12,500.50 EUR", "company=Acme")
	amount, _ := c["amount"].(map[string]any)
	if amount["amount"] != "12500.50" || amount["currency"] != "EUR" || amount["amount_micros"] != float64(12500500000) {
		t.Errorf("amount JSON = %v", c["amount"])
	}

	mustContain(t, "get missing", e.fail("get", "people", "99"), "#99", "not found")
	mustContain(t, "get bad id", e.fail("get", "people", "x"), `"x" is not a record id`)
}

func TestListTableAndFields(t *testing.T) {
	e := newEnv(t)
	e.ok("create", "companies", "name=Globex", "employees=5000")
	e.ok("create", "companies", "name=Acme", "employees=12")
	out := e.ok("list", "companies")
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want header and 2 rows, got:\n%s", out)
	}
	mustContain(t, "header", lines[0], "ID", "NAME", "EMPLOYEES")
	// Sorted by the label field by default; numbers right-aligned.
	if !strings.Contains(lines[1], "Acme") || !strings.Contains(lines[2], "Globex") {
		t.Errorf("default order is not by name:\n%s", out)
	}
	end := strings.Index(lines[0], "EMPLOYEES") + len("EMPLOYEES")
	if !strings.HasSuffix(strings.TrimRight(lines[1][:min(end, len(lines[1]))], " "), "12") {
		t.Errorf("employees not right-aligned under its header:\n%s", out)
	}

	out = e.ok("list", "companies", "--fields", "employees", "--sort", "-employees")
	lines = strings.Split(strings.TrimRight(out, "\n"), "\n")
	if strings.Contains(out, "NAME") || !strings.Contains(lines[1], "5") {
		t.Errorf("--fields/--sort not applied:\n%s", out)
	}
	var l map[string]any
	e.okJSON(&l, "list", "companies", "--fields", "name")
	recs := l["records"].([]any)
	if len(recs) != 2 || l["object"] != "companies" || l["next"] != nil {
		t.Fatalf("list JSON = %v", l)
	}
	if r := recs[0].(map[string]any); len(r) != 2 || r["name"] != "Acme" || r["id"] != float64(2) {
		t.Errorf("--fields name record = %v, want just id and name", r)
	}

	mustContain(t, "bad sort", e.fail("list", "companies", "--sort", "-size"), `unknown field "size" for companies`, "employees")
	mustContain(t, "bad fields", e.fail("list", "companies", "--fields", "name,nope"), `unknown field "nope"`)
	mustContain(t, "bad limit", e.fail("list", "companies", "--limit", "0"), "--limit")
	mustContain(t, "unknown object", e.fail("list", "compnies"), `unknown object "compnies"`, "companies")
	mustContain(t, "wrong arg count", e.fail("list"), "accepts 1 arg", "rolo list --help")
	mustContain(t, "typo", e.fail("lst", "people"), `unknown command "lst"`, "did you mean", "list", "rolo --help")
}

func TestPagingWithAfter(t *testing.T) {
	e := newEnv(t)
	var want []string
	for i := 0; i < 7; i++ {
		name := fmt.Sprintf("Company %02d", 7-i)
		e.ok("create", "companies", "name="+name)
		want = append(want, name)
	}
	sort.Strings(want)
	var got []string
	after := ""
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("paging does not end")
		}
		args := []string{"list", "companies", "--limit", "3", "--sort", "name"}
		if after != "" {
			args = append(args, "--after", after)
		}
		var l map[string]any
		e.okJSON(&l, args...)
		for _, r := range l["records"].([]any) {
			got = append(got, r.(map[string]any)["name"].(string))
		}
		next, _ := l["next"].(string)
		if next == "" {
			if l["next"] != nil {
				t.Errorf("next = %#v, want null at the end", l["next"])
			}
			break
		}
		after = next
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("pages gave %v, want %v", got, want)
	}
	// The table form points at the next page on stderr, keeping stdout clean.
	out, errOut, err := e.run("list", "companies", "--limit", "2")
	if err != nil || strings.Count(out, "\n") != 3 || !strings.Contains(errOut, "--after ") {
		t.Errorf("table paging: err=%v stdout=%q stderr=%q", err, out, errOut)
	}
}

func TestCount(t *testing.T) {
	e := newEnv(t)
	if n := e.count("people"); n != 0 {
		t.Fatalf("empty count = %v", n)
	}
	e.ok("create", "people", "name=A")
	e.ok("create", "people", "name=B")
	if out := e.ok("count", "people"); out != "2\n" {
		t.Errorf("count = %q", out)
	}
}

func TestValueErrorsWriteNothing(t *testing.T) {
	e := newEnv(t)
	e.ok("create", "people", "name=Jane Doe", "emails=jane@acme.io")

	msg := e.fail("create", "people", "name=John", "emails=not-an-email")
	mustContain(t, "bad email", msg, "field emails", `"not-an-email"`, "expected")

	msg = e.fail("create", "people", "name=John", "shoe_size=44")
	mustContain(t, "unknown field", msg, `unknown field "shoe_size" for people`, "emails", "job_title")

	msg = e.fail("create", "people", "name=John", "created_at=2024-01-01")
	mustContain(t, "system field", msg, "created_at", "cannot be set")

	msg = e.fail("create", "people", "name")
	mustContain(t, "no =", msg, `expected field=value, got "name"`)

	msg = e.fail("create", "people", "name=John", "emails=jane@acme.io")
	mustContain(t, "unique", msg, "jane@acme.io", "#1", "Jane Doe")

	msg = e.fail("create", "tasks", "title=Call", "status=someday")
	mustContain(t, "bad option", msg, "field status", `"someday"`)

	// The valid name in each failed command was not written.
	if n := e.count("people"); n != 1 {
		t.Errorf("people = %v after failed creates, want 1", n)
	}
	if n := e.count("tasks"); n != 0 {
		t.Errorf("tasks = %v after a failed create, want 0", n)
	}
}

func TestUpdateUpsertDeleteRestore(t *testing.T) {
	e := newEnv(t)
	e.ok("create", "people", "name=Jane Doe", "emails=jane@acme.io", "city=Paris")
	mustContain(t, "update", e.ok("update", "people", "1", "city=Berlin", "job_title=CTO"), "Updated person #1 Jane Doe")
	var p map[string]any
	e.okJSON(&p, "get", "people", "1")
	if p["city"] != "Berlin" || p["job_title"] != "CTO" {
		t.Errorf("after update: %v", p)
	}
	e.ok("update", "people", "1", "city=")
	e.okJSON(&p, "get", "people", "1")
	if p["city"] != nil {
		t.Errorf("city= should clear, got %v", p["city"])
	}
	mustContain(t, "update bad value", e.fail("update", "people", "1", "job_title=CEO", "emails=@@"), "field emails")
	e.okJSON(&p, "get", "people", "1")
	if p["job_title"] != "CTO" {
		t.Errorf("failed update changed job_title to %v", p["job_title"])
	}
	mustContain(t, "update missing", e.fail("update", "people", "42", "city=Rome"), "#42")

	var up map[string]any
	e.okJSON(&up, "upsert", "people", "--match", "emails", "emails=jane@acme.io", "city=Lyon")
	if up["created"] != false || up["record"].(map[string]any)["city"] != "Lyon" {
		t.Errorf("upsert existing = %v", up)
	}
	mustContain(t, "upsert new", e.ok("upsert", "people", "--match", "emails", "emails=max@acme.io", "name=Max"), "Created person #2 Max")
	mustContain(t, "upsert non-unique", e.fail("upsert", "people", "--match", "city", "city=Lyon"), "not unique")
	mustContain(t, "upsert no value", e.fail("upsert", "people", "--match", "emails", "name=X"), "emails=")
	mustContain(t, "upsert no match", e.fail("upsert", "people", "name=X"), "match")

	mustContain(t, "delete", e.ok("delete", "people", "1", "2"), "Deleted 2 people")
	if n := e.count("people"); n != 0 {
		t.Errorf("count after delete = %v", n)
	}
	var l map[string]any
	e.okJSON(&l, "list", "people", "--deleted")
	if len(l["records"].([]any)) != 2 {
		t.Errorf("--deleted lists %v", l["records"])
	}
	mustContain(t, "delete again", e.fail("delete", "people", "1"), "already deleted")
	var r map[string]any
	e.okJSON(&r, "restore", "people", "1")
	if r["restored"] != float64(1) {
		t.Errorf("restore JSON = %v", r)
	}
	mustContain(t, "restore live", e.fail("restore", "people", "1"), "not deleted")
	// One bad id stops the whole command before anything changes.
	mustContain(t, "delete with a bad id", e.fail("delete", "people", "1", "77"), "#77")
	if n := e.count("people"); n != 1 {
		t.Errorf("count after refused delete = %v, want 1", n)
	}
}

func TestTablesAreSanitized(t *testing.T) {
	e := newEnv(t)
	e.ok("create", "notes", "title=Hi \x1b[31mred\x1b[0m\u202eevil", "body=line one\nline two")
	out := e.ok("list", "notes", "--fields", "title,body")
	if regexp.MustCompile("[\x00-\x09\x0b-\x1f\x7f\u202e]").MatchString(out) {
		t.Errorf("control characters reach the terminal: %q", out)
	}
	mustContain(t, "list", out, "line one line two")
	out = e.ok("create", "notes", "title=\x07bell")
	if strings.Contains(out, "\x07") {
		t.Errorf("create summary not sanitized: %q", out)
	}
	// JSON keeps the exact text.
	var n map[string]any
	e.okJSON(&n, "get", "notes", "1")
	if n["title"] != "Hi \x1b[31mred\x1b[0m\u202eevil" {
		t.Errorf("JSON title = %q", n["title"])
	}
}
