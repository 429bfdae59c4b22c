package model

import (
	"testing"
	"time"
)

func TestRelativeDate(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	// 23:30 in New York is already the next day in UTC: the day must come
	// from now's own zone.
	now := time.Date(2026, 3, 15, 23, 30, 0, 0, ny)
	tests := []struct{ day, want string }{
		{"2026-03-15", "today"},
		{"2026-03-16", "tomorrow"},
		{"2026-03-14", "yesterday"},
		{"2026-03-18", "in 3 days"},
		{"2026-03-02", "13 days ago"},
		{"2026-03-29", "in 2 weeks"},
		{"2026-03-01", "2 weeks ago"},
		{"2026-05-10", "in 8 weeks"},
		{"2026-07-15", "in 4 months"},
		{"2025-03-15", "1 year ago"},
		{"2029-03-15", "in 3 years"},
		{"not a date", "not a date"},
	}
	for _, tt := range tests {
		if got := RelativeDate(tt.day, now); got != tt.want {
			t.Errorf("RelativeDate(%q) = %q, want %q", tt.day, got, tt.want)
		}
	}
}

func TestRelativeTime(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	now := time.Date(2026, 3, 15, 10, 0, 0, 0, ny)
	tests := []struct {
		t    time.Time
		want string
	}{
		{now.Add(20 * time.Second), "just now"},
		{now.Add(-59 * time.Second), "just now"},
		{now.Add(time.Minute), "in 1 minute"},
		{now.Add(-5 * time.Minute), "5 minutes ago"},
		{now.Add(3 * time.Hour), "in 3 hours"},
		{now.Add(-23 * time.Hour), "23 hours ago"},
		{now.Add(30 * time.Hour), "tomorrow"},
		{now.AddDate(0, 0, -3), "3 days ago"},
		{now.AddDate(0, 0, 21).UTC(), "in 3 weeks"},
	}
	for _, tt := range tests {
		if got := RelativeTime(tt.t, now); got != tt.want {
			t.Errorf("RelativeTime(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	tests := []struct {
		now  time.Time
		in   string
		want string
	}{
		// months clamp to the last day instead of spilling into the next month
		{time.Date(2026, 1, 31, 9, 0, 0, 0, ny), "+1m", "2026-02-28"},
		{time.Date(2024, 2, 29, 9, 0, 0, 0, ny), "+1y", "2025-02-28"},
		{time.Date(2026, 3, 31, 9, 0, 0, 0, ny), "-1 month", "2026-02-28"},
		// the DST change on 2026-03-08 does not shift the day
		{time.Date(2026, 3, 7, 23, 30, 0, 0, ny), "+1d", "2026-03-08"},
		{time.Date(2026, 3, 8, 0, 15, 0, 0, ny), "-1d", "2026-03-07"},
		// late evening: "today" is now's own calendar day, not UTC's
		{time.Date(2026, 12, 31, 23, 59, 0, 0, ny), "today", "2026-12-31"},
		{time.Date(2026, 12, 31, 23, 59, 0, 0, ny), "tomorrow", "2027-01-01"},
	}
	for _, tt := range tests {
		v, err := ParseValue(valueField("due", TypeDate), tt.in, ParseEnv{Now: tt.now})
		if err != nil || v.Str != tt.want {
			t.Errorf("date %q at %v = %q, %v; want %s", tt.in, tt.now, v.Str, err, tt.want)
		}
	}

	// datetime "+1d" keeps the wall-clock time across a DST change
	now := time.Date(2026, 3, 7, 12, 0, 0, 0, ny)
	v, err := ParseValue(valueField("at", TypeDateTime), "+1d", ParseEnv{Now: now})
	if want := time.Date(2026, 3, 8, 12, 0, 0, 0, ny).UnixMilli(); err != nil || v.Int != want {
		t.Errorf("datetime +1d across DST = %d, %v; want %d", v.Int, err, want)
	}
}
