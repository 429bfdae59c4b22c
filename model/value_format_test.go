package model

import (
	"reflect"
	"testing"
	"time"
)

func TestFormatTextAndDisplay(t *testing.T) {
	when := time.Date(2026, 12, 1, 15, 4, 5, 0, time.UTC)
	tests := []struct {
		f       Field
		v       Value
		text    string
		display string
	}{
		{valueField("name", TypeText), Value{}, "", ""},
		{valueField("tags", TypeEmails), Value{Valid: true}, "", ""}, // a Valid list with no entries is empty
		{valueField("name", TypeText), Value{Valid: true, Str: "Acme"}, "Acme", "Acme"},
		{valueField("body", TypeRichText), Value{Valid: true, Str: "# Plan\n\n- call\n- mail"}, "# Plan\n\n- call\n- mail", "# Plan - call - mail"},

		{valueField("n", TypeNumber), Value{Valid: true, Num: 1234567}, "1234567", "1,234,567"},
		{valueField("n", TypeNumber), Value{Valid: true, Num: 12.5}, "12.5", "12.5"},
		{valueField("n", TypeNumber), Value{Valid: true, Num: -1234.25}, "-1234.25", "-1,234.25"},
		{valueField("n", TypeNumber), Value{Valid: true, Num: 0}, "0", "0"},
		{valueField("n", TypeNumber), Value{Valid: true, Num: 0.1}, "0.1", "0.1"},
		{valueField("n", TypeNumber), Value{Valid: true, Num: 1e21}, "1e+21", "1e+21"},
		{valueField("n", TypeNumber), Value{Valid: true, Num: 1.5e-7}, "1.5e-07", "1.5e-07"},

		{valueField("amount", TypeCurrency), Value{Valid: true, Int: 1_200_500_000, Str: "USD"}, "USD 1200.5", "$1,200.50"},
		{valueField("amount", TypeCurrency), Value{Valid: true, Int: 1_200_500_000, Str: "EUR"}, "EUR 1200.5", "€1,200.50"},
		{valueField("amount", TypeCurrency), Value{Valid: true, Int: 1_200_000_000, Str: "JPY"}, "JPY 1200", "¥1,200"},
		{valueField("amount", TypeCurrency), Value{Valid: true, Int: 99_000_000, Str: "CHF"}, "CHF 99", "CHF 99.00"},
		{valueField("amount", TypeCurrency), Value{Valid: true, Int: 1_234_500, Str: "KWD"}, "KWD 1.2345", "KWD 1.2345"},
		{valueField("amount", TypeCurrency), Value{Valid: true, Int: -5_250_000, Str: "EUR"}, "EUR -5.25", "-€5.25"},
		{valueField("amount", TypeCurrency), Value{Valid: true, Int: 1, Str: "USD"}, "USD 0.000001", "$0.000001"},
		{valueField("amount", TypeCurrency), Value{Valid: true, Int: 0, Str: "GBP"}, "GBP 0", "£0.00"},
		{valueField("amount", TypeCurrency), Value{Valid: true, Int: 2_000_000_000_000, Str: "CAD"}, "CAD 2000000", "CA$2,000,000.00"},

		{valueField("due", TypeDate), Value{Valid: true, Str: "2026-12-01"}, "2026-12-01", "2026-12-01"},
		{valueField("at", TypeDateTime), Value{Valid: true, Int: when.UnixMilli()}, "2026-12-01T15:04:05Z",
			when.In(time.Local).Format("2006-01-02 15:04")},
		{valueField("at", TypeDateTime), Value{Valid: true, Int: when.UnixMilli() + 7}, "2026-12-01T15:04:05.007Z",
			when.In(time.Local).Format("2006-01-02 15:04")},

		{valueField("ok", TypeBoolean), Value{Valid: true, Int: 1}, "true", "yes"},
		{valueField("ok", TypeBoolean), Value{Valid: true, Int: 0}, "false", "no"},

		{valuePickField, Value{Valid: true, Str: "closed_won"}, "closed_won", "Won"},
		{valuePickField, Value{Valid: true, Str: "removed"}, "removed", "removed"},
		{valueTagsField, Value{Valid: true, List: []string{"vip", "b2b"}}, "vip, b2b", "VIP, B2B"},

		{valueField("emails", TypeEmails), Value{Valid: true, List: []string{"jane@acme.com"}}, "jane@acme.com", "jane@acme.com"},
		{valueField("emails", TypeEmails), Value{Valid: true, List: []string{"jane@acme.com", "j@x.io"}}, "jane@acme.com, j@x.io", "jane@acme.com +1"},
		{valueField("phones", TypePhones), Value{Valid: true, List: []string{"+12015550123", "+442079460958", "+12025550199"}},
			"+12015550123, +442079460958, +12025550199", "+1 201-555-0123 +2"},
		{valueField("site", TypeLinks), Value{Valid: true, List: []string{"https://acme.com"}}, "https://acme.com", "acme.com"},
		{valueField("site", TypeLinks), Value{Valid: true, List: []string{"https://acme.com/", "http://x.io/a/"}}, "https://acme.com/, http://x.io/a/", "acme.com +1"},
		{valueField("site", TypeLinks), Value{Valid: true, List: []string{"http://x.io/a/"}}, "http://x.io/a/", "x.io/a/"},

		{valueField("stars", TypeRating), Value{Valid: true, Int: 3}, "3", "★★★☆☆"},
		{valueField("stars", TypeRating), Value{Valid: true, Int: 5}, "5", "★★★★★"},

		{valueField("company", TypeRelation), Value{Valid: true, Int: 7, Ref: "Acme"}, "Acme", "Acme"},
		{valueField("company", TypeRelation), Value{Valid: true, Int: 7}, "#7", "#7"},
		{valueField("owner", TypeMember), Value{Valid: true, Ref: "jane"}, "jane", "jane"},
		{valueField("stage", TypeStage), Value{Valid: true, Int: 3, Ref: "Won"}, "Won", "Won"},
		{valueField("pipeline", TypePipeline), Value{Valid: true, Int: 1}, "#1", "#1"},
	}
	for _, tt := range tests {
		if got := FormatText(tt.f, tt.v); got != tt.text {
			t.Errorf("FormatText(%s, %+v) = %q, want %q", tt.f.Type, tt.v, got, tt.text)
		}
		if got := Display(tt.f, tt.v); got != tt.display {
			t.Errorf("Display(%s, %+v) = %q, want %q", tt.f.Type, tt.v, got, tt.display)
		}
	}
}

