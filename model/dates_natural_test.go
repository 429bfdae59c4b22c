package model

import (
	"testing"
	"time"
)

func TestParseNaturalDates(t *testing.T) {
	// Monday 23 November 2026, 10:30 in Berlin.
	loc := time.FixedZone("CET", 3600)
	env := ParseEnv{Now: time.Date(2026, 11, 23, 10, 30, 0, 0, loc)}
	date := Field{Name: "close_date", Type: TypeDate}
	for in, want := range map[string]string{
		"next fri":    "2026-11-27",
		"friday":      "2026-11-27",
		"in 2 weeks":  "2026-12-07",
		"dec 1":       "2026-12-01",
		"tomorrow":    "2026-11-24", // rolo's own rule still wins
		"+3d":         "2026-11-26",
		"2026-12-01":  "2026-12-01",
		"Next Friday": "2026-11-27",
	} {
		v, err := ParseValue(date, in, env)
		if err != nil || v.Str != want {
			t.Errorf("date %q = %q, %v; want %s", in, v.Str, err, want)
		}
	}
	at := Field{Name: "due_at", Type: TypeDateTime}
	for in, want := range map[string]time.Time{
		"in 2 weeks 15:00": time.Date(2026, 12, 7, 15, 0, 0, 0, loc),
		"next fri":         time.Date(2026, 11, 27, 0, 0, 0, 0, loc), // a bare day: midnight, like "tomorrow"
		"in 3 days":        time.Date(2026, 11, 26, 10, 30, 0, 0, loc),
		"tomorrow 9am":     time.Date(2026, 11, 24, 9, 0, 0, 0, loc),
	} {
		v, err := ParseValue(at, in, env)
		if err != nil || v.Int != want.UnixMilli() {
			t.Errorf("datetime %q = %v, %v; want %v", in, time.UnixMilli(v.Int).In(loc), err, want)
		}
	}
	for _, bad := range []string{"call me next fri", "next fri please", "garbage", "2026-02-30"} {
		if _, err := ParseValue(date, bad, env); err == nil {
			t.Errorf("date %q parsed; want an error", bad)
		}
	}
}
