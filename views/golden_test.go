package views

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"rolo/internal/termtest"
	"rolo/keymap"
)

func TestGoldenList80x24(t *testing.T) {
	l, s := newTestList(t, 1_234_567, 80, 24)
	press(t, l, s, "j", "space", "j", "l")
	termtest.Frame(t, "list_80x24", l.View())
}

func TestGoldenList160x48(t *testing.T) {
	l, s := newTestList(t, 1_234_567, 160, 48)
	press(t, l, s, "j", "j", "space", "l", "l", "l", "s", "s")
	termtest.Frame(t, "list_160x48", l.View())
}

func TestGoldenListEnd(t *testing.T) {
	l, s := newTestList(t, 1_234_567, 80, 24)
	press(t, l, s, "G")
	termtest.Frame(t, "list_end_80x24", l.View())
}

func TestGoldenListNoColor(t *testing.T) {
	l, s := newTestList(t, 42, 80, 24)
	l.SetStyles(NewStyles(true, true))
	press(t, l, s, "j", "space")
	termtest.Frame(t, "list_nocolor_80x24", l.View())
}

func TestGoldenListLight(t *testing.T) {
	l, _ := newTestList(t, 42, 80, 24)
	l.SetStyles(NewStyles(false, false))
	termtest.Frame(t, "list_light_80x24", l.View())
}

func TestGoldenDialogs(t *testing.T) {
	l, s := newTestList(t, 100, 80, 24)
	press(t, l, s, "S", "a", "a", "space")
	termtest.Frame(t, "sort_editor_80x24", l.View())
	press(t, l, s, "esc", "c", "j", "space")
	termtest.Frame(t, "columns_80x24", l.View())
	press(t, l, s, "esc")
	l.SetViews([]SavedView{{Name: "All companies", Default: true}, {Name: "Hot 🔥 deals"}, {Name: "東京 pipeline"}})
	press(t, l, s, "v")
	termtest.Frame(t, "views_80x24", l.View())
	press(t, l, s, "esc", "V")
	termtest.Frame(t, "save_view_80x24", l.View())
}

func TestGoldenShell(t *testing.T) {
	km := keymap.Default()
	st := NewStyles(true, false)
	lay := Layout(120, 30, true)

	l, s := newTestList(t, 1_234_567, lay.Main.W, lay.Main.H)
	_ = s
	sb := NewSidebar(km.Sidebar, st)
	sb.SetSize(lay.Sidebar.W, lay.Sidebar.H)
	sb.SetObjects([]ObjectItem{{"companies", "Companies", 1_234_567}, {"people", "People", 5_210}, {"opportunities", "Opportunities", -1}})
	sb.SetFavorites([]Favorite{{Label: "Acme\x1b[2J Corp", Object: "companies", ID: 7}})
	sb.SetViews("companies", []SavedView{{Name: "All companies", Default: true}, {Name: "Hot deals"}})
	sb.SetActive("companies", "All companies")

	bar := NewStatusBar(st)
	bar.SetWidth(lay.Status.W)
	bar.SetWorkspace("/home/ada/work/acme.rolo")
	bar.SetMember("ada")
	bar.SetCount(l.Total(), "companies")
	bar.SetMessage(DeletedMessage(3))

	helpLine := ShortHelpLine(st, km.List, lay.Help.W)
	frame := RenderShell(lay, sb.View(), l.View(), bar.View(), helpLine)
	checkBlock(t, "shell", frame, 120, 30)
	termtest.Frame(t, "shell_120x30", frame)

	bar.SetError(errors.New("database is locked"))
	sb.Focus()
	l.Blur()
	frame = RenderShell(lay, sb.View(), l.View(), bar.View(), helpLine)
	termtest.Frame(t, "shell_error_120x30", frame)
}

func TestGoldenHelpOverlay(t *testing.T) {
	km := keymap.Default()
	st := NewStyles(true, false)
	h := NewHelpOverlay(st, "Keys · list", keymap.WithGlobal{Context: km.List, Global: km.Global})
	h.SetSize(80, 24)
	l, _ := newTestList(t, 10, 80, 24)
	termtest.Frame(t, "help_80x24", Overlay(l.View(), h.View(), 80, 24))
}

func TestGoldenFirstRunAndTooSmall(t *testing.T) {
	st := NewStyles(true, false)
	f := NewFirstRun(keymap.Default().FirstRun, st)
	f.SetSize(80, 24)
	termtest.Frame(t, "firstrun_80x24", f.View())
	termtest.Frame(t, "toosmall_30x8", TooSmallView(st, 30, 8))
}

// TestHelpOverlayBands checks the `?` layout: at 80 columns the columns
// that do not fit beside the list's keys move below them (the global keys
// were cut before); on a screen too short for that, they go back side by
// side, cut at the right.
func TestHelpOverlayBands(t *testing.T) {
	km := keymap.Default()
	st := NewStyles(false, false)
	keys := keymap.WithGlobal{Context: km.List, Global: km.Global}
	h := NewHelpOverlay(st, "Keys · list", keys)
	h.SetSize(80, 30)
	tall := ansi.Strip(h.View())
	if !strings.Contains(tall, "shift+tab") || !strings.Contains(tall, "set owner") {
		t.Fatalf("80x30: a key column is missing:\n%s", tall)
	}
	h.SetSize(80, 12)
	short := ansi.Strip(h.View())
	if !strings.Contains(short, "set owner") || strings.Count(short, "\n") > strings.Count(tall, "\n") {
		t.Fatalf("80x12: want the side-by-side layout:\n%s", short)
	}
}
