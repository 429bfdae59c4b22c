package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ParseValue turns user text into a value of the field's type. Surrounding
// whitespace is trimmed; blank text is the empty Value with no error.
// Failures are *FieldError values naming the field, the rejected text and
// what was expected.
//
// What each type accepts:
//
//	text, richtext   anything; the content is kept as typed (newlines too)
//	number           1234, -1,234.5, 1.5e6
//	currency         1200, 1,200.50, EUR 1200, 1200 eur, €1,200.50, -$5k, 1.5m
//	                 (no code: env.DefaultCurrency, else USD; amounts are
//	                 read exactly into micros, at most 6 decimals)
//	date             2026-12-01, 2026/12/01, today, tomorrow, yesterday,
//	                 +3d, -2w, +1m, +1y (from env.Now's calendar day)
//	datetime         RFC 3339, 2026-12-01 15:04, 2026-12-01T15:04, a bare date
//	                 (midnight), now, today, +3d, +2h (in env.Now's location)
//	boolean          true/false, yes/no, y/n, 1/0, on/off
//	select           an option's value or label, in any letter case
//	multiselect      options separated by "," or "|", deduplicated
//	emails           addresses separated by commas, semicolons or spaces
//	phones           numbers separated by commas or semicolons, stored in
//	                 E.164; numbers without +country use env.Region (US)
//	links            web addresses; "acme.com" becomes https://acme.com
//	rating           1..5, or stars: ★★★
//	relation, member, pipeline, stage
//	                 "#123" or "123" sets Int to the id; any other text is
//	                 kept in Ref with Int 0, and the store resolves the name
//	                 (or login, email, domain) to an id
func ParseValue(f Field, s string, env ParseEnv) (Value, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Value{}, nil
	}
	switch f.Type {
	case TypeText, TypeRichText:
		return Value{Valid: true, Str: s}, nil
	case TypeNumber:
		x, ok := parseNumber(s)
		if !ok {
			return Value{}, fieldErr(f, s, numberExpected)
		}
		return Value{Valid: true, Num: x}, nil
	case TypeCurrency:
		m, code, expected := parseMoney(s, strings.ToUpper(env.currency()))
		if expected != "" {
			return Value{}, fieldErr(f, s, expected)
		}
		return Value{Valid: true, Int: m, Str: code}, nil
	case TypeDate:
		d, expected := parseDate(s, env.now())
		if expected != "" {
			return Value{}, fieldErr(f, s, expected)
		}
		return Value{Valid: true, Str: d}, nil
	case TypeDateTime:
		ms, expected := parseDateTime(s, env.now())
		if expected != "" {
			return Value{}, fieldErr(f, s, expected)
		}
		return Value{Valid: true, Int: ms}, nil
	case TypeBoolean:
		b, ok := parseBool(s)
		if !ok {
			return Value{}, fieldErr(f, s, boolExpected)
		}
		return Value{Valid: true, Int: b}, nil
	case TypeSelect:
		o, ok := matchOption(f, s)
		if !ok {
			return Value{}, fieldErr(f, s, optionsExpected(f))
		}
		return Value{Valid: true, Str: o}, nil
	case TypeMultiSelect:
		return parseList(f, splitAny(s, ",|"), func(item string) (string, string) {
			o, ok := matchOption(f, item)
			if !ok {
				return "", optionsExpected(f)
			}
			return o, ""
		}, nil)
	case TypeEmails:
		items := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
		return parseList(f, items, func(item string) (string, string) {
			e, ok := parseEmail(item)
			if !ok {
				return "", emailExpected
			}
			return e, ""
		}, strings.ToLower)
	case TypePhones:
		region := strings.ToUpper(env.region())
		return parseList(f, splitAny(s, ",;\n"), func(item string) (string, string) {
			p, ok := parsePhone(item, region)
			if !ok {
				return "", phoneExpected(region)
			}
			return p, ""
		}, nil)
	case TypeLinks:
		return parseList(f, splitLinks(s), func(item string) (string, string) {
			l, ok := parseLink(item)
			if !ok {
				return "", linkExpected
			}
			return l, ""
		}, nil)
	case TypeRating:
		n, ok := parseRating(s)
		if !ok {
			return Value{}, fieldErr(f, s, ratingExpected)
		}
		return Value{Valid: true, Int: n}, nil
	case TypeRelation, TypeMember, TypePipeline, TypeStage:
		digits := strings.TrimPrefix(s, "#")
		if digits != "" && allDigits(digits) {
			id, err := strconv.ParseInt(digits, 10, 64)
			if err != nil || id <= 0 {
				return Value{}, fieldErr(f, s, refExpected)
			}
			return Value{Valid: true, Int: id}, nil
		}
		return Value{Valid: true, Ref: s}, nil
	}
	return Value{}, fmt.Errorf("field %s: unknown field type %q", f.Name, f.Type)
}

const (
	boolExpected   = "yes or no (also true/false, y/n, 1/0, on/off)"
	ratingExpected = "a rating from 1 to 5, or 1 to 5 stars like ★★★"
	refExpected    = "#id with a positive id, or a name"
)

// splitAny splits s at any of the separator characters, trimming each
// piece and dropping blank ones.
func splitAny(s, seps string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseList parses each item, keeps the first of duplicates (compared by
// key, or exactly when key is nil) and keeps the given order, so the first
// item stays the primary.
func parseList(f Field, items []string, parse func(string) (string, string), key func(string) string) (Value, error) {
	var list []string
	seen := map[string]bool{}
	for _, item := range items {
		v, expected := parse(item)
		if expected != "" {
			return Value{}, fieldErr(f, item, expected)
		}
		k := v
		if key != nil {
			k = key(v)
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		list = append(list, v)
	}
	if len(list) == 0 {
		return Value{}, nil
	}
	return Value{Valid: true, List: list}, nil
}

func parseBool(s string) (int64, bool) {
	switch strings.ToLower(s) {
	case "true", "yes", "y", "1", "on", "t":
		return 1, true
	case "false", "no", "n", "0", "off", "f":
		return 0, true
	}
	return 0, false
}

// matchOption finds the option a user meant: an exact value first, then a
// value or label in any letter case, so a label that happens to equal
// another option's value cannot shadow it.
func matchOption(f Field, s string) (string, bool) {
	if o, ok := f.Option(s); ok {
		return o.Value, true
	}
	for _, o := range f.Options {
		if strings.EqualFold(o.Value, s) {
			return o.Value, true
		}
	}
	for _, o := range f.Options {
		if strings.EqualFold(o.Label, s) {
			return o.Value, true
		}
	}
	return "", false
}

// optionsExpected lists the option values, which are what FormatText writes
// and what the CLI documents.
func optionsExpected(f Field) string {
	if len(f.Options) == 0 {
		return "one of the field's options, but it has none yet"
	}
	vals := make([]string, len(f.Options))
	for i, o := range f.Options {
		vals[i] = o.Value
	}
	return "one of: " + strings.Join(vals, ", ")
}

// parseRating reads "4", "4/5" or stars ("★★★★", "★★★★☆", "****").
func parseRating(s string) (int64, bool) {
	s = strings.TrimSuffix(s, "/5")
	if n, err := strconv.Atoi(s); err == nil {
		return int64(n), n >= 1 && n <= 5
	}
	if utf8.RuneCountInString(s) > 5 {
		return 0, false
	}
	var n int64
	for _, r := range s {
		switch r {
		case '★', '*':
			n++
		case '☆':
		default:
			return 0, false
		}
	}
	return n, n >= 1
}
