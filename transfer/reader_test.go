package transfer

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// readAll opens path and returns the header and every row, failing on any
// error.
func readAll(t *testing.T, path string, opt ReadOptions) (Reader, [][]string) {
	t.Helper()
	r, err := Open(path, opt)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { r.Close() })
	var rows [][]string
	for {
		row, _, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: Next: %v", path, err)
		}
		rows = append(rows, row)
	}
	return r, rows
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSniffDelimiter(t *testing.T) {
	cases := []struct {
		name, in string
		want     rune
	}{
		{"comma", "a,b,c\n1,2,3\n", ','},
		{"semicolon with decimal commas", "Name;Amount\nAcme;1,5\nGlobex;2,75\n", ';'},
		{"tab", "a\tb\tc\n1\t2,5\t3\n", '\t'},
		{"delimiters inside quotes ignored", "\"a;b\",c\n\"x;y;z\",d\n", ','},
		{"quoted newline does not end the line", "a;b\n\"multi\nline, text\";2\n", ';'},
		{"single column", "name\nAnn\nBob\n", ','},
		{"inconsistent: header decides", "a;b;c\n1;2\n", ';'},
		{"no trailing newline", "a\tb\n1\t2", '\t'},
	}
	for _, c := range cases {
		if got := sniffDelimiter([]byte(c.in), true); got != c.want {
			t.Errorf("%s: sniffDelimiter = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestOpenCSVComma(t *testing.T) {
	r, rows := readAll(t, "testdata/hubspot_contacts.csv", ReadOptions{})
	if r.Format() != "csv" {
		t.Errorf("Format = %q", r.Format())
	}
	if h := r.Header(); h[0] != "Record ID" || h[len(h)-1] != "Last Activity Date" || len(h) != 12 {
		t.Errorf("header = %q", h)
	}
	if len(rows) != 3 {
		t.Fatalf("rows = %d, want 3", len(rows))
	}
	if rows[2][5] != "Smith & Sons, Ltd." || rows[2][2] != "Patrick, Jr." {
		t.Errorf("quoted cells: %q", rows[2])
	}
	// "+1 (617) 555-0142" is not a formula escape target on reading: no
	// leading quote, so it comes back as written.
	if rows[0][4] != "+1 (617) 555-0142" {
		t.Errorf("phone = %q", rows[0][4])
	}
}

func TestOpenSemicolonBOM(t *testing.T) {
	r, rows := readAll(t, "testdata/kommo_contacts_semicolon_bom.csv", ReadOptions{})
	h := r.Header()
	if h[0] != "Name" {
		t.Errorf("BOM not stripped: first header %q", h[0])
	}
	if len(h) != 11 || h[10] != "Budget" {
		t.Errorf("header = %q", h)
	}
	if len(rows) != 2 || rows[1][4] != "Kowalski; Partners" || rows[0][10] != "1.234,50 €" {
		t.Errorf("rows = %q", rows)
	}
}

func TestOpenTSV(t *testing.T) {
	r, rows := readAll(t, "testdata/pipedrive_deals.tsv", ReadOptions{})
	if r.Format() != "tsv" {
		t.Errorf("Format = %q, want tsv", r.Format())
	}
	if len(rows) != 3 || rows[2][4] != `Bill "The Boss" Lumbergh` || rows[2][1] != "-300" {
		t.Errorf("rows = %q", rows)
	}
	// Tab content in a .csv file is sniffed too.
	data, _ := os.ReadFile("testdata/pipedrive_deals.tsv")
	r2, rows2 := readAll(t, writeTemp(t, "deals.csv", data), ReadOptions{})
	if r2.Format() != "tsv" || !reflect.DeepEqual(rows, rows2) {
		t.Errorf("sniffed tab: format %q rows %q", r2.Format(), rows2)
	}
}

func TestExplicitDelimiter(t *testing.T) {
	p := writeTemp(t, "x.csv", []byte("a;b,c\n1;2,3\n"))
	r, rows := readAll(t, p, ReadOptions{Delimiter: ';'})
	if !reflect.DeepEqual(r.Header(), []string{"a", "b,c"}) || !reflect.DeepEqual(rows[0], []string{"1", "2,3"}) {
		t.Errorf("header %q rows %q", r.Header(), rows)
	}
}

func TestHeaderOnly(t *testing.T) {
	r, rows := readAll(t, "testdata/header_only.csv", ReadOptions{})
	if len(r.Header()) != 2 || len(rows) != 0 {
		t.Errorf("header %q rows %q", r.Header(), rows)
	}
}

func TestBlankRowsSkipped(t *testing.T) {
	p := writeTemp(t, "x.csv", []byte("a,b\n,\n1,2\n\n , \n3,4\n,\n"))
	_, rows := readAll(t, p, ReadOptions{})
	if !reflect.DeepEqual(rows, [][]string{{"1", "2"}, {"3", "4"}}) {
		t.Errorf("rows = %q", rows)
	}
}

func TestOpenErrors(t *testing.T) {
	cases := []struct {
		file   string
		is     error
		substr string
	}{
		{"bad_empty.csv", ErrEmpty, "bad_empty.csv is empty"},
		{"bad_utf16.csv", ErrEncoding, "bad_utf16.csv is not UTF-8 (looks like UTF-16); save it as UTF-8 CSV"},
		{"bad_latin1.csv", ErrEncoding, "bad_latin1.csv is not UTF-8 (line 2; looks like UTF-16/Latin-1?); save it as UTF-8 CSV"},
		{"bad_binary_junk.csv", ErrBinary, "binary"},
	}
	for _, c := range cases {
		r, err := Open(filepath.Join("testdata", c.file), ReadOptions{})
		if err == nil {
			r.Close()
			t.Errorf("%s: no error", c.file)
			continue
		}
		if !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.substr) {
			t.Errorf("%s: error %q, want %v containing %q", c.file, err, c.is, c.substr)
		}
	}
	if _, err := Open("testdata/nope.csv", ReadOptions{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := Open("testdata/header_only.csv", ReadOptions{Format: "ods"}); !errors.Is(err, ErrFormat) {
		t.Errorf("unknown format: %v", err)
	}
	// Whitespace and a BOM only: still empty.
	p := writeTemp(t, "blank.csv", []byte("\xef\xbb\xbf\n\r\n  \n"))
	if _, err := Open(p, ReadOptions{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("blank file: %v", err)
	}
	// UTF-16 without a BOM is recognized as such, not as "binary".
	p = writeTemp(t, "u16.csv", []byte("N\x00a\x00m\x00e\x00,\x00E\x00\n\x00A\x00n\x00n\x00,\x00x\x00\n\x00"))
	if _, err := Open(p, ReadOptions{}); !errors.Is(err, ErrEncoding) || !strings.Contains(err.Error(), "UTF-16") {
		t.Errorf("BOM-less UTF-16: %v", err)
	}
	// An old .xls renamed to .csv gets advice.
	p = writeTemp(t, "old.csv", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 100)...))
	if _, err := Open(p, ReadOptions{}); err == nil || !strings.Contains(err.Error(), ".xls") {
		t.Errorf("xls: %v", err)
	}
}

func TestLatin1AfterSample(t *testing.T) {
	// The bad byte is beyond the sniffed sample: caught per row, naming
	// the line, and fatal.
	var b bytes.Buffer
	b.WriteString("name,city\n")
	for b.Len() < 2*sniffBytes {
		b.WriteString("Ann,Oslo\n")
	}
	lines := strings.Count(b.String(), "\n")
	b.WriteString("Ren\xe9e,Montr\xe9al\nBob,Rome\n")
	r, err := Open(writeTemp(t, "late.csv", b.Bytes()), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var last error
	for {
		_, _, err := r.Next()
		if err != nil {
			last = err
			break
		}
	}
	if !errors.Is(last, ErrEncoding) || !strings.Contains(last.Error(), "line "+strconv.Itoa(lines+1)) {
		t.Fatalf("error = %v, want encoding error on line %d", last, lines+1)
	}
	if _, _, err := r.Next(); err != last {
		t.Errorf("fatal error not sticky: %v", err)
	}
}

func TestRaggedRows(t *testing.T) {
	r, err := Open("testdata/bad_ragged.csv", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	type res struct {
		row    []string
		line   int
		ragged bool
		msg    string
	}
	var got []res
	for {
		row, line, err := r.Next()
		if err == io.EOF {
			break
		}
		var re *RowError
		if err != nil && !errors.As(err, &re) {
			t.Fatal(err)
		}
		x := res{row: row, line: line}
		if re != nil {
			x.ragged, x.msg = re.Ragged, re.Error()
		}
		got = append(got, x)
	}
	if len(got) != 4 {
		t.Fatalf("got %d results: %+v", len(got), got)
	}
	if got[1].msg != "line 3: has 2 columns, the header has 3" || !got[1].ragged || len(got[1].row) != 2 {
		t.Errorf("short row: %+v", got[1])
	}
	if got[2].msg != "line 4: has 4 columns, the header has 3" || !got[2].ragged {
		t.Errorf("long row: %+v", got[2])
	}
	if got[3].row[0] != "Dee" || got[3].line != 5 || got[3].msg != "" {
		t.Errorf("reading continues after ragged rows: %+v", got[3])
	}
}

func TestQuoteErrors(t *testing.T) {
	// A bare quote spoils one row; the next is still read.
	r, err := Open("testdata/bad_bare_quote.csv", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, line, err := r.Next()
	var re *RowError
	if !errors.As(err, &re) || line != 2 || !strings.Contains(err.Error(), "line 2: stray quote") {
		t.Errorf("bare quote: line %d err %v", line, err)
	}
	row, _, err := r.Next()
	if err != nil || row[0] != "Ann" {
		t.Errorf("after bare quote: %q %v", row, err)
	}
	r.Close()

	// An unclosed quote swallows the rest of the file and says so.
	r, err = Open("testdata/bad_unbalanced_quote.csv", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, _, err = r.Next()
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "line 2: unbalanced quote") {
		t.Errorf("unbalanced quote: %v", err)
	}
	if _, _, err := r.Next(); err != io.EOF {
		t.Errorf("after unbalanced quote at EOF: %v", err)
	}
}

func TestHugeCell(t *testing.T) {
	// A 10 MB single cell: a clear error, not 10 MB (or the whole file)
	// held as one string.
	var b bytes.Buffer
	b.WriteString("name,notes\nAnn,\"")
	b.Write(bytes.Repeat([]byte("x"), 10<<20))
	b.WriteString("\"\nBob,short\n")
	r, err := Open(writeTemp(t, "huge.csv", b.Bytes()), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, _, err = r.Next()
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "line 2: a row is larger than 1 MB") {
		t.Fatalf("err = %v", err)
	}
	// The same cell under a raised cap is fine.
	r2, err := Open(writeTemp(t, "huge2.csv", b.Bytes()), ReadOptions{MaxRowBytes: 16 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	row, _, err := r2.Next()
	if err != nil || len(row[1]) != 10<<20 {
		t.Fatalf("raised cap: len %d err %v", len(row), err)
	}
}

func TestUnbalancedQuoteInBigFile(t *testing.T) {
	// An early unclosed quote in a large file hits the row cap instead of
	// loading the file into one cell.
	var b bytes.Buffer
	b.WriteString("name,email\n\"Ann,ann@example.com\n")
	for b.Len() < 3<<20 {
		b.WriteString("Bob,bob@example.com\n")
	}
	r, err := Open(writeTemp(t, "q.csv", b.Bytes()), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, _, err = r.Next()
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "unbalanced quote") {
		t.Fatalf("err = %v", err)
	}
}

func TestContentSniffing(t *testing.T) {
	// A vCard saved as .txt is still read as vCard.
	data, _ := os.ReadFile("testdata/contacts_v4.vcf")
	r, err := Open(writeTemp(t, "contacts.txt", data), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Format() != "vcf" {
		t.Errorf("Format = %q", r.Format())
	}
}
