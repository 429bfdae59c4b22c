package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// env is one test workspace: a temporary database and an environment
// that keeps the developer's own settings out.
type env struct {
	t    *testing.T
	db   string
	vars map[string]string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	return &env{t: t, db: filepath.Join(dir, "rolo.db"), vars: map[string]string{
		"HOME":      dir,
		"ROLO_USER": "alice",
	}}
}

// run executes rolo in-process against the workspace.
func (e *env) run(args ...string) (stdout, stderr string, err error) {
	var out, errb bytes.Buffer
	err = Run(context.Background(), append([]string{"--db", e.db}, args...), Options{
		Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return e.vars[k] },
	})
	return out.String(), errb.String(), err
}

// ok runs a command that must succeed and returns its stdout.
func (e *env) ok(args ...string) string {
	e.t.Helper()
	out, errOut, err := e.run(args...)
	if err != nil {
		e.t.Fatalf("rolo %s: %v\nstderr: %s", strings.Join(args, " "), err, errOut)
	}
	return out
}

// fail runs a command that must fail, and returns its stderr. Failing
// commands print nothing on stdout.
func (e *env) fail(args ...string) string {
	e.t.Helper()
	out, errOut, err := e.run(args...)
	if err == nil {
		e.t.Fatalf("rolo %s succeeded, want an error\nstdout: %s", strings.Join(args, " "), out)
	}
	if out != "" {
		e.t.Errorf("rolo %s failed but printed on stdout: %q", strings.Join(args, " "), out)
	}
	return errOut
}

// okJSON runs a command with --json and decodes its output into v.
func (e *env) okJSON(v any, args ...string) {
	e.t.Helper()
	out := e.ok(append([]string{"--json"}, args...)...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		e.t.Fatalf("rolo --json %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func mustContain(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%s does not contain %q:\n%s", what, sub, s)
		}
	}
}

func mustNotContain(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			t.Errorf("%s contains %q:\n%s", what, sub, s)
		}
	}
}

// count returns the number of live records of object.
func (e *env) count(object string) float64 {
	e.t.Helper()
	var c map[string]any
	e.okJSON(&c, "count", object)
	n, _ := c["count"].(float64)
	return n
}
