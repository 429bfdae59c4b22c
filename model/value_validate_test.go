package model

import (
	"errors"
	"math"
	"testing"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		f    Field
		v    Value
		want string // "" for valid, else the full error message
	}{
		{valueField("n", TypeNumber), Value{}, ""},
		{valuePickField, Value{Str: "bogus"}, ""}, // not Valid: empty, whatever it holds
		{valueField("n", TypeNumber), Value{Valid: true, Num: 1.5}, ""},
		{valueField("n", TypeNumber), Value{Valid: true, Num: math.NaN()}, `field n: "NaN" is not valid (expected a finite number)`},
		{valueField("n", TypeNumber), Value{Valid: true, Num: math.Inf(-1)}, `field n: "-Inf" is not valid (expected a finite number)`},
		{valueField("amount", TypeCurrency), Value{Valid: true, Int: 5, Str: "EUR"}, ""},
		{valueField("amount", TypeCurrency), Value{Valid: true, Int: 5, Str: "eur"}, `field amount: "eur" is not valid (expected a known ISO 4217 currency code such as USD, EUR or GBP in upper case)`},
		{valueField("amount", TypeCurrency), Value{Valid: true, Int: 5}, `field amount: "" is not valid (expected a known ISO 4217 currency code such as USD, EUR or GBP in upper case)`},
		{valueField("due", TypeDate), Value{Valid: true, Str: "2024-02-29"}, ""},
		{valueField("due", TypeDate), Value{Valid: true, Str: "2026-02-29"}, `field due: "2026-02-29" is not valid (expected a real date written as 2026-12-01)`},
		{valueField("due", TypeDate), Value{Valid: true, Str: "2026/02/01"}, `field due: "2026/02/01" is not valid (expected a real date written as 2026-12-01)`},
		{valueField("due", TypeDate), Value{Valid: true, Str: "2026-2-1"}, `field due: "2026-2-1" is not valid (expected a real date written as 2026-12-01)`},
		{valueField("at", TypeDateTime), Value{Valid: true, Int: 1_700_000_000_000}, ""},
		{valueField("at", TypeDateTime), Value{Valid: true, Int: math.MaxInt64}, `field at: "9223372036854775807" is not valid (expected unix milliseconds within years 1 to 9999)`},
		{valueField("ok", TypeBoolean), Value{Valid: true, Int: 1}, ""},
		{valueField("ok", TypeBoolean), Value{Valid: true, Int: 2}, `field ok: "2" is not valid (expected 0 or 1)`},
		{valuePickField, Value{Valid: true, Str: "new"}, ""},
		{valuePickField, Value{Valid: true, Str: "New"}, `field stage_pick: "New" is not valid (expected one of: new, qualified, closed_won)`},
		{valueTagsField, Value{Valid: true, List: []string{"vip", "b2b"}}, ""},
		{valueTagsField, Value{Valid: true, List: []string{"vip", "gold"}}, `field tags: "gold" is not valid (expected one of: vip, partner, b2b)`},
		{valueTagsField, Value{Valid: true, List: []string{"vip", "vip"}}, `field tags: "vip" is not valid (expected no repeated entries)`},
		{valueField("emails", TypeEmails), Value{Valid: true, List: []string{"Jane@acme.com"}}, ""},
		{valueField("emails", TypeEmails), Value{Valid: true, List: []string{"jane@ACME.com"}}, `field emails: "jane@ACME.com" is not valid (expected an email address like jane@acme.com with a lower-case domain)`},
		{valueField("emails", TypeEmails), Value{Valid: true, List: []string{"jane@acme.com", "JANE@acme.com"}}, `field emails: "JANE@acme.com" is not valid (expected no repeated entries)`},
		{valueField("emails", TypeEmails), Value{Valid: true, List: []string{"not an email"}}, `field emails: "not an email" is not valid (expected an email address like jane@acme.com with a lower-case domain)`},
		{valueField("phones", TypePhones), Value{Valid: true, List: []string{"+12015550123"}}, ""},
		{valueField("phones", TypePhones), Value{Valid: true, List: []string{"2015550123"}}, `field phones: "2015550123" is not valid (expected a valid phone number in E.164 form like +12015550123)`},
		{valueField("phones", TypePhones), Value{Valid: true, List: []string{"+1 201 555 0123"}}, `field phones: "+1 201 555 0123" is not valid (expected a valid phone number in E.164 form like +12015550123)`},
		{valueField("phones", TypePhones), Value{Valid: true, List: []string{"+10000000000"}}, `field phones: "+10000000000" is not valid (expected a valid phone number in E.164 form like +12015550123)`},
		{valueField("site", TypeLinks), Value{Valid: true, List: []string{"https://acme.com/x"}}, ""},
		{valueField("site", TypeLinks), Value{Valid: true, List: []string{"acme.com"}}, `field site: "acme.com" is not valid (expected an http or https address like https://acme.com)`},
		{valueField("site", TypeLinks), Value{Valid: true, List: []string{"javascript:alert(1)"}}, `field site: "javascript:alert(1)" is not valid (expected an http or https address like https://acme.com)`},
		{valueField("stars", TypeRating), Value{Valid: true, Int: 5}, ""},
		{valueField("stars", TypeRating), Value{Valid: true, Int: 0}, `field stars: "0" is not valid (expected a rating from 1 to 5)`},
		{valueField("company", TypeRelation), Value{Valid: true, Int: 3}, ""},
		{valueField("company", TypeRelation), Value{Valid: true, Ref: "Acme"}, ""},
		{valueField("company", TypeRelation), Value{Valid: true}, `field company: "#0" is not valid (expected a positive id or a name to resolve)`},
		{valueField("owner", TypeMember), Value{Valid: true, Int: -1}, `field owner: "#-1" is not valid (expected a positive id or a name to resolve)`},
		{valueField("body", TypeRichText), Value{Valid: true, Str: "anything\ngoes"}, ""},
	}
	for _, tt := range tests {
		err := Validate(tt.f, tt.v)
		if tt.want == "" {
			if err != nil {
				t.Errorf("Validate(%s, %+v) = %v, want nil", tt.f.Type, tt.v, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("Validate(%s, %+v) = nil, want %s", tt.f.Type, tt.v, tt.want)
			continue
		}
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != tt.f.Name {
			t.Errorf("Validate(%s, %+v): %v is not a *FieldError for the field", tt.f.Type, tt.v, err)
		}
		if err.Error() != tt.want {
			t.Errorf("Validate(%s, %+v):\n got %s\nwant %s", tt.f.Type, tt.v, err, tt.want)
		}
	}
	if err := Validate(Field{Name: "x", Type: "bogus"}, Value{Valid: true}); err == nil {
		t.Error("unknown field type: want an error")
	}
}
