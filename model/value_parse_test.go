package model

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests use America/New_York whatever the host has
)

// testEnv is a fixed clock in a zone with DST, region US, default USD.
func valueEnv(t testing.TB) ParseEnv {
	t.Helper()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return ParseEnv{Now: time.Date(2026, 3, 15, 10, 30, 0, 0, ny)}
}

func valueField(name string, typ FieldType) Field { return Field{Name: name, Type: typ} }

var valuePickField = Field{Name: "stage_pick", Type: TypeSelect, Options: []SelectOption{
	{Value: "new", Label: "New"},
	{Value: "qualified", Label: "Qualified Lead"},
	{Value: "closed_won", Label: "Won"},
}}

var valueTagsField = Field{Name: "tags", Type: TypeMultiSelect, Options: []SelectOption{
	{Value: "vip", Label: "VIP"},
	{Value: "partner", Label: "Partner"},
	{Value: "b2b", Label: "B2B"},
}}

func TestParseValueValid(t *testing.T) {
	env := valueEnv(t)
	ny := env.Now.Location()
	ms := func(tm time.Time) int64 { return tm.UnixMilli() }
	tests := []struct {
		f    Field
		in   string
		want Value
	}{
		// empty and blank are the empty value for every type
		{valueField("n", TypeNumber), "", Value{}},
		{valueField("n", TypeNumber), "   \t", Value{}},
		{valueField("amount", TypeCurrency), " ", Value{}},
		{valueField("tags", TypeEmails), " , ; ", Value{}},

		{valueField("name", TypeText), "  Acme Corp  ", Value{Valid: true, Str: "Acme Corp"}},
		{valueField("name", TypeText), "two\nlines", Value{Valid: true, Str: "two\nlines"}},
		{valueField("body", TypeRichText), "# Title\n\n- item\n", Value{Valid: true, Str: "# Title\n\n- item"}},

		{valueField("n", TypeNumber), "42", Value{Valid: true, Num: 42}},
		{valueField("n", TypeNumber), "-1,234.5", Value{Valid: true, Num: -1234.5}},
		{valueField("n", TypeNumber), "+1,234,567", Value{Valid: true, Num: 1234567}},
		{valueField("n", TypeNumber), ".5", Value{Valid: true, Num: 0.5}},
		{valueField("n", TypeNumber), "1.5e3", Value{Valid: true, Num: 1500}},
		{valueField("n", TypeNumber), "-0", Value{Valid: true, Num: 0}},

		{valueField("amount", TypeCurrency), "1200", Value{Valid: true, Int: 1_200_000_000, Str: "USD"}},
		{valueField("amount", TypeCurrency), "1,200.50", Value{Valid: true, Int: 1_200_500_000, Str: "USD"}},
		{valueField("amount", TypeCurrency), "EUR 1200", Value{Valid: true, Int: 1_200_000_000, Str: "EUR"}},
		{valueField("amount", TypeCurrency), "1200 eur", Value{Valid: true, Int: 1_200_000_000, Str: "EUR"}},
		{valueField("amount", TypeCurrency), "gbp1200", Value{Valid: true, Int: 1_200_000_000, Str: "GBP"}},
		{valueField("amount", TypeCurrency), "€1,200.50", Value{Valid: true, Int: 1_200_500_000, Str: "EUR"}},
		{valueField("amount", TypeCurrency), "1200.5€", Value{Valid: true, Int: 1_200_500_000, Str: "EUR"}},
		{valueField("amount", TypeCurrency), "£0.01", Value{Valid: true, Int: 10_000, Str: "GBP"}},
		{valueField("amount", TypeCurrency), "¥1200", Value{Valid: true, Int: 1_200_000_000, Str: "JPY"}},
		{valueField("amount", TypeCurrency), "CA$5", Value{Valid: true, Int: 5_000_000, Str: "CAD"}},
		{valueField("amount", TypeCurrency), "us$5", Value{Valid: true, Int: 5_000_000, Str: "USD"}},
		{valueField("amount", TypeCurrency), "$5k", Value{Valid: true, Int: 5_000_000_000, Str: "USD"}},
		{valueField("amount", TypeCurrency), "1.5m", Value{Valid: true, Int: 1_500_000_000_000, Str: "USD"}},
		{valueField("amount", TypeCurrency), "2.5K EUR", Value{Valid: true, Int: 2_500_000_000, Str: "EUR"}},
		{valueField("amount", TypeCurrency), "-300", Value{Valid: true, Int: -300_000_000, Str: "USD"}},
		{valueField("amount", TypeCurrency), "-€300", Value{Valid: true, Int: -300_000_000, Str: "EUR"}},
		{valueField("amount", TypeCurrency), "€-300", Value{Valid: true, Int: -300_000_000, Str: "EUR"}},
		{valueField("amount", TypeCurrency), "EUR -0.000001", Value{Valid: true, Int: -1, Str: "EUR"}},
		{valueField("amount", TypeCurrency), "1.2345670", Value{Valid: true, Int: 1_234_567, Str: "USD"}},
		{valueField("amount", TypeCurrency), "0", Value{Valid: true, Int: 0, Str: "USD"}},
		{valueField("amount", TypeCurrency), "9223372036854.775807", Value{Valid: true, Int: 9223372036854775807, Str: "USD"}},
		{valueField("amount", TypeCurrency), "-9223372036854.775808", Value{Valid: true, Int: -9223372036854775808, Str: "USD"}},

		{valueField("due", TypeDate), "2026-12-01", Value{Valid: true, Str: "2026-12-01"}},
		{valueField("due", TypeDate), "2026/12/1", Value{Valid: true, Str: "2026-12-01"}},
		{valueField("due", TypeDate), "2024-02-29", Value{Valid: true, Str: "2024-02-29"}},
		{valueField("due", TypeDate), "Today", Value{Valid: true, Str: "2026-03-15"}},
		{valueField("due", TypeDate), "tomorrow", Value{Valid: true, Str: "2026-03-16"}},
		{valueField("due", TypeDate), "yesterday", Value{Valid: true, Str: "2026-03-14"}},
		{valueField("due", TypeDate), "+3d", Value{Valid: true, Str: "2026-03-18"}},
		{valueField("due", TypeDate), "-2w", Value{Valid: true, Str: "2026-03-01"}},
		{valueField("due", TypeDate), "+1m", Value{Valid: true, Str: "2026-04-15"}},
		{valueField("due", TypeDate), "+1y", Value{Valid: true, Str: "2027-03-15"}},
		{valueField("due", TypeDate), "+ 10 days", Value{Valid: true, Str: "2026-03-25"}},

		{valueField("at", TypeDateTime), "2026-12-01T15:04:05Z", Value{Valid: true, Int: ms(time.Date(2026, 12, 1, 15, 4, 5, 0, time.UTC))}},
		{valueField("at", TypeDateTime), "2026-12-01T15:04:05.123+02:00", Value{Valid: true, Int: ms(time.Date(2026, 12, 1, 13, 4, 5, 123e6, time.UTC))}},
		{valueField("at", TypeDateTime), "2026-12-01 15:04", Value{Valid: true, Int: ms(time.Date(2026, 12, 1, 15, 4, 0, 0, ny))}},
		{valueField("at", TypeDateTime), "2026-12-01T15:04", Value{Valid: true, Int: ms(time.Date(2026, 12, 1, 15, 4, 0, 0, ny))}},
		{valueField("at", TypeDateTime), "2026/07/01 09:00:30", Value{Valid: true, Int: ms(time.Date(2026, 7, 1, 9, 0, 30, 0, ny))}},
		{valueField("at", TypeDateTime), "2026-12-01", Value{Valid: true, Int: ms(time.Date(2026, 12, 1, 0, 0, 0, 0, ny))}},
		{valueField("at", TypeDateTime), "now", Value{Valid: true, Int: ms(env.Now)}},
		{valueField("at", TypeDateTime), "tomorrow", Value{Valid: true, Int: ms(time.Date(2026, 3, 16, 0, 0, 0, 0, ny))}},
		{valueField("at", TypeDateTime), "+2h", Value{Valid: true, Int: ms(env.Now.Add(2 * time.Hour))}},
		// a week from 2026-03-15 crosses no DST change; one from 03-01 would:
		{valueField("at", TypeDateTime), "+1w", Value{Valid: true, Int: ms(time.Date(2026, 3, 22, 10, 30, 0, 0, ny))}},
		{valueField("at", TypeDateTime), "-2w", Value{Valid: true, Int: ms(time.Date(2026, 3, 1, 10, 30, 0, 0, ny))}},

		{valueField("ok", TypeBoolean), "Yes", Value{Valid: true, Int: 1}},
		{valueField("ok", TypeBoolean), "on", Value{Valid: true, Int: 1}},
		{valueField("ok", TypeBoolean), "1", Value{Valid: true, Int: 1}},
		{valueField("ok", TypeBoolean), "FALSE", Value{Valid: true, Int: 0}},
		{valueField("ok", TypeBoolean), "n", Value{Valid: true, Int: 0}},
		{valueField("ok", TypeBoolean), "off", Value{Valid: true, Int: 0}},

		{valuePickField, "new", Value{Valid: true, Str: "new"}},
		{valuePickField, "NEW", Value{Valid: true, Str: "new"}},
		{valuePickField, "qualified lead", Value{Valid: true, Str: "qualified"}},
		{valuePickField, "won", Value{Valid: true, Str: "closed_won"}},

		{valueTagsField, "vip, partner", Value{Valid: true, List: []string{"vip", "partner"}}},
		{valueTagsField, "Partner|VIP|partner", Value{Valid: true, List: []string{"partner", "vip"}}},
		{valueTagsField, "b2b,,", Value{Valid: true, List: []string{"b2b"}}},

		{valueField("emails", TypeEmails), "Jane.Doe@ACME.com", Value{Valid: true, List: []string{"Jane.Doe@acme.com"}}},
		{valueField("emails", TypeEmails), "jane@acme.com, bob@acme.co.uk; ann@x.io  JANE@Acme.COM",
			Value{Valid: true, List: []string{"jane@acme.com", "bob@acme.co.uk", "ann@x.io"}}},
		{valueField("emails", TypeEmails), "mailto:jane+crm@acme.com", Value{Valid: true, List: []string{"jane+crm@acme.com"}}},

		{valueField("phones", TypePhones), "(201) 555-0123", Value{Valid: true, List: []string{"+12015550123"}}},
		{valueField("phones", TypePhones), "+44 20 7946 0958; 201.555.0123, +1 201 555 0123",
			Value{Valid: true, List: []string{"+442079460958", "+12015550123"}}},

		{valueField("site", TypeLinks), "acme.com", Value{Valid: true, List: []string{"https://acme.com"}}},
		{valueField("site", TypeLinks), "HTTP://Acme.COM/Pricing?a=1,2 blog.acme.com",
			Value{Valid: true, List: []string{"http://acme.com/Pricing?a=1,2", "https://blog.acme.com"}}},
		{valueField("site", TypeLinks), "a.com,b.com; a.com", Value{Valid: true, List: []string{"https://a.com", "https://b.com"}}},
		{valueField("site", TypeLinks), "localhost:8080/x", Value{Valid: true, List: []string{"https://localhost:8080/x"}}},

		{valueField("stars", TypeRating), "4", Value{Valid: true, Int: 4}},
		{valueField("stars", TypeRating), "★★★", Value{Valid: true, Int: 3}},
		{valueField("stars", TypeRating), "★★☆☆☆", Value{Valid: true, Int: 2}},
		{valueField("stars", TypeRating), "5/5", Value{Valid: true, Int: 5}},

		{valueField("company", TypeRelation), "#123", Value{Valid: true, Int: 123}},
		{valueField("company", TypeRelation), "123", Value{Valid: true, Int: 123}},
		{valueField("company", TypeRelation), "Acme Corp", Value{Valid: true, Ref: "Acme Corp"}},
		{valueField("owner", TypeMember), "jane", Value{Valid: true, Ref: "jane"}},
		{valueField("pipeline", TypePipeline), "#2", Value{Valid: true, Int: 2}},
		{valueField("stage", TypeStage), "Negotiation", Value{Valid: true, Ref: "Negotiation"}},
	}
	for _, tt := range tests {
		got, err := ParseValue(tt.f, tt.in, env)
		if err != nil {
			t.Errorf("ParseValue(%s %s, %q): %v", tt.f.Type, tt.f.Name, tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseValue(%s %s, %q) = %+v, want %+v", tt.f.Type, tt.f.Name, tt.in, got, tt.want)
		}
	}
}

func TestParseValueInvalid(t *testing.T) {
	env := valueEnv(t)
	tests := []struct {
		f    Field
		in   string
		want string // the full error message
	}{
		{valueField("amount", TypeCurrency), "12,3,4", `field amount: "12,3,4" is not valid (expected an amount like 1200.50 or EUR 1,200.50)`},
		{valueField("amount", TypeCurrency), "XYZ 5", `field amount: "XYZ 5" is not valid (expected a known ISO 4217 currency code such as USD, EUR or GBP ("XYZ" is not one))`},
		{valueField("amount", TypeCurrency), "5 abc", `field amount: "5 abc" is not valid (expected a known ISO 4217 currency code such as USD, EUR or GBP ("abc" is not one))`},
		{valueField("amount", TypeCurrency), "1.0000001", `field amount: "1.0000001" is not valid (expected an amount with at most 6 decimal places)`},
		{valueField("amount", TypeCurrency), "9223372036855", `field amount: "9223372036855" is not valid (expected an amount between -9223372036854 and 9223372036854)`},
		{valueField("amount", TypeCurrency), "1,5", `field amount: "1,5" is not valid (expected an amount like 1200.50 or EUR 1,200.50)`},
		{valueField("amount", TypeCurrency), "--5", `field amount: "--5" is not valid (expected an amount like 1200.50 or EUR 1,200.50)`},
		{valueField("amount", TypeCurrency), "-€-5", `field amount: "-€-5" is not valid (expected an amount like 1200.50 or EUR 1,200.50)`},
		{valueField("amount", TypeCurrency), "$5 USD", `field amount: "$5 USD" is not valid (expected an amount like 1200.50 or EUR 1,200.50)`},
		{valueField("amount", TypeCurrency), "1e3", `field amount: "1e3" is not valid (expected an amount like 1200.50 or EUR 1,200.50)`},
		{valueField("amount", TypeCurrency), "EUR", `field amount: "EUR" is not valid (expected an amount like 1200.50 or EUR 1,200.50)`},
		{valueField("n", TypeNumber), "NaN", `field n: "NaN" is not valid (expected a number like 1234.5 or 1,234.5)`},
		{valueField("n", TypeNumber), "inf", `field n: "inf" is not valid (expected a number like 1234.5 or 1,234.5)`},
		{valueField("n", TypeNumber), "1e999", `field n: "1e999" is not valid (expected a number like 1234.5 or 1,234.5)`},
		{valueField("n", TypeNumber), "12,34", `field n: "12,34" is not valid (expected a number like 1234.5 or 1,234.5)`},
		{valueField("n", TypeNumber), "0x10", `field n: "0x10" is not valid (expected a number like 1234.5 or 1,234.5)`},
		{valueField("n", TypeNumber), "1.2.3", `field n: "1.2.3" is not valid (expected a number like 1234.5 or 1,234.5)`},
		{valueField("n", TypeNumber), "-", `field n: "-" is not valid (expected a number like 1234.5 or 1,234.5)`},
		{valueField("due", TypeDate), "2026-02-30", `field due: "2026-02-30" is not valid (expected a date like 2026-12-01, today, tomorrow, +3d or next fri)`},
		{valueField("due", TypeDate), "call me next fri", `field due: "call me next fri" is not valid (expected a date like 2026-12-01, today, tomorrow, +3d or next fri)`},
		{valueField("due", TypeDate), "+3h", `field due: "+3h" is not valid (expected a date like 2026-12-01, today, tomorrow, +3d or next fri)`},
		{valueField("due", TypeDate), "+999999y", `field due: "+999999y" is not valid (expected a date between years 1 and 9999)`},
		{valueField("at", TypeDateTime), "2026-12-01 25:00", `field at: "2026-12-01 25:00" is not valid (expected a date and time like 2026-12-01 15:04, 2026-12-01T15:04:05Z, now, +2h or in 2 weeks 15:00)`},
		{valueField("ok", TypeBoolean), "maybe", `field ok: "maybe" is not valid (expected yes or no (also true/false, y/n, 1/0, on/off))`},
		{valuePickField, "lost", `field stage_pick: "lost" is not valid (expected one of: new, qualified, closed_won)`},
		{Field{Name: "kind", Type: TypeSelect}, "x", `field kind: "x" is not valid (expected one of the field's options, but it has none yet)`},
		{valueTagsField, "vip, gold", `field tags: "gold" is not valid (expected one of: vip, partner, b2b)`},
		{valueField("emails", TypeEmails), "jane@acme.com, bob@", `field emails: "bob@" is not valid (expected an email address like jane@acme.com)`},
		{valueField("emails", TypeEmails), "jane@acme", `field emails: "jane@acme" is not valid (expected an email address like jane@acme.com)`},
		{valueField("emails", TypeEmails), "jane@[10.0.0.1]", `field emails: "jane@[10.0.0.1]" is not valid (expected an email address like jane@acme.com)`},
		{valueField("phones", TypePhones), "12345", `field phones: "12345" is not valid (expected a phone number like +1 201 555 0123, or a US number without the +country code)`},
		{valueField("site", TypeLinks), "ftp://acme.com", `field site: "ftp://acme.com" is not valid (expected a web address like acme.com or https://acme.com/pricing)`},
		{valueField("site", TypeLinks), "acme", `field site: "acme" is not valid (expected a web address like acme.com or https://acme.com/pricing)`},
		{valueField("site", TypeLinks), "https://", `field site: "https://" is not valid (expected a web address like acme.com or https://acme.com/pricing)`},
		{valueField("stars", TypeRating), "6", `field stars: "6" is not valid (expected a rating from 1 to 5, or 1 to 5 stars like ★★★)`},
		{valueField("stars", TypeRating), "0", `field stars: "0" is not valid (expected a rating from 1 to 5, or 1 to 5 stars like ★★★)`},
		{valueField("stars", TypeRating), "☆☆", `field stars: "☆☆" is not valid (expected a rating from 1 to 5, or 1 to 5 stars like ★★★)`},
		{valueField("stars", TypeRating), "★★★★★★", `field stars: "★★★★★★" is not valid (expected a rating from 1 to 5, or 1 to 5 stars like ★★★)`},
		{valueField("company", TypeRelation), "#0", `field company: "#0" is not valid (expected #id with a positive id, or a name)`},
		{valueField("company", TypeRelation), "99999999999999999999", `field company: "99999999999999999999" is not valid (expected #id with a positive id, or a name)`},
	}
	for _, tt := range tests {
		got, err := ParseValue(tt.f, tt.in, env)
		if err == nil {
			t.Errorf("ParseValue(%s %s, %q) = %+v, want an error", tt.f.Type, tt.f.Name, tt.in, got)
			continue
		}
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != tt.f.Name {
			t.Errorf("ParseValue(%s, %q): error %v is not a *FieldError for the field", tt.f.Name, tt.in, err)
		}
		if err.Error() != tt.want {
			t.Errorf("ParseValue(%s %s, %q):\n got %s\nwant %s", tt.f.Type, tt.f.Name, tt.in, err, tt.want)
		}
	}
}

func TestParseValueEnv(t *testing.T) {
	env := valueEnv(t)
	amount := valueField("amount", TypeCurrency)

	env.DefaultCurrency = "eur"
	if v, err := ParseValue(amount, "5", env); err != nil || v.Str != "EUR" {
		t.Errorf("default currency eur: got %+v, %v", v, err)
	}
	env.DefaultCurrency = "CAD" // "$" means the default when its symbol is a dollar
	if v, err := ParseValue(amount, "$5", env); err != nil || v.Str != "CAD" {
		t.Errorf("$ with default CAD: got %+v, %v", v, err)
	}
	env.DefaultCurrency = "CNY"
	if v, err := ParseValue(amount, "¥5", env); err != nil || v.Str != "CNY" {
		t.Errorf("¥ with default CNY: got %+v, %v", v, err)
	}
	env.DefaultCurrency = "GBP" // ...and USD otherwise
	if v, err := ParseValue(amount, "$5", env); err != nil || v.Str != "USD" {
		t.Errorf("$ with default GBP: got %+v, %v", v, err)
	}
	env.DefaultCurrency = "QQQ"
	if _, err := ParseValue(amount, "5", env); err == nil || !strings.Contains(err.Error(), `"QQQ"`) {
		t.Errorf("unknown default currency: got %v", err)
	}
	if v, err := ParseValue(amount, "EUR 5", env); err != nil || v.Str != "EUR" {
		t.Errorf("explicit code beats a broken default: got %+v, %v", v, err)
	}

	env.Region = "gb"
	if v, err := ParseValue(valueField("phones", TypePhones), "020 7946 0958", env); err != nil || v.List[0] != "+442079460958" {
		t.Errorf("region GB: got %+v, %v", v, err)
	}

	// the zero env works: wall clock, US, USD
	if v, err := ParseValue(valueField("due", TypeDate), "today", ParseEnv{}); err != nil || v.Str != time.Now().Format(DateLayout) {
		t.Errorf("zero env today: got %+v, %v", v, err)
	}
	if v, err := ParseValue(valueField("phones", TypePhones), "201 555 0123", ParseEnv{}); err != nil || v.List[0] != "+12015550123" {
		t.Errorf("zero env phone: got %+v, %v", v, err)
	}

	if _, err := ParseValue(Field{Name: "x", Type: "bogus"}, "1", env); err == nil {
		t.Error("unknown field type: want an error")
	}
}
