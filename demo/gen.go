package demo

import (
	"math/rand/v2"
	"strconv"
	"time"

	"rolo/model"
)

// gen draws every demo value from one seeded random stream, in a fixed
// order, so the same seed and schema give the same data.
type gen struct {
	r   *rand.Rand
	now time.Time

	companies  []company
	companyIdx map[int64]int // company id → index in companies
	// Name slugs for email local parts, and how often each (first, last,
	// domain) triple was used, so the second Jane Doe at acme.io becomes
	// jane.doe2@acme.io. The key packs the three small ids into one integer
	// to keep a million-person map cheap.
	firstSlug, lastSlug   []int
	firstSlugs, lastSlugs []string
	emailCount            map[uint64]uint32

	// Resolved after the corresponding rows are stored.
	memberIDs []int64
	pipes     []pipeChoice
	contacts  map[int64][]contact // company id → some of its people
	loose     []contact           // people with no company
	opps      []oppRef
}

type company struct {
	name, domain string
	loc          *locale
	id           int64
}

type contact struct {
	id   int64
	name string
}

type oppRef struct {
	id        int64
	name      string
	companyID int64
}

// pipeChoice is a pipeline with the share of opportunities it gets.
type pipeChoice struct {
	p      model.Pipeline
	weight int
}

// freeMail domains hold the addresses of people without a company; they
// come after the company domains in the email-collision key space.
var freeMail = []string{"gmail.com", "outlook.com", "proton.me", "yahoo.com", "icloud.com"}

func newGen(seed int64, now time.Time) *gen {
	g := &gen{
		r:          rand.New(rand.NewPCG(uint64(seed), 0x726f6c6f)), // "rolo"
		now:        now,
		emailCount: map[uint64]uint32{},
		contacts:   map[int64][]contact{},
	}
	g.firstSlug, g.firstSlugs = slugIDs(firstNames)
	g.lastSlug, g.lastSlugs = slugIDs(lastNames)
	return g
}

func (g *gen) intn(n int) int { return g.r.IntN(n) }

func pick[T any](g *gen, list []T) T { return list[g.r.IntN(len(list))] }

// chance reports true with probability pct percent.
func (g *gen) chance(pct int) bool { return g.r.IntN(100) < pct }

// planCompanies chooses n unique company names and domains. Head × tail
// gives 1,500 names; beyond that a number keeps them unique.
func (g *gen) planCompanies(n int) {
	combos := len(companyHeads) * len(companyTails)
	order := g.r.Perm(combos)
	seen := make(map[string]bool, n)
	g.companies = make([]company, 0, n)
	for i := 0; i < n; i++ {
		k := order[i%combos]
		head, tail := companyHeads[k/len(companyTails)], companyTails[k%len(companyTails)]
		name := head + " " + tail
		loc := &locales[g.r.IntN(len(locales))]
		base := slug(head) + slug(tail)
		if round := i / combos; round > 0 {
			name += " " + strconv.Itoa(round+1)
			base += strconv.Itoa(round + 1)
		}
		domain := base + loc.tld
		// Names are unique by construction; the domain check guards
		// against two spellings folding to one slug.
		for j := 2; seen[domain]; j++ {
			domain = base + strconv.Itoa(j) + loc.tld
		}
		seen[domain] = true
		g.companies = append(g.companies, company{name: name, domain: domain, loc: loc})
	}
}

// digits appends n random decimal digits.
func (g *gen) digits(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, byte('0'+g.r.IntN(10)))
	}
	return b
}

// phone builds a valid E.164 number for the locale.
func (g *gen) phone(loc *locale) string {
	p := loc.phones[g.r.IntN(len(loc.phones))]
	b := make([]byte, 0, 16)
	b = append(b, p.prefix...)
	b = append(b, p.next[g.r.IntN(len(p.next))])
	return string(g.digits(b, p.rest))
}

// email returns a unique address for the person at domain index di.
func (g *gen) email(fi, li, di int, domain string) string {
	fs, ls := g.firstSlug[fi], g.lastSlug[li]
	key := (uint64(fs)*uint64(len(g.lastSlugs))+uint64(ls))*uint64(len(g.companies)+len(freeMail)) + uint64(di)
	n := g.emailCount[key] + 1
	g.emailCount[key] = n
	local := g.firstSlugs[fs] + "." + g.lastSlugs[ls]
	if n > 1 {
		local += strconv.Itoa(int(n))
	}
	return local + "@" + domain
}

// day is now shifted by days, as a date value's text.
func (g *gen) day(days int) string {
	return g.now.AddDate(0, 0, days).Format(time.DateOnly)
}

// member picks a member id, or 0 when there are none.
func (g *gen) member() int64 {
	if len(g.memberIDs) == 0 {
		return 0
	}
	return pick(g, g.memberIDs)
}

// option picks the option whose value is want, else a random one, so the
// demo survives a renamed or trimmed option list.
func (g *gen) option(f *model.Field, want string) model.Value {
	if len(f.Options) == 0 {
		if want == "" {
			return model.Value{}
		}
		return model.Value{Valid: true, Str: want}
	}
	if want != "" {
		if o, ok := f.Option(want); ok {
			return model.Value{Valid: true, Str: o.Value}
		}
	}
	return model.Value{Valid: true, Str: f.Options[g.r.IntN(len(f.Options))].Value}
}

// Value constructors, so generated values are built directly rather than
// formatted and parsed back.
func text(s string) model.Value {
	if s == "" {
		return model.Value{}
	}
	return model.Value{Valid: true, Str: s}
}
func num(f float64) model.Value { return model.Value{Valid: true, Num: f} }
func list(s string) model.Value { return model.Value{Valid: true, List: []string{s}} }
func money(micros int64, code string) model.Value {
	return model.Value{Valid: true, Int: micros, Str: code}
}
func millis(t time.Time) model.Value { return model.Value{Valid: true, Int: t.UnixMilli()} }
func ref(id int64) model.Value {
	if id == 0 {
		return model.Value{}
	}
	return model.Value{Valid: true, Int: id}
}
