package demo

import (
	"strings"
	"testing"
	"time"

	"github.com/nyaruka/phonenumbers"

	"rolo/model"
)

var testNow = time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)

// Every phone pattern must produce numbers libphonenumber accepts, and
// model.Validate (what the store checks) must agree.
func TestPhonePatternsAreValid(t *testing.T) {
	g := newGen(7, testNow)
	phones := model.Field{Name: "phones", Type: model.TypePhones}
	for li := range locales {
		loc := &locales[li]
		for _, p := range loc.phones {
			one := locale{phones: []phonePattern{p}}
			for i := 0; i < 300; i++ {
				s := g.phone(&one)
				num, err := phonenumbers.Parse(s, "")
				if err != nil || !phonenumbers.IsValidNumber(num) {
					t.Fatalf("%s pattern %+v: %s is not a valid number", loc.tld, p, s)
				}
				if phonenumbers.Format(num, phonenumbers.E164) != s {
					t.Fatalf("%s is not in E.164 form", s)
				}
				if err := model.Validate(phones, model.Value{Valid: true, List: []string{s}}); err != nil {
					t.Fatalf("model.Validate(%s): %v", s, err)
				}
			}
		}
	}
}

// A naive "+1 415 555 01xx" would fail: the check above is not vacuous.
func TestFictionalNumberIsRejected(t *testing.T) {
	num, err := phonenumbers.Parse("+14155550123", "")
	if err == nil && phonenumbers.IsValidNumber(num) {
		t.Skip("libphonenumber now accepts 555-01xx; the patterns check still stands")
	}
}

func TestCompanyNamesAndDomainsUnique(t *testing.T) {
	g := newGen(3, testNow)
	g.planCompanies(4000) // past the 1,500 head × tail combinations
	names, domains := map[string]bool{}, map[string]bool{}
	links := model.Field{Name: "domain", Type: model.TypeLinks}
	for _, c := range g.companies {
		if names[c.name] || domains[c.domain] {
			t.Fatalf("duplicate company %q / %q", c.name, c.domain)
		}
		names[c.name], domains[c.domain] = true, true
		if err := model.Validate(links, list("https://"+c.domain)); err != nil {
			t.Fatalf("domain %s: %v", c.domain, err)
		}
	}
}

// People rows carry unique, valid emails at their company's domain, even
// when many people share a name.
func TestPeopleEmailsUniqueAndValid(t *testing.T) {
	g := newGen(5, testNow)
	g.planCompanies(3)
	for i := range g.companies {
		g.companies[i].id = int64(i + 1)
	}
	obj := peopleObject()
	b := g.personPlan().bind(obj)
	idx := map[string]int{}
	for i, f := range b.fields {
		idx[f.Name] = i
	}
	for _, want := range []string{"name", "emails", "phones", "company", "city"} {
		if _, ok := idx[want]; !ok {
			t.Fatalf("people plan does not fill %s (fills %v)", want, b.names())
		}
	}
	seen := map[string]bool{}
	suffixed := 0
	for i := 0; i < 20000; i++ {
		row := b.row()
		for j, f := range b.fields {
			if err := model.Validate(f, row[j]); err != nil {
				t.Fatalf("row %d field %s: %v (%+v)", i, f.Name, err, row[j])
			}
		}
		email := row[idx["emails"]].List[0]
		if seen[email] {
			t.Fatalf("duplicate email %s", email)
		}
		seen[email] = true
		local, domain, _ := strings.Cut(email, "@")
		if strings.ContainsAny(local, "0123456789") {
			suffixed++
		}
		if co := row[idx["company"]]; co.Valid {
			if want := g.companies[co.Int-1].domain; domain != want {
				t.Fatalf("%s works at %s but has email %s", row[idx["name"]].Str, want, email)
			}
		}
	}
	if suffixed == 0 {
		t.Fatal("20,000 people at 3 companies should need numbered emails")
	}
}

func TestGeneratorDeterministic(t *testing.T) {
	gen := func(seed int64) []string {
		g := newGen(seed, testNow)
		g.planCompanies(5)
		b := g.personPlan().bind(peopleObject())
		var out []string
		for i := 0; i < 50; i++ {
			for _, v := range b.row() {
				out = append(out, v.Str+strings.Join(v.List, ",")+string(rune(v.Int)))
			}
		}
		return out
	}
	a, b, c := gen(1), gen(1), gen(2)
	if strings.Join(a, "|") != strings.Join(b, "|") {
		t.Fatal("same seed gave different people")
	}
	if strings.Join(a, "|") == strings.Join(c, "|") {
		t.Fatal("different seeds gave the same people")
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"Müller": "muller", "Van der Berg": "vanderberg", "O'Brien": "obrien",
		"Wiśniewski": "wisniewski", "Min-jun": "minjun", "Østergaard": "ostergaard", "Élan": "elan"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// peopleObject is the standard people object's shape, for generator tests
// that run without a store.
func peopleObject() model.Object {
	return model.Object{Name: "people", LabelField: "name", Fields: []model.Field{
		{Name: "name", Type: model.TypeText},
		{Name: "emails", Type: model.TypeEmails, Unique: true},
		{Name: "phones", Type: model.TypePhones},
		{Name: "job_title", Type: model.TypeText},
		{Name: "company", Type: model.TypeRelation, Target: "companies"},
		{Name: "city", Type: model.TypeText},
		{Name: "linkedin", Type: model.TypeLinks},
	}}
}

func BenchmarkPeopleRows(b *testing.B) {
	g := newGen(1, testNow)
	g.planCompanies(40)
	p := g.personPlan().bind(peopleObject())
	b.ReportAllocs()
	for b.Loop() {
		p.row()
	}
}
