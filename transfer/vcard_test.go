package transfer

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// rowMap pairs header and row.
func rowMap(h, row []string) map[string]string {
	m := map[string]string{}
	for i, c := range h {
		if row[i] != "" {
			m[c] = row[i]
		}
	}
	return m
}

func TestVCard3(t *testing.T) {
	r, rows := readAll(t, "testdata/contacts_v3.vcf", ReadOptions{})
	if r.Format() != "vcf" || !reflect.DeepEqual(r.Header(), vCardColumns) {
		t.Fatalf("format %q header %q", r.Format(), r.Header())
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows", len(rows))
	}
	want := map[string]string{
		"name":      "Johnny Appleseed",
		"emails":    "johnny@apple.example, johnny@home.example", // TYPE=pref first
		"phones":    "+1 (408) 555-0100, +1 408 555 0199",
		"company":   "Apple Inc.",
		"job_title": "Genius",
		"city":      "Cupertino",
		"linkedin":  "https://www.linkedin.com/in/johnny",
		"links":     "https://johnny.example",
	}
	if got := rowMap(r.Header(), rows[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("card 1:\n got %v\nwant %v", got, want)
	}
	want = map[string]string{
		"name": "Dr. Jürgen Müller", "emails": "j.mueller@example.de", "phones": "+49 30 1234567",
		"company": "Müller & Söhne GmbH", "city": "Berlin",
		"linkedin": "https://www.linkedin.com/in/juergen-mueller", // unfolded
	}
	if got := rowMap(r.Header(), rows[1]); !reflect.DeepEqual(got, want) {
		t.Errorf("card 2:\n got %v\nwant %v", got, want)
	}
}

func TestVCard4(t *testing.T) {
	r, rows := readAll(t, "testdata/contacts_v4.vcf", ReadOptions{})
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	want := map[string]string{
		"name": "Ana García", "emails": "ana.garcia@empresa.example, ana@personal.example", // PREF=1 first
		"phones": "+34-600-123-456", "company": "Empresa S.L.", "job_title": "Directora comercial",
		"city": "Madrid", "links": "https://empresa.example",
	}
	if got := rowMap(r.Header(), rows[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("card 1:\n got %v\nwant %v", got, want)
	}
	if got := rowMap(r.Header(), rows[1]); !reflect.DeepEqual(got, map[string]string{"name": "Hiroshi Tanaka", "emails": "hiroshi@example.jp"}) {
		t.Errorf("card 2 (name from N): %v", got)
	}
	// vCard 2.1 with quoted-printable.
	if got := rowMap(r.Header(), rows[2]); got["name"] != "Zoë Smith" || got["phones"] != "+1-202-555-0100" {
		t.Errorf("card 3: %v", got)
	}
	// The synthetic header maps onto people without help.
	_, rep, err := AutoMap(r.Header(), peopleObj(), nil)
	if err != nil || len(rep.Unmapped) != 1 || rep.Unmapped[0].Header != "links" {
		t.Errorf("AutoMap: %v %+v", err, rep.Unmapped)
	}
}

func TestVCardErrors(t *testing.T) {
	cases := map[string]error{
		"BEGIN:VCARD\r\nFN:Ann\r\n":                   nil, // no END: error from Next
		"hello\n":                                     ErrEmpty,
		"BEGIN:VCARD\nFN:Ren\xe9e\nEND:VCARD\n":       ErrEncoding,
		"BEGIN:VCARD\nFN:A\x00nn\nEND:VCARD\n":        ErrBinary,
		"BEGIN:VCARD\nNOTE:only a note\nEND:VCARD\n":  nil,
		"BEGIN:VCARD\nFN;broken\nTEL\n:\nEND:VCARD\n": nil,
	}
	for in, want := range cases {
		r, err := Open(writeTemp(t, "x.vcf", []byte(in)), ReadOptions{})
		if want != nil {
			if !errors.Is(err, want) {
				t.Errorf("%q: err %v, want %v", in, err, want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if _, _, err := r.Next(); err == nil {
			t.Errorf("%q: no error", in)
		}
		r.Close()
	}
	// An oversized photo is skipped; an oversized name is an error.
	big := strings.Repeat("QUJD", 1<<18) // 1 MiB of base64
	in := "BEGIN:VCARD\nFN:Ann\nPHOTO;ENCODING=b:" + big + "\nEND:VCARD\n"
	_, rows := readAll(t, writeTemp(t, "p.vcf", []byte(in)), ReadOptions{MaxRowBytes: 4096})
	if len(rows) != 1 || rows[0][0] != "Ann" {
		t.Errorf("photo card: %q", rows)
	}
	r, err := Open(writeTemp(t, "n.vcf", []byte("BEGIN:VCARD\nFN:"+big+"\nEND:VCARD\n")), ReadOptions{MaxRowBytes: 4096})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, _, err := r.Next(); !errors.Is(err, ErrTooLarge) {
		t.Errorf("huge FN: %v", err)
	}
}

func TestVCardWriteRoundTrip(t *testing.T) {
	h := []string{"id", "name", "emails", "phones", "company", "job_title", "city", "linkedin", "links", "owner", "birthday"}
	rows := [][]string{
		{"17", "Zoë Åström-Lindqvist, PhD", "zoe@example.se, z@work.example", "+46 8 123 456, +46 70 111 22 33",
			"Åström; Partners AB", "Chief Executive Officer and Founder of a company with a very long title", "Malmö",
			"https://www.linkedin.com/in/zoe", "https://zoe.example, https://linkedin.com/company/x", "anna", "1980-02-29"},
		{"18", "Bob", "", "", "", "", "", "", "", "", ""},
	}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, WriteOptions{Format: "vcf"})
	if err != nil {
		t.Fatal(err)
	}
	w.WriteHeader(h)
	for _, r := range rows {
		if err := w.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	out := buf.String()
	for _, line := range strings.Split(out, "\r\n") {
		if len(line) > 75 {
			t.Errorf("unfolded line of %d octets: %q", len(line), line)
		}
	}
	if !strings.Contains(out, "VERSION:3.0\r\n") || !strings.Contains(out, "X-ROLO-ID:17\r\n") || !strings.Contains(out, "N:Lindqvist\\, PhD;Zoë Åström-;;;") && !strings.Contains(out, "N:PhD;Zoë Åström-Lindqvist\\,;;;") {
		t.Errorf("output:\n%s", out)
	}
	r, got := readAll(t, writeTemp(t, "out.vcf", buf.Bytes()), ReadOptions{})
	for i, row := range got {
		back := rowMap(r.Header(), row)
		orig := rowMap(h, rows[i])
		if !reflect.DeepEqual(back, orig) {
			t.Errorf("card %d:\n got %v\nwant %v", i, back, orig)
		}
	}
}
