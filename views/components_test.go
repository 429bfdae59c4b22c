package views

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rolo/keymap"
)

// The frame of a list holding a hostile value contains only SGR styling:
// no OSC (clipboard, title, hyperlink), no cursor movement, no CR or BEL.
func TestFrameCarriesNoInjectedSequences(t *testing.T) {
	l, s := newTestList(t, 10, 120, 20)
	press(t, l, s, "j", "j") // cursor on the row whose name holds OSC 52
	frame := l.View()
	for _, bad := range []string{"\x1b]", "\x07", "\r", "\x1bP", "\x1b_", "\u009b", "\u009d"} {
		if strings.Contains(frame, bad) {
			t.Errorf("frame contains %q", bad)
		}
	}
	// Every escape left is an SGR sequence: ESC [ params m.
	rest := frame
	for {
		i := strings.Index(rest, "\x1b")
		if i < 0 {
			break
		}
		j := i + 2
		for j < len(rest) && (rest[j] >= '0' && rest[j] <= '9' || rest[j] == ';' || rest[j] == ':') {
			j++
		}
		if rest[i+1] != '[' || j >= len(rest) || rest[j] != 'm' {
			t.Fatalf("non-SGR sequence %q", rest[i:min(i+12, len(rest))])
		}
		rest = rest[j+1:]
	}
}

func TestSidebar(t *testing.T) {
	sb := NewSidebar(keymap.Default().Sidebar, NewStyles(true, false))
	sb.SetSize(24, 12)
	sb.SetObjects([]ObjectItem{{"companies", "Companies", 3}, {"people", "People", -1}})
	sb.SetFavorites([]Favorite{{Label: "Acme", Object: "companies", ID: 9}})
	sb.SetViews("people", []SavedView{{Name: "All", Default: true}, {Name: "VIPs"}})
	sb.Focus()
	open := func() tea.Msg {
		_, cmd := sb.Update(kp("enter"))
		return cmd()
	}
	if m := open(); m != (OpenObjectMsg{Object: "companies"}) {
		t.Fatalf("first item: %v", m)
	}
	sb.Update(kp("j"))
	sb.Update(kp("j")) // skips the Favorites header
	if m := open(); m != (OpenRecordMsg{Object: "companies", ID: 9}) {
		t.Fatalf("favorite: %v", m)
	}
	for range 10 {
		sb.Update(kp("j")) // stops at the last item
	}
	if m, ok := open().(SwitchViewMsg); !ok || m.View.Name != "VIPs" || m.Object != "people" {
		t.Fatalf("view: %v", m)
	}
	for range 10 {
		sb.Update(kp("k"))
	}
	if m := open(); m != (OpenObjectMsg{Object: "companies"}) {
		t.Fatalf("back at top: %v", m)
	}
	// A click on a header does nothing; on an item, opens it.
	if _, cmd := sb.Update(tea.MouseClickMsg{X: 2, Y: 0, Button: tea.MouseLeft}); cmd != nil {
		t.Fatal("header click opened something")
	}
	if _, cmd := sb.Update(tea.MouseClickMsg{X: 2, Y: 2, Button: tea.MouseLeft}); cmd == nil || cmd() != (OpenObjectMsg{Object: "people"}) {
		t.Fatal("item click")
	}
	out := ansi.Strip(sb.View())
	if !strings.Contains(out, "Companies") || !strings.Contains(out, "VIPs") {
		t.Errorf("sidebar:\n%s", out)
	}
	// Empty sidebar is fine too.
	empty := NewSidebar(keymap.Default().Sidebar, NewStyles(true, false))
	empty.SetSize(10, 3)
	empty.Update(kp("j"))
	empty.Update(kp("enter"))
	checkBlock(t, "empty sidebar", empty.View(), 10, 3)
}

func TestStatusBar(t *testing.T) {
	b := NewStatusBar(NewStyles(true, false))
	b.SetWidth(60)
	b.SetWorkspace("/very/long/path/to/the/workspace/file/of/the/team/acme.rolo")
	b.SetMember("ada")
	b.SetCount(1234, "people")
	b.SetError(errors.New("boom\x1b[2J"))
	out := ansi.Strip(b.View())
	if !strings.Contains(out, "boom") || strings.Contains(b.View(), "\x1b[2J") {
		t.Errorf("error: %q", out)
	}
	if !strings.Contains(out, "acme.rolo") || !strings.HasPrefix(out, " …") {
		t.Errorf("workspace not cut from the left: %q", out)
	}
	if msg, isErr := b.Message(); !isErr || msg == "" {
		t.Error("Message")
	}
	b.SetMessage(DeletedMessage(1))
	if !strings.Contains(ansi.Strip(b.View()), "deleted 1 record · u to undo") {
		t.Errorf("deleted: %q", ansi.Strip(b.View()))
	}
	for w := 0; w < 90; w++ {
		b.SetWidth(w)
		checkBlock(t, fmt.Sprint("status ", w), b.View(), w, 1)
	}
}

func TestFirstRun(t *testing.T) {
	f := NewFirstRun(keymap.Default().FirstRun, NewStyles(true, false))
	f.SetSize(80, 24)
	if _, cmd := f.Update(kp("enter")); cmd() != (FirstRunMsg{Demo: true}) {
		t.Fatal("default choice is not the demo")
	}
	f.Update(kp("j"))
	if _, cmd := f.Update(kp("enter")); cmd() != (FirstRunMsg{Demo: false}) {
		t.Fatal("start empty")
	}
}

