package model

import "math"

// ToJSON is the value for --json output, ready for encoding/json:
//
//	empty                      nil
//	text, richtext, select     string
//	number                     int64 when whole (and exact in a float), else float64
//	currency                   {"amount":"1200.50","amount_micros":1200500000,"currency":"EUR"}
//	date                       "2026-12-01"
//	datetime                   RFC 3339 string in UTC
//	boolean                    bool
//	rating                     int64
//	multiselect                []string of option values
//	emails, phones, links      {"primary":"...","more":[...]}
//	relation, member, pipeline, stage
//	                           {"id":N,"name":"..."}, null for an unknown part
//
// The amount string carries at least the currency's minor digits and never
// loses precision, so scripts need not do float arithmetic on money.
func ToJSON(f Field, v Value) any {
	if isEmpty(f, v) {
		return nil
	}
	switch f.Type {
	case TypeNumber:
		if v.Num == math.Trunc(v.Num) && math.Abs(v.Num) <= 1<<53 {
			return int64(v.Num)
		}
		return v.Num
	case TypeCurrency:
		digits := 2
		if c, ok := LookupCurrency(v.Str); ok {
			digits = c.Digits
		}
		return map[string]any{
			"amount":        formatMicros(v.Int, digits, false),
			"amount_micros": v.Int,
			"currency":      v.Str,
		}
	case TypeDateTime:
		return formatDateTime(v.Int)
	case TypeBoolean:
		return v.Int != 0
	case TypeRating:
		return v.Int
	case TypeMultiSelect:
		return append([]string{}, v.List...)
	case TypeEmails, TypePhones, TypeLinks:
		return map[string]any{"primary": v.List[0], "more": append([]string{}, v.List[1:]...)}
	case TypeRelation, TypeMember, TypePipeline, TypeStage:
		var id, name any
		if v.Int != 0 {
			id = v.Int
		}
		if v.Ref != "" {
			name = v.Ref
		}
		return map[string]any{"id": id, "name": name}
	}
	return v.Str // text, richtext, select, date
}
