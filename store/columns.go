package store

import (
	"encoding/json"
	"strconv"

	"rolo/model"
)

// Value ⇄ column encoding. The filter compiler (filtersql.go) relies on it:
//
//	text, richtext, select, date   TEXT (date as YYYY-MM-DD)
//	number                         NUMERIC
//	rating, boolean, datetime      INTEGER (datetime in unix ms)
//	currency                       INTEGER micros in <f>, TEXT code in <f>__code
//	multiselect                    TEXT JSON array
//	emails, phones, links          TEXT primary in <f>, JSON array of the rest in <f>__more
//	relation, member, pipeline,
//	stage                          INTEGER id
//
// An empty value is NULL in every column, so "is empty" is "IS NULL".

// encode returns v's column values in f.Columns() order.
func encode(f model.Field, v model.Value) []any {
	return appendEncoded(make([]any, 0, 2), f, v)
}

// appendEncoded appends v's column values to dst; the bulk writer uses it
// to fill statement arguments without allocating per value.
func appendEncoded(dst []any, f model.Field, v model.Value) []any {
	switch f.Type {
	case model.TypeCurrency:
		if !v.Valid {
			return append(dst, nil, nil)
		}
		return append(dst, v.Int, nullStr(v.Str))
	case model.TypeEmails, model.TypePhones, model.TypeLinks:
		if !v.Valid || len(v.List) == 0 || v.List[0] == "" {
			return append(dst, nil, nil)
		}
		var more any
		if len(v.List) > 1 {
			more = jsonList(v.List[1:])
		}
		return append(dst, v.List[0], more)
	}
	if !v.Valid {
		return append(dst, nil)
	}
	switch f.Type {
	case model.TypeText, model.TypeRichText, model.TypeSelect, model.TypeDate:
		return append(dst, nullStr(v.Str))
	case model.TypeNumber:
		return append(dst, v.Num)
	case model.TypeMultiSelect:
		if len(v.List) == 0 {
			return append(dst, nil)
		}
		return append(dst, jsonList(v.List))
	case model.TypeRelation, model.TypeMember, model.TypePipeline, model.TypeStage:
		if v.Int == 0 {
			return append(dst, nil)
		}
		return append(dst, v.Int)
	default: // datetime, boolean, rating
		return append(dst, v.Int)
	}
}

// decode builds a value from its columns as SQLite returned them.
func decode(f model.Field, cols []any) model.Value {
	if cols[0] == nil && !(f.Type == model.TypeCurrency && len(cols) > 1 && cols[1] != nil) {
		return model.Value{}
	}
	var v model.Value
	v.Valid = true
	switch f.Type {
	case model.TypeText, model.TypeRichText, model.TypeSelect, model.TypeDate:
		v.Str = asString(cols[0])
	case model.TypeNumber:
		v.Num = asFloat(cols[0])
	case model.TypeCurrency:
		v.Int = asInt(cols[0])
		v.Str = asString(cols[1])
	case model.TypeMultiSelect:
		v.List = parseList(cols[0])
	case model.TypeEmails, model.TypePhones, model.TypeLinks:
		v.List = append([]string{asString(cols[0])}, parseList(cols[1])...)
	default:
		v.Int = asInt(cols[0])
	}
	return v
}

// sameColumns reports whether two encodings are equal, so an update that
// sets a field to what it already holds writes nothing.
func sameColumns(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameScalar(a[i], b[i]) {
			return false
		}
	}
	return true
}

func sameScalar(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	switch x := a.(type) {
	case int64, float64:
		return asFloat(x) == asFloat(b) && isNumber(b)
	}
	return asString(a) == asString(b)
}

func isNumber(v any) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return false
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func jsonList(l []string) string {
	b, _ := json.Marshal(l)
	return string(b)
}

func parseList(v any) []string {
	if v == nil {
		return nil
	}
	var l []string
	if err := json.Unmarshal([]byte(asString(v)), &l); err != nil {
		return nil
	}
	return l
}

func asString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return ""
}

func asInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case float64:
		return int64(x)
	case bool:
		if x {
			return 1
		}
	case string:
		n, _ := strconv.ParseInt(x, 10, 64)
		return n
	case []byte:
		n, _ := strconv.ParseInt(string(x), 10, 64)
		return n
	}
	return 0
}

func asFloat(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	case string:
		f, _ := strconv.ParseFloat(x, 64)
		return f
	case []byte:
		f, _ := strconv.ParseFloat(string(x), 64)
		return f
	}
	return 0
}
