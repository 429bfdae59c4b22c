package cli

import (
	"strings"
	"testing"
)

func TestObjectsListsStandardObjects(t *testing.T) {
	e := newEnv(t)
	out := e.ok("objects")
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if !strings.HasPrefix(lines[0], "NAME") {
		t.Fatalf("no header: %q", lines[0])
	}
	mustContain(t, "objects", out, "companies", "people", "opportunities", "tasks", "notes", "standard")
	// Columns are aligned: SINGULAR starts at the same offset on every line.
	col := strings.Index(lines[0], "SINGULAR")
	for _, l := range lines[1:] {
		if l[col-2:col] != "  " || l[col] == ' ' {
			t.Errorf("line not aligned at column %d: %q", col, l)
		}
	}

	var objs []map[string]any
	e.okJSON(&objs, "objects")
	found := false
	for _, o := range objs {
		if o["name"] == "people" {
			found = true
			if o["singular"] != "Person" || o["standard"] != true || o["label_field"] != "name" {
				t.Errorf("people JSON = %v", o)
			}
		}
	}
	if !found {
		t.Fatalf("people missing from %v", objs)
	}
}

func TestFieldsAndUnknownObject(t *testing.T) {
	e := newEnv(t)
	out := e.ok("fields", "people")
	mustContain(t, "fields people", out, "emails", "unique", "company", "relation → companies")

	var fields []map[string]any
	e.okJSON(&fields, "fields", "tasks")
	var status map[string]any
	for _, f := range fields {
		if f["name"] == "status" {
			status = f
		}
	}
	if status == nil || status["type"] != "select" {
		t.Fatalf("tasks.status = %v", status)
	}
	opts := status["options"].([]any)
	if len(opts) != 3 || opts[0].(map[string]any)["value"] != "todo" {
		t.Errorf("status options = %v", opts)
	}

	msg := e.fail("fields", "persons")
	mustContain(t, "unknown object error", msg, `unknown object "persons"`, "companies, people, opportunities")
	// Labels are accepted where names are expected.
	mustContain(t, "fields Person", e.ok("fields", "Person"), "emails")
}

func TestCustomObjectAndFieldLifecycle(t *testing.T) {
	e := newEnv(t)
	mustContain(t, "object add", e.ok("object", "add", "projects", "--singular", "Project", "--plural", "Projects"),
		"Added object projects (Project / Projects)")
	e.ok("field", "add", "projects", "budget", "currency", "--label", "Budget")
	e.ok("field", "add", "projects", "tier", "select", "--options", "Gold:#d4af37,silver,In progress")
	e.ok("field", "add", "projects", "lead", "relation", "--target", "people")
	e.ok("field", "add", "projects", "code", "text", "--unique", "--required")

	var fields []map[string]any
	e.okJSON(&fields, "fields", "projects")
	byName := map[string]map[string]any{}
	for _, f := range fields {
		byName[f["name"].(string)] = f
	}
	if byName["budget"]["type"] != "currency" || byName["lead"]["target"] != "people" {
		t.Errorf("fields = %v", byName)
	}
	if byName["code"]["unique"] != true || byName["code"]["required"] != true {
		t.Errorf("code = %v", byName["code"])
	}
	opts := byName["tier"]["options"].([]any)
	// Typed labels are kept, lowercase ones capitalised; colours given are
	// kept (the store picks the others).
	want := []string{"gold|Gold", "silver|Silver", "in_progress|In progress"}
	if len(opts) != len(want) {
		t.Fatalf("tier options = %v", opts)
	}
	for i, o := range opts {
		m := o.(map[string]any)
		if got := m["value"].(string) + "|" + m["label"].(string); got != want[i] {
			t.Errorf("option %d = %s, want %s", i, got, want[i])
		}
	}
	if c := opts[0].(map[string]any)["color"].(string); !strings.EqualFold(c, "#d4af37") {
		t.Errorf("gold colour = %s", c)
	}

	// Mistakes are caught before the store is asked.
	mustContain(t, "bad type", e.fail("field", "add", "projects", "x", "colour"), `unknown field type "colour"`)
	mustContain(t, "select without options", e.fail("field", "add", "projects", "x", "select"), "needs --options")
	mustContain(t, "relation without target", e.fail("field", "add", "projects", "x", "relation"), "needs --target")
	mustContain(t, "bad target", e.fail("field", "add", "projects", "x", "relation", "--target", "nope"), `unknown object "nope"`)
	mustContain(t, "duplicate", e.fail("field", "add", "projects", "budget", "number"), "already has a field budget")
	mustContain(t, "reserved", e.fail("field", "add", "projects", "owner", "text"), "system field name")

	mustContain(t, "rename", e.ok("field", "rename", "projects", "budget", "Total budget"), "Total budget")
	e.ok("field", "hide", "projects", "budget")
	e.okJSON(&fields, "fields", "projects")
	for _, f := range fields {
		if f["name"] == "budget" && (f["hidden"] != true || f["label"] != "Total budget") {
			t.Errorf("budget after hide = %v", f)
		}
	}
	e.ok("field", "show", "projects", "budget")
	e.ok("field", "options", "projects", "tier", "gold,bronze")
	e.okJSON(&fields, "fields", "projects")
	for _, f := range fields {
		if f["name"] == "tier" {
			opts := f["options"].([]any)
			if len(opts) != 2 || opts[0].(map[string]any)["color"] != "#d4af37" || opts[1].(map[string]any)["value"] != "bronze" {
				t.Errorf("tier options after replace = %v (gold should keep its colour)", opts)
			}
		}
		if f["name"] == "budget" && f["hidden"] != false {
			t.Errorf("budget after show = %v", f)
		}
	}
	e.ok("field", "remove", "projects", "budget")
	mustNotContain(t, "fields after remove", e.ok("fields", "projects"), "budget")
	mustContain(t, "unknown field", e.fail("field", "hide", "projects", "budget"), `unknown field "budget" for projects`, "name")

	mustContain(t, "remove standard field", e.fail("field", "remove", "people", "emails"), "cannot be removed")
	mustContain(t, "object rename", e.ok("object", "rename", "projects", "--plural", "Initiatives"), "(Project / Initiatives)")
	mustContain(t, "remove standard object", e.fail("object", "remove", "people"), "standard object")
	e.ok("object", "remove", "projects")
	mustNotContain(t, "objects after remove", e.ok("objects"), "projects")
	mustContain(t, "bad object name", e.fail("object", "add", "Bad Name"), "not a valid name")
}
