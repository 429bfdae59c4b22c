package model

import (
	"math"
	"strings"
	"testing"
)

func TestCurrencyMicros(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"0", 0},
		{"1", 1_000_000},
		{" 1,200.50 ", 1_200_500_000},
		{"-300", -300_000_000},
		{"+0.5", 500_000},
		{".000001", 1},
		{"5k", 5_000_000_000},
		{"1.5M", 1_500_000_000_000},
		{"0.0000015k", 1_500},
		{"1.2500000", 1_250_000},
		{"007", 7_000_000},
		{"9,223,372,036,854.775807", math.MaxInt64},
		{"-9223372036854.775808", math.MinInt64},
	}
	for _, tt := range tests {
		got, err := CurrencyMicros(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("CurrencyMicros(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "abc", "1,2", "1.2.3", "1e3", "1.0000001", "9223372036854.775808",
		"-9223372036854.775809", "99999999999999999999", "0.0000000001k", "k", "--1", "EUR 5"} {
		if got, err := CurrencyMicros(in); err == nil {
			t.Errorf("CurrencyMicros(%q) = %d, want an error", in, got)
		} else if !strings.Contains(err.Error(), quote(in)) {
			t.Errorf("CurrencyMicros(%q): error %q does not quote the input", in, err)
		}
	}
}

func TestFormatMicros(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0"},
		{1, "0.000001"},
		{-1, "-0.000001"},
		{1_200_500_000, "1200.5"},
		{-300_000_000, "-300"},
		{math.MaxInt64, "9223372036854.775807"},
		{math.MinInt64, "-9223372036854.775808"},
	}
	for _, tt := range tests {
		if got := FormatMicros(tt.in); got != tt.want {
			t.Errorf("FormatMicros(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		micros int64
		code   string
		want   string
	}{
		{1_200_500_000, "USD", "$1,200.50"},
		{1_200_500_000, "eur", "€1,200.50"},
		{1_200_000_000, "JPY", "¥1,200"},
		{1_500_000, "JPY", "¥1.5"}, // precision beyond the minor unit is shown, not rounded away
		{1_000_000, "KWD", "KWD 1.000"},
		{-5_250_000, "CHF", "-CHF 5.25"},
		{1_000_000_000_000, "INR", "₹1,000,000.00"},
		{5_000_000, "ZZZ", "ZZZ 5.00"}, // unknown codes still show something true
		{5_000_000, "", "5.00"},
		{math.MinInt64, "USD", "-$9,223,372,036,854.775808"},
	}
	for _, tt := range tests {
		if got := FormatMoney(tt.micros, tt.code); got != tt.want {
			t.Errorf("FormatMoney(%d, %q) = %q, want %q", tt.micros, tt.code, got, tt.want)
		}
	}
}

func TestLookupCurrency(t *testing.T) {
	tests := []struct {
		code string
		want Currency
	}{
		{"USD", Currency{"USD", "$", 2}},
		{"eur", Currency{"EUR", "€", 2}},
		{"JPY", Currency{"JPY", "¥", 0}},
		{"KRW", Currency{"KRW", "₩", 0}},
		{"BHD", Currency{"BHD", "", 3}},
		{"CLF", Currency{"CLF", "", 4}},
		{"CHF", Currency{"CHF", "", 2}},
	}
	for _, tt := range tests {
		if got, ok := LookupCurrency(tt.code); !ok || got != tt.want {
			t.Errorf("LookupCurrency(%q) = %+v, %v; want %+v", tt.code, got, ok, tt.want)
		}
	}
	for _, code := range []string{"XYZ", "XAU", "", "EURO"} {
		if _, ok := LookupCurrency(code); ok {
			t.Errorf("LookupCurrency(%q) found a currency", code)
		}
	}
	// every symbol belongs to a currency in the table and parses back to it
	for code, sym := range currencySymbols {
		if c, ok := currencyTable[code]; !ok || c.Symbol != sym {
			t.Errorf("symbol %q: currency %s missing from the table", sym, code)
		}
		if m, got, bad := parseMoney(FormatMoney(12_340_000, code), "GBP"); bad != "" || got != code || m != 12_340_000 {
			t.Errorf("parseMoney(FormatMoney(12.34 %s)) = %d %q %q", code, m, got, bad)
		}
	}
}
