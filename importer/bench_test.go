package importer

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"rolo/model"
)

var (
	benchOnce sync.Once
	benchPath string
)

// benchCSV writes, once per test binary run, a 1,000,000-row people file
// of 10 columns: what a CRM export of a big address book looks like.
func benchCSV(b *testing.B) string {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "rolo-import-bench")
		if err != nil {
			b.Fatal(err)
		}
		benchPath = filepath.Join(dir, "people1m.csv")
		f, err := os.Create(benchPath)
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		first := []string{"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "Amélie", "Lukas"}
		last := []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Dubois", "Müller", "Rossi"}
		cities := []string{"Paris", "Berlin", "London", "New York", "Tokyo", "Madrid", "Rome", "Oslo"}
		titles := []string{"CEO", "CTO", "VP Sales", "Account Executive", "Engineer", "Designer"}
		fmt.Fprintln(w, "name,emails,phones,job_title,company,city,linkedin,owner,active,position")
		for i := range 1_000_000 {
			fmt.Fprintf(w, "%s %s %d,person%d@example.com,+1 415 555 %04d,%s,Company %d,%s,https://linkedin.com/in/p%d,%s,true,%d\n",
				first[i%10], last[i/10%10], i, i, i%10000, titles[i%6], i%1000, cities[i%8], i, []string{"ana", "ben", "chloe"}[i%3], i+1)
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		f.Close()
	})
	return benchPath
}

// BenchmarkImportPeople1M imports a million people into an empty
// workspace whose 1,000 companies and 3 members exist: every cell parsed
// and validated, every company and owner resolved, the emails upsert
// index in place, one created event per record, one transaction.
func BenchmarkImportPeople1M(b *testing.B) {
	path := benchCSV(b)
	for b.Loop() {
		b.StopTimer()
		st := newStore(b)
		for _, l := range []string{"ana", "ben", "chloe"} {
			st.AddMember(ctx, model.Member{Login: l})
		}
		var sb []byte
		sb = append(sb, "name\n"...)
		for i := range 1000 {
			sb = fmt.Appendf(sb, "Company %d\n", i)
		}
		mustRun(b, st, Options{Object: "companies", Path: writeFile(b, "c.csv", string(sb))})
		b.StartTimer()
		rep := mustRun(b, st, Options{Object: "people", Path: path})
		if rep.Created != 1_000_000 {
			b.Fatalf("created %d", rep.Created)
		}
	}
	b.ReportMetric(1_000_000*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
