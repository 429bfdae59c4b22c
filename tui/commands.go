package tui

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Every store call runs inside a tea.Cmd, off the UI goroutine, so a slow
// disk or a locked database never freezes the screen. The command returns a
// typed message tagged with the request it answers; Update drops answers to
// requests that have since been superseded.

// DefaultTimeout bounds one store call made for the screen (a page, a
// count, a save). Bulk actions and the demo fill get bulkTimeout.
const (
	DefaultTimeout = 10 * time.Second
	bulkTimeout    = 10 * time.Minute
)

// errMsg reports a failed command that has no typed answer of its own: a
// panic inside a command, most of all. It lands in the status bar.
type errMsg struct {
	op  string
	err error
}

// run wraps fn in a command with a context that times out, and turns a
// panic inside fn into an errMsg. Without the recover a panicking command
// would kill the program with the terminal still in raw mode.
func (a *App) run(op string, timeout time.Duration, fn func(ctx context.Context) tea.Msg) tea.Cmd {
	if timeout <= 0 {
		timeout = a.timeout()
	}
	logPanic := a.opt.PanicLog // read here: the command runs on another goroutine
	return func() (msg tea.Msg) {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		defer func() {
			if r := recover(); r != nil {
				if logPanic != nil {
					logPanic(fmt.Sprintf("panic in %s: %v\n%s", op, r, debug.Stack()))
				}
				msg = errMsg{op: op, err: fmt.Errorf("internal error while %s: %v", op, r)}
			}
		}()
		return fn(ctx)
	}
}

func (a *App) timeout() time.Duration {
	if a.opt.Timeout > 0 {
		return a.opt.Timeout
	}
	return DefaultTimeout
}

// nextReq hands out request ids for answers that are not list pages (the
// list numbers its own page requests).
func (a *App) nextReq() int {
	a.reqSeq++
	return a.reqSeq
}
