package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rolo/model"
)

// Benchmarks run against a workspace of 1,000,000 people, 20,000 companies
// and 100,000 opportunities, built once with the BulkWriter into a file
// under os.TempDir() and reused by later runs while the schema and the
// fixture version match. go test without -bench never builds it.

const (
	benchPeople        = 1_000_000
	benchCompanies     = 20_000
	benchOpportunities = 100_000
	fixtureVersion     = 4 // bump when buildFixture changes
)

var (
	firstNames = []string{"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
		"David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Amélie", "Lukas", "Sofia", "Mateo"}
	lastNames = []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
		"Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Dubois", "Müller"}
	benchCities = []string{"Paris", "Berlin", "London", "New York", "Tokyo", "Madrid", "Rome", "Oslo", "Lisbon", "Austin", "Toronto", "Sydney"}
	jobTitles   = []string{"CEO", "CTO", "VP Sales", "Account Executive", "Engineer", "Designer", "Buyer", "Office Manager"}
)

// benchStore opens the cached fixture, building it if needed.
func benchStore(b *testing.B) *Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("rolo-bench-s%d-f%d.db", len(migrations), fixtureVersion))
	if s, err := Open(path, Options{Actor: "bench"}); err == nil {
		var v int
		s.db.QueryRow(`SELECT value FROM meta WHERE key = 'bench_fixture'`).Scan(&v)
		if v == fixtureVersion {
			return s
		}
		s.Close()
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	start := time.Now()
	s, err := Open(path, Options{Actor: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	if err := buildFixture(s); err != nil {
		s.Close()
		os.Remove(path)
		b.Fatal(err)
	}
	b.Logf("built %s in %v", path, time.Since(start).Round(time.Millisecond))
	return s
}

func buildFixture(s *Store) error {
	rng := rand.New(rand.NewPCG(42, 7))
	var members []int64
	for _, login := range []string{"ana", "ben", "chloe", "dev", "eli"} {
		m, err := s.AddMember(ctx, model.Member{Login: login, Name: login})
		if err != nil {
			return err
		}
		members = append(members, m.ID)
	}
	w, err := s.NewBulkWriter(ctx, "companies", []string{"name", "domain", "employees", "industry", "owner"}, BulkOptions{})
	if err != nil {
		return err
	}
	industries := []string{"software", "finance", "healthcare", "retail", "manufacturing"}
	for i := range benchCompanies {
		if err := w.Add(text(fmt.Sprintf("%s %s %d", lastNames[rng.IntN(len(lastNames))], []string{"Inc", "LLC", "GmbH", "SA"}[i%4], i)),
			list(fmt.Sprintf("https://c%d.example.com", i)), num(float64(rng.IntN(5000))), text(industries[rng.IntN(len(industries))]),
			id(members[rng.IntN(len(members))])); err != nil {
			return err
		}
	}
	if _, err := w.Commit(); err != nil {
		return err
	}
	if err := bulkPeople(s, rng, benchPeople, 0, members); err != nil {
		return err
	}
	if err := bulkOpportunities(s, rng, benchOpportunities, members); err != nil {
		return err
	}
	_, err = s.db.Exec(`INSERT INTO meta (key, value) VALUES ('bench_fixture', ?)`, fixtureVersion)
	return err
}

// bulkOpportunities inserts n opportunities of the Sales pipeline in
// random stages, currencies, companies and owners.
func bulkOpportunities(s *Store, rng *rand.Rand, n int, members []int64) error {
	sales, err := s.Pipeline(ctx, "Sales")
	if err != nil {
		return err
	}
	w, err := s.NewBulkWriter(ctx, "opportunities", []string{"name", "amount", "company", "pipeline", "stage", "owner"}, BulkOptions{})
	if err != nil {
		return err
	}
	codes := []string{"USD", "USD", "USD", "EUR", "GBP"}
	for i := range n {
		st := sales.Stages[rng.IntN(len(sales.Stages))]
		if err := w.Add(text(fmt.Sprintf("Deal %d", i)), money(int64(rng.IntN(500_000))*1_000_000, codes[rng.IntN(len(codes))]),
			id(int64(1+rng.IntN(benchCompanies))), id(sales.ID), id(st.ID), id(members[rng.IntN(len(members))])); err != nil {
			return err
		}
	}
	_, err = w.Commit()
	return err
}

// bulkPeople inserts n people whose emails are numbered from base.
func bulkPeople(s *Store, rng *rand.Rand, n, base int, members []int64) error {
	w, err := s.NewBulkWriter(ctx, "people", []string{"name", "emails", "phones", "job_title", "company", "city", "owner"}, BulkOptions{})
	if err != nil {
		return err
	}
	owner := model.Value{}
	for i := range n {
		first, last := firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))]
		if len(members) > 0 {
			owner = id(members[rng.IntN(len(members))])
		}
		company := model.Value{}
		if benchCompanies > 0 && i%10 != 0 {
			company = id(int64(1 + rng.IntN(benchCompanies)))
		}
		if err := w.Add(text(first+" "+last),
			list(fmt.Sprintf("%s.%s.%d@example.com", first, last, base+i)),
			list(fmt.Sprintf("+1201555%04d", i%10000)),
			text(jobTitles[rng.IntN(len(jobTitles))]),
			company,
			text(benchCities[rng.IntN(len(benchCities))]),
			owner); err != nil {
			return err
		}
	}
	_, err = w.Commit()
	return err
}

