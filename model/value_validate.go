package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Validate checks a value that did not come from ParseValue: built in
// code, read from JSON or from an older database. It accepts exactly the
// canonical values ParseValue produces (lowercased email domains, E.164
// phones, links with their scheme, option values rather than labels), so
// a value it accepts round-trips through FormatText and ParseValue. The
// exceptions are inherent in the text form and left to callers: text with
// surrounding whitespace (parsing trims), option values containing "," or
// "|", a reference name made only of digits ("123" reads as an id), and a
// resolved reference (Int and Ref) whose text is its name, which reads
// back as the name alone for the store to resolve again.
// The empty value is valid: whether a field is required is the store's call.
func Validate(f Field, v Value) error {
	if isEmpty(f, v) {
		return nil
	}
	switch f.Type {
	case TypeText, TypeRichText:
		return nil
	case TypeNumber:
		if math.IsNaN(v.Num) || math.IsInf(v.Num, 0) {
			return fieldErr(f, strconv.FormatFloat(v.Num, 'g', -1, 64), "a finite number")
		}
	case TypeCurrency:
		if _, ok := currencyTable[v.Str]; !ok {
			return fieldErr(f, v.Str, codeExpectedText+" in upper case")
		}
	case TypeDate:
		if !validDate(v.Str) {
			return fieldErr(f, v.Str, "a real date written as 2026-12-01")
		}
	case TypeDateTime:
		if !validDateTime(v.Int) {
			return fieldErr(f, strconv.FormatInt(v.Int, 10), "unix milliseconds within years 1 to 9999")
		}
	case TypeBoolean:
		if v.Int != 0 && v.Int != 1 {
			return fieldErr(f, strconv.FormatInt(v.Int, 10), "0 or 1")
		}
	case TypeSelect:
		if _, ok := f.Option(v.Str); !ok {
			return fieldErr(f, v.Str, optionsExpected(f))
		}
	case TypeMultiSelect:
		return validateList(f, v.List, nil, func(s string) (string, bool) {
			_, ok := f.Option(s)
			return s, ok
		}, optionsExpected(f))
	case TypeEmails:
		return validateList(f, v.List, strings.ToLower, parseEmail, emailExpected+" with a lower-case domain")
	case TypePhones:
		return validateList(f, v.List, nil, func(s string) (string, bool) { return s, validE164(s) },
			"a valid phone number in E.164 form like +12015550123")
	case TypeLinks:
		return validateList(f, v.List, nil, parseLink, "an http or https address like https://acme.com")
	case TypeRating:
		if v.Int < 1 || v.Int > 5 {
			return fieldErr(f, strconv.FormatInt(v.Int, 10), "a rating from 1 to 5")
		}
	case TypeRelation, TypeMember, TypePipeline, TypeStage:
		if v.Int < 0 || (v.Int == 0 && strings.TrimSpace(v.Ref) == "") {
			return fieldErr(f, FormatText(f, v), "a positive id or a name to resolve")
		}
	default:
		return fmt.Errorf("field %s: unknown field type %q", f.Name, f.Type)
	}
	return nil
}

// validateList checks each entry is canonical (canon returns it unchanged)
// and that no entry repeats (compared by key, or exactly when key is nil).
func validateList(f Field, list []string, key func(string) string, canon func(string) (string, bool), expected string) error {
	seen := map[string]bool{}
	for _, s := range list {
		if c, ok := canon(s); !ok || c != s {
			return fieldErr(f, s, expected)
		}
		k := s
		if key != nil {
			k = key(s)
		}
		if seen[k] {
			return fieldErr(f, s, "no repeated entries")
		}
		seen[k] = true
	}
	return nil
}
