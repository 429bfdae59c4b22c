package tui

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
	"rolo/store"
	"rolo/views"
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
	if opt.Board == (views.BoardOptions{}) {
		bo, err := loadBoardOptions(keymap.ConfigPath(os.Getenv))
		opt.Board = bo
		if err != nil {
			opt.Warnings = append(opt.Warnings, err)
		}
	}
	opt.Live = true // index in the background, follow other processes' changes
	app := New(st, opt)
	p := tea.NewProgram(app)
	if _, err := p.Run(); err != nil {
		return fmt.Errorf("terminal interface: %w", err)
	}
	return nil
}
