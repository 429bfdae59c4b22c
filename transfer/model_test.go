package transfer

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"rolo/model"
)

var testEnv = model.ParseEnv{Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC), Region: "US"}

// importRows runs the import path this package owns: read, map, normalize,
// model.ParseValue. It returns one field → Value map per row.
func importRows(t *testing.T, path string, obj model.Object, opt ReadOptions, dateFormat string, decimalComma bool) []map[string]model.Value {
	t.Helper()
	r, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	m, _, err := AutoMap(r.Header(), obj, nil)
	if err != nil {
		t.Fatal(err)
	}
	n, err := NewNormalizer(dateFormat, decimalComma, r.Format())
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]model.Value
	cells := map[string]string{}
	for {
		row, line, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		m.Apply(row, cells)
		vals := map[string]model.Value{}
		for name, text := range cells {
			f, ok := obj.Field(name)
			if !ok {
				t.Fatalf("mapped to unknown field %q", name)
			}
			norm, err := n.Cell(f, text)
			if err != nil {
				t.Errorf("%s line %d: %v", filepath.Base(path), line, err)
				continue
			}
			v, err := model.ParseValue(f, norm, testEnv)
			if err != nil {
				t.Errorf("%s line %d: %s: %q → %q: %v", filepath.Base(path), line, name, text, norm, err)
				continue
			}
			vals[name] = v
		}
		out = append(out, vals)
	}
}

// Every vendor fixture goes through mapping, normalization and the
// model's parser without a single rejected cell.
func TestFixturesParse(t *testing.T) {
	cases := []struct {
		file   string
		obj    model.Object
		opt    ReadOptions
		date   string
		comma  bool
		rows   int
		check  string
		expect string
	}{
		{"twenty_people.csv", peopleObj(), ReadOptions{}, "", false, 3, "phones", "+33789012345"},
		{"hubspot_contacts.csv", peopleObj(), ReadOptions{}, "", false, 3, "emails", "maria.johnson@brightwave.io"},
		{"kommo_contacts_semicolon_bom.csv", peopleObj(), ReadOptions{}, "", true, 2, "name", "John Smith"},
		{"kommo_leads.csv", opportunitiesObj(), ReadOptions{}, "DD/MM/YYYY", false, 3, "amount", "USD 12500"},
		{"pipedrive_deals.tsv", opportunitiesObj(), ReadOptions{}, "", false, 3, "close_date", "2016-11-30"},
		{"hubspot_deals.xlsx", opportunitiesObj(), ReadOptions{Sheet: "Deals"}, "", false, 3, "close_date", "2016-10-20"},
		{"contacts_v3.vcf", peopleObj(), ReadOptions{}, "", false, 2, "phones", "+14085550100, +14085550199"},
		{"contacts_v4.vcf", peopleObj(), ReadOptions{}, "", false, 3, "emails", "ana.garcia@empresa.example, ana@personal.example"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			rows := importRows(t, filepath.Join("testdata", c.file), c.obj, c.opt, c.date, c.comma)
			if len(rows) != c.rows {
				t.Fatalf("%d rows, want %d", len(rows), c.rows)
			}
			f, _ := c.obj.Field(c.check)
			if got := model.FormatText(f, rows[0][c.check]); got != c.expect {
				t.Errorf("row 1 %s = %q, want %q", c.check, got, c.expect)
			}
		})
	}
}

// Export → import changes nothing: values written with FormatText in
// every format read back to the same values.
func TestExportImportIdentity(t *testing.T) {
	obj := model.Object{Name: "opportunities", LabelField: "name", Fields: append(sysFields(),
		model.Field{Name: "name", Label: "Name", Type: model.TypeText},
		model.Field{Name: "amount", Label: "Amount", Type: model.TypeCurrency},
		model.Field{Name: "probability", Label: "Probability", Type: model.TypeNumber},
		model.Field{Name: "close_date", Label: "Close date", Type: model.TypeDate},
		model.Field{Name: "next_call", Label: "Next call", Type: model.TypeDateTime},
		model.Field{Name: "hot", Label: "Hot", Type: model.TypeBoolean},
		model.Field{Name: "emails", Label: "Emails", Type: model.TypeEmails},
		model.Field{Name: "phones", Label: "Phones", Type: model.TypePhones},
		model.Field{Name: "notes", Label: "Notes", Type: model.TypeRichText},
		model.Field{Name: "company", Label: "Company", Type: model.TypeRelation, Target: "companies"},
	)}
	fields := []string{"id", "name", "amount", "probability", "close_date", "next_call", "hot", "emails", "phones", "notes", "company", "owner"}
	records := []map[string]string{
		{"id": "1", "name": "=cmd|' /C calc'!A0", "amount": "EUR -1234.5", "probability": "-0.25", "close_date": "2016-10-20",
			"next_call": "2026-11-23T14:30:00Z", "hot": "true", "emails": "a@x.com, b@y.com", "phones": "+16175550142, +33612345678",
			"notes": "# Plan\n\n- call \"Bob\"\n- +1 more", "company": "Smith & Sons, Ltd.", "owner": "olga"},
		{"id": "2", "name": "@risk; deal", "amount": "USD 0.000001", "probability": "1e+21", "close_date": "", "next_call": "",
			"hot": "false", "emails": "", "phones": "", "notes": "", "company": "-Hyphen Co", "owner": ""},
	}
	for _, format := range []string{"csv", "tsv", "xlsx", "json"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewWriter(&buf, WriteOptions{Format: format})
			if err != nil {
				t.Fatal(err)
			}
			w.WriteHeader(fields)
			for _, rec := range records {
				row := make([]string, len(fields))
				for i, f := range fields {
					row[i] = rec[f]
				}
				if err := w.WriteRow(row); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), "export."+format)
			os.WriteFile(p, buf.Bytes(), 0o644)
			got := importRows(t, p, obj, ReadOptions{}, "", false)
			if len(got) != len(records) {
				t.Fatalf("%d rows", len(got))
			}
			for i, rec := range records {
				back := map[string]string{}
				for name, v := range got[i] {
					f, ok := obj.Field(name)
					if !ok && name == "id" {
						f = model.Field{Name: "id", Type: model.TypeNumber}
					}
					back[name] = model.FormatText(f, v)
				}
				if !reflect.DeepEqual(back, rec) {
					t.Errorf("record %d:\n got %q\nwant %q", i, back, rec)
				}
			}
		})
	}
}
