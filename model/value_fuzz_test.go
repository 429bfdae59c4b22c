package model

import (
	"math"
	"reflect"
	"sort"
	"testing"
)

// FuzzRoundTrip checks the canonical-text promise for the two types where
// it is easiest to break: any text that parses as a number or an amount
// must come back identical from its FormatText, and so must any amount in
// any currency and any finite number built in code.
func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"1", "-1,234.5", "€1,200.50", "-$5k", "1.5m EUR", "0.000001", ".5", "1e21",
		"9223372036854.775807", "-9223372036854.775808", "JPY 12", "CA$3", "4.9e-324"} {
		f.Add(s, int64(len(s)*1_234_567), math.Float64bits(float64(len(s))*1.1), uint8(len(s)))
	}
	f.Add("", int64(math.MinInt64), math.Float64bits(math.Copysign(0, -1)) /* negative zero */, uint8(0))
	f.Add("", int64(math.MaxInt64), math.Float64bits(math.MaxFloat64), uint8(255))

	codes := make([]string, 0, len(currencyTable))
	for c := range currencyTable {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	env := ParseEnv{DefaultCurrency: "EUR"}
	num, amount := valueField("n", TypeNumber), valueField("amount", TypeCurrency)

	roundTrip := func(t *testing.T, fl Field, v Value) {
		t.Helper()
		text := FormatText(fl, v)
		back, err := ParseValue(fl, text, env)
		if err != nil {
			t.Fatalf("%s %+v → %q does not parse: %v", fl.Type, v, text, err)
		}
		if !reflect.DeepEqual(back, v) {
			t.Fatalf("%s %+v → %q → %+v", fl.Type, v, text, back)
		}
	}

	f.Fuzz(func(t *testing.T, s string, micros int64, bits uint64, code uint8) {
		for _, fl := range []Field{num, amount} {
			if v, err := ParseValue(fl, s, env); err == nil && v.Valid {
				if err := Validate(fl, v); err != nil {
					t.Fatalf("parsed %q but Validate says %v", s, err)
				}
				roundTrip(t, fl, v)
			}
		}
		roundTrip(t, amount, Value{Valid: true, Int: micros, Str: codes[int(code)%len(codes)]})
		if x := math.Float64frombits(bits); !math.IsNaN(x) && !math.IsInf(x, 0) {
			if x == 0 {
				x = 0 // parsing drops the sign of zero by design
			}
			roundTrip(t, num, Value{Valid: true, Num: x})
		}
	})
}

// FuzzParseAnyType: whatever text any field type accepts, its canonical
// text must parse back to the same value, Validate must accept it, and
// Display and ToJSON must not panic on it.
func FuzzParseAnyType(f *testing.F) {
	for _, s := range []string{"jane@acme.com, b@x.io", "acme.com/a,b http://x.io", "+44 20 7946 0958; 2015550123",
		"2026-12-01 15:04", "+3d", "vip|partner", "★★★", "#12", "Acme", "yes", "2026/2/3"} {
		f.Add(s)
	}
	env := valueEnv(f)
	fields := []Field{valuePickField, valueTagsField}
	for _, typ := range FieldTypes {
		if typ != TypeSelect && typ != TypeMultiSelect {
			fields = append(fields, valueField(string(typ), typ))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fl := range fields {
			v, err := ParseValue(fl, s, env)
			if err != nil || !v.Valid {
				continue
			}
			if err := Validate(fl, v); err != nil {
				t.Fatalf("%s: parsed %q to %+v but Validate says %v", fl.Type, s, v, err)
			}
			text := FormatText(fl, v)
			back, err := ParseValue(fl, text, env)
			if err != nil || !reflect.DeepEqual(back, v) {
				t.Fatalf("%s: %q → %+v → %q → %+v, %v", fl.Type, s, v, text, back, err)
			}
			_ = Display(fl, v)
			_ = ToJSON(fl, v)
		}
	})
}
