package model

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// filterSystemFields are the fields the store adds to every object.
func filterSystemFields(object string) []Field {
	return []Field{
		{Object: object, Name: FieldID, Label: "ID", Type: TypeNumber, System: true},
		{Object: object, Name: FieldCreatedAt, Label: "Created", Type: TypeDateTime, System: true},
		{Object: object, Name: FieldUpdatedAt, Label: "Updated", Type: TypeDateTime, System: true},
		{Object: object, Name: FieldCreatedBy, Label: "Created by", Type: TypeMember, System: true},
		{Object: object, Name: FieldOwner, Label: "Owner", Type: TypeMember, System: true},
		{Object: object, Name: FieldPosition, Label: "Position", Type: TypeNumber, System: true},
		{Object: object, Name: FieldActive, Label: "Active", Type: TypeBoolean, System: true},
		{Object: object, Name: FieldDeletedAt, Label: "Deleted", Type: TypeDateTime, System: true},
	}
}

func filterTestPeople() Object {
	return Object{Name: "people", Singular: "Person", Plural: "People", LabelField: "name",
		Fields: append(filterSystemFields("people"),
			Field{Name: "name", Label: "Name", Type: TypeText},
			Field{Name: "emails", Label: "Emails", Type: TypeEmails},
			Field{Name: "phones", Label: "Phones", Type: TypePhones},
			Field{Name: "job_title", Label: "Job title", Type: TypeText},
			Field{Name: "company", Label: "Company", Type: TypeRelation, Target: "companies"},
			Field{Name: "city", Label: "City", Type: TypeText},
			Field{Name: "tags", Label: "Tags", Type: TypeMultiSelect, Options: []SelectOption{
				{Value: "vip", Label: "VIP"}, {Value: "lead", Label: "Lead"}, {Value: "cold", Label: "Cold call"}}},
			Field{Name: "rating", Label: "Rating", Type: TypeRating},
		)}
}

func filterTestOpps() Object {
	return Object{Name: "opportunities", Singular: "Opportunity", Plural: "Opportunities", LabelField: "name",
		Fields: append(filterSystemFields("opportunities"),
			Field{Name: "name", Label: "Name", Type: TypeText},
			Field{Name: "amount", Label: "Amount", Type: TypeCurrency},
			Field{Name: "close_date", Label: "Close date", Type: TypeDate},
			Field{Name: "stage", Label: "Stage", Type: TypeStage},
			Field{Name: "pipeline", Label: "Pipeline", Type: TypePipeline},
			Field{Name: "probability", Label: "Probability", Type: TypeNumber},
			Field{Name: "source", Label: "Lead source", Type: TypeSelect, Options: []SelectOption{
				{Value: "web", Label: "Website"}, {Value: "referral", Label: "Referral"}, {Value: "event", Label: "Trade show"}}},
		)}
}

// filterTestNow is a fixed clock in a zone east of UTC, so day cuts that
// wrongly used UTC would show.
var filterTestNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.FixedZone("CEST", 2*3600))

func bindOne(t *testing.T, obj Object, src string) Cond {
	t.Helper()
	f, err := ParseFilter(src)
	if err != nil {
		t.Fatalf("%s: parse: %v", src, err)
	}
	conds, err := f.Bind(obj, FilterEnv{Now: filterTestNow, Me: 7})
	if err != nil {
		t.Fatalf("%s: bind: %v", src, err)
	}
	if len(conds) != 1 {
		t.Fatalf("%s: %d conds", src, len(conds))
	}
	return conds[0]
}

func TestBindFieldResolution(t *testing.T) {
	people, opps := filterTestPeople(), filterTestOpps()
	tests := []struct {
		obj   Object
		src   string
		field string
	}{
		{people, "acme", "name"},
		{people, "NAME:acme", "name"},
		{people, `"job title":ceo`, "job_title"},
		{people, `job-title:ceo`, "job_title"},
		{people, "created>-1d", "created_at"},
		{people, "updated>-1d", "updated_at"},
		{people, "email:x", "emails"},
		{people, "phone:1", "phones"},
		{people, "tag:vip", "tags"},
		{people, "responsible:@me", "owner"},
		{people, "rat>2", "rating"},
		{opps, "close<today", "close_date"},
		{opps, "prob>50", "probability"},
		{opps, `"lead source":web`, "source"},
	}
	for _, tt := range tests {
		if c := bindOne(t, tt.obj, tt.src); c.Field.Name != tt.field {
			t.Errorf("%s: bound to %q, want %q", tt.src, c.Field.Name, tt.field)
		}
	}
}

