package model

import (
	"strconv"
	"strings"
	"time"
)

// FormatText is the canonical text of a value: ParseValue reads it back to
// the same value, for every value Validate accepts. The CLI, export and the
// events log use it. The empty value is "".
//
//	number     1234.5 (no grouping; exponent form beyond 1e21)
//	currency   EUR 1200.5 (code, then a plain decimal with minimal decimals)
//	date       2026-12-01
//	datetime   2026-12-01T15:04:05Z, or ...05.123Z with milliseconds, UTC
//	boolean    true / false
//	select     the option value; multiselect and lists joined with ", "
//	relation, member, pipeline, stage
//	           the name (Ref) when known, else #id
//
// A reference written by name reads back as that name with Int 0, for the
// store to resolve to the same id again.
func FormatText(f Field, v Value) string {
	if isEmpty(f, v) {
		return ""
	}
	switch f.Type {
	case TypeNumber:
		return formatNumber(v.Num, false)
	case TypeCurrency:
		if v.Str == "" {
			return FormatMicros(v.Int)
		}
		return v.Str + " " + FormatMicros(v.Int)
	case TypeDateTime:
		return formatDateTime(v.Int)
	case TypeBoolean:
		if v.Int != 0 {
			return "true"
		}
		return "false"
	case TypeRating:
		return strconv.FormatInt(v.Int, 10)
	case TypeMultiSelect, TypeEmails, TypePhones, TypeLinks:
		return strings.Join(v.List, ", ")
	case TypeRelation, TypeMember, TypePipeline, TypeStage:
		return refText(v)
	}
	return v.Str // text, richtext, select, date
}

func refText(v Value) string {
	if v.Ref != "" {
		return v.Ref
	}
	return "#" + strconv.FormatInt(v.Int, 10)
}

// Display is the value as a person reads it in a table cell: "$1,200.50",
// "1,234,567", option labels, "2026-12-01 15:04" in local time, "yes"/"no",
// "★★★☆☆", the primary of a list with "+N" for the rest, a relation's name.
// Text and rich text are folded onto one line. The empty value is "".
func Display(f Field, v Value) string {
	if isEmpty(f, v) {
		return ""
	}
	switch f.Type {
	case TypeText, TypeRichText:
		return oneLine(v.Str)
	case TypeNumber:
		return formatNumber(v.Num, true)
	case TypeCurrency:
		return FormatMoney(v.Int, v.Str)
	case TypeDateTime:
		return time.UnixMilli(v.Int).In(time.Local).Format("2006-01-02 15:04")
	case TypeBoolean:
		if v.Int != 0 {
			return "yes"
		}
		return "no"
	case TypeSelect:
		return optionLabel(f, v.Str)
	case TypeMultiSelect:
		labels := make([]string, len(v.List))
		for i, s := range v.List {
			labels[i] = optionLabel(f, s)
		}
		return strings.Join(labels, ", ")
	case TypeEmails:
		return withMore(v.List[0], len(v.List))
	case TypePhones:
		return withMore(DisplayPhone(v.List[0]), len(v.List))
	case TypeLinks:
		return withMore(displayLink(v.List[0]), len(v.List))
	case TypeRating:
		n := int(max(0, min(5, v.Int)))
		return strings.Repeat("★", n) + strings.Repeat("☆", 5-n)
	case TypeRelation, TypeMember, TypePipeline, TypeStage:
		return refText(v)
	}
	return v.Str // date
}

// optionLabel is the option's label, or the stored value when the option
// was removed since (the cell still says something true).
func optionLabel(f Field, value string) string {
	if o, ok := f.Option(value); ok && o.Label != "" {
		return o.Label
	}
	return value
}

func withMore(primary string, n int) string {
	if n <= 1 {
		return primary
	}
	return primary + " +" + strconv.Itoa(n-1)
}

// oneLine folds runs of whitespace that contain line breaks into one space,
// so a multi-line note fits a table row.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
