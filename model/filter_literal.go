package model

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Literal parsing for filter values. It is separate from ParseValue on
// purpose: a filter compares against values rather than storing them, so
// it accepts things a field never holds (relative dates, "10k", a whole
// day for a date-time) and needs ranges rather than points.

// fltNumberRE is a plain decimal with optional sign, "_" digit separators
// and a k (thousand) or m (million) suffix. Exponents, "inf" and "nan"
// (which strconv would take) are deliberately not numbers here.
var fltNumberRE = regexp.MustCompile(`^([+-]?)([0-9][0-9_]*)?(?:\.([0-9]+))?([kKmM]?)$`)

// fltParseDecimal splits s into sign, integer digits, fraction digits and
// the power of ten its suffix adds.
func fltParseDecimal(s string) (neg bool, whole, frac string, shift int, ok bool) {
	m := fltNumberRE.FindStringSubmatch(s)
	if m == nil || (m[2] == "" && m[3] == "") {
		return false, "", "", 0, false
	}
	switch m[4] {
	case "k", "K":
		shift = 3
	case "m", "M":
		shift = 6
	}
	whole = strings.ReplaceAll(m[2], "_", "")
	if whole == "" {
		whole = "0"
	}
	return m[1] == "-", whole, m[3], shift, true
}

// fltParseNumber reads a number literal: 5000, -1.5, 10k, 2.5m, 1_000.
func fltParseNumber(s string) (float64, bool) {
	neg, whole, frac, shift, ok := fltParseDecimal(s)
	if !ok {
		return 0, false
	}
	txt := whole
	if frac != "" {
		txt += "." + frac
	}
	if shift > 0 {
		txt += "e" + strconv.Itoa(shift)
	}
	x, err := strconv.ParseFloat(txt, 64)
	if err != nil {
		return 0, false
	}
	if neg {
		x = -x
	}
	return x, true
}

// fltParseMicros reads a currency amount exactly into micros (1.5 →
// 1_500_000), so "amount=19.99" matches the stored 19_990_000 without
// float rounding. More than six decimals (after the suffix) is an error.
func fltParseMicros(s string) (int64, bool) {
	neg, whole, frac, shift, ok := fltParseDecimal(s)
	if !ok {
		return 0, false
	}
	scale := 6 + shift
	if len(frac) > scale {
		return 0, false
	}
	digits := strings.TrimLeft(whole+frac+strings.Repeat("0", scale-len(frac)), "0")
	if digits == "" {
		return 0, true
	}
	if len(digits) > 18 { // beyond int64 micros (about 9.2e12 units)
		return 0, false
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// fltParseBool reads yes/no in the spellings people type.
func fltParseBool(s string) (int64, bool) {
	switch strings.ToLower(s) {
	case "true", "yes", "y", "1", "on", "checked":
		return 1, true
	case "false", "no", "n", "0", "off", "unchecked":
		return 0, true
	}
	return 0, false
}

// fltTime is a time literal as the half-open range [from, to) it stands for:
// a whole day for "2026-12-31" or "today", the minute or second written for
// "2026-12-31T09:30", and a point (to = from + 1ms) for relative offsets and
// "now". point marks the last kind, so `created:-30d` can widen it to the
// day: an equality with a single millisecond would never match.
type fltTime struct {
	from, to time.Time
	point    bool
}

var fltRelRE = regexp.MustCompile(`^([+-])([0-9]{1,5})([dwmyhDWMYH])$`)

const fltDateExpected = "a date like 2026-12-31, today, yesterday, tomorrow, or an offset like -30d, +2w, -3m, +1y"

// fltParseTime reads a date or date-time literal relative to now. Days are
// cut in now's location. withTime allows "now", hour offsets and explicit
// times of day (date-time fields only).
func fltParseTime(s string, now time.Time, withTime bool) (fltTime, bool) {
	loc := now.Location()
	day := func(t time.Time) fltTime {
		y, m, d := t.In(loc).Date()
		from := time.Date(y, m, d, 0, 0, 0, 0, loc)
		return fltTime{from: from, to: from.AddDate(0, 0, 1)}
	}
	point := func(t time.Time) fltTime {
		return fltTime{from: t, to: t.Add(time.Millisecond), point: true}
	}
	switch strings.ToLower(s) {
	case "today":
		return day(now), true
	case "yesterday":
		return day(now.AddDate(0, 0, -1)), true
	case "tomorrow":
		return day(now.AddDate(0, 0, 1)), true
	case "now":
		if withTime {
			return point(now), true
		}
		return day(now), true
	}
	if m := fltRelRE.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[2])
		if m[1] == "-" {
			n = -n
		}
		var t time.Time
		switch strings.ToLower(m[3]) {
		case "d":
			t = now.AddDate(0, 0, n)
		case "w":
			t = now.AddDate(0, 0, 7*n)
		case "m":
			t = now.AddDate(0, n, 0)
		case "y":
			t = now.AddDate(n, 0, 0)
		case "h":
			if !withTime {
				return fltTime{}, false
			}
			t = now.Add(time.Duration(n) * time.Hour)
		}
		if withTime {
			return point(t), true
		}
		return day(t), true
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return day(t), true
	}
	if !withTime {
		return fltTime{}, false
	}
	for _, lay := range []struct {
		layout string
		prec   time.Duration
	}{{"2006-01-02T15:04", time.Minute}, {"2006-01-02T15:04:05", time.Second}} {
		if t, err := time.ParseInLocation(lay.layout, s, loc); err == nil {
			return fltTime{from: t, to: t.Add(lay.prec)}, true
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return fltTime{from: t, to: t.Add(time.Second)}, true
	}
	return fltTime{}, false
}

// fltIsUnsignedOffset catches "30d", which people write meaning -30d or
// +30d; the error asks them which.
func fltIsUnsignedOffset(s string) bool {
	return fltRelRE.MatchString("-" + s)
}
