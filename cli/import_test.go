package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportDryRunAndJSON(t *testing.T) {
	e := newEnv(t)
	p := writeTemp(t, "p.csv", "Full Name,E-mail,Shoe size,Company\nAnn Lee,ann@x.io,38,Acme\nBob Roe,bob@x.io,44,Acme\n")
	out := e.ok("import", "people", p, "--dry-run", "--create-missing")
	mustContain(t, "dry run", out, `"Full Name" → name`, `"Shoe size": no field matches`, "companies Acme",
		"Dry run, nothing written", "2 created")
	if e.count("people") != 0 || e.count("companies") != 0 {
		t.Fatal("dry run wrote records")
	}
	var rep map[string]any
	e.okJSON(&rep, "import", "people", p, "--create-missing")
	if rep["created"] != float64(2) || rep["written"] != true || rep["match"] != "emails" {
		t.Errorf("json report = %v", rep)
	}
	mapping, _ := rep["mapping"].(map[string]any)
	if un, _ := mapping["unmapped"].([]any); len(un) != 1 {
		t.Errorf("unmapped = %v", mapping["unmapped"])
	}
	e.okJSON(&rep, "import", "people", p)
	if rep["unchanged"] != float64(2) || rep["created"] != float64(0) {
		t.Errorf("reimport = %v", rep)
	}
}

func TestImportBadRowWritesNothing(t *testing.T) {
	e := newEnv(t)
	p := writeTemp(t, "p.csv", "name,emails\nAnn,ann@x.io\nBob,bob-at-x\n")
	errOut := e.fail("import", "people", p)
	mustContain(t, "stderr", errOut, `row 3, column "emails": "bob-at-x": expected`, "nothing was imported", "--skip-invalid")
	if e.count("people") != 0 {
		t.Fatal("a bad row let the good one in")
	}
	ep := filepath.Join(t.TempDir(), "rejected.csv")
	out := e.ok("import", "people", p, "--skip-invalid", "--errors", ep)
	mustContain(t, "skip-invalid", out, "1 created", "1 with errors")
	b, err := os.ReadFile(ep)
	if err != nil || !strings.HasPrefix(string(b), "name,emails,row,reason\nBob,bob-at-x,3,") {
		t.Errorf("errors file: %v\n%s", err, b)
	}
	mustContain(t, "unknown file", e.fail("import", "people", filepath.Join(t.TempDir(), "nope.csv")), "no such file")
}

func TestBulkEditTemplateFlow(t *testing.T) {
	e := newEnv(t)
	e.ok("member", "add", "ben")
	for _, n := range []string{"Acme", "Globex", "Initech"} {
		e.ok("create", "companies", "name="+n)
	}
	sheet := filepath.Join(t.TempDir(), "edit.csv")
	mustContain(t, "export", e.ok("export", "companies", "--template", "edit", "-o", sheet), "Exported 3 companies")
	b, _ := os.ReadFile(sheet)
	if string(b) != "id,name,active,owner\n1,Acme,true,alice\n2,Globex,true,alice\n3,Initech,true,alice\n" {
		t.Fatalf("template:\n%s", b)
	}
	// Reassign Acme to ben, deactivate Globex, and try to sneak in a new row.
	edited := strings.Replace(strings.Replace(string(b), "1,Acme,true,alice", "1,Acme,true,ben", 1), "2,Globex,true", "2,Globex,false", 1)
	os.WriteFile(sheet, []byte(edited+"99,Umbrella,true,ben\n"), 0o600)
	mustContain(t, "unknown id", e.fail("import", "companies", sheet, "--update-only"), "no company #99")
	os.WriteFile(sheet, []byte(edited), 0o600)
	mustContain(t, "update-only", e.ok("import", "companies", sheet, "--update-only"), "2 updated", "1 unchanged", "0 created")

	out := e.ok("list", "companies")
	mustContain(t, "list", out, "Acme", "Initech")
	mustNotContain(t, "list hides inactive", out, "Globex")
	mustContain(t, "inactive filter", e.ok("list", "companies", "--filter", "active:false"), "Globex")
	if e.count("companies") != 2 {
		t.Errorf("count should not include the inactive company")
	}
	var acme map[string]any
	e.okJSON(&acme, "get", "companies", "1")
	if owner, _ := acme["owner"].(map[string]any); owner["name"] != "ben" {
		t.Errorf("owner = %v", acme["owner"])
	}
}

func TestExportFormatsAndRoundTrip(t *testing.T) {
	e := newEnv(t)
	e.ok("create", "companies", "name=Acme", "domain=acme.io")
	e.ok("create", "people", "name==SUM(A1)", "emails=ann@acme.io", "company=Acme", "city=-Oslo")
	out := e.ok("export", "people", "--fields", "name,company,city")
	if out != "id,name,company,city\n1,'=SUM(A1),Acme,'-Oslo\n" {
		t.Errorf("csv export:\n%s", out)
	}
	for _, ext := range []string{"csv", "tsv", "xlsx", "json", "vcf"} {
		p := filepath.Join(t.TempDir(), "people."+ext)
		e.ok("export", "people", "-o", p)
		mustContain(t, ext+" reimport", e.ok("import", "people", p), "0 created, 0 updated, 1 unchanged")
	}
	mustContain(t, "bad format", e.fail("export", "people", "--format", "pdf"), "unknown format")
	mustContain(t, "bad view", e.fail("export", "people", "--view", "nope"), `no view "nope"`)
}
