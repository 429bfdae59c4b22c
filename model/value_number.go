package model

import (
	"math"
	"strconv"
	"strings"
)

// decimal is a decimal numeral split into its parts. Every part holds only
// ASCII digits; grouping commas are already removed.
type decimal struct {
	neg  bool
	int  string // may be empty, as in ".5"
	frac string // may be empty
	exp  string // exponent with its sign ("-3"), empty when absent
}

// splitDecimal reads [sign] digits [.digits] [e[sign]digits], with optional
// thousands commas in the integer part. Commas must separate groups of
// exactly three digits, so a European decimal such as "1,5" is refused
// rather than read as fifteen.
func splitDecimal(s string, allowExp bool) (decimal, bool) {
	var d decimal
	if s == "" {
		return d, false
	}
	switch s[0] {
	case '-':
		d.neg = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	if allowExp {
		if i := strings.IndexAny(s, "eE"); i >= 0 {
			e := s[i+1:]
			s = s[:i]
			sign := ""
			if e != "" && (e[0] == '+' || e[0] == '-') {
				sign, e = e[:1], e[1:]
			}
			if e == "" || !allDigits(e) {
				return d, false
			}
			d.exp = sign + e
		}
	}
	ip, frac, dot := strings.Cut(s, ".")
	if dot && !allDigits(frac) {
		return d, false
	}
	if strings.Contains(ip, ",") {
		groups := strings.Split(ip, ",")
		if n := len(groups[0]); n < 1 || n > 3 || !allDigits(groups[0]) {
			return d, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 || !allDigits(g) {
				return d, false
			}
		}
		ip = strings.Join(groups, "")
	} else if !allDigits(ip) {
		return d, false
	}
	if ip == "" && frac == "" {
		return d, false
	}
	d.int, d.frac = ip, frac
	return d, true
}

// allDigits reports whether s holds only ASCII digits (true for "").
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

const numberExpected = "a number like 1234.5 or 1,234.5"

// parseNumber reads a number for a number field. The float comes from
// strconv on a rebuilt plain numeral, so the only rounding is the usual
// nearest-float one.
func parseNumber(s string) (float64, bool) {
	d, ok := splitDecimal(s, true)
	if !ok {
		return 0, false
	}
	var b strings.Builder
	if d.neg {
		b.WriteByte('-')
	}
	if d.int == "" {
		b.WriteByte('0')
	}
	b.WriteString(d.int)
	if d.frac != "" {
		b.WriteByte('.')
		b.WriteString(d.frac)
	}
	if d.exp != "" {
		b.WriteByte('e')
		b.WriteString(d.exp)
	}
	x, err := strconv.ParseFloat(b.String(), 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, false
	}
	if x == 0 {
		x = 0 // drop the sign of -0: it reads as noise in a CRM
	}
	return x, true
}

// formatNumber is the shortest text that reads back as exactly x: plain
// decimals for everyday magnitudes, exponent form for the extremes (where
// plain decimals would run to hundreds of digits).
func formatNumber(x float64, group bool) string {
	if x == 0 {
		return "0"
	}
	if a := math.Abs(x); a >= 1e21 || a < 1e-6 {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !group {
		return s
	}
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	ip, frac, dot := strings.Cut(s, ".")
	s = sign + groupThousands(ip)
	if dot {
		s += "." + frac
	}
	return s
}

// groupThousands puts commas between groups of three digits.
func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(digits[:head])
	for i := head; i < len(digits); i += 3 {
		b.WriteByte(',')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