func TestBindOpsAndValues(t *testing.T) {
	people, opps := filterTestPeople(), filterTestOpps()
	ms := func(tm time.Time) Value { return Value{Valid: true, Int: tm.UnixMilli()} }
	loc := filterTestNow.Location()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }
	str := func(s string) Value { return Value{Valid: true, Str: s} }
	num := func(x float64) Value { return Value{Valid: true, Num: x} }
	i64 := func(n int64) Value { return Value{Valid: true, Int: n} }
	ref := func(s string) Value { return Value{Valid: true, Ref: s} }
	tests := []struct {
		obj    Object
		src    string
		op     Op
		not    bool
		values []Value
	}{
		// text: ":" contains, "=" exact, "!=" negated exact
		{people, "acme", OpContains, false, []Value{str("acme")}},
		{people, "city:paris", OpContains, false, []Value{str("paris")}},
		{people, "city=paris", OpEq, false, []Value{str("paris")}},
		{people, "city!=paris", OpEq, true, []Value{str("paris")}},
		{people, "-city!=paris", OpEq, false, []Value{str("paris")}},
		{people, "city:(paris|berlin)", OpContains, false, []Value{str("paris"), str("berlin")}},
		{people, "-city:empty", OpEmpty, true, nil},
		{people, "email=a@b.test", OpEq, false, []Value{str("a@b.test")}},
		{people, `phone:"(415) 555-01"`, OpContains, false, []Value{str("41555501")}},
		// numbers and currency
		{opps, "probability>=12.5", OpGe, false, []Value{num(12.5)}},
		{opps, "probability<1_000", OpLt, false, []Value{num(1000)}},
		{opps, "probability:(10|20)", OpEq, false, []Value{num(10), num(20)}},
		{opps, "amount>5000", OpGt, false, []Value{i64(5_000_000_000)}},
		{opps, "amount=19.99", OpEq, false, []Value{i64(19_990_000)}},
		{opps, "amount<=2.5k", OpLe, false, []Value{i64(2_500_000_000)}},
		{opps, "amount>1.5m", OpGt, false, []Value{i64(1_500_000_000_000)}},
		{opps, "amount>-0.000001", OpGt, false, []Value{i64(-1)}},
		{people, "rating>=4", OpGe, false, []Value{i64(4)}},
		{people, "active:yes", OpEq, false, []Value{i64(1)}},
		{people, "active:False", OpEq, false, []Value{i64(0)}},
		{people, "id:(1|3)", OpEq, false, []Value{num(1), num(3)}},
		// dates: a calendar day as text, relative to the clock's zone
		{opps, "close<2026-12-31", OpLt, false, []Value{str("2026-12-31")}},
		{opps, "close:today", OpEq, false, []Value{str("2026-06-15")}},
		{opps, "close>=yesterday", OpGe, false, []Value{str("2026-06-14")}},
		{opps, "close<tomorrow", OpLt, false, []Value{str("2026-06-16")}},
		{opps, "close>-30d", OpGt, false, []Value{str("2026-05-16")}},
		{opps, "close<+2w", OpLt, false, []Value{str("2026-06-29")}},
		{opps, "close<+1m", OpLt, false, []Value{str("2026-07-15")}},
		{opps, "close>-1y", OpGt, false, []Value{str("2025-06-15")}},
		// date-times: ranges and bounds in unix ms
		{people, "created>-30d", OpGe, false, []Value{i64(filterTestNow.AddDate(0, 0, -30).UnixMilli() + 1)}},
		{people, "created<-6h", OpLt, false, []Value{ms(filterTestNow.Add(-6 * time.Hour))}},
		{people, "created:2026-01-05", OpBetween, false, []Value{ms(day(2026, 1, 5)), ms(day(2026, 1, 6))}},
		{people, "created>2026-01-05", OpGe, false, []Value{ms(day(2026, 1, 6))}},
		{people, "created>=2026-01-05", OpGe, false, []Value{ms(day(2026, 1, 5))}},
		{people, "created<2026-01-05", OpLt, false, []Value{ms(day(2026, 1, 5))}},
		{people, "created<=2026-01-05", OpLt, false, []Value{ms(day(2026, 1, 6))}},
		{people, "created:-2d", OpBetween, false, []Value{ms(day(2026, 6, 13)), ms(day(2026, 6, 14))}},
		{people, "created:(today|yesterday)", OpBetween, false,
			[]Value{ms(day(2026, 6, 15)), ms(day(2026, 6, 16)), ms(day(2026, 6, 14)), ms(day(2026, 6, 15))}},
		{people, "created:2026-01-05T09:30", OpBetween, false,
			[]Value{ms(day(2026, 1, 5).Add(9*time.Hour + 30*time.Minute)), ms(day(2026, 1, 5).Add(9*time.Hour + 31*time.Minute))}},
		// select and multi-select: by value or label, "~" expanded over the options
		{opps, "source:web", OpEq, false, []Value{str("web")}},
		{opps, "source:WEBSITE", OpEq, false, []Value{str("web")}},
		{opps, `source:"trade show"`, OpEq, false, []Value{str("event")}},
		{opps, "source~e", OpEq, false, []Value{str("web"), str("referral"), str("event")}},
		{opps, "source!=web", OpEq, true, []Value{str("web")}},
		{people, "tags:vip", OpEq, false, []Value{str("vip")}},
		{people, "tags:(vip|lead)", OpEq, false, []Value{str("vip"), str("lead")}},
		{people, "tags=(vip|VIP|lead)", OpExactly, false, []Value{str("vip"), str("lead")}},
		{people, "tags~call", OpEq, false, []Value{str("cold")}},
		// references
		{people, "company:acme", OpEq, false, []Value{ref("acme")}},
		{people, "company:(#12|globex)", OpEq, false, []Value{i64(12), ref("globex")}},
		{people, "company~acm", OpContains, false, []Value{ref("acm")}},
		{people, "owner:@me", OpEq, false, []Value{i64(7)}},
		{people, "owner:@alice", OpEq, false, []Value{ref("alice")}},
		{people, "owner:bob@x.test", OpEq, false, []Value{ref("bob@x.test")}},
		{opps, "stage:Won", OpEq, false, []Value{{Valid: true, Ref: "Won", Str: "won"}}},
		{opps, "stage:open", OpEq, false, []Value{{Valid: true, Ref: "open", Str: "open"}}},
		{opps, "stage:qualified", OpEq, false, []Value{ref("qualified")}},
		{opps, "pipeline:sales", OpEq, false, []Value{ref("sales")}},
	}
	for _, tt := range tests {
		c := bindOne(t, tt.obj, tt.src)
		if c.Op != tt.op || c.Not != tt.not || !reflect.DeepEqual(c.Values, tt.values) {
			t.Errorf("%s: got op=%q not=%v values=%+v\n  want op=%q not=%v values=%+v", tt.src, c.Op, c.Not, c.Values, tt.op, tt.not, tt.values)
		}
	}
}

