package transfer

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Cells that stress escaping, quoting and number handling.
var trickyHeader = []string{"id", "name", "emails", "amount", "notes", "phones"}
var trickyRows = [][]string{
	{"1", "=HYPERLINK(\"http://evil\",\"x\")", "a@x.com, b@y.com", "-300", "line one\nline \"two\"", "+1 555 0100"},
	{"2", "@SUM(1)", "", "1234.50", "'=already quoted", "+15551234567"},
	{"3", "Zoë Åström", "zoe@example.se", "", "tab\there; semi, comma", ""},
	{"4", "-dash", "c@z.com", "0.1", "''", "007"},
	{"5", "'90s Band", "d@q.com", "1e5", "", "-"},
}

func roundTrip(t *testing.T, format string) (Reader, [][]string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, WriteOptions{Format: format, Sheet: "people"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteHeader(trickyHeader); err != nil {
		t.Fatal(err)
	}
	for _, r := range trickyRows {
		if err := w.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "export."+format)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	r, rows := readAll(t, p, ReadOptions{})
	return r, rows, buf.Bytes()
}

func TestWriterRoundTrip(t *testing.T) {
	for _, format := range []string{"csv", "tsv", "xlsx", "json"} {
		t.Run(format, func(t *testing.T) {
			r, rows, _ := roundTrip(t, format)
			if r.Format() != format {
				t.Errorf("read back as %q", r.Format())
			}
			if !reflect.DeepEqual(r.Header(), trickyHeader) {
				t.Errorf("header = %q", r.Header())
			}
			if !reflect.DeepEqual(rows, trickyRows) {
				for i := range rows {
					if i < len(trickyRows) && !reflect.DeepEqual(rows[i], trickyRows[i]) {
						t.Errorf("row %d:\n got %q\nwant %q", i, rows[i], trickyRows[i])
					}
				}
				if len(rows) != len(trickyRows) {
					t.Errorf("%d rows, want %d", len(rows), len(trickyRows))
				}
			}
		})
	}
}

func TestCSVWriterEscapes(t *testing.T) {
	_, _, out := roundTrip(t, "csv")
	s := string(out)
	for _, want := range []string{`"'=HYPERLINK(""http://evil"",""x"")"`, "'@SUM(1)", ",-300,", "'+1 555 0100", "''=already quoted", "'-dash"} {
		if !strings.Contains(s, want) {
			t.Errorf("CSV lacks %q:\n%s", want, s)
		}
	}
	if strings.HasPrefix(s, "\xef\xbb\xbf") {
		t.Error("BOM written without the option")
	}
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, WriteOptions{Format: "csv", BOM: true})
	w.WriteHeader([]string{"a"})
	if err := w.WriteRow([]string{"1", "2"}); err == nil {
		t.Error("ragged row accepted")
	}
	w.Close()
	if !strings.HasPrefix(buf.String(), "\xef\xbb\xbfa\n") {
		t.Errorf("BOM output %q", buf.String())
	}
}

func TestJSONWriter(t *testing.T) {
	_, _, out := roundTrip(t, "json")
	var got []map[string]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out)
	}
	if len(got) != len(trickyRows) || got[0]["name"] != trickyRows[0][1] || got[3]["amount"] != "0.1" {
		t.Errorf("JSON = %v", got)
	}
	// No escaping in JSON: it is not opened by spreadsheets.
	if !bytes.Contains(out, []byte(`"name": "=HYPERLINK`)) {
		t.Errorf("JSON escaped a cell:\n%s", out)
	}
	// Keys keep header order.
	if i, j := bytes.Index(out, []byte(`"id"`)), bytes.Index(out, []byte(`"phones"`)); i > j {
		t.Error("key order lost")
	}
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, WriteOptions{Format: "json"})
	w.WriteHeader([]string{"a"})
	w.Close()
	if strings.TrimSpace(buf.String()) != "[]" {
		t.Errorf("empty export = %q", buf.String())
	}
}

func TestJSONReaderErrors(t *testing.T) {
	cases := map[string]string{
		`{"a": 1}`:                         "expected a JSON array",
		`[]`:                               "empty",
		`[{"a": {"b": 1}}]`:                "nested objects",
		`[{"a": "x"}, 3]`:                  "", // reported by Next
		`[{"a": "x"}, {"a": "y", "b": 1}]`: "",
	}
	for in, want := range cases {
		r, err := Open(writeTemp(t, "x.json", []byte(in)), ReadOptions{})
		if want != "" {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: err %v, want %q", in, err, want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		r.Next()
		if _, _, err := r.Next(); err == nil {
			t.Errorf("%s: second item accepted", in)
		}
		r.Close()
	}
	r, rows := readAll(t, writeTemp(t, "y.json", []byte(`[{"n": 1.50, "b": true, "z": null, "l": ["a", "b"]}]`)), ReadOptions{})
	if !reflect.DeepEqual(rows, [][]string{{"1.50", "true", "", "a, b"}}) || r.Header()[3] != "l" {
		t.Errorf("rows %q", rows)
	}
}

func TestNewWriterUnknownFormat(t *testing.T) {
	if _, err := NewWriter(&bytes.Buffer{}, WriteOptions{Format: "pdf"}); err == nil {
		t.Error("pdf accepted")
	}
	if FormatFromPath("x/EXPORT.XLSX") != "xlsx" || FormatFromPath("a.vcard") != "vcf" || FormatFromPath("a") != "" {
		t.Error("FormatFromPath")
	}
}
