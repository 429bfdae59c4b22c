package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"rolo/store"
)

func TestMembers(t *testing.T) {
	e := newEnv(t)
	mustContain(t, "member add", e.ok("member", "add", "bob", "--name", "Bob Stone", "--email", "bob@acme.io"), "Added member bob")
	out := e.ok("member", "list")
	// alice is the acting member (ROLO_USER), created on first use.
	mustContain(t, "member list", out, "LOGIN", "alice", "bob", "Bob Stone", "bob@acme.io")
	mustContain(t, "bad email", e.fail("member", "add", "carl", "--email", "nope"), "--email", `"nope"`)
	mustContain(t, "bad login", e.fail("member", "add", "Not Valid"), "not a valid login")

	e.ok("member", "deactivate", "bob")
	var ms []map[string]any
	e.okJSON(&ms, "member", "list")
	for _, m := range ms {
		if m["login"] == "bob" && m["active"] != false {
			t.Errorf("bob after deactivate = %v", m)
		}
	}
	mustContain(t, "deactivate unknown", e.fail("member", "deactivate", "zed"), "zed")

	// --as picks the acting member, and the owner of what it creates.
	var p map[string]any
	e.okJSON(&p, "--as", "carol", "create", "people", "name=X")
	e.okJSON(&ms, "member", "list")
	var carol float64
	for _, m := range ms {
		if m["login"] == "carol" {
			carol = m["id"].(float64)
		}
	}
	if carol == 0 {
		t.Fatalf("--as carol did not create the member: %v", ms)
	}
	for _, f := range []string{"created_by", "owner"} {
		if m, _ := p[f].(map[string]any); m == nil || m["id"] != carol {
			t.Errorf("%s = %v, want carol (#%v)", f, p[f], carol)
		}
	}
	// owner= takes a login.
	e.okJSON(&p, "update", "people", "1", "owner=bob")
	if m, _ := p["owner"].(map[string]any); m == nil || m["name"] != "Bob Stone" {
		t.Errorf("owner after owner=bob: %v", p["owner"])
	}
}

func TestPipelinesAndStages(t *testing.T) {
	e := newEnv(t)
	mustContain(t, "pipeline add", e.ok("pipeline", "add", "Partners", "--stages", "Intro,Deal"),
		"Added pipeline Partners: Incoming → Intro → Deal → Won → Lost")
	out := e.ok("pipeline", "list")
	mustContain(t, "pipeline list", out, "Sales", "Partners", "Qualified")

	e.ok("stage", "add", "Partners", "Review", "--color", "#123456")
	e.ok("stage", "rename", "Partners", "intro", "Introduction")
	e.ok("stage", "recolor", "Partners", "Deal", "#abcdef")
	e.ok("stage", "move", "Partners", "Review", "2")
	var ps []map[string]any
	e.okJSON(&ps, "pipeline", "list")
	var partners map[string]any
	for _, p := range ps {
		if p["name"] == "Partners" {
			partners = p
		}
	}
	var names []string
	for _, s := range partners["stages"].([]any) {
		m := s.(map[string]any)
		names = append(names, m["name"].(string))
		if m["name"] == "Deal" && m["color"] != "#abcdef" {
			t.Errorf("Deal color = %v", m["color"])
		}
	}
	if got := strings.Join(names, ","); got != "Incoming,Review,Introduction,Deal,Won,Lost" {
		t.Errorf("stages = %s", got)
	}

	mustContain(t, "move system", e.fail("stage", "move", "Partners", "Won", "2"), "system stage")
	mustContain(t, "move out of range", e.fail("stage", "move", "Partners", "Deal", "1"), "expected 2 to 4")
	mustContain(t, "delete system", e.fail("stage", "delete", "Partners", "Lost"), "system stage")
	mustContain(t, "unknown stage", e.fail("stage", "rename", "Partners", "Nope", "X"), `no stage "Nope"`, "Introduction")
	mustContain(t, "unknown pipeline", e.fail("stage", "add", "Nope", "X"), `unknown pipeline "Nope"`, "Sales")

	e.ok("create", "opportunities", "name=Big", "amount=1000 USD", "pipeline=Partners", "stage=Deal")
	e.ok("create", "opportunities", "name=Small", "amount=250.50 USD", "pipeline=Partners", "stage=Deal")
	e.ok("create", "opportunities", "name=Euro", "amount=99 EUR", "pipeline=Partners", "stage=Deal")
	out = e.ok("pipeline", "stages", "Partners")
	mustContain(t, "pipeline stages", out, "Deal", "3", "1,250.50", "99")

	var totals map[string]any
	e.okJSON(&totals, "pipeline", "stages", "Partners")
	for _, s := range totals["stages"].([]any) {
		m := s.(map[string]any)
		if m["name"] != "Deal" {
			continue
		}
		if m["count"] != float64(3) {
			t.Errorf("Deal count = %v", m["count"])
		}
		sums := map[string]string{}
		for _, x := range m["totals"].([]any) {
			xm := x.(map[string]any)
			sums[xm["currency"].(string)] = xm["amount"].(string)
		}
		if sums["USD"] != "1250.50" || sums["EUR"] != "99.00" {
			t.Errorf("Deal totals = %v", sums)
		}
	}

	mustContain(t, "delete needs move-to", e.fail("stage", "delete", "Partners", "Deal"), "Deal")
	e.ok("stage", "delete", "Partners", "Deal", "--move-to", "Review")
	out = e.ok("pipeline", "stages", "Partners")
	mustNotContain(t, "stages after delete", out, "Deal")

	mustContain(t, "pipeline rename", e.ok("pipeline", "rename", "Partners", "Alliances"), "Renamed pipeline Alliances")
	mustContain(t, "pipeline in use", e.fail("pipeline", "delete", "Alliances"), "Alliances")
}

