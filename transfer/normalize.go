package transfer

import (
	"fmt"
	"strings"
	"unicode"

	"rolo/model"
)

// Normalizer turns spreadsheet-style cells into the canonical text
// model.ParseValue reads: dates to ISO, grouped or symbol-laden numbers to
// plain decimals, "yes"/"no" to booleans. Text already in canonical form
// passes through unchanged, so an exported file imports back as it was.
type Normalizer struct {
	// DecimalComma reads "1.234,50" as 1234.5 and "1,5" as 1.5. Without it
	// a comma groups thousands and "1,5" is an error asking for the flag.
	// A number with both separators is read unambiguously either way.
	DecimalComma bool
	// ExcelDates reads plain numbers in date fields as Excel serial days;
	// set for XLSX, whose raw cells hold dates that way.
	ExcelDates bool
	dateLayout string // Go layout compiled from --date-format, or ""
}

// NewNormalizer prepares a Normalizer. dateFormat is "" (ISO and
// unambiguous forms only), a pattern such as "DD/MM/YYYY", "MM/DD/YYYY",
// "YYYY-MM-DD", "DD.MM.YY HH:mm", or a Go layout ("02/01/2006"). format is
// the reader's Format(): "xlsx" turns on ExcelDates.
func NewNormalizer(dateFormat string, decimalComma bool, format string) (*Normalizer, error) {
	n := &Normalizer{DecimalComma: decimalComma, ExcelDates: format == "xlsx"}
	if dateFormat != "" {
		l, err := DateLayout(dateFormat)
		if err != nil {
			return nil, err
		}
		n.dateLayout = l
	}
	return n, nil
}

// Cell normalizes one cell for field f. The error names the expected form.
func (n *Normalizer) Cell(f model.Field, s string) (string, error) {
	s = strings.TrimFunc(s, unicode.IsSpace)
	if s == "" {
		return "", nil
	}
	var (
		out string
		err error
	)
	switch f.Type {
	case model.TypeDate:
		out, err = normalizeDate(s, n.dateLayout, n.ExcelDates)
	case model.TypeDateTime:
		out, err = normalizeDateTime(s, n.dateLayout, n.ExcelDates)
	case model.TypeNumber, model.TypeRating:
		out, err = NormalizeNumber(s, n.DecimalComma)
	case model.TypeCurrency:
		var amount, code string
		amount, code, err = NormalizeCurrency(s, n.DecimalComma)
		out = amount
		if code != "" {
			out = code + " " + amount // FormatText's order
		}
	case model.TypeBoolean:
		out = normalizeBool(s)
	default:
		return s, nil
	}
	if err != nil {
		return "", &model.FieldError{Field: f.Name, Value: s, Expected: err.Error()}
	}
	return out, nil
}

// normalizeBool maps the usual spreadsheet spellings; anything else is
// left for ParseValue to reject.
func normalizeBool(s string) string {
	switch strings.ToLower(s) {
	case "true", "yes", "y", "1", "x", "✓", "✔", "on", "checked", "да", "oui", "ja", "sí", "si":
		return "true"
	case "false", "no", "n", "0", "off", "unchecked", "нет", "non", "nein":
		return "false"
	}
	return s
}

// NormalizeNumber reads "1,234.50", "1 234,50" (with decimalComma),
// "(1,234)", "-1'234.5", "50%", "$1,200" and returns a plain decimal
// ("1234.50"). The digits are kept as written: no float rounding.
func NormalizeNumber(s string, decimalComma bool) (string, error) {
	amount, _, err := NormalizeCurrency(s, decimalComma)
	return amount, err
}

