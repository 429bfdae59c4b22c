package transfer

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzCSVMapping runs arbitrary bytes through the CSV reader, AutoMap and
// Apply: whatever the input, nothing may panic, fatal errors must stick,
// and every row handed out must map.
func FuzzCSVMapping(f *testing.F) {
	for _, name := range []string{"hubspot_contacts.csv", "kommo_contacts_semicolon_bom.csv", "pipedrive_deals.tsv",
		"twenty_people.csv", "bad_ragged.csv", "bad_bare_quote.csv", "bad_unbalanced_quote.csv", "bad_latin1.csv"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("a,b\n\"x\n"))
	f.Add([]byte("\xef\xbb\xbf;;\n;\n"))
	f.Add([]byte("Name / First Name,Emails / Additional Emails\nA,[{\"number\":1}]\n"))
	obj := peopleObj()
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewCSVReader(bytes.NewReader(data), "fuzz.csv", ReadOptions{MaxRowBytes: 4096})
		if err != nil {
			return
		}
		defer r.Close()
		m, rep, err := AutoMap(r.Header(), obj, nil)
		if err != nil {
			t.Fatalf("AutoMap without overrides failed: %v", err)
		}
		if len(rep.Mapped)+len(rep.Unmapped) != len(r.Header()) {
			t.Fatalf("report covers %d+%d of %d columns", len(rep.Mapped), len(rep.Unmapped), len(r.Header()))
		}
		dst := map[string]string{}
		for i := 0; i < 10000; i++ {
			row, _, err := r.Next()
			if err == io.EOF {
				return
			}
			var re *RowError
			if err != nil && !errors.As(err, &re) {
				if _, _, again := r.Next(); again != err {
					t.Fatalf("fatal error not sticky: %v then %v", err, again)
				}
				return
			}
			if row != nil {
				m.Apply(row, dst)
			}
		}
	})
}
