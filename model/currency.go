package model

import (
	"errors"
	"sort"
	"strconv"
	"strings"
)

// Currency describes an ISO 4217 currency as rolo reads and shows it.
type Currency struct {
	Code   string // "EUR"
	Symbol string // "€"; empty when amounts show the code instead
	Digits int    // minor-unit digits: 2 for EUR, 0 for JPY, 3 for KWD
}

// The ISO 4217 codes in current (or recently retired, still seen in old
// data) use, grouped by minor-unit digits. Precious metals, fund units and
// testing codes are left out: nobody sells a deal in XAU.
const (
	currencies0 = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
	currencies2 = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD " +
		"BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN " +
		"ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS " +
		"KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV " +
		"MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG " +
		"SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD " +
		"USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL"
	currencies3 = "BHD IQD JOD KWD LYD OMR TND"
	currencies4 = "CLF UYW"
)

// currencySymbols are the symbols shown before amounts. Only symbols a
// reader recognises without context are listed; the rest show their code.
// Dollars other than USD carry a prefix ("CA$") so that "$" stays USD.
var currencySymbols = map[string]string{
	"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "INR": "₹", "KRW": "₩",
	"CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "HKD": "HK$", "MXN": "MX$", "TWD": "NT$", "BRL": "R$",
	"ILS": "₪", "VND": "₫", "PHP": "₱", "RUB": "₽", "TRY": "₺", "UAH": "₴", "NGN": "₦", "THB": "฿",
}

var (
	currencyTable = buildCurrencyTable()
	// symbolsByLength lists the symbols accepted when parsing, longest
	// first, so that "CA$" is tried before "$".
	symbolsByLength = buildSymbolList()
)

func buildCurrencyTable() map[string]Currency {
	t := map[string]Currency{}
	for digits, list := range []string{currencies0, "", currencies2, currencies3, currencies4} {
		for _, code := range strings.Fields(list) {
			t[code] = Currency{Code: code, Symbol: currencySymbols[code], Digits: digits}
		}
	}
	return t
}

func buildSymbolList() []string {
	syms := []string{"US$"} // accepted when typed, never shown
	for _, s := range currencySymbols {
		syms = append(syms, s)
	}
	sort.Slice(syms, func(i, j int) bool {
		if len(syms[i]) != len(syms[j]) {
			return len(syms[i]) > len(syms[j])
		}
		return syms[i] < syms[j]
	})
	return syms
}

// LookupCurrency returns the currency with the given ISO 4217 code, in any
// letter case.
func LookupCurrency(code string) (Currency, bool) {
	c, ok := currencyTable[strings.ToUpper(code)]
	return c, ok
}

// symbolCode turns a typed symbol into a code. "$" and "¥" are shared by
// several currencies; they mean the default currency when its own symbol
// uses them (CA$ for a CAD field, CN¥ for CNY), else USD and JPY.
func symbolCode(sym, def string) string {
	sym = strings.ToUpper(sym)
	if sym == "US$" {
		return "USD"
	}
	defSym := currencySymbols[def]
	switch sym {
	case "$":
		if strings.HasSuffix(defSym, "$") {
			return def
		}
		return "USD"
	case "¥":
		if strings.HasSuffix(defSym, "¥") {
			return def
		}
		return "JPY"
	}
	for code, s := range currencySymbols {
		if strings.ToUpper(s) == sym {
			return code
		}
	}
	return ""
}

const (
	moneyExpected    = "an amount like 1200.50 or EUR 1,200.50"
	moneyDecimals    = "an amount with at most 6 decimal places"
	moneyRange       = "an amount between -9223372036854 and 9223372036854"
	codeExpectedText = "a known ISO 4217 currency code such as USD, EUR or GBP"
)

// parseMoney reads an amount with an optional code or symbol before or
// after it ("EUR 1200", "1200 eur", "€1,200.50", "-$5k"). def is the code
// used when none is given. On failure it returns the text that says what
// was expected instead.
func parseMoney(s, def string) (micros int64, code string, expected string) {
	t := s
	outerNeg := false
	if t != "" && (t[0] == '-' || t[0] == '+') {
		outerNeg = t[0] == '-'
		t = strings.TrimSpace(t[1:])
		if t != "" && (t[0] == '-' || t[0] == '+') {
			return 0, "", moneyExpected
		}
	}
	code, rest, bad := cutCurrency(t, def)
	if bad != "" {
		return 0, "", bad
	}
	rest = strings.TrimSpace(rest)
	if outerNeg || (s != "" && s[0] == '+') {
		if rest != "" && (rest[0] == '-' || rest[0] == '+') {
			return 0, "", moneyExpected // two signs
		}
		if outerNeg {
			rest = "-" + rest
		}
	}
	m, expected := parseAmount(rest)
	if expected != "" {
		return 0, "", expected
	}
	if code == "" {
		code = strings.ToUpper(def)
		if _, ok := currencyTable[code]; !ok {
			return 0, "", "an amount with a currency code (the default currency " + quote(def) + " is not known)"
		}
	}
	return m, code, ""
}

