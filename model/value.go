package model

import "time"

// ParseEnv is what parsing needs beyond the text: the clock for relative
// dates and the default region for phone numbers without a country code.
type ParseEnv struct {
	Now    time.Time
	Region string // ISO 3166 region, e.g. "US"; default "US"
}

// FieldError says which field rejected which value and what was expected.
type FieldError struct {
	Field    string
	Value    string
	Expected string
}

func (e *FieldError) Error() string {
	return "field " + e.Field + ": " + quote(e.Value) + " is not valid (expected " + e.Expected + ")"
}

func quote(s string) string { return "\"" + s + "\"" }

// ParseValue turns user text into a value of the field's type. The empty
// string is the empty Value. TODO(values helper): implement.
func ParseValue(f Field, s string, env ParseEnv) (Value, error) { panic("TODO") }

// Validate checks a value against the field (options exist, rating range...).
func Validate(f Field, v Value) error { panic("TODO") }

// FormatText is the canonical text of a value: ParseValue reads it back to
// the same value. Used by the CLI, export and the events log.
func FormatText(f Field, v Value) string { panic("TODO") }

// Display is the value as a person reads it: currency with symbol and
// grouping, select labels, relation names.
func Display(f Field, v Value) string { panic("TODO") }

// ToJSON is the value for --json output.
func ToJSON(f Field, v Value) any { panic("TODO") }