// NormalizeCurrency is NormalizeNumber that also returns the ISO code
// given by a symbol or code before or after the number ("€1.234,50",
// "1234.50 EUR", "US$ 12"); code is "" when none is given.
func NormalizeCurrency(s string, decimalComma bool) (amount, code string, err error) {
	s = strings.TrimSpace(s)
	// Canonical numbers pass untouched, except that with decimalComma a dot
	// groups thousands ("1.234" is 1234), so those take the long way.
	if isPlainNumber(s) && !(decimalComma && strings.IndexByte(s, '.') >= 0) {
		return strings.TrimPrefix(s, "+"), "", nil
	}
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	}
	s, neg = takeSign(s, neg)
	s, code = takeCurrency(s)
	s, neg = takeSign(s, neg)
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	s, neg = takeSign(s, neg)

	// Drop group separators other than comma and dot.
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\u2009', '\'', '’', '_':
			return -1
		}
		return r
	}, s)
	if s == "" {
		return "", "", fmt.Errorf("a number")
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == ',' || r == '.' || r == 'e' || r == 'E' || r == '-' || r == '+') {
			return "", "", fmt.Errorf("a number, such as 1234.50")
		}
	}
	lastComma, lastDot := strings.LastIndexByte(s, ','), strings.LastIndexByte(s, '.')
	var intPart, frac string
	switch {
	case lastComma >= 0 && lastDot >= 0: // both: the last one is the decimal mark
		dec, group := byte('.'), ","
		if lastComma > lastDot {
			dec, group = ',', "."
		}
		i := strings.LastIndexByte(s, dec)
		intPart, frac = s[:i], s[i+1:]
		if strings.ContainsRune(frac, rune(group[0])) || !validGroups(intPart, group[0]) {
			return "", "", fmt.Errorf("a number with consistent separators")
		}
		intPart = strings.ReplaceAll(intPart, group, "")
	case lastComma >= 0 || lastDot >= 0:
		sep := byte(',')
		if lastDot >= 0 {
			sep = '.'
		}
		decimalSep := sep == '.' && !decimalComma || sep == ',' && decimalComma
		if decimalSep && strings.Count(s, string(sep)) == 1 {
			i := strings.IndexByte(s, sep)
			intPart, frac = s[:i], s[i+1:]
		} else if validGroups(s, sep) {
			intPart = strings.ReplaceAll(s, string(sep), "")
		} else if sep == ',' {
			return "", "", fmt.Errorf("a number; %q is ambiguous: pass --decimal-comma if commas mark decimals", s)
		} else {
			return "", "", fmt.Errorf("a number; %q is ambiguous with --decimal-comma: dots there group thousands", s)
		}
	default:
		intPart = s
	}
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if !isPlainNumber(out) {
		return "", "", fmt.Errorf("a number, such as 1234.50")
	}
	if neg {
		out = "-" + strings.TrimPrefix(out, "+")
	}
	return out, code, nil
}

func takeSign(s string, neg bool) (string, bool) {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "-"):
		return strings.TrimSpace(s[1:]), !neg
	case strings.HasPrefix(s, "−"): // U+2212 MINUS SIGN, as some locales write it
		return strings.TrimSpace(s[len("−"):]), !neg
	case strings.HasPrefix(s, "+"):
		return strings.TrimSpace(s[1:]), neg
	case strings.HasSuffix(s, "-") && len(s) > 1: // "1234-", an accounting form
		return strings.TrimSpace(s[:len(s)-1]), !neg
	}
	return s, neg
}

// validGroups reports whether sep splits s into a 1–3 digit lead and
// 3-digit groups ("1,234,567"), the only way a separator can group.
func validGroups(s string, sep byte) bool {
	parts := strings.Split(s, string(sep))
	if len(parts) < 2 {
		return true
	}
	lead := strings.TrimLeft(parts[0], "+-")
	if len(lead) < 1 || len(lead) > 3 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}

// currencySymbols maps symbols to ISO codes, longest first so "US$" wins
// over "$". "$" alone is taken as USD and "¥" as JPY: the common reading.
var currencySymbols = []struct{ sym, code string }{
	{"US$", "USD"}, {"CA$", "CAD"}, {"AU$", "AUD"}, {"NZ$", "NZD"}, {"HK$", "HKD"}, {"MX$", "MXN"},
	{"CN¥", "CNY"}, {"руб.", "RUB"}, {"руб", "RUB"}, {"R$", "BRL"}, {"C$", "CAD"}, {"A$", "AUD"},
	{"S$", "SGD"}, {"zł", "PLN"}, {"Kč", "CZK"}, {"$", "USD"}, {"€", "EUR"}, {"£", "GBP"}, {"¥", "JPY"},
	{"₽", "RUB"}, {"₹", "INR"}, {"₩", "KRW"}, {"₺", "TRY"}, {"₴", "UAH"}, {"₪", "ILS"}, {"฿", "THB"},
	{"₫", "VND"}, {"₦", "NGN"}, {"₱", "PHP"}, {"₸", "KZT"},
}

// takeCurrency removes a currency symbol or a three-letter code from
// either end of s.
func takeCurrency(s string) (string, string) {
	for _, c := range currencySymbols {
		if rest, ok := strings.CutPrefix(s, c.sym); ok {
			return strings.TrimSpace(rest), c.code
		}
		if rest, ok := strings.CutSuffix(s, c.sym); ok {
			return strings.TrimSpace(rest), c.code
		}
	}
	if len(s) > 3 && isCode(s[:3]) {
		return strings.TrimSpace(s[3:]), s[:3]
	}
	if len(s) > 3 && isCode(s[len(s)-3:]) {
		return strings.TrimSpace(s[:len(s)-3]), s[len(s)-3:]
	}
	return s, ""
}

func isCode(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return len(s) == 3
}