func TestEvents(t *testing.T) {
	e := newEnv(t)
	e.ok("create", "people", "name=Jane", "city=Paris")
	e.ok("update", "people", "1", "city=Rome")
	e.ok("create", "companies", "name=Acme")
	var evs []map[string]any
	e.okJSON(&evs, "events", "people", "1")
	if len(evs) < 2 {
		t.Fatalf("events = %v", evs)
	}
	first := evs[0] // newest first
	if first["kind"] != "updated" || first["field"] != "city" || first["old"] != "Paris" || first["new"] != "Rome" || first["actor"] != "alice" {
		t.Errorf("newest event = %v", first)
	}
	if last := evs[len(evs)-1]; last["kind"] != "created" || last["record_id"] != float64(1) {
		t.Errorf("oldest event = %v", last)
	}
	out := e.ok("events", "--limit", "1")
	if strings.Count(out, "\n") != 2 || !strings.Contains(out, "companies #1") {
		t.Errorf("events --limit 1:\n%s", out)
	}
	out = e.ok("events", "people")
	mustContain(t, "events people", out, "Paris → Rome", "alice")
	mustNotContain(t, "events people", out, "companies")
}

func TestDemoCommand(t *testing.T) {
	e := newEnv(t)
	out := e.ok("demo", "--companies", "4", "--people", "25", "--opportunities", "10", "--tasks", "6", "--notes", "5")
	mustContain(t, "demo", out, "Added 4 companies, 25 people, 10 opportunities, 6 tasks, 5 notes")
	for obj, want := range map[string]float64{"companies": 4, "people": 25, "opportunities": 10, "tasks": 6, "notes": 5} {
		if n := e.count(obj); n != want {
			t.Errorf("%s = %v, want %v", obj, n, want)
		}
	}
	mustContain(t, "pipelines", e.ok("pipeline", "list"), "Partnerships")
	mustContain(t, "negative", e.fail("demo", "--people", "-1"), "--people")
	mustContain(t, "second fill", e.fail("demo"), "already has 4 companies", "empty workspace")
	if n := e.count("people"); n != 25 {
		t.Errorf("people after refused second fill = %v", n)
	}
}

