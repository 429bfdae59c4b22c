package exporter

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolo/importer"
	"rolo/model"
	"rolo/store"
)

var ctx = context.Background()

func newStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "rolo.db"), store.Options{Actor: "alice", Region: "US",
		Now: func() time.Time { return time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func parse(t *testing.T, st *store.Store, object string, kv ...string) map[string]model.Value {
	t.Helper()
	obj, _ := st.Object(object)
	vals := map[string]model.Value{}
	for i := 0; i < len(kv); i += 2 {
		f, ok := obj.Field(kv[i])
		if !ok {
			t.Fatalf("no field %s", kv[i])
		}
		v, err := model.ParseValue(f, kv[i+1], st.ParseEnv())
		if err != nil {
			t.Fatal(err)
		}
		vals[kv[i]] = v
	}
	return vals
}

func create(t *testing.T, st *store.Store, object string, kv ...string) model.Record {
	t.Helper()
	r, err := st.Create(ctx, object, parse(t, st, object, kv...))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// seed builds records that exercise every awkward case of the text form.
func seed(t *testing.T, st *store.Store) {
	t.Helper()
	for _, f := range []model.Field{
		{Name: "tags", Type: model.TypeMultiSelect, Options: []model.SelectOption{{Label: "VIP"}, {Label: "Cold lead"}}},
		{Name: "met_at", Type: model.TypeDateTime},
		{Name: "score", Type: model.TypeRating},
		{Name: "newsletter", Type: model.TypeBoolean},
		{Name: "notes", Type: model.TypeRichText},
		{Name: "birthday", Type: model.TypeDate},
		{Name: "budget", Type: model.TypeCurrency},
	} {
		if _, err := st.AddField(ctx, "people", f); err != nil {
			t.Fatal(err)
		}
	}
	st.AddMember(ctx, model.Member{Login: "ben", Name: "Ben Ortiz"})
	create(t, st, "companies", "name", "Acme", "domain", "acme.io", "industry", "software", "annual_revenue", "EUR 1,200,000.50")
	create(t, st, "companies", "name", "Twin")
	create(t, st, "companies", "name", "Twin")
	create(t, st, "companies", "name", "=cmd|' /C calc'!A0")
	create(t, st, "people", "name", "Ann", "emails", "ann@acme.io, ann@home.io", "phones", "+44 20 7946 0958", "company", "Acme",
		"tags", "vip, cold_lead", "met_at", "2026-01-02T03:04:05.678Z", "score", "4", "newsletter", "yes",
		"notes", "line one\nline \"two\", with comma", "birthday", "1990-02-28", "budget", "-$5,000.25", "owner", "ben")
	create(t, st, "people", "name", "@handle", "emails", "h@x.io", "company", "#2", "job_title", "-5 ways", "city", "'quoted")
	create(t, st, "people", "name", "+1 555", "company", "#4", "linkedin", "linkedin.com/in/x", "active", "false")
	r := create(t, st, "people", "name", "Gone", "emails", "gone@x.io")
	st.Delete(ctx, "people", r.ID)
}

func TestRoundTripChangesNothing(t *testing.T) {
	for _, format := range []string{"csv", "tsv", "xlsx", "json", "vcf"} {
		t.Run(format, func(t *testing.T) {
			st := newStore(t)
			seed(t, st)
			for _, object := range []string{"companies", "people"} {
				if format == "vcf" && object != "people" {
					continue
				}
				path := filepath.Join(t.TempDir(), object+"."+format)
				f, _ := os.Create(path)
				n, err := Run(ctx, st, f, Options{Object: object, Format: format})
				f.Close()
				if err != nil {
					t.Fatal(err)
				}
				if want := map[string]int64{"companies": 4, "people": 3}[object]; n != want {
					t.Errorf("%s: exported %d, want %d (inactive included, deleted not)", object, n, want)
				}
				var events int
				st.DB().QueryRow(`SELECT count(*) FROM events`).Scan(&events)
				rep, err := importer.Run(ctx, st, importer.Options{Object: object, Path: path, UpdateOnly: true}, nil)
				if err != nil {
					b, _ := os.ReadFile(path)
					t.Fatalf("%s: reimport: %v\n%v\n%s", object, err, rep.Problems, b)
				}
				unmapped := rep.Mapping.Unmapped
				if format == "vcf" && len(unmapped) == 1 && unmapped[0].Header == "links" {
					unmapped = nil // the vCard reader always offers URLs as "links"; people keep theirs in linkedin
				}
				if rep.Created+rep.Updated != 0 || rep.Unchanged != n || len(unmapped) != 0 {
					b, _ := os.ReadFile(path)
					t.Errorf("%s: reimport %d created, %d updated, %d unchanged, unmapped %v\n%s", object, rep.Created, rep.Updated, rep.Unchanged, rep.Mapping.Unmapped, b)
				}
				var after int
				st.DB().QueryRow(`SELECT count(*) FROM events`).Scan(&after)
				if after != events {
					t.Errorf("%s: reimport wrote %d events", object, after-events)
				}
			}
		})
	}
}

func TestExportText(t *testing.T) {
	st := newStore(t)
	seed(t, st)
	var b bytes.Buffer
	if _, err := Run(ctx, st, &b, Options{Object: "people", Fields: []string{"name", "company", "owner", "job_title"}}); err != nil {
		t.Fatal(err)
	}
	want := "id,name,company,owner,job_title\n" +
		"1,Ann,Acme,ben,\n" +
		"2,'@handle,#2,alice,'-5 ways\n" + // Twin is ambiguous: the id goes out
		"3,'+1 555,'=cmd|' /C calc'!A0,alice,\n"
	if b.String() != want {
		t.Errorf("export:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	if _, err := Run(ctx, st, &b, Options{Object: "companies", Template: "edit", Filter: "name:twin"}); err != nil {
		t.Fatal(err)
	}
	if b.String() != "id,name,active,owner\n2,Twin,true,alice\n3,Twin,true,alice\n" {
		t.Errorf("template:\n%s", b.String())
	}
	if _, err := Run(ctx, st, &b, Options{Object: "companies", Template: "nope"}); err == nil || !strings.Contains(err.Error(), "edit") {
		t.Errorf("unknown template: %v", err)
	}
}
