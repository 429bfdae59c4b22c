// Package e2e runs the real rolo binary in a real pseudo-terminal and reads
// the screen through a VT100 emulator, the way a person would see it.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/hinshun/vt10x"
)

// binary is the rolo executable built once for the whole package.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "rolo-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "rolo")
	build := exec.Command("go", "build", "-o", binary, "rolo")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building rolo:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// rolo runs the binary without a terminal (for setting up databases and for
// checking the database after a session) and returns its stdout.
func rolo(t *testing.T, db string, args ...string) string {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"--db", db, "--as", "alice"}, args...)...)
	cmd.Env = cleanEnv(t)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("rolo %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// cleanEnv keeps tests away from the developer's own config and database.
func cleanEnv(t *testing.T) []string {
	home := t.TempDir()
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_DATA_HOME=" + filepath.Join(home, ".local", "share"),
		"TERM=xterm-256color",
		"COLORTERM=truecolor",
		"LANG=C.UTF-8",
		"ROLO_USER=alice",
	}
}

// session is one running rolo in a pseudo-terminal.
type session struct {
	t    *testing.T
	cmd  *exec.Cmd
	pty  *os.File
	term vt10x.Terminal
	done chan struct{}
	mu   sync.Mutex
	exit error
}

// start runs rolo with args in a cols×rows pseudo-terminal.
func start(t *testing.T, cols, rows int, args ...string) *session {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = cleanEnv(t)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)})
	if err != nil {
		t.Fatalf("starting rolo in a pty: %v", err)
	}
	s := &session{t: t, cmd: cmd, pty: f, done: make(chan struct{})}
	// The emulator answers terminal queries (cursor position, colours)
	// through the pty, as a real terminal would.
	s.term = vt10x.New(vt10x.WithWriter(f), vt10x.WithSize(cols, rows))
	go pump(s.term, f.Read)
	go func() {
		err := cmd.Wait()
		s.mu.Lock()
		s.exit = err
		s.mu.Unlock()
		close(s.done)
	}()
	t.Cleanup(s.stop)
	return s
}

// send writes raw bytes as typed keys: "\x0b" is Ctrl+K, "\r" Enter, "\x1b" Esc.
func (s *session) send(keys string) {
	s.t.Helper()
	if _, err := s.pty.WriteString(keys); err != nil {
		s.t.Fatalf("typing %q: %v", keys, err)
	}
}

// key sends one key and gives the program a moment to read it as a separate
// key press (a lone ESC followed too fast by text reads as Alt+text).
func (s *session) key(k string) {
	s.t.Helper()
	s.send(k)
	time.Sleep(30 * time.Millisecond)
}

// screen is the emulator's current text, one line per row.
func (s *session) screen() string { return s.term.String() }

// waitFor polls the screen until it contains text, or fails with the screen.
func (s *session) waitFor(text string) {
	s.t.Helper()
	s.waitUntil("screen to show "+fmt.Sprintf("%q", text), func(sc string) bool {
		return strings.Contains(sc, text)
	})
}

// waitGone polls until text is no longer on the screen.
func (s *session) waitGone(text string) {
	s.t.Helper()
	s.waitUntil("screen to stop showing "+fmt.Sprintf("%q", text), func(sc string) bool {
		return !strings.Contains(sc, text)
	})
}

func (s *session) waitUntil(what string, ok func(string) bool) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		sc := s.screen()
		if ok(sc) {
			return
		}
		select {
		case <-ctx.Done():
			s.t.Fatalf("timed out waiting for %s; the screen:\n%s", what, sc)
		case <-s.done:
			s.t.Fatalf("rolo exited (%v) while waiting for %s; the screen:\n%s", s.exit, what, s.screen())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// waitExit waits for the program to end and returns its exit error.
func (s *session) waitExit() error {
	s.t.Helper()
	select {
	case <-s.done:
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.exit
	case <-time.After(10 * time.Second):
		s.t.Fatalf("rolo did not exit; the screen:\n%s", s.screen())
		return nil
	}
}

func (s *session) stop() {
	select {
	case <-s.done:
	default:
		_ = s.cmd.Process.Kill()
		<-s.done
	}
	s.pty.Close()
}
