package transfer

// isFormulaStart reports whether a spreadsheet would treat a cell that
// begins with b as a formula. Tab and CR are in OWASP's list as well, but
// they only matter after another trigger and rolo's values rarely start
// with them; escaping them too would surprise more than it protects.
func isFormulaStart(b byte) bool {
	return b == '=' || b == '+' || b == '-' || b == '@'
}

// EscapeCell protects a cell from being run as a formula by a spreadsheet.
// See the package documentation for the exact, reversible rule.
func EscapeCell(s string) string {
	if s == "" {
		return s
	}
	if isFormulaStart(s[0]) {
		if isPlainNumber(s) {
			return s
		}
		return "'" + s
	}
	if looksEscaped(s) {
		return "'" + s
	}
	return s
}

// UnescapeCell undoes EscapeCell: UnescapeCell(EscapeCell(s)) == s for
// every s.
func UnescapeCell(s string) string {
	if looksEscaped(s) {
		return s[1:]
	}
	return s
}

// looksEscaped reports whether s has the shape EscapeCell produces: a quote
// followed by a formula character or another quote.
func looksEscaped(s string) bool {
	return len(s) >= 2 && s[0] == '\'' && (isFormulaStart(s[1]) || s[1] == '\'')
}

// isPlainNumber reports whether s is a decimal number with an optional
// sign, fraction and exponent and nothing else ("-300", "+1.5", "2e-3").
// Such cells are left unescaped so spreadsheets keep them numeric.
func isPlainNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}
