package model

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

func TestToJSON(t *testing.T) {
	when := time.Date(2026, 12, 1, 15, 4, 5, 120e6, time.UTC)
	tests := []struct {
		f    Field
		v    Value
		want string // encoding/json output
	}{
		{valueField("name", TypeText), Value{}, `null`},
		{valueField("emails", TypeEmails), Value{Valid: true}, `null`},
		{valueField("name", TypeText), Value{Valid: true, Str: "Acme"}, `"Acme"`},
		{valueField("n", TypeNumber), Value{Valid: true, Num: 42}, `42`},
		{valueField("n", TypeNumber), Value{Valid: true, Num: 12.5}, `12.5`},
		{valueField("n", TypeNumber), Value{Valid: true, Num: 1e300}, `1e+300`},
		{valueField("n", TypeNumber), Value{Valid: true, Num: -(1 << 53)}, `-9007199254740992`},
		{valueField("amount", TypeCurrency), Value{Valid: true, Int: 1_200_500_000, Str: "EUR"},
			`{"amount":"1200.50","amount_micros":1200500000,"currency":"EUR"}`},
		{valueField("amount", TypeCurrency), Value{Valid: true, Int: -1_200_000_000, Str: "JPY"},
			`{"amount":"-1200","amount_micros":-1200000000,"currency":"JPY"}`},
		{valueField("amount", TypeCurrency), Value{Valid: true, Int: 1_000_500, Str: "USD"},
			`{"amount":"1.0005","amount_micros":1000500,"currency":"USD"}`},
		{valueField("due", TypeDate), Value{Valid: true, Str: "2026-12-01"}, `"2026-12-01"`},
		{valueField("at", TypeDateTime), Value{Valid: true, Int: when.UnixMilli()}, `"2026-12-01T15:04:05.120Z"`},
		{valueField("ok", TypeBoolean), Value{Valid: true, Int: 1}, `true`},
		{valueField("ok", TypeBoolean), Value{Valid: true, Int: 0}, `false`},
		{valuePickField, Value{Valid: true, Str: "closed_won"}, `"closed_won"`},
		{valueTagsField, Value{Valid: true, List: []string{"vip", "b2b"}}, `["vip","b2b"]`},
		{valueField("emails", TypeEmails), Value{Valid: true, List: []string{"a@x.io"}}, `{"more":[],"primary":"a@x.io"}`},
		{valueField("phones", TypePhones), Value{Valid: true, List: []string{"+12015550123", "+442079460958"}},
			`{"more":["+442079460958"],"primary":"+12015550123"}`},
		{valueField("site", TypeLinks), Value{Valid: true, List: []string{"https://acme.com"}}, `{"more":[],"primary":"https://acme.com"}`},
		{valueField("stars", TypeRating), Value{Valid: true, Int: 4}, `4`},
		{valueField("company", TypeRelation), Value{Valid: true, Int: 7, Ref: "Acme"}, `{"id":7,"name":"Acme"}`},
		{valueField("company", TypeRelation), Value{Valid: true, Ref: "Acme"}, `{"id":null,"name":"Acme"}`},
		{valueField("stage", TypeStage), Value{Valid: true, Int: 3}, `{"id":3,"name":null}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(ToJSON(tt.f, tt.v))
		if err != nil {
			t.Errorf("ToJSON(%s, %+v): %v", tt.f.Type, tt.v, err)
			continue
		}
		if string(b) != tt.want {
			t.Errorf("ToJSON(%s, %+v) = %s, want %s", tt.f.Type, tt.v, b, tt.want)
		}
	}

	// whole numbers come back as int64 so scripts see 42, not 42.0
	if _, ok := ToJSON(valueField("n", TypeNumber), Value{Valid: true, Num: 42}).(int64); !ok {
		t.Error("whole number is not an int64")
	}
	if _, ok := ToJSON(valueField("n", TypeNumber), Value{Valid: true, Num: math.Pow(2, 60)}).(float64); !ok {
		t.Error("a whole number beyond 2^53 should stay float64")
	}
	// the JSON list must not alias the value's list
	v := Value{Valid: true, List: []string{"vip"}}
	ToJSON(valueTagsField, v).([]string)[0] = "changed"
	if v.List[0] != "vip" {
		t.Error("ToJSON shares the value's list")
	}
}
