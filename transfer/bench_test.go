package transfer

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadCSV1M reads a generated 1,000,000-row × 10-column CSV end
// to end through Open and Next and reports rows per second.
func BenchmarkReadCSV1M(b *testing.B) {
	const rows = 1_000_000
	path := filepath.Join(b.TempDir(), "big.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "id,name,email,phone,company,job_title,city,amount,stage,close_date")
	for i := 0; i < rows; i++ {
		fmt.Fprintf(w, "%d,Person %d,person%d@example.com,+1 555 %07d,\"Company %d, Inc.\",Engineer,Berlin,%d.50,Negotiation,2016-10-%02d\n",
			i, i, i, i, i%5000, i%100000, i%28+1)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		r, err := Open(path, ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		count := 0
		for {
			_, _, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			count++
		}
		r.Close()
		if count != rows {
			b.Fatalf("read %d rows", count)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkMapApply measures mapping one row, the per-row cost the import
// adds on top of reading.
func BenchmarkMapApply(b *testing.B) {
	h := []string{"id", "First Name", "Last Name", "Email", "Work Phone", "Mobile", "Company", "Job Title", "City", "Owner"}
	m, _, err := AutoMap(h, peopleObj(), nil)
	if err != nil {
		b.Fatal(err)
	}
	row := []string{"1", "Ann", "Lee", "ann@example.com", "+1 555 0100", "+1 555 0101", "Acme", "CTO", "Oslo", "olga"}
	dst := map[string]string{}
	b.ReportAllocs()
	for b.Loop() {
		m.Apply(row, dst)
	}
}
