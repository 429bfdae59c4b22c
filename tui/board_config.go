package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/BurntSushi/toml"

	"rolo/views"
)

// loadBoardOptions reads the [board] table of config.toml:
//
//	[board]
//	stale_days = 14        # mark cards that sat longer in their stage
//	collapse_closed = true # start with Won and Lost collapsed
//
// A missing file or table gives the defaults; a broken one is a warning.
func loadBoardOptions(path string) (views.BoardOptions, error) {
	if path == "" {
		return views.BoardOptions{}, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return views.BoardOptions{}, nil
	}
	if err != nil {
		return views.BoardOptions{}, fmt.Errorf("reading board config: %w", err)
	}
	var cfg struct {
		Board struct {
			StaleDays      *int  `toml:"stale_days"`
			CollapseClosed *bool `toml:"collapse_closed"`
		} `toml:"board"`
	}
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		return views.BoardOptions{}, fmt.Errorf("board config: %w", err)
	}
	var opt views.BoardOptions
	if d := cfg.Board.StaleDays; d != nil {
		if *d < 1 {
			return opt, fmt.Errorf("board config: stale_days must be at least 1, not %d", *d)
		}
		opt.StaleDays = *d
	}
	if c := cfg.Board.CollapseClosed; c != nil {
		opt.CollapseClosed = *c
	}
	return opt, nil
}
