package views

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

func TestSanitize(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "Acme Corp", "Acme Corp"},
		{"sgr colour", "\x1b[31mred\x1b[0m", "red"},
		{"cursor move", "a\x1b[2;5Hb", "ab"},
		{"clear screen", "x\x1b[2Jy", "xy"},
		{"private mode", "\x1b[?1049hz", "z"},
		{"osc 52 clipboard bel", "\x1b]52;c;ZXZpbA==\x07safe", "safe"},
		{"osc 52 clipboard st", "\x1b]52;c;ZXZpbA==\x1b\\safe", "safe"},
		{"osc 8 hyperlink", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"osc title unterminated", "ok\x1b]0;pwned", "ok"},
		{"dcs", "\x1bPq#0;2;0;0;0\x1b\\after", "after"},
		{"apc", "\x1b_Gf=100;AAAA\x1b\\img", "img"},
		{"two-byte escape", "\x1b7saved\x1b8", "saved"},
		{"charset designation", "\x1b(0lqk\x1b(B", "lqk"},
		{"bare esc at end", "end\x1b", "end"},
		{"bare esc before utf8", "\x1bé", "é"},
		{"c1 csi", "a\u009b31mb", "ab"},
		{"c1 osc", "a\u009d52;c;xx\u009cb", "ab"},
		{"c1 controls", "a\u0085b\u008ec", "abc"},
		{"carriage return", "evil\rgood", "evilgood"},
		{"backspace", "abc\b\bX", "abcX"},
		{"bell and nul", "a\x07b\x00c", "abc"},
		{"del", "a\x7fb", "ab"},
		{"tab", "a\tb", "a b"},
		{"newline", "line1\nline2", "line1 line2"},
		{"bidi override", "abc\u202edcba\u202c", "abcdcba"},
		{"bidi isolate", "\u2066x\u2069", "x"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
		{"cjk kept", "東京タワー", "東京タワー"},
		{"emoji zwj kept", "👩‍💻 dev", "👩‍💻 dev"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Sanitize(c.in); got != c.want {
				t.Errorf("Sanitize(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestSanitizeBlockKeepsNewlines(t *testing.T) {
	if got := SanitizeBlock("a\r\nb\x1b[1m\nc\td"); got != "a\nb\nc d" {
		t.Errorf("got %q", got)
	}
}

// assertSafe fails if s holds anything a terminal would interpret.
func assertSafe(t *testing.T, in, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("Sanitize(%q) = %q: invalid UTF-8", in, s)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r) {
			t.Fatalf("Sanitize(%q) = %q: contains control %U", in, s, r)
		}
	}
	if ansi.Strip(s) != s {
		t.Fatalf("Sanitize(%q) = %q: ansi.Strip would change it", in, s)
	}
}

// Random byte soup from an alphabet rich in control bytes never yields
// anything unsafe.
func TestSanitizeRandomIsSafe(t *testing.T) {
	alphabet := []string{"\x1b", "[", "]", "P", "\\", "\x07", "\x9b", "\u009b", "\u009d", "\u009c", "\r", "\n", "\t",
		"\b", "a", "1", ";", "m", "é", "東", "👍", "\u202e", "\xff", "\x00", "?", "(", "_"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(24) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		in := b.String()
		out := Sanitize(in)
		assertSafe(t, in, out)
		if Sanitize(out) != out {
			t.Fatalf("not idempotent on %q: %q then %q", in, out, Sanitize(out))
		}
	}
}

func FuzzSanitize(f *testing.F) {
	f.Add("\x1b]52;c;AAAA\x07x")
	f.Add("東京\x1b[31m")
	f.Fuzz(func(t *testing.T, in string) {
		assertSafe(t, in, Sanitize(in))
		for _, line := range strings.Split(SanitizeBlock(in), "\n") {
			assertSafe(t, in, line)
		}
	})
}

func TestFitWidths(t *testing.T) {
	cases := []struct {
		in   string
		w    int
		want string
	}{
		{"abc", 5, "abc  "},
		{"abcdef", 4, "abc…"},
		{"東京タワー", 10, "東京タワー"},
		{"東京タワー", 6, "東京… "}, // "東京タ" + … would be 7: the wide rune is dropped whole, then padded
		{"東京タワー", 5, "東京…"},
		{"👍👍👍", 4, "👍… "},
		{"x", 0, ""},
		{"", 3, "   "},
	}
	for _, c := range cases {
		got := Fit(c.in, c.w)
		if got != c.want {
			t.Errorf("Fit(%q, %d) = %q, want %q", c.in, c.w, got, c.want)
		}
		if c.w > 0 && Width(got) != c.w {
			t.Errorf("Fit(%q, %d) is %d cells wide", c.in, c.w, Width(got))
		}
	}
	if got := FitRight("42", 5); got != "   42" {
		t.Errorf("FitRight = %q", got)
	}
}

// Mixed-width rows fitted to the same width line up column for column.
func TestFitAlignsMixedScripts(t *testing.T) {
	rows := []string{"Acme", "東京タワー株式会社", "Café ☕ Ltd", "👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻", "x\x1b[31mred"}
	for w := 1; w <= 14; w++ {
		for _, r := range rows {
			if got := Width(Clean(r, w) + "|"); got != w+1 {
				t.Errorf("Clean(%q, %d)+| is %d wide", r, w, got)
			}
		}
	}
}