func BenchmarkBulkInsertPeople(b *testing.B) {
	s := newTestStore(b)
	rng := rand.New(rand.NewPCG(1, 1))
	const batch = 20_000
	rows := 0
	for b.Loop() {
		if err := bulkPeople(s, rng, batch, rows, nil); err != nil {
			b.Fatal(err)
		}
		rows += batch
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkBulkInsertPeopleFresh is the first import of a workspace (or
// the demo): 200,000 people into an empty table, in one writer.
func BenchmarkBulkInsertPeopleFresh(b *testing.B) {
	const batch = 200_000
	rows := 0
	for b.Loop() {
		b.StopTimer()
		s := newTestStore(b)
		rng := rand.New(rand.NewPCG(1, 1))
		b.StartTimer()
		if err := bulkPeople(s, rng, batch, 0, nil); err != nil {
			b.Fatal(err)
		}
		rows += batch
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkBulkInsertPeopleWithEvents(b *testing.B) {
	s := newTestStore(b)
	const batch = 20_000
	rows := 0
	for b.Loop() {
		w, err := s.NewBulkWriter(ctx, "people", []string{"name", "emails", "city"}, BulkOptions{Events: true})
		if err != nil {
			b.Fatal(err)
		}
		for i := range batch {
			if err := w.Add(text("Person"), list(fmt.Sprintf("p%d@example.com", rows+i)), text("Paris")); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := w.Commit(); err != nil {
			b.Fatal(err)
		}
		rows += batch
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkPageRandomKeyset reads 50 people in name order after a random
// position: the list view scrolling anywhere in a million records.
func BenchmarkPageRandomKeyset(b *testing.B) {
	s := benchStore(b)
	defer s.Close()
	st := s.meta().byName["people"]
	plan, _ := buildSortPlan(st, nil)
	rng := rand.New(rand.NewPCG(3, 4))
	var cursors []model.Cursor
	for range 256 {
		r, err := s.Get(ctx, "people", int64(1+rng.IntN(benchPeople)))
		if err != nil {
			b.Fatal(err)
		}
		cursors = append(cursors, encodeCursor(plan.sig, []any{r.Label, r.ID}))
	}
	i := 0
	for b.Loop() {
		pg, err := s.Query(ctx, "people", model.Query{After: cursors[i%len(cursors)], Limit: 50})
		if err != nil || len(pg.Records) == 0 {
			b.Fatal(err, len(pg.Records))
		}
		i++
	}
}

func BenchmarkFirstPage(b *testing.B) {
	s := benchStore(b)
	defer s.Close()
	for b.Loop() {
		if _, err := s.Query(ctx, "people", model.Query{Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLastPage(b *testing.B) {
	s := benchStore(b)
	defer s.Close()
	for b.Loop() {
		pg, err := s.Query(ctx, "people", model.Query{Last: true, Limit: 50})
		if err != nil || len(pg.Records) != 50 {
			b.Fatal(err)
		}
	}
}

func BenchmarkCountCityParis(b *testing.B) {
	s := benchStore(b)
	defer s.Close()
	f, err := model.ParseFilter("city:paris")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if n, err := s.Count(ctx, "people", f); err != nil || n == 0 {
			b.Fatal(err)
		}
	}
}

func BenchmarkCountAll(b *testing.B) {
	s := benchStore(b)
	defer s.Close()
	for b.Loop() {
		if _, err := s.Count(ctx, "people", model.Filter{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStageTotals(b *testing.B) {
	s := benchStore(b)
	defer s.Close()
	sales, err := s.Pipeline(ctx, "Sales")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		gs, err := s.StageTotals(ctx, sales.ID, model.Filter{})
		if err != nil || len(gs) == 0 {
			b.Fatal(err)
		}
	}
}

// BenchmarkStageTotalsFiltered100k is the board header of a filtered
// board of 100,000 opportunities: no precomputed totals, one pass over
// the pipeline's opportunities through the board index. "name:deal"
// matches every one, "owner:ben" a fifth.
func BenchmarkStageTotalsFiltered100k(b *testing.B) {
	s := benchStore(b)
	defer s.Close()
	benchStageTotalsFiltered(b, s)
}

// BenchmarkStageTotalsFiltered10k is the same on a board of 10,000
// opportunities, the size the board's speed target is set for.
func BenchmarkStageTotalsFiltered10k(b *testing.B) {
	s := newTestStore(b)
	rng := rand.New(rand.NewPCG(42, 7))
	var members []int64
	for _, login := range []string{"ana", "ben", "chloe", "dev", "eli"} {
		m, err := s.AddMember(ctx, model.Member{Login: login, Name: login})
		if err != nil {
			b.Fatal(err)
		}
		members = append(members, m.ID)
	}
	if err := bulkOpportunities(s, rng, 10_000, members); err != nil {
		b.Fatal(err)
	}
	benchStageTotalsFiltered(b, s)
}

func benchStageTotalsFiltered(b *testing.B, s *Store) {
	sales, err := s.Pipeline(ctx, "Sales")
	if err != nil {
		b.Fatal(err)
	}
	for _, src := range []string{"name:deal", "owner:ben"} {
		f, err := model.ParseFilter(src)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(src, func(b *testing.B) {
			for b.Loop() {
				gs, err := s.StageTotals(ctx, sales.ID, f)
				if err != nil || len(gs) == 0 {
					b.Fatal(err)
				}
			}
		})
	}
}

// The filters of the count and page benchmarks, by how many of the
// million people they match: common ones (a twelfth to a fifth), one
// that is common among the first names in sort order (medium), rare ones
// (a relation with an index: ~45 people; a phone number: 100 people
// spread over the whole name order, far beyond the bounded walk's
// window) and one that matches nobody.
var benchFilters = []struct{ name, src string }{
	{"all", ""},
	{"city", "city:paris"},
	{"job_title", "job_title:engineer"},
	{"name_contains", "name:smith"},
	{"owner", "owner:ben"},
	{"company", "company:#5"},
	{"medium", "city:oslo job_title:ceo name:amélie"},
	{"rare", "phones:+12015550042"},
	{"none", "city:atlantis"},
}

func benchFilter(b *testing.B, src string) model.Filter {
	b.Helper()
	f, err := model.ParseFilter(src)
	if err != nil {
		b.Fatal(err)
	}
	return f
}

// BenchmarkCountUpTo is the capped count the list shows with its first
// page ("1 of 10,000+"): it stops after the cap's worth of matches.
func BenchmarkCountUpTo(b *testing.B) {
	s := benchStore(b)
	defer s.Close()
	for _, limit := range []int64{1_000, 10_000} {
		for _, bf := range benchFilters {
			f := benchFilter(b, bf.src)
			b.Run(fmt.Sprintf("%s/%d", bf.name, limit), func(b *testing.B) {
				for b.Loop() {
					if _, _, err := s.CountUpTo(ctx, "people", f, limit); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkCountFiltered is the exact count that follows in the
// background: covering indexes for no filter, owner and relations, a scan
// of the table for text fields.
func BenchmarkCountFiltered(b *testing.B) {
	s := benchStore(b)
	defer s.Close()
	for _, bf := range benchFilters {
		f := benchFilter(b, bf.src)
		b.Run(bf.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Count(ctx, "people", f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFilteredPage is the first page of a filter in name order, and
// the page after it: common matches fill it from the sort index, rare ones
// go past the bounded walk to a scan.
func BenchmarkFilteredPage(b *testing.B) {
	s := benchStore(b)
	defer s.Close()
	for _, bf := range benchFilters {
		f := benchFilter(b, bf.src)
		first, err := s.Query(ctx, "people", model.Query{Filter: f, Limit: 50})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bf.name+"/first", func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Query(ctx, "people", model.Query{Filter: f, Limit: 50}); err != nil {
					b.Fatal(err)
				}
			}
		})
		if first.Next == "" {
			continue
		}
		b.Run(bf.name+"/next", func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Query(ctx, "people", model.Query{Filter: f, Limit: 50, After: first.Next}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(bf.name+"/last", func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Query(ctx, "people", model.Query{Filter: f, Limit: 50, Last: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkGet(b *testing.B) {
	s := benchStore(b)
	defer s.Close()
	rng := rand.New(rand.NewPCG(5, 6))
	for b.Loop() {
		if _, err := s.Get(ctx, "people", int64(1+rng.IntN(benchPeople))); err != nil {
			b.Fatal(err)
		}
	}
}
