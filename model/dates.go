package model

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// DateLayout is the text form of a date field's value.
const DateLayout = "2006-01-02"

const (
	dateExpected     = "a date like 2026-12-01, today, tomorrow, +3d or next fri"
	dateTimeExpected = "a date and time like 2026-12-01 15:04, 2026-12-01T15:04:05Z, now, +2h or in 2 weeks 15:00"
	dateRange        = "a date between years 1 and 9999"
)

var (
	isoDateRE  = regexp.MustCompile(`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$`)
	relativeRE = regexp.MustCompile(`^([+-])\s*(\d{1,6})\s*([a-z]+)$`)
)

// civil is a calendar day. Day arithmetic is done on it at noon UTC so that
// DST changes in the user's zone never move a date by one.
type civil struct{ t time.Time }

func civilOf(t time.Time) civil {
	y, m, d := t.Date()
	return civil{time.Date(y, m, d, 12, 0, 0, 0, time.UTC)}
}

func (c civil) String() string { return c.t.Format(DateLayout) }

func (c civil) inRange() bool { y := c.t.Year(); return y >= 1 && y <= 9999 }

// addMonths moves by whole months and clamps to the month's last day, so
// that Jan 31 + 1 month is Feb 28 rather than Mar 3 as time.AddDate has it.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	if d > last {
		d = last
	}
	return first.AddDate(0, 0, d-1)
}

// relUnit is a unit of a relative date or time ("+3d", "-2 weeks").
type relUnit int

const (
	relNone relUnit = iota
	relHour
	relDay
	relWeek
	relMonth
	relYear
)

var relUnits = map[string]relUnit{
	"h": relHour, "hr": relHour, "hrs": relHour, "hour": relHour, "hours": relHour,
	"d": relDay, "day": relDay, "days": relDay,
	"w": relWeek, "wk": relWeek, "wks": relWeek, "week": relWeek, "weeks": relWeek,
	"m": relMonth, "mo": relMonth, "mon": relMonth, "month": relMonth, "months": relMonth,
	"y": relYear, "yr": relYear, "yrs": relYear, "year": relYear, "years": relYear,
}

// parseRelative reads "+3d", "-2w", "+1 month"... (s already lowercased).
func parseRelative(s string) (int, relUnit, bool) {
	m := relativeRE.FindStringSubmatch(s)
	if m == nil {
		return 0, relNone, false
	}
	u, ok := relUnits[m[3]]
	if !ok {
		return 0, relNone, false
	}
	n, _ := strconv.Atoi(m[2]) // at most six digits: cannot fail
	if m[1] == "-" {
		n = -n
	}
	return n, u, true
}

// shift moves t by n units, keeping the wall-clock time in t's location.
func shift(t time.Time, n int, u relUnit) time.Time {
	switch u {
	case relHour:
		return t.Add(time.Duration(n) * time.Hour)
	case relDay:
		return t.AddDate(0, 0, n)
	case relWeek:
		return t.AddDate(0, 0, 7*n)
	case relMonth:
		return addMonths(t, n)
	case relYear:
		return addMonths(t, 12*n)
	}
	return t
}

