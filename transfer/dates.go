package transfer

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// DateLayout compiles a --date-format pattern into a Go time layout.
// Tokens: YYYY, YY, MMMM (January), MMM (Jan), MM or M (month), DD or D
// (day), HH or H (hour), mm (minute), ss (second); anything else is
// literal. Numeric tokens accept one or two digits either way, since
// spreadsheets drop leading zeros. A pattern containing "2006" is taken
// to be a Go layout already.
func DateLayout(pattern string) (string, error) {
	if strings.Contains(pattern, "2006") {
		return pattern, nil
	}
	tokens := []struct{ tok, layout string }{
		{"YYYY", "2006"}, {"YY", "06"}, {"MMMM", "January"}, {"MMM", "Jan"}, {"MM", "1"}, {"M", "1"},
		{"DD", "2"}, {"D", "2"}, {"HH", "15"}, {"H", "15"}, {"mm", "4"}, {"ss", "5"},
	}
	var b strings.Builder
	var y, m, d bool
	for i := 0; i < len(pattern); {
		matched := false
		for _, t := range tokens {
			if strings.HasPrefix(pattern[i:], t.tok) {
				b.WriteString(t.layout)
				switch t.tok[0] {
				case 'Y':
					y = true
				case 'M':
					m = true
				case 'D':
					d = true
				}
				i += len(t.tok)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		c := pattern[i]
		if c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			return "", fmt.Errorf("date format %q: unexpected %q (use YYYY, MM, DD, HH, mm, ss and separators, e.g. DD/MM/YYYY)", pattern, c)
		}
		b.WriteByte(c)
		i++
	}
	if !y || !m || !d {
		return "", fmt.Errorf("date format %q needs a year, a month and a day (e.g. DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD)", pattern)
	}
	return b.String(), nil
}

const isoDate = "2006-01-02"

// Layouts tried without --date-format: ISO first, then forms that name
// the month and so cannot be misread.
var (
	dateTimeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05",
		"2006-01-02 15:04", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700 MST"}
	dateLayouts = []string{isoDate, "2006/1/2", "2006.1.2", "2 Jan 2006", "2 January 2006", "Jan 2, 2006",
		"January 2, 2006", "Jan 2 2006", "January 2 2006", "2-Jan-2006", "2-Jan-06", "Mon, 2 Jan 2006",
		"Monday, January 2, 2006"}
)

// normalizeDate returns a calendar day as YYYY-MM-DD. Without a layout
// it accepts ISO, month-name forms, and D/M/Y or M/D/Y only when the
// numbers decide (20/10/2016); 03/04/2016 asks for --date-format.
func normalizeDate(s, layout string, excel bool) (string, error) {
	t, err := parseWhen(s, layout, excel)
	if err != nil {
		return "", err
	}
	return t.Format(isoDate), nil
}

// normalizeDateTime returns RFC 3339 when the input has a zone, else
// "2006-01-02T15:04:05" for ParseValue to place in the local zone.
// ISO input is returned unchanged.
func normalizeDateTime(s, layout string, excel bool) (string, error) {
	for _, l := range dateTimeLayouts[:1] {
		if _, err := time.Parse(l, s); err == nil {
			return s, nil
		}
	}
	t, err := parseWhen(s, layout, excel)
	if err != nil {
		return "", err
	}
	if hasZone(s, t) {
		return t.Format(time.RFC3339), nil
	}
	return t.Format("2006-01-02T15:04:05"), nil
}

func hasZone(s string, t time.Time) bool {
	_, off := t.Zone()
	return off != 0 || strings.HasSuffix(s, "Z") || t.Location() != time.UTC
}

func parseWhen(s, layout string, excel bool) (time.Time, error) {
	if excel && isPlainNumber(s) {
		if t, ok := excelSerial(s); ok {
			return t, nil
		}
	}
	if layout != "" {
		for _, l := range []string{layout, layout + " 15:04", layout + " 15:04:05", layout + "T15:04:05"} {
			if t, err := time.Parse(l, s); err == nil {
				return t, nil
			}
		}
		// ISO is never ambiguous: accept it whatever the flag says.
		if t, err := time.Parse(isoDate, s); err == nil {
			return t, nil
		}
		return time.Time{}, fmt.Errorf("a date in the form %s", layout)
	}
	for _, l := range dateTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return parseNumericDate(s)
}

// parseNumericDate reads a/b/c with / . or - separators and an optional
// time, deciding day-first or month-first only when one of the numbers is
// above 12 (a dot means day-first, as everywhere it is used).
func parseNumericDate(s string) (time.Time, error) {
	datePart, timePart, _ := strings.Cut(s, " ")
	sep := byte(0)
	for _, c := range []byte{'/', '.', '-'} {
		if strings.Count(datePart, string(c)) == 2 {
			sep = c
			break
		}
	}
	if sep == 0 {
		return time.Time{}, fmt.Errorf("a date such as 2016-10-20 (or pass --date-format, e.g. DD/MM/YYYY)")
	}
	parts := strings.Split(datePart, string(sep))
	nums := make([]int, 3)
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || len(p) == 0 || len(p) > 4 {
			return time.Time{}, fmt.Errorf("a date such as 2016-10-20 (or pass --date-format, e.g. DD/MM/YYYY)")
		}
		nums[i] = n
	}
	a, b, c := nums[0], nums[1], nums[2]
	var y, m, d int
	switch {
	case len(parts[0]) == 4:
		y, m, d = a, b, c
	case len(parts[2]) == 4 || len(parts[2]) == 2:
		y = c
		if len(parts[2]) == 2 {
			y += 2000
			if c >= 69 {
				y -= 100
			}
		}
		switch {
		case sep == '.' || a > 12 && b <= 12:
			d, m = a, b
		case b > 12 && a <= 12:
			m, d = a, b
		case a == b:
			m, d = a, b
		default:
			return time.Time{}, fmt.Errorf("an unambiguous date: %q could be day-first or month-first; pass --date-format DD/MM/YYYY or MM/DD/YYYY", datePart)
		}
	default:
		return time.Time{}, fmt.Errorf("a date such as 2016-10-20")
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Errorf("a real calendar date")
	}
	if timePart != "" {
		for _, l := range []string{"15:04", "15:04:05", "3:04 PM", "3:04:05 PM"} {
			if tt, err := time.Parse(l, strings.TrimSpace(timePart)); err == nil {
				return t.Add(time.Duration(tt.Hour())*time.Hour + time.Duration(tt.Minute())*time.Minute + time.Duration(tt.Second())*time.Second), nil
			}
		}
		return time.Time{}, fmt.Errorf("a time such as 14:30")
	}
	return t, nil
}

// excelSerial converts an Excel serial day number (days since 1899-12-30,
// which absorbs Excel's phantom 29 Feb 1900; the fraction is the time of
// day) to a time. Serials before 1 March 1900 are not used by CRMs and are
// rejected rather than shifted by a day.
func excelSerial(s string) (time.Time, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 61 || f >= 2958466 {
		return time.Time{}, false
	}
	days := math.Floor(f)
	secs := math.Round((f - days) * 86400)
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return base.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second), true
}
