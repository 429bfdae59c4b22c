package views

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"rolo/keymap"
)

func newTestPalette() *Palette {
	p := NewPalette(keymap.Default().Palette, NewStyles(true, false))
	p.SetSize(100, 30)
	return p
}

// msgOf runs a command and returns its message.
func msgOf(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if m := msgOf(c); m != nil {
				if _, isQuery := m.(PaletteQueryMsg); isQuery {
					return m
				}
			}
		}
		return nil
	}
	return msg
}

func TestPaletteTypingAsksForResults(t *testing.T) {
	p := newTestPalette()
	_, cmd := p.Update(kp("j"))
	if m, ok := msgOf(cmd).(PaletteQueryMsg); !ok || m.Query != "j" {
		t.Fatalf("typing j sent %#v", msgOf(cmd))
	}
	// An answer to an older query is ignored.
	if p.SetResults("", []PaletteEntry{{Key: "x", Label: "Old"}}) {
		t.Fatal("a stale answer was applied")
	}
	entries := []PaletteEntry{
		{Key: "people:1", Kind: PaletteRecord, Group: "Records", Label: "Jane Doe", ObjectLabel: "Person", LabelIdx: []int{0}},
		{Key: "goto:object:people", Kind: PaletteGoTo, Group: "Go to", Label: "People"},
	}
	if !p.SetResults("j", entries) {
		t.Fatal("the answer was not applied")
	}
	view := ansi.Strip(p.View())
	for _, want := range []string{"Records", "Jane Doe", "Person", "Go to", "People", "1/2"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	p.Update(kp("down"))
	_, cmd = p.Update(kp("enter"))
	run, ok := msgOf(cmd).(PaletteRunMsg)
	if !ok || run.Entry.Key != "goto:object:people" || run.Query != "j" {
		t.Fatalf("enter sent %#v", msgOf(cmd))
	}
	// tab on a non-record does nothing; on a record asks for its actions.
	if _, cmd := p.Update(kp("tab")); cmd != nil {
		t.Fatal("tab on a go-to entry did something")
	}
	p.Update(kp("up"))
	_, cmd = p.Update(kp("tab"))
	if m, ok := msgOf(cmd).(PaletteActionsMsg); !ok || m.Entry.Key != "people:1" {
		t.Fatalf("tab sent %#v", msgOf(cmd))
	}
}

func TestPaletteMenuFiltersAndGoesBack(t *testing.T) {
	p := newTestPalette()
	p.SetQuery("jane")
	p.SetResults("jane", []PaletteEntry{{Key: "people:1", Kind: PaletteRecord, Label: "Jane Doe"}})
	p.OpenMenu("Jane Doe", []PaletteEntry{{Key: "rec:open", Label: "Open"}, {Key: "rec:fav", Label: "Add to favorites"}})
	for _, r := range "fav" {
		p.Update(kp(string(r)))
	}
	if got := p.Entries(); len(got) != 1 || got[0].Key != "rec:fav" || len(got[0].LabelIdx) != 3 {
		t.Fatalf("menu filtered to %+v", got)
	}
	_, cmd := p.Update(kp("enter"))
	if m, ok := msgOf(cmd).(PaletteRunMsg); !ok || m.Menu != "Jane Doe" || m.Entry.Key != "rec:fav" {
		t.Fatalf("enter in the menu sent %#v", msgOf(cmd))
	}
	p.Update(kp("esc"))
	if p.InMenu() || p.Query() != "jane" || len(p.Entries()) != 1 {
		t.Fatalf("esc from the menu: menu %v query %q", p.InMenu(), p.Query())
	}
	if p.Closed() {
		t.Fatal("the first esc closed the palette")
	}
	_, cmd = p.Update(kp("esc"))
	if _, ok := msgOf(cmd).(PaletteClosedMsg); !ok || !p.Closed() {
		t.Fatal("the second esc did not close it")
	}
}

// Matched characters are highlighted by rune index, also past multi-byte
// runes, and hostile text is sanitized whatever the indexes say.
func TestPaletteHighlight(t *testing.T) {
	hl := lipgloss.NewStyle().Bold(true)
	base := lipgloss.NewStyle()
	got := highlight("Jürgen Müller", []int{0, 1, 7, 8}, base, hl)
	if ansi.Strip(got) != "Jürgen Müller" {
		t.Fatalf("text changed: %q", ansi.Strip(got))
	}
	if !strings.Contains(got, hl.Render("Jü")) || !strings.Contains(got, hl.Render("Mü")) {
		t.Errorf("highlight of Jü and Mü missing: %q", got)
	}
	evil := "Ev\x1b]52;c;aGk=\x07il"
	got = highlight(evil, []int{0, 1, 2, 3, 4}, base, hl)
	if strings.Contains(got, "]52") || strings.Contains(got, "\x07") {
		t.Fatalf("escape sequence reached the screen: %q", got)
	}
}

func TestOverlayCacheMatchesOverlay(t *testing.T) {
	// 世 straddles the box's left edge (x = 17), 界 its right edge (x+6 = 23).
	base := strings.Repeat("abcdefghijklmnop世abcd界xyz0123456789\n", 11) + "last line"
	top := "╭────╮\n│ hi │\n╰────╯"
	var c OverlayCache
	for range 2 { // the second time from the cache
		got := ansi.Strip(c.Render(base, top, 40, 12))
		want := ansi.Strip(Overlay(base, top, 40, 12))
		if got != want {
			t.Fatalf("OverlayCache:\n%s\nOverlay:\n%s", got, want)
		}
	}
}

// TestPaletteHintFollowsKeys rebinds the palette's keys (as config.toml
// can) and checks the footer names the new ones.
func TestPaletteHintFollowsKeys(t *testing.T) {
	km := keymap.Default()
	if errs := km.Apply(keymap.Overrides{"palette": {"run": {"ctrl+j"}, "close": {"ctrl+g"}}}); len(errs) != 0 {
		t.Fatal(errs)
	}
	p := NewPalette(km.Palette, NewStyles(false, false))
	p.SetSize(100, 30)
	got := ansi.Strip(p.View())
	if !strings.Contains(got, "ctrl+j run · tab actions · ctrl+g close") {
		t.Fatalf("footer does not name the rebound keys:\n%s", got)
	}
}