// TestRoundTrip: for every type, text → value → canonical text → the same
// value, and the canonical text is a fixed point.
func TestRoundTrip(t *testing.T) {
	env := valueEnv(t)
	inputs := []struct {
		f  Field
		in string
	}{
		{valueField("name", TypeText), "Acme, Inc. — “quoted”"},
		{valueField("body", TypeRichText), "line one\n\n  indented two"},
		{valueField("n", TypeNumber), "-1,234.5"},
		{valueField("n", TypeNumber), "0.1"},
		{valueField("n", TypeNumber), "123456789012345678901234567890"},
		{valueField("n", TypeNumber), "4.9e-324"},
		{valueField("n", TypeNumber), "1.7976931348623157e308"},
		{valueField("amount", TypeCurrency), "€1,200.50"},
		{valueField("amount", TypeCurrency), "-$5k"},
		{valueField("amount", TypeCurrency), "JPY 0.000001"},
		{valueField("amount", TypeCurrency), "-9223372036854.775808"},
		{valueField("due", TypeDate), "+1m"},
		{valueField("at", TypeDateTime), "2026-12-01 15:04"},
		{valueField("at", TypeDateTime), "2026-12-01T15:04:05.123456Z"},
		{valueField("at", TypeDateTime), "0001-01-01T00:00:00Z"},
		{valueField("ok", TypeBoolean), "no"},
		{valueField("ok", TypeBoolean), "Y"},
		{valuePickField, "Qualified Lead"},
		{valueTagsField, "partner | VIP"},
		{valueField("emails", TypeEmails), "Jane@Acme.COM bob@x.io"},
		{valueField("phones", TypePhones), "+44 20 7946 0958, (201) 555-0123"},
		{valueField("site", TypeLinks), "acme.com/a,b http://x.io/?q=1;2"},
		{valueField("stars", TypeRating), "★★"},
		{valueField("company", TypeRelation), "#42"},
		{valueField("company", TypeRelation), "Acme Corp"},
		{valueField("owner", TypeMember), "jane@acme.com"},
		{valueField("pipeline", TypePipeline), "Sales"},
		{valueField("stage", TypeStage), "17"},
	}
	for _, tt := range inputs {
		v, err := ParseValue(tt.f, tt.in, env)
		if err != nil {
			t.Errorf("ParseValue(%s, %q): %v", tt.f.Type, tt.in, err)
			continue
		}
		if err := Validate(tt.f, v); err != nil {
			t.Errorf("Validate(%s, parsed %q): %v", tt.f.Type, tt.in, err)
		}
		text := FormatText(tt.f, v)
		back, err := ParseValue(tt.f, text, env)
		if err != nil {
			t.Errorf("%s: %q → %q does not parse: %v", tt.f.Type, tt.in, text, err)
			continue
		}
		if !reflect.DeepEqual(back, v) {
			t.Errorf("%s: %q → %+v → %q → %+v", tt.f.Type, tt.in, v, text, back)
		}
		if again := FormatText(tt.f, back); again != text {
			t.Errorf("%s: canonical text %q became %q", tt.f.Type, text, again)
		}
	}
}
