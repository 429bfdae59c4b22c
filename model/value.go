package model

import (
	"strconv"
	"time"
)

// Values travel in four forms, each with one function:
//
//	ParseValue  user text → Value (forms, CLI, import, the filter language)
//	FormatText  Value → canonical text that ParseValue reads back unchanged
//	            (CLI, export, the events log)
//	Display     Value → what a person reads in a table cell
//	ToJSON      Value → a JSON-ready Go value for --json output
//
// Validate checks a Value that did not come from ParseValue (built in code,
// read from JSON or an old database). It accepts exactly the values
// ParseValue produces, so a value that passes Validate round-trips through
// FormatText and ParseValue.

// ParseEnv is what parsing needs beyond the text: the clock for relative
// dates, the default region for phone numbers without a country code and
// the currency assumed when an amount names none. The zero ParseEnv is
// usable: the current time, region "US", currency "USD".
type ParseEnv struct {
	Now    time.Time
	Region string // ISO 3166 region, e.g. "US"; default "US"
	// DefaultCurrency is the ISO 4217 code for amounts typed without a
	// code or symbol; default "USD".
	DefaultCurrency string
}

// now is env.Now, or the wall clock when the caller left it zero.
func (env ParseEnv) now() time.Time {
	if env.Now.IsZero() {
		return time.Now()
	}
	return env.Now
}

func (env ParseEnv) region() string {
	if env.Region == "" {
		return "US"
	}
	return env.Region
}

func (env ParseEnv) currency() string {
	if env.DefaultCurrency == "" {
		return "USD"
	}
	return env.DefaultCurrency
}

// FieldError says which field rejected which value and what was expected.
// For list types (multiselect, emails, phones, links) Value is the one
// entry that was rejected, which is what the user needs to fix.
type FieldError struct {
	Field    string
	Value    string
	Expected string
}

func (e *FieldError) Error() string {
	return "field " + e.Field + ": " + quote(e.Value) + " is not valid (expected " + e.Expected + ")"
}

// quote shows a user's text in a message; strconv.Quote makes newlines and
// control characters visible while leaving "€" and "★" readable.
func quote(s string) string { return strconv.Quote(s) }

// fieldErr builds the error every parse and validate failure returns.
func fieldErr(f Field, s, expected string) error {
	return &FieldError{Field: f.Name, Value: s, Expected: expected}
}

// isListType reports whether the type keeps its value in Value.List.
func isListType(t FieldType) bool {
	switch t {
	case TypeMultiSelect, TypeEmails, TypePhones, TypeLinks:
		return true
	}
	return false
}

// isEmpty reports whether v holds nothing for the field. A list value that
// is Valid but has no entries counts as empty too, so code that builds
// values need not special-case it.
func isEmpty(f Field, v Value) bool {
	if !v.Valid {
		return true
	}
	return isListType(f.Type) && len(v.List) == 0
}
