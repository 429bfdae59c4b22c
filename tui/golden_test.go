package tui

import (
	"testing"

	"rolo/internal/termtest"
)

// Golden frames of the whole shell: sidebar, list, status bar and short
// help, drawn from a real (small demo) workspace with the clock fixed.
// go test ./tui -run Golden -update rewrites them.

func TestGoldenShell80x24(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 80, 24, Options{Workspace: "demo.db", Member: "alice", Now: fixedNow, Object: "people"})
	hs.press("j", "space", "l")
	termtest.Frame(t, "shell_80x24", hs.a.View().Content)
}

func TestGoldenShell160x48(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 160, 48, Options{Workspace: "demo.db", Member: "alice", Now: fixedNow, Object: "opportunities"})
	hs.press("/")
	hs.typeText("stage:won")
	hs.press("enter", "j", "j")
	termtest.Frame(t, "shell_160x48", hs.a.View().Content)
}

func TestGoldenFirstRun(t *testing.T) {
	st := openStore(t, true)
	hs := newHarness(t, st, 80, 24, Options{Workspace: "new.db", Member: "alice", Now: fixedNow})
	termtest.Frame(t, "firstrun_80x24", hs.a.View().Content)
}

func TestGoldenHelp(t *testing.T) {
	st := openStore(t, false)
	hs := newHarness(t, st, 80, 24, Options{Workspace: "demo.db", Member: "alice", Now: fixedNow})
	hs.press("?")
	termtest.Frame(t, "help_80x24", hs.a.View().Content)
}
