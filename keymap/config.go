package keymap

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Overrides are user key bindings: context name → action name → keys, as
// written in config.toml:
//
//	[keys.list]
//	sort = ["s"]
//	delete = []        # unbinds
type Overrides map[string]map[string][]string

// ConfigPath is $XDG_CONFIG_HOME/rolo/config.toml, falling back to
// ~/.config/rolo/config.toml as the XDG spec says. getenv is injected so
// tests need not touch the process environment.
func ConfigPath(getenv func(string) string) string {
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "rolo", "config.toml")
}

// ReadOverrides reads the [keys.*] tables of a config file. A missing file
// is no error: most users never write one. Other top-level tables belong to
// other parts of rolo and are ignored here.
func ReadOverrides(path string) (Overrides, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading key config: %w", err)
	}
	return ParseOverrides(string(data))
}

// ParseOverrides decodes the [keys.*] tables of config TOML text.
func ParseOverrides(text string) (Overrides, error) {
	var cfg struct {
		Keys Overrides `toml:"keys"`
	}
	if _, err := toml.Decode(text, &cfg); err != nil {
		return nil, fmt.Errorf("key config: %w", err)
	}
	return cfg.Keys, nil
}

// Load is Default with the user's overrides from path applied. It never
// fails: a broken file or a bad override leaves the defaults in place and is
// returned as a warning for the status bar at start.
func Load(path string) (KeyMap, []error) {
	km := Default()
	ov, err := ReadOverrides(path)
	if err != nil {
		return km, []error{err}
	}
	return km, km.Apply(ov)
}

// Apply sets the overridden bindings. Unknown contexts or actions, and any
// override that would bind one key twice within a context or shadow a
// global key, are reported and that override is reverted to its default, so
// a mistake never silently makes a command unreachable. Swapping two keys
// (j↔k) is fine: conflicts are judged after all overrides are applied.
func (km *KeyMap) Apply(ov Overrides) []error {
	var errs []error
	defaults := Default()
	defCtx := indexContexts(defaults.Contexts())
	ctxs := indexContexts(km.Contexts())
	overridden := map[string]bool{} // "ctx.action"

	for _, cname := range sortedKeys(ov) {
		actions, ok := ctxs[cname]
		if !ok {
			errs = append(errs, fmt.Errorf("keys.%s: unknown context (expected one of %s)", cname, strings.Join(contextNames(km), ", ")))
			continue
		}
		for _, aname := range sortedKeys(ov[cname]) {
			b, ok := actions[aname]
			if !ok {
				errs = append(errs, fmt.Errorf("keys.%s.%s: unknown action", cname, aname))
				continue
			}
			keys := normalizeKeys(ov[cname][aname])
			if len(keys) == 0 {
				b.Unbind()
				b.SetEnabled(false)
			} else {
				b.SetKeys(keys...)
				b.SetHelp(helpKeys(keys), b.Help().Desc)
				b.SetEnabled(true)
			}
			overridden[cname+"."+aname] = true
		}
	}

	// Revert until consistent. Each round reverts at least one override or
	// stops, so this ends after at most len(overridden) rounds.
	for {
		conflicts := km.Conflicts()
		reverted := false
		for _, c := range conflicts {
			var ours []string
			for _, a := range c.Actions {
				if overridden[a] {
					ours = append(ours, a)
				}
			}
			if len(ours) == 0 {
				continue
			}
			for _, a := range ours {
				cname, aname, _ := strings.Cut(a, ".")
				*ctxs[cname][aname] = *defCtx[cname][aname]
				delete(overridden, a)
			}
			errs = append(errs, fmt.Errorf("keys: %q is bound to both %s; override of %s ignored",
				c.Key, strings.Join(c.Actions, " and "), strings.Join(ours, ", ")))
			reverted = true
		}
		if !reverted {
			break
		}
	}
	return errs
}

// Conflict is one key bound to more than one action where they can collide.
type Conflict struct {
	Key     string
	Actions []string // "ctx.action", sorted
}

// Conflicts finds keys bound twice within a context, or bound in a context
// and globally (the root handles global keys first, so the context's
// binding would never fire; for an overlay, only the global palette and
// quit keys are handled first).
func (km *KeyMap) Conflicts() []Conflict {
	ctxs := km.Contexts()
	global := map[string][]string{}
	overGlobal := map[string][]string{} // what an overlay cannot use
	for _, a := range ctxs[0].Actions {
		for _, k := range a.Binding.Keys() {
			global[k] = append(global[k], "global."+a.Name)
			if a.Name == "palette" || a.Name == "quit" {
				overGlobal[k] = append(overGlobal[k], "global."+a.Name)
			}
		}
	}
	var out []Conflict
	seen := map[string]bool{}
	add := func(k string, actions []string) {
		actions = slices.Clone(actions)
		sort.Strings(actions)
		id := k + "|" + strings.Join(actions, ",")
		if !seen[id] {
			seen[id] = true
			out = append(out, Conflict{Key: k, Actions: actions})
		}
	}
	for k, as := range global {
		if len(as) > 1 {
			add(k, as)
		}
	}
	for _, c := range ctxs[1:] {
		local := map[string][]string{}
		for _, a := range c.Actions {
			for _, k := range a.Binding.Keys() {
				local[k] = append(local[k], c.Name+"."+a.Name)
			}
		}
		glob := global
		if c.Overlay {
			glob = overGlobal
		}
		for _, k := range sortedKeys(local) {
			as := local[k]
			if g, ok := glob[k]; ok {
				add(k, append(slices.Clone(as), g...))
			} else if len(as) > 1 {
				add(k, as)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Key != out[j].Key {
			return out[i].Key < out[j].Key
		}
		return strings.Join(out[i].Actions, ",") < strings.Join(out[j].Actions, ",")
	})
	return out
}

// normalizeKeys accepts " " for space and drops duplicates and blanks, so
// `sort = ["s", "s"]` is not reported as a conflict with itself.
func normalizeKeys(keys []string) []string {
	var out []string
	for _, k := range keys {
		if k == " " {
			k = "space"
		}
		k = strings.TrimSpace(k)
		if k == "" || slices.Contains(out, k) {
			continue
		}
		out = append(out, k)
	}
	return out
}

func indexContexts(cs []Context) map[string]map[string]*keyBinding {
	m := make(map[string]map[string]*keyBinding, len(cs))
	for _, c := range cs {
		m[c.Name] = make(map[string]*keyBinding, len(c.Actions))
		for _, a := range c.Actions {
			m[c.Name][a.Name] = a.Binding
		}
	}
	return m
}

func contextNames(km *KeyMap) []string {
	var names []string
	for _, c := range km.Contexts() {
		names = append(names, c.Name)
	}
	return names
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