func TestBindErrors(t *testing.T) {
	people, opps := filterTestPeople(), filterTestOpps()
	tests := []struct {
		obj  Object
		src  string
		bad  string // the text the error must point at
		msgs []string
	}{
		{people, "city:paris colour:red", "colour", []string{`unknown field "colour"`, "people has: id, created_at", "tags, rating"}},
		{people, "c:x", "c", []string{`field "c" is ambiguous`, "created_at, created_by, company, city"}},
		{opps, "stage>3", ">", []string{"> needs a number, currency, rating, date or date-time field; stage is a stage field"}},
		{people, "city<=x", "<=", []string{"<= needs a number", "city is a text field"}},
		{opps, "amount~5", "~", []string{"~ needs a text-like field", "amount is a currency field"}},
		{people, "active~y", "~", []string{"active is a yes/no field"}},
		{opps, "amount>abc", "abc", []string{"amount>abc: expected an amount"}},
		{opps, "amount>1.1234567", "1.1234567", []string{"expected an amount"}},
		{opps, "amount:(5|x)", "x", []string{"amount:(5|x): expected an amount"}},
		{opps, "probability>inf", "inf", []string{"expected a number"}},
		{opps, "amount>(1|2)", ">(1|2)", []string{"> compares with one value"}},
		{opps, "amount>EUR", "EUR", []string{"amount>EUR: expected an amount, like 5000, 19.99 or 10k (compared in the field's own currency)"}},
		{opps, "amount:XYZ", "XYZ", []string{"expected an amount", "or a currency code like EUR"}},
		{opps, "amount:(5000|EUR)", "amount:(5000|EUR)", []string{"a set holds amounts or currency codes, not both"}},
		{people, "tags=(vip|empty)", "=", []string{"a set with empty asks what tags has", "tags:(…|empty)"}},
		{people, "rating:7", "7", []string{"expected a rating from 1 to 5"}},
		{people, "active:maybe", "maybe", []string{"expected yes or no"}},
		{opps, "close<2026-02-30", "2026-02-30", []string{"expected a date like 2026-12-31"}},
		{opps, "close>30d", "30d", []string{"-30d (30d ago) or +30d (30d ahead)"}},
		{opps, "close>-6h", "-6h", []string{"expected a date"}},
		{people, "created>soon", "soon", []string{"expected a date or time"}},
		{opps, "source:tv", "tv", []string{`source has no option "tv" (options: web, referral, event)`}},
		{people, "tags~zzz", "zzz", []string{`tags has no option containing "zzz"`}},
		{people, "company:@me", "@me", []string{"@ names a member, but company is a relation to companies"}},
		{people, "company:#x", "#x", []string{"expected an id after #"}},
		{people, `city:""`, `""`, []string{"empty value", "city:empty"}},
	}
	for _, tt := range tests {
		f, err := ParseFilter(tt.src)
		if err != nil {
			t.Errorf("%s: parse: %v", tt.src, err)
			continue
		}
		_, err = f.Bind(tt.obj, FilterEnv{Now: filterTestNow, Me: 7})
		var fe *FilterError
		if !errors.As(err, &fe) {
			t.Errorf("%s: got %v, want a *FilterError", tt.src, err)
			continue
		}
		if got := tt.src[fe.Pos:fe.End]; got != tt.bad {
			t.Errorf("%s: error points at %q, want %q (%s)", tt.src, got, tt.bad, fe.Msg)
		}
		for _, m := range tt.msgs {
			if !strings.Contains(fe.Msg, m) {
				t.Errorf("%s: message %q lacks %q", tt.src, fe.Msg, m)
			}
		}
	}
}