func TestHelpOverlayCloses(t *testing.T) {
	km := keymap.Default()
	h := NewHelpOverlay(NewStyles(true, false), "Keys", keymap.WithGlobal{Context: km.List, Global: km.Global})
	h.SetSize(100, 30)
	if !strings.Contains(ansi.Strip(h.View()), "select all") {
		t.Errorf("full help lacks list keys:\n%s", ansi.Strip(h.View()))
	}
	if _, cmd := h.Update(kp("?")); !h.Closed() || cmd() != (CloseHelpMsg{}) {
		t.Fatal("? did not close help")
	}
}

func TestLayout(t *testing.T) {
	s := Layout(120, 30, true)
	if s.Sidebar.W != 24 || s.Main.X != 24 || s.Main.W != 96 || s.Main.H != 28 || s.Status.Y != 28 || s.Help.Y != 29 {
		t.Errorf("layout %+v", s)
	}
	if s := Layout(50, 20, true); s.Sidebar.W != 0 || s.Main.W != 50 {
		t.Errorf("narrow screen keeps the sidebar: %+v", s)
	}
	if s := Layout(120, 30, false); s.Sidebar.W != 0 {
		t.Errorf("hidden sidebar: %+v", s)
	}
	if !TooSmall(39, 20) || !TooSmall(80, 9) || TooSmall(40, 10) {
		t.Error("TooSmall thresholds")
	}
	if !strings.Contains(ansi.Strip(TooSmallView(NewStyles(true, false), 30, 8)), "too small") {
		t.Error("too-small notice")
	}
}

// No component panics or overflows its area at any size, including
// degenerate ones, and the shell always fills the screen exactly.
func TestEverythingAtAnySize(t *testing.T) {
	km := keymap.Default()
	st := NewStyles(true, false)
	l, s := newTestList(t, 1000, 80, 24)
	sb := NewSidebar(km.Sidebar, st)
	sb.SetObjects([]ObjectItem{{"companies", "Companies", 1000}})
	sb.SetViews("companies", []SavedView{{Name: "All", Default: true}})
	bar := NewStatusBar(st)
	bar.SetWorkspace("w.rolo")
	bar.SetMessage("hello 東京")
	f := NewFirstRun(km.FirstRun, st)
	r := newTestDetail("people", 80, 24)
	h := NewHelpOverlay(st, "Keys", keymap.WithGlobal{Context: km.List, Global: km.Global})
	dialogs := []Dialog{
		NewSortEditor(km.Dialog, st, testObject(), nil),
		NewColumnChooser(km.Dialog, st, testObject(), l.columns()),
		NewViewSwitcher(km.Dialog, st, "companies", []SavedView{{Name: "All", Default: true}}, "All"),
		NewPrompt(km.Dialog, st, "Name", "x"),
		NewConfirm(km.Dialog, st, "Sure?"),
	}
	heights := []int{0, 1, 2, 3, 5, 9, 10, 11, 24}
	for w := 0; w <= 200; w++ {
		hs := heights
		if w%25 == 0 {
			hs = append(hs, 48, 117, 200) // tall screens cost more; sample them
		}
		for _, ht := range hs {
			name := fmt.Sprintf("%dx%d", w, ht)
			if TooSmall(w, ht) {
				checkBlock(t, "toosmall "+name, TooSmallView(st, w, ht), w, ht)
			}
			lay := Layout(w, ht, true)
			l.SetSize(lay.Main.W, lay.Main.H)
			sb.SetSize(lay.Sidebar.W, lay.Sidebar.H)
			bar.SetWidth(lay.Status.W)
			frame := RenderShell(lay, sb.View(), l.View(), bar.View(), ShortHelpLine(st, km.List, lay.Help.W))
			checkBlock(t, "shell "+name, frame, w, ht)
			f.SetSize(w, ht)
			checkBlock(t, "firstrun "+name, f.View(), w, ht)
			r.SetSize(w, ht)
			checkBlock(t, "detail "+name, r.View(), w, ht)
			h.SetSize(w, ht)
			checkBlock(t, "help "+name, Overlay(l.View(), h.View(), lay.Main.W, lay.Main.H), lay.Main.W, lay.Main.H)
			for _, d := range dialogs {
				if w%3 != 0 {
					break // dialogs are centred boxes: every third width is plenty
				}
				d.SetSize(w, ht)
				checkBlock(t, fmt.Sprintf("%T %s", d, name), Overlay(l.View(), d.View(), lay.Main.W, lay.Main.H), lay.Main.W, lay.Main.H)
			}
		}
		if w%20 == 0 {
			press(t, l, s, "j", "l")
		}
	}
}

// A sidebar filled before the terminal reports its size (the root fills it
// at start) still shows its "Objects" heading once sized.
func TestSidebarFilledBeforeSized(t *testing.T) {
	sb := NewSidebar(keymap.Default().Sidebar, NewStyles(true, false))
	sb.SetObjects([]ObjectItem{{"companies", "Companies", 3}, {"people", "People", -1}, {"tasks", "Tasks", 2}})
	sb.SetViews("companies", []SavedView{{Name: "All", Default: true}})
	sb.SetActive("tasks", "All")
	sb.SetSize(24, 12)
	if out := ansi.Strip(sb.View()); !strings.Contains(out, "Objects") {
		t.Fatalf("heading scrolled away:\n%s", out)
	}
}

// A key hint wider than its dialog wraps between items instead of losing
// the keys at its end.
func TestDialogHintWraps(t *testing.T) {
	got := wrapHint("a add · x remove · J/K move · esc close", 20)
	want := []string{"a add · x remove", "J/K move · esc close"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("wrapHint = %q, want %q", got, want)
	}
}
