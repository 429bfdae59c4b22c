package transfer

import (
	"errors"
	"strings"
	"testing"

	"rolo/model"
)

func TestNormalizeNumber(t *testing.T) {
	cases := []struct {
		in    string
		comma bool
		want  string
		err   string
	}{
		{"1234.50", false, "1234.50", ""},
		{"-300", false, "-300", ""},
		{"+42", false, "42", ""},
		{"1,234.50", false, "1234.50", ""},
		{"1,234,567", false, "1234567", ""},
		{"1.234,50", false, "1234.50", ""}, // both separators: unambiguous
		{"1.234,50", true, "1234.50", ""},
		{"1 234,50", true, "1234.50", ""},
		{"1\u00a0234,50", true, "1234.50", ""},
		{"1'234.50", false, "1234.50", ""},
		{"1,5", true, "1.5", ""},
		{"1.234.567", true, "1234567", ""},
		{"1.234", true, "1234", ""},
		{"1.234", false, "1.234", ""},
		{"(1,234.00)", false, "-1234.00", ""},
		{"$1,200", false, "1200", ""},
		{"-$1,200.5", false, "-1200.5", ""},
		{"50%", false, "50", ""},
		{"1.5E+3", false, "1.5E+3", ""},
		{"1,5", false, "", "--decimal-comma"},
		{"1.5", true, "", "ambiguous with --decimal-comma"},
		{"1,23,4", false, "", "ambiguous"},
		{"1.234,5.6", false, "", "consistent separators"},
		{"twelve", false, "", "a number"},
		{"12abc", false, "", "a number"},
		{"-", false, "", "a number"},
	}
	for _, c := range cases {
		got, err := NormalizeNumber(c.in, c.comma)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("NormalizeNumber(%q, %v) = %q, %v; want error containing %q", c.in, c.comma, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("NormalizeNumber(%q, %v) = %q, %v; want %q", c.in, c.comma, got, err, c.want)
		}
	}
}

func TestNormalizeCurrency(t *testing.T) {
	cases := []struct {
		in         string
		comma      bool
		amount, cc string
	}{
		{"$1,234.50", false, "1234.50", "USD"},
		{"€1.234,50", true, "1234.50", "EUR"},
		{"1.234,50 €", true, "1234.50", "EUR"},
		{"2 000,00 €", true, "2000.00", "EUR"},
		{"£99", false, "99", "GBP"},
		{"US$ 12", false, "12", "USD"},
		{"R$ 1.000,00", false, "1000.00", "BRL"},
		{"1234.50 EUR", false, "1234.50", "EUR"},
		{"USD -12.5", false, "-12.5", "USD"},
		{"1500 руб.", false, "1500", "RUB"},
		{"1234.5", false, "1234.5", ""},
	}
	for _, c := range cases {
		a, code, err := NormalizeCurrency(c.in, c.comma)
		if err != nil || a != c.amount || code != c.cc {
			t.Errorf("NormalizeCurrency(%q) = %q %q %v; want %q %q", c.in, a, code, err, c.amount, c.cc)
		}
	}
}