// cutCurrency removes a code or symbol from the start or the end of t. It
// returns code "" when there is none; bad says why a three-letter word is
// not accepted as a code.
func cutCurrency(t, def string) (code, rest, bad string) {
	for _, sym := range symbolsByLength {
		if len(t) > len(sym) && strings.EqualFold(t[:len(sym)], sym) {
			return symbolCode(sym, def), t[len(sym):], ""
		}
		if len(t) > len(sym) && strings.EqualFold(t[len(t)-len(sym):], sym) {
			return symbolCode(sym, def), t[:len(t)-len(sym)], ""
		}
	}
	i := 0
	for i < len(t) && isASCIILetter(t[i]) {
		i++
	}
	if i == 3 {
		return codeOf(t[:3], t[3:])
	}
	j := len(t)
	for j > 0 && isASCIILetter(t[j-1]) {
		j--
	}
	if len(t)-j == 3 && j > 0 {
		return codeOf(t[j:], t[:j])
	}
	return "", t, ""
}

func codeOf(word, rest string) (code, restOut, bad string) {
	code = strings.ToUpper(word)
	if _, ok := currencyTable[code]; !ok {
		return "", "", codeExpectedText + " (" + quote(word) + " is not one)"
	}
	return code, rest, ""
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// parseAmount reads a plain amount ("-1,200.50", "5k", "1.5m") into micros
// exactly: the digits are shifted as text, never passed through a float.
func parseAmount(s string) (int64, string) {
	shift := 6
	if n := len(s); n > 1 {
		switch s[n-1] {
		case 'k', 'K':
			shift, s = 9, s[:n-1]
		case 'm', 'M':
			shift, s = 12, s[:n-1]
		}
	}
	d, ok := splitDecimal(s, false)
	if !ok {
		return 0, moneyExpected
	}
	digits := d.int + d.frac
	shift -= len(d.frac)
	if shift < 0 {
		cut := len(digits) + shift
		if strings.Trim(digits[cut:], "0") != "" {
			return 0, moneyDecimals
		}
		digits = digits[:cut]
	} else {
		digits += strings.Repeat("0", shift)
	}
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return 0, ""
	}
	if len(digits) > 19 {
		return 0, moneyRange
	}
	u, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || u > 1<<63 || (!d.neg && u == 1<<63) {
		return 0, moneyRange
	}
	if d.neg {
		return -int64(u), "" // for u == 1<<63 this wraps to MinInt64, which is right
	}
	return int64(u), ""
}

// CurrencyMicros reads a plain amount without a currency ("1,200.50",
// "-300", "5k") as integer micros (1.5 → 1_500_000), exactly.
func CurrencyMicros(s string) (int64, error) {
	m, expected := parseAmount(strings.TrimSpace(s))
	if expected != "" {
		return 0, errors.New(quote(s) + " is not valid (expected " + expected + ")")
	}
	return m, nil
}

// FormatMicros is the plain decimal text of an amount in micros with as few
// decimals as are needed: 1_200_500_000 → "1200.5". CurrencyMicros reads
// it back exactly.
func FormatMicros(micros int64) string { return formatMicros(micros, 0, false) }

// FormatMoney is an amount as a person reads it: the currency's symbol (or
// code), thousands grouping and at least its minor-unit digits, e.g.
// "$1,200.50", "¥1,200", "CHF 99.00", "-€5.25". Sub-unit precision beyond
// the minor digits is shown rather than rounded away.
func FormatMoney(micros int64, code string) string {
	c, ok := LookupCurrency(code)
	if !ok {
		c = Currency{Code: strings.ToUpper(code), Digits: 2}
	}
	amount := formatMicros(micros, c.Digits, true)
	sign := ""
	if amount[0] == '-' {
		sign, amount = "-", amount[1:]
	}
	switch {
	case c.Symbol != "":
		return sign + c.Symbol + amount
	case c.Code != "":
		return sign + c.Code + " " + amount
	}
	return sign + amount
}

// formatMicros writes micros as a decimal with at least minFrac decimals,
// optionally grouped.
func formatMicros(micros int64, minFrac int, group bool) string {
	neg := micros < 0
	u := uint64(micros)
	if neg {
		u = ^u + 1 // two's complement, so MinInt64 works too
	}
	ip := strconv.FormatUint(u/1_000_000, 10)
	if group {
		ip = groupThousands(ip)
	}
	frac := strconv.FormatUint(u%1_000_000+1_000_000, 10)[1:] // six digits, zero-padded
	frac = strings.TrimRight(frac, "0")
	if len(frac) < minFrac {
		frac += strings.Repeat("0", minFrac-len(frac))
	}
	s := ip
	if frac != "" {
		s += "." + frac
	}
	if neg {
		s = "-" + s
	}
	return s
}
