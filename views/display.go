package views

import (
	"strconv"
	"strings"
	"time"

	"rolo/model"
)

// displayValue formats a value with model.Display. A formatter bug must not
// take the whole terminal down (a panic in View leaves it in raw mode), so a
// panic falls back to a plain rendering of the raw value.
func displayValue(f model.Field, v model.Value) (s string) {
	if !v.Valid {
		return ""
	}
	defer func() {
		if recover() != nil {
			s = plainValue(f, v)
		}
	}()
	return model.Display(f, v)
}

// plainValue is a formatting of last resort, without model's rules.
func plainValue(f model.Field, v model.Value) string {
	switch {
	case v.Ref != "":
		return v.Ref
	case len(v.List) > 0:
		return strings.Join(v.List, ", ")
	case v.Str != "":
		return v.Str
	}
	switch f.Type {
	case model.TypeNumber:
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	case model.TypeBoolean:
		if v.Int != 0 {
			return "yes"
		}
		return "no"
	}
	if v.Num != 0 {
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	}
	return strconv.FormatInt(v.Int, 10)
}

// rightAligned reports whether a type's values read best right-aligned.
func rightAligned(t model.FieldType) bool {
	return t == model.TypeNumber || t == model.TypeCurrency
}

// defaultWidth is the automatic column width for a type, in cells.
func defaultWidth(f model.Field) int {
	switch f.Type {
	case model.TypeNumber, model.TypeRating, model.TypeBoolean:
		return 8
	case model.TypeCurrency:
		return 14
	case model.TypeDate:
		return 12
	case model.TypeDateTime:
		return 17
	case model.TypeSelect, model.TypeStage, model.TypePipeline, model.TypeMember:
		return 14
	case model.TypeEmails, model.TypeLinks:
		return 24
	case model.TypePhones:
		return 16
	}
	return 20
}

// groupThousands formats n as "1,234,567".
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// cellValue is a value as a table cell shows it: model.Display, except
// that dates near now read relatively ("in 3 days", "2 hours ago"), which
// is what a pipeline view is scanned for; distant ones stay absolute.
func cellValue(f model.Field, v model.Value, now time.Time) string {
	if !v.Valid || now.IsZero() {
		return displayValue(f, v)
	}
	switch f.Type {
	case model.TypeDate:
		if d, err := time.Parse(model.DateLayout, v.Str); err == nil && absDuration(d.Sub(now)) < 14*24*time.Hour {
			return model.RelativeDate(v.Str, now)
		}
	case model.TypeDateTime:
		if t := time.UnixMilli(v.Int); absDuration(t.Sub(now)) < 7*24*time.Hour {
			return model.RelativeTime(t, now)
		}
	}
	return displayValue(f, v)
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
