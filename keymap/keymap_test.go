package keymap

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The defaults must be conflict-free, or every user would see warnings.
func TestDefaultHasNoConflicts(t *testing.T) {
	km := Default()
	if c := km.Conflicts(); len(c) != 0 {
		t.Fatalf("default key map has conflicts: %+v", c)
	}
}

func TestEveryBindingHasHelp(t *testing.T) {
	km := Default()
	for _, c := range km.Contexts() {
		for _, a := range c.Actions {
			if len(a.Binding.Keys()) == 0 || a.Binding.Help().Key == "" || a.Binding.Help().Desc == "" {
				t.Errorf("%s.%s: missing keys or help", c.Name, a.Name)
			}
		}
	}
}

func TestHelpAdapters(t *testing.T) {
	km := Default()
	for _, m := range []help.KeyMap{km.Global, km.List, km.Sidebar, km.FilterBar, km.Dialog, km.FirstRun,
		WithGlobal{Context: km.List, Global: km.Global}} {
		if len(m.ShortHelp()) == 0 || len(m.FullHelp()) == 0 {
			t.Errorf("%T: empty help", m)
		}
	}
	h := help.New()
	h.SetWidth(200)
	out := h.View(km.List)
	for _, want := range []string{"filter", "open", "quit"} {
		if !strings.Contains(out, want) {
			t.Errorf("short help %q lacks %q", out, want)
		}
	}
}

func TestMatchesKeyPresses(t *testing.T) {
	km := Default()
	cases := []struct {
		msg tea.KeyPressMsg
		b   key.Binding
	}{
		{tea.KeyPressMsg{Code: 'j', Text: "j"}, km.List.Down},
		{tea.KeyPressMsg{Code: tea.KeyDown}, km.List.Down},
		{tea.KeyPressMsg{Code: 'G', Text: "G", Mod: tea.ModShift}, km.List.Last},
		{tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}, km.List.Select},
		{tea.KeyPressMsg{Code: 'a', Mod: tea.ModCtrl}, km.List.SelectAll},
		{tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}, km.Global.Quit},
		{tea.KeyPressMsg{Code: tea.KeyPgDown}, km.List.PageDown},
		{tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}, km.Global.FocusPrev},
	}
	for _, c := range cases {
		if !key.Matches(c.msg, c.b) {
			t.Errorf("%q does not match %v", c.msg.String(), c.b.Keys())
		}
	}
}

func TestApplyOverride(t *testing.T) {
	ov, err := ParseOverrides(`
theme = "dark"   # other settings are not ours
[keys.list]
sort = ["o"]
delete = []
`)
	if err != nil {
		t.Fatal(err)
	}
	km := Default()
	if errs := km.Apply(ov); len(errs) != 0 {
		t.Fatalf("unexpected errors %v", errs)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'o', Text: "o"}, km.List.Sort) {
		t.Error("sort not rebound to o")
	}
	if key.Matches(tea.KeyPressMsg{Code: 's', Text: "s"}, km.List.Sort) {
		t.Error("sort still bound to s")
	}
	if km.List.Sort.Help().Key != "o" {
		t.Errorf("help key = %q, want o", km.List.Sort.Help().Key)
	}
	if km.List.Delete.Enabled() {
		t.Error("empty key list should unbind delete")
	}
	// Default() is untouched by another map's overrides.
	if !key.Matches(tea.KeyPressMsg{Code: 's', Text: "s"}, Default().List.Sort) {
		t.Error("Default() shares state")
	}
}

func TestSwapIsNotAConflict(t *testing.T) {
	km := Default()
	errs := km.Apply(Overrides{"list": {"up": {"j"}, "down": {"k"}}})
	if len(errs) != 0 {
		t.Fatalf("swap reported %v", errs)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'k', Text: "k"}, km.List.Down) {
		t.Error("down not rebound")
	}
}

func TestConflictsAreReportedAndReverted(t *testing.T) {
	cases := []struct {
		name string
		ov   Overrides
		want string
	}{
		{"same context", Overrides{"list": {"sort": {"j"}}}, `"j" is bound to both list.down and list.sort`},
		{"clash with global", Overrides{"list": {"open": {"?"}}}, `"?" is bound to both global.help and list.open`},
		{"global clashes with context", Overrides{"global": {"help": {"s"}}}, `"s" is bound to both global.help and list.sort`},
		{"palette key the root takes first", Overrides{"palette": {"actions": {"ctrl+k"}}}, `"ctrl+k" is bound to both global.palette and palette.actions`},
		{"palette twice", Overrides{"palette": {"run": {"tab"}}}, `"tab" is bound to both palette.actions and palette.run`},
		{"unknown context", Overrides{"lsit": {"sort": {"x"}}}, "keys.lsit: unknown context"},
		{"unknown action", Overrides{"list": {"srot": {"x"}}}, "keys.list.srot: unknown action"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			km := Default()
			errs := km.Apply(c.ov)
			if len(errs) == 0 {
				t.Fatal("no error reported")
			}
			var all []string
			for _, e := range errs {
				all = append(all, e.Error())
			}
			if !strings.Contains(strings.Join(all, "\n"), c.want) {
				t.Errorf("errors %q lack %q", all, c.want)
			}
			if cs := km.Conflicts(); len(cs) != 0 {
				t.Errorf("conflicts left after revert: %+v", cs)
			}
		})
	}
	// The reverted binding is back to its default.
	km := Default()
	km.Apply(Overrides{"list": {"sort": {"j"}}})
	if !key.Matches(tea.KeyPressMsg{Code: 's', Text: "s"}, km.List.Sort) {
		t.Error("conflicting override not reverted")
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"XDG_CONFIG_HOME": dir, "HOME": "/nonexistent"}
	path := ConfigPath(func(k string) string { return env[k] })
	if path != filepath.Join(dir, "rolo", "config.toml") {
		t.Fatalf("path %q", path)
	}
	if km, errs := Load(path); len(errs) != 0 || !key.Matches(tea.KeyPressMsg{Code: 's', Text: "s"}, km.List.Sort) {
		t.Fatalf("missing file: %v", errs)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte("[keys.list]\nsort = [\"o\"]\nopen = [\"j\"]\n"), 0o644)
	km, errs := Load(path)
	if len(errs) != 1 || !key.Matches(tea.KeyPressMsg{Code: 'o', Text: "o"}, km.List.Sort) {
		t.Fatalf("errs %v", errs)
	}
	os.WriteFile(path, []byte("[keys.list\n"), 0o644)
	if _, errs := Load(path); len(errs) != 1 {
		t.Fatalf("broken file: errs %v", errs)
	}
	if got := ConfigPath(func(k string) string { return map[string]string{"HOME": "/h"}[k] }); got != "/h/.config/rolo/config.toml" {
		t.Errorf("fallback path %q", got)
	}
}

// The palette takes every key before the global ones (but ctrl+k and
// ctrl+c), so its keys may reuse global ones such as tab.
func TestPaletteKeysAreConfigurable(t *testing.T) {
	km := Default()
	if errs := km.Apply(Overrides{"palette": {"run": {"ctrl+j", "enter"}, "close": {"esc", "ctrl+g"}, "down": {"down", "ctrl+n", "?"}}}); len(errs) != 0 {
		t.Fatalf("palette overrides refused: %v", errs)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl}, km.Palette.Run) {
		t.Error("palette run not rebound")
	}
	if !key.Matches(tea.KeyPressMsg{Code: '?', Text: "?"}, km.Palette.Down) {
		t.Error("palette down not rebound to a key the global help also uses")
	}
}
