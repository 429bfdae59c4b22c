package store

import (
	"database/sql/driver"
	"strings"
	"unicode/utf8"

	"modernc.org/sqlite"
)

// SQLite's LIKE and NOCASE fold case for ASCII letters only, so a filter
// for "łódź" would miss "ŁÓDŹ". A pattern with other letters is compared
// against rolo_fold(column) instead, a Go function every connection of
// the driver gets; ASCII patterns keep the plain comparison (a non-ASCII
// letter in the data can only match one in the pattern), which SQLite
// evaluates without calling back into Go for every row.

func init() {
	sqlite.MustRegisterDeterministicScalarFunction("rolo_fold", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return foldCase(v), nil
		case []byte:
			return foldCase(string(v)), nil
		}
		return args[0], nil // NULL and numbers as they are
	})
}

// foldCase is the case folding of filters, on both sides of a comparison.
func foldCase(s string) string { return strings.ToLower(s) }

// isASCII reports whether s has only ASCII characters.
func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
