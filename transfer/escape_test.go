package transfer

import (
	"math/rand"
	"testing"
)

func TestEscapeCell(t *testing.T) {
	cases := map[string]string{
		"=SUM(A1:A9)":  "'=SUM(A1:A9)",
		"+1 555 0100":  "'+1 555 0100",
		"-foo":         "'-foo",
		"@home":        "'@home",
		"-300":         "-300",
		"+1.5":         "+1.5",
		"-1e3":         "-1e3",
		"+15551234567": "+15551234567",
		"'=x":          "''=x",
		"''":           "'''",
		"'90s":         "'90s",
		"rock 'n'":     "rock 'n'",
		"plain":        "plain",
		"":             "",
		"-":            "'-",
		"=":            "'=",
	}
	for in, want := range cases {
		if got := EscapeCell(in); got != want {
			t.Errorf("EscapeCell(%q) = %q, want %q", in, got, want)
		}
		if back := UnescapeCell(EscapeCell(in)); back != in {
			t.Errorf("round trip %q → %q → %q", in, EscapeCell(in), back)
		}
	}
}

func TestEscapeRoundTripRandom(t *testing.T) {
	alphabet := []byte("'=+-@0123456789.eE ax")
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		b := make([]byte, rng.Intn(6))
		for j := range b {
			b[j] = alphabet[rng.Intn(len(alphabet))]
		}
		s := string(b)
		e := EscapeCell(s)
		if UnescapeCell(e) != s {
			t.Fatalf("round trip %q → %q → %q", s, e, UnescapeCell(e))
		}
		if e != "" && isFormulaStart(e[0]) && !isPlainNumber(e) {
			t.Fatalf("EscapeCell(%q) = %q still starts a formula", s, e)
		}
	}
}

func TestIsPlainNumber(t *testing.T) {
	yes := []string{"0", "-300", "+1.5", ".5", "5.", "1e10", "-2.5E-3"}
	no := []string{"", "-", "+", ".", "1e", "1,000", "1 000", "--1", "0x10", "1e+", "NaN", "Inf"}
	for _, s := range yes {
		if !isPlainNumber(s) {
			t.Errorf("isPlainNumber(%q) = false", s)
		}
	}
	for _, s := range no {
		if isPlainNumber(s) {
			t.Errorf("isPlainNumber(%q) = true", s)
		}
	}
}