func TestBindMeWithoutMember(t *testing.T) {
	f, _ := ParseFilter("owner:@me")
	_, err := f.Bind(filterTestPeople(), FilterEnv{Now: filterTestNow})
	var fe *FilterError
	if !errors.As(err, &fe) || !strings.Contains(fe.Msg, "@me needs a current member") || fe.Pos != 6 || fe.End != 9 {
		t.Errorf("got %v", err)
	}
}

func TestBindErrorRendering(t *testing.T) {
	f, _ := ParseFilter("stage:won amount>abc")
	_, err := f.Bind(filterTestOpps(), FilterEnv{Now: filterTestNow})
	want := "amount>abc: expected an amount, like 5000, 19.99 or 10k (compared in the field's own currency)\n" +
		"  stage:won amount>abc\n" +
		"                   ^^^"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestBindWithoutLabelField(t *testing.T) {
	obj := Object{Name: "things", Fields: filterSystemFields("things")}
	f, _ := ParseFilter("acme")
	_, err := f.Bind(obj, FilterEnv{})
	if err == nil || !strings.Contains(err.Error(), "things has none") {
		t.Errorf("got %v", err)
	}
}

// A Term built by hand (no spans) still binds, and errors fall back to
// pointing at the whole term.
func TestBindHandBuiltTerms(t *testing.T) {
	f := Filter{Terms: []Term{{Field: "amount", Op: OpGt, Values: []string{"5000"}}}}
	conds, err := f.Bind(filterTestOpps(), FilterEnv{})
	if err != nil || len(conds) != 1 || conds[0].Values[0].Int != 5_000_000_000 {
		t.Fatalf("got %+v, %v", conds, err)
	}
	f = Filter{Terms: []Term{{Field: "amount", Op: OpGt, Values: []string{"x"}}}}
	if _, err := f.Bind(filterTestOpps(), FilterEnv{}); err == nil || !strings.Contains(err.Error(), "amount>x: expected an amount") {
		t.Errorf("got %v", err)
	}
}

// The error examples in docs/FILTERS.md are the real output: each
// "$ rolo <object> --filter '<src>'" line is followed by the exact error.
func TestFilterDocErrorExamples(t *testing.T) {
	doc, err := os.ReadFile("../docs/FILTERS.md")
	if err != nil {
		t.Fatal(err)
	}
	objs := map[string]Object{"people": filterTestPeople(), "opportunities": filterTestOpps()}
	blocks := strings.Split(string(doc), "$ rolo ")[1:]
	if len(blocks) < 5 {
		t.Fatalf("found %d examples in docs/FILTERS.md", len(blocks))
	}
	for _, blk := range blocks {
		blk, _, _ = strings.Cut(blk, "\n\n")
		blk, _, _ = strings.Cut(blk, "\n```")
		head, want, _ := strings.Cut(blk, "\n")
		object, rest, _ := strings.Cut(head, " --filter '")
		src := strings.TrimSuffix(rest, "'")
		f, err := ParseFilter(src)
		if err == nil {
			_, err = f.Bind(objs[object], FilterEnv{Now: filterTestNow})
		}
		if err == nil {
			t.Errorf("%s: no error", src)
			continue
		}
		if err.Error() != want {
			t.Errorf("%s:\ngot\n%s\ndocs say\n%s", src, err, want)
		}
	}
}

// TestBindRelationPath checks terms on a related record's field
// (company.city): which fields they resolve to, and that each mistake is
// pointed at the part of the name that is wrong.
func TestBindRelationPath(t *testing.T) {
	companies := Object{Name: "companies", LabelField: "name", Fields: append(filterSystemFields("companies"),
		Field{Name: "name", Label: "Name", Type: TypeText},
		Field{Name: "city", Label: "City", Type: TypeText},
		Field{Name: "industry", Label: "Industry", Type: TypeSelect, Options: []SelectOption{{Value: "tech", Label: "Technology"}}},
	)}
	lookup := func(name string) (Object, bool) { return companies, name == "companies" }
	env := FilterEnv{Now: filterTestNow, Me: 7, Lookup: lookup}
	bind := func(src string) ([]Cond, error) {
		f, err := ParseFilter(src)
		if err != nil {
			t.Fatalf("%s: parse: %v", src, err)
		}
		return f.Bind(filterTestPeople(), env)
	}
	conds, err := bind(`company.city:paris -"Company.Industry":technology`)
	if err != nil {
		t.Fatal(err)
	}
	if c := conds[0]; c.Via.Name != "company" || c.Field.Name != "city" || c.Op != OpContains || c.Values[0].Str != "paris" {
		t.Errorf("company.city:paris bound to %+v", c)
	}
	if c := conds[1]; c.Via.Name != "company" || c.Field.Name != "industry" || !c.Not || c.Values[0].Str != "tech" {
		t.Errorf("-company.industry:technology bound to %+v", c)
	}
	for _, tt := range []struct{ src, bad, msg string }{
		{"city.name:x", "city", "city is a text field: only a relation's fields can follow a dot"},
		{"company.colour:red", "colour", `unknown field "colour" (companies has:`},
		{"company.city.name:x", "city.name", "one step only"},
		{"company.industry:farming", "farming", `industry has no option "farming"`},
	} {
		_, err := bind(tt.src)
		var fe *FilterError
		if !errors.As(err, &fe) {
			t.Errorf("%s: got %v, want a *FilterError", tt.src, err)
			continue
		}
		if got := tt.src[fe.Pos:fe.End]; got != tt.bad || !strings.Contains(fe.Msg, tt.msg) {
			t.Errorf("%s: error at %q: %s; want at %q: %s", tt.src, got, fe.Msg, tt.bad, tt.msg)
		}
	}
	env.Lookup = nil
	if _, err := bind("company.city:paris"); err == nil || !strings.Contains(err.Error(), "cannot be looked into") {
		t.Errorf("without Lookup: %v", err)
	}
}
