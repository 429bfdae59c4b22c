package model

import (
	"regexp"
	"strings"
	"time"

	"github.com/olebedev/when"
)

// Natural-language dates ("next fri", "in 2 weeks 15:00", "dec 1 at 3pm")
// are read by github.com/olebedev/when as a fallback after rolo's own
// exact forms (ISO dates, today/tomorrow, +3d), so everything that worked
// before keeps its meaning and the library only widens what is accepted.
// It serves every caller of ParseValue: the TUI's editors, the CLI and
// filter literals alike.

// clockRE spots an explicit time of day in the phrase, which decides
// whether a date-time keeps the parsed clock or starts at midnight.
var clockRE = regexp.MustCompile(`\d:\d|\d\s*(am|pm)\b|\b(noon|midnight|tonight|morning|evening|afternoon)\b`)

// parseNatural reads a natural-language date or time relative to now. The
// library finds phrases inside longer text; a field value must be nothing
// but the phrase, so "call me next fri" is refused rather than half-read.
// hasClock reports whether the phrase named a time of day.
func parseNatural(s string, now time.Time) (t time.Time, hasClock, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, false
	}
	r, err := when.EN.Parse(s, now)
	if err != nil || r == nil || r.Index != 0 || len(strings.TrimSpace(r.Text)) != len(s) {
		return time.Time{}, false, false
	}
	return r.Time, clockRE.MatchString(strings.ToLower(s)), true
}

// naturalDateTime turns a parsed phrase into a date-time: a phrase with a
// time of day keeps it; "in 2 weeks" moves from now like +2w does; a bare
// day ("next fri", "dec 1") means that day's midnight, like "tomorrow".
func naturalDateTime(s string, t time.Time, hasClock bool, now time.Time) time.Time {
	if hasClock || strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "in ") {
		return t
	}
	y, m, d := t.In(now.Location()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, now.Location())
}