func TestCompletion(t *testing.T) {
	e := newEnv(t)
	e.ok("objects") // create the workspace
	out := e.ok("__complete", "list", "")
	mustContain(t, "object completion", out, "people\tPeople", "companies")
	out = e.ok("__complete", "field", "hide", "people", "")
	mustContain(t, "field completion", out, "emails", "job_title")
	out = e.ok("__complete", "create", "tasks", "")
	mustContain(t, "assignment completion", out, "title=", "status=")
	mustNotContain(t, "assignment completion", out, "created_at=")
	out = e.ok("__complete", "create", "tasks", "status=")
	mustContain(t, "option completion", out, "status=todo", "status=in_progress")
	out = e.ok("__complete", "list", "people", "--sort", "na")
	mustContain(t, "sort completion", out, "name", "-name")
	mustContain(t, "bash script", e.ok("completion", "bash"), "__start_rolo")

	// Completing against a missing workspace does not create one.
	e2 := newEnv(t)
	e2.ok("__complete", "list", "")
	if _, err := os.Stat(e2.db); err == nil {
		t.Error("completion created a database")
	}
}

func TestNoCommandPrintsHelpUntilTUIIsWired(t *testing.T) {
	e := newEnv(t)
	out := e.ok()
	mustContain(t, "help", out, "Usage:", "rolo [command]", "Records:", "list", "--db")
	var got string
	RunTUI = func(st *store.Store) error { got = st.Actor().Login; return nil }
	defer func() { RunTUI = nil }()
	e.ok()
	if got != "alice" {
		t.Errorf("RunTUI got actor %q", got)
	}
}

func TestDBPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		flag string
		vars map[string]string
		want string
	}{
		{"/x/flag.db", map[string]string{"ROLO_DB": "/x/env.db"}, "/x/flag.db"},
		{"", map[string]string{"ROLO_DB": "/x/env.db", "XDG_DATA_HOME": "/xdg"}, "/x/env.db"},
		{"", map[string]string{"XDG_DATA_HOME": "/xdg", "HOME": "/home/u"}, "/xdg/rolo/rolo.db"},
		{"", map[string]string{"XDG_DATA_HOME": "relative", "HOME": "/home/u"}, "/home/u/.local/share/rolo/rolo.db"},
	}
	for _, c := range cases {
		got, err := dbPath(c.flag, env(c.vars))
		if err != nil || got != c.want {
			t.Errorf("dbPath(%q, %v) = %q, %v; want %q", c.flag, c.vars, got, err, c.want)
		}
	}
	if got := actorLogin("", env(map[string]string{"ROLO_USER": "zoe"})); got != "zoe" {
		t.Errorf("actorLogin from ROLO_USER = %q", got)
	}
	if got := actorLogin("bob", env(map[string]string{"ROLO_USER": "zoe"})); got != "bob" {
		t.Errorf("actorLogin from --as = %q", got)
	}

	// $ROLO_DB is honoured end to end.
	e := newEnv(t)
	e.vars["ROLO_DB"] = filepath.Join(t.TempDir(), "fromenv.db")
	var out strings.Builder
	if err := Run(t.Context(), []string{"objects"}, Options{Stdout: &out, Getenv: func(k string) string { return e.vars[k] }}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(e.vars["ROLO_DB"]); err != nil {
		t.Errorf("$ROLO_DB not used: %v", err)
	}
}

// TestBinary builds the real program and scripts it as a user would.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "rolo")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "w.db")
	run := func(args ...string) (string, string, error) {
		cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
		cmd.Env = []string{"HOME=" + dir, "ROLO_USER=alice", "PATH=" + os.Getenv("PATH")}
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		return out.String(), errb.String(), err
	}
	out, errOut, err := run("create", "people", "name=Ada Lovelace", "emails=ada@engine.org", "--json")
	if err != nil {
		t.Fatalf("create: %v\n%s", err, errOut)
	}
	mustContain(t, "create --json", out, `"name": "Ada Lovelace"`, `"primary": "ada@engine.org"`)
	out, _, err = run("list", "people", "--json")
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "list --json", out, `"records"`, `"Ada Lovelace"`, `"next": null`)
	out, _, err = run("get", "people", "1")
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "get", out, "Ada Lovelace", "ada@engine.org")

	out, errOut, err = run("create", "people", "bogus=1")
	if err == nil || out != "" {
		t.Fatalf("bad create: err=%v stdout=%q", err, out)
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("exit = %v, want status 1", err)
	}
	mustContain(t, "stderr", errOut, `rolo: unknown field "bogus" for people`)
}