func TestDateLayout(t *testing.T) {
	for in, want := range map[string]string{
		"DD/MM/YYYY": "2/1/2006", "MM/DD/YYYY": "1/2/2006", "YYYY-MM-DD": "2006-1-2",
		"DD.MM.YY HH:mm": "2.1.06 15:4", "D MMM YYYY": "2 Jan 2006", "02/01/2006": "02/01/2006",
	} {
		got, err := DateLayout(in)
		if err != nil || got != want {
			t.Errorf("DateLayout(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"DD/MM", "YYYY-QQ-DD", ""} {
		if _, err := DateLayout(bad); err == nil {
			t.Errorf("DateLayout(%q) accepted", bad)
		}
	}
}

func TestNormalizeDate(t *testing.T) {
	cases := []struct {
		in, layout string
		excel      bool
		want, err  string
	}{
		{"2016-10-20", "", false, "2016-10-20", ""},
		{"2016-10-20T14:30:00Z", "", false, "2016-10-20", ""},
		{"2016/10/20", "", false, "2016-10-20", ""},
		{"20/10/2016", "", false, "2016-10-20", ""},
		{"10/20/2016", "", false, "2016-10-20", ""},
		{"20.10.2016", "", false, "2016-10-20", ""},
		{"03.04.2016", "", false, "2016-04-03", ""}, // dots are day-first
		{"5/5/16", "", false, "2016-05-05", ""},
		{"20 Oct 2016", "", false, "2016-10-20", ""},
		{"Oct 20, 2016", "", false, "2016-10-20", ""},
		{"October 20, 2016", "", false, "2016-10-20", ""},
		{"20-Oct-16", "", false, "2016-10-20", ""},
		{"03/04/2016", "", false, "", "--date-format"},
		{"31/02/2016", "", false, "", "real calendar date"},
		{"yesterday-ish", "", false, "", "2016-10-20"},
		{"03/04/2016", "2/1/2006", false, "2016-04-03", ""},
		{"03/04/2016", "1/2/2006", false, "2016-03-04", ""},
		{"3/4/2016 14:30", "2/1/2006", false, "2016-04-03", ""},
		{"2016-04-03", "2/1/2006", false, "2016-04-03", ""}, // ISO always accepted
		{"2016-13-03", "2/1/2006", false, "", "2/1/2006"},
		{"42663", "", true, "2016-10-20", ""}, // Excel serial
		{"42663.75", "", true, "2016-10-20", ""},
		{"42663", "", false, "", "2016-10-20"}, // not from XLSX: not a date
	}
	for _, c := range cases {
		got, err := normalizeDate(c.in, c.layout, c.excel)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("normalizeDate(%q, %q) = %q, %v; want error containing %q", c.in, c.layout, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("normalizeDate(%q, %q) = %q, %v; want %q", c.in, c.layout, got, err, c.want)
		}
	}
}

func TestNormalizeDateTime(t *testing.T) {
	cases := []struct {
		in, layout string
		excel      bool
		want       string
	}{
		{"2016-10-20T14:30:00Z", "", false, "2016-10-20T14:30:00Z"}, // canonical: unchanged
		{"2016-10-20T14:30:00+02:00", "", false, "2016-10-20T14:30:00+02:00"},
		{"2016-10-20 14:30", "", false, "2016-10-20T14:30:00"},
		{"20/10/2016 14:30", "", false, "2016-10-20T14:30:00"},
		{"10/20/2016 2:30 PM", "", false, "2016-10-20T14:30:00"},
		{"2016-10-20", "", false, "2016-10-20T00:00:00"},
		{"42663.75", "", true, "2016-10-20T18:00:00"},
		{"3/4/2016 14:30", "2/1/2006", false, "2016-04-03T14:30:00"},
	}
	for _, c := range cases {
		got, err := normalizeDateTime(c.in, c.layout, c.excel)
		if err != nil || got != c.want {
			t.Errorf("normalizeDateTime(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestNormalizerCell(t *testing.T) {
	n, err := NewNormalizer("DD/MM/YYYY", true, "csv")
	if err != nil {
		t.Fatal(err)
	}
	f := func(typ model.FieldType) model.Field { return model.Field{Name: "f", Type: typ} }
	cases := []struct {
		typ     model.FieldType
		in, out string
	}{
		{model.TypeDate, " 03/04/2016 ", "2016-04-03"},
		{model.TypeNumber, "1.234,5", "1234.5"},
		{model.TypeCurrency, "1.234,50 €", "EUR 1234.50"},
		{model.TypeCurrency, "99", "99"},
		{model.TypeBoolean, "Yes", "true"},
		{model.TypeBoolean, "нет", "false"},
		{model.TypeBoolean, "maybe", "maybe"}, // ParseValue's to reject
		{model.TypeText, "  =not a formula ", "=not a formula"},
		{model.TypeEmails, "a@x.com, b@y.com", "a@x.com, b@y.com"},
		{model.TypeDate, "", ""},
	}
	for _, c := range cases {
		got, err := n.Cell(f(c.typ), c.in)
		if err != nil || got != c.out {
			t.Errorf("Cell(%s, %q) = %q, %v; want %q", c.typ, c.in, got, err, c.out)
		}
	}
	_, err = n.Cell(model.Field{Name: "close_date", Type: model.TypeDate}, "soon")
	var fe *model.FieldError
	if !errors.As(err, &fe) || fe.Field != "close_date" || !strings.Contains(fe.Expected, "2/1/2006") {
		t.Errorf("error = %v", err)
	}
	if _, err := NewNormalizer("QQ", false, "csv"); err == nil {
		t.Error("bad date format accepted")
	}
	x, _ := NewNormalizer("", false, "xlsx")
	if got, err := x.Cell(f(model.TypeDate), "42663"); err != nil || got != "2016-10-20" {
		t.Errorf("xlsx serial: %q %v", got, err)
	}
}
