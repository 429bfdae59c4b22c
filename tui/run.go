package tui

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
	"rolo/store"
)

// Run opens the full-screen interface on st and returns when the user
// quits. The user's key overrides come from
// $XDG_CONFIG_HOME/rolo/config.toml; a broken file or a conflicting
// override is reported in the status bar at start, never fatal. NO_COLOR
// (any value) turns colour off.
func Run(st *store.Store, opt Options) error {
	if opt.Keys == nil {
		km, warnings := keymap.Load(keymap.ConfigPath(os.Getenv))
		opt.Keys = &km
		opt.Warnings = append(opt.Warnings, warnings...)
	}
	if os.Getenv("NO_COLOR") != "" {
		opt.NoColor = true
	}
	app := New(st, opt)
	p := tea.NewProgram(app)
	if _, err := p.Run(); err != nil {
		return fmt.Errorf("terminal interface: %w", err)
	}
	return nil
}