// parseISODate reads "2026-12-01" or "2026/12/1", refusing days that do
// not exist (2026-02-30).
func parseISODate(s string) (civil, bool) {
	m := isoDateRE.FindStringSubmatch(s)
	if m == nil {
		return civil{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 12, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d || y < 1 {
		return civil{}, false
	}
	return civil{t}, true
}

// parseDate reads a date field's text. Relative words count from now's
// calendar day in now's location. It returns what was expected on failure.
func parseDate(s string, now time.Time) (string, string) {
	l := strings.ToLower(s)
	today := civilOf(now)
	var c civil
	switch l {
	case "today", "now":
		c = today
	case "tomorrow":
		c = civil{today.t.AddDate(0, 0, 1)}
	case "yesterday":
		c = civil{today.t.AddDate(0, 0, -1)}
	default:
		if n, u, ok := parseRelative(l); ok && u != relHour {
			c = civil{shift(today.t, n, u)}
		} else if d, ok := parseISODate(s); ok {
			c = d
		} else if t, _, ok := parseNatural(s, now); ok {
			c = civilOf(t.In(now.Location()))
		} else {
			return "", dateExpected
		}
	}
	if !c.inRange() {
		return "", dateRange
	}
	return c.String(), ""
}

// dateTimeLayouts are the wall-clock forms read in now's location.
var dateTimeLayouts = []string{
	"2006-01-02 15:04", "2006-01-02T15:04",
	"2006-01-02 15:04:05", "2006-01-02T15:04:05",
	"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999",
}

// parseDateTime reads a datetime field's text into unix milliseconds.
// "today", "tomorrow" and bare dates mean midnight in now's location;
// "+3d" and "+2h" move from now itself.
func parseDateTime(s string, now time.Time) (int64, string) {
	l := strings.ToLower(s)
	loc := now.Location()
	midnight := func(c civil) time.Time {
		y, m, d := c.t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	var t time.Time
	switch l {
	case "now":
		t = now
	case "today":
		t = midnight(civilOf(now))
	case "tomorrow":
		t = midnight(civil{civilOf(now).t.AddDate(0, 0, 1)})
	case "yesterday":
		t = midnight(civil{civilOf(now).t.AddDate(0, 0, -1)})
	default:
		if n, u, ok := parseRelative(l); ok {
			t = shift(now, n, u)
			break
		}
		if c, ok := parseISODate(s); ok {
			t = midnight(c)
			break
		}
		var err error
		if t, err = time.Parse(time.RFC3339Nano, strings.ToUpper(s)); err == nil {
			break
		}
		norm := s
		if len(norm) >= 10 {
			norm = strings.ReplaceAll(norm[:10], "/", "-") + norm[10:]
		}
		ok := false
		for _, layout := range dateTimeLayouts {
			if t, err = time.ParseInLocation(layout, norm, loc); err == nil {
				ok = true
				break
			}
		}
		if !ok {
			nt, hasClock, nok := parseNatural(s, now)
			if !nok {
				return 0, dateTimeExpected
			}
			t = naturalDateTime(s, nt, hasClock, now)
		}
	}
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return 0, dateRange
	}
	return t.UnixMilli(), ""
}

// formatDateTime is the canonical RFC 3339 text of unix milliseconds, in
// UTC, with milliseconds only when there are some.
func formatDateTime(ms int64) string {
	t := time.UnixMilli(ms).UTC()
	if ms%1000 != 0 {
		return t.Format("2006-01-02T15:04:05.000Z07:00")
	}
	return t.Format(time.RFC3339)
}

// validDate reports whether s is a date field's canonical text.
func validDate(s string) bool {
	if len(s) != len(DateLayout) {
		return false
	}
	t, err := time.Parse(DateLayout, s)
	return err == nil && t.Format(DateLayout) == s && t.Year() >= 1
}

// validDateTime reports whether ms falls in the years RFC 3339 can write.
func validDateTime(ms int64) bool {
	y := time.UnixMilli(ms).UTC().Year()
	return y >= 1 && y <= 9999
}

// RelativeDate says how far a date field's day ("2026-12-01") is from
// now's calendar day: "today", "tomorrow", "yesterday", "in 3 days",
// "2 weeks ago", "in 4 months", "1 year ago". Text that is not a date is
// returned unchanged.
func RelativeDate(day string, now time.Time) string {
	d, err := time.Parse(DateLayout, day)
	if err != nil {
		return day
	}
	days := int(civilOf(d).t.Sub(civilOf(now).t).Hours() / 24)
	switch days {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	case -1:
		return "yesterday"
	}
	return relativeDays(days)
}

// relativeDays words a distance of at least two days.
func relativeDays(days int) string {
	n := days
	if n < 0 {
		n = -n
	}
	var amount string
	switch {
	case n < 14:
		amount = plural(n, "day")
	case n < 60:
		amount = plural((n+3)/7, "week")
	case n < 365:
		amount = plural((n+15)/30, "month")
	default:
		amount = plural((n+182)/365, "year")
	}
	if days < 0 {
		return amount + " ago"
	}
	return "in " + amount
}

// RelativeTime says how far t is from now: "just now", "in 5 minutes",
// "3 hours ago", and beyond a day the calendar distance as RelativeDate
// words it, counted in now's location.
func RelativeTime(t, now time.Time) string {
	d := t.Sub(now)
	ago := d < 0
	if ago {
		d = -d
	}
	var amount string
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		amount = plural(int(d/time.Minute), "minute")
	case d < 24*time.Hour:
		amount = plural(int(d/time.Hour), "hour")
	default:
		return RelativeDate(civilOf(t.In(now.Location())).String(), now)
	}
	if ago {
		return amount + " ago"
	}
	return "in " + amount
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}
