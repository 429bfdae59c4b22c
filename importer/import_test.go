package importer

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"rolo/model"
	"rolo/store"
)

func TestVendorFixtures(t *testing.T) {
	cases := []struct {
		object, file string
		opt          Options
		rows         int64
		check        func(t *testing.T, st *store.Store)
	}{
		{"people", "twenty_people.csv", Options{}, 0, nil},
		{"people", "hubspot_contacts.csv", Options{}, 3, func(t *testing.T, st *store.Store) {
			r := get(t, st, "people", 1)
			if r.Label != "Maria Johnson" || r.Get("company").Ref != "Brightwave" || r.Get("owner").Ref != "Ann Carter" {
				t.Errorf("hubspot row 1 = %q company %q owner %q", r.Label, r.Get("company").Ref, r.Get("owner").Ref)
			}
		}},
		{"people", "kommo_contacts_semicolon_bom.csv", Options{DecimalComma: true}, 2, func(t *testing.T, st *store.Store) {
			r := get(t, st, "people", 1)
			if r.Label != "John Smith" || len(r.Get("emails").List) != 2 || len(r.Get("phones").List) != 2 {
				t.Errorf("kommo row 1 = %q emails %v phones %v", r.Label, r.Get("emails").List, r.Get("phones").List)
			}
		}},
		{"opportunities", "kommo_leads.csv", Options{DateFormat: "DD/MM/YYYY"}, 3, func(t *testing.T, st *store.Store) {
			r := get(t, st, "opportunities", 2)
			if r.Get("stage").Ref != "Closed - won" || r.Get("amount").Int != 3000_000_000 {
				t.Errorf("kommo lead 2 stage %q amount %d", r.Get("stage").Ref, r.Get("amount").Int)
			}
		}},
		{"opportunities", "pipedrive_deals.tsv", Options{}, 3, func(t *testing.T, st *store.Store) {
			r := get(t, st, "opportunities", 3)
			if r.Get("amount").Int != -300_000_000 || r.Get("point_of_contact").Ref != `Bill "The Boss" Lumbergh` {
				t.Errorf("pipedrive deal 3 amount %d contact %q", r.Get("amount").Int, r.Get("point_of_contact").Ref)
			}
		}},
		{"opportunities", "hubspot_deals.xlsx", Options{Sheet: "deals"}, 0, func(t *testing.T, st *store.Store) {
			r := get(t, st, "opportunities", 1)
			if r.Label != "Brightwave renewal" || r.Get("close_date").Str != "2016-10-20" || r.Get("amount").Int != 12500_500_000 {
				t.Errorf("xlsx deal 1 = %q close %q amount %d", r.Label, r.Get("close_date").Str, r.Get("amount").Int)
			}
		}},
		{"people", "contacts_v3.vcf", Options{}, 0, nil},
		{"people", "contacts_v4.vcf", Options{}, 0, nil},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			st := newStore(t)
			opt := c.opt
			opt.Object, opt.Path, opt.CreateMissing = c.object, fixture(c.file), true
			rep := mustRun(t, st, opt)
			if rep.Rows == 0 || rep.Created != rep.Rows || rep.Errors != 0 {
				t.Fatalf("%s: rows %d, counts %v, problems %v", c.file, rep.Rows, counts(rep), rep.Problems)
			}
			if c.rows != 0 && rep.Rows != c.rows {
				t.Errorf("rows = %d, want %d", rep.Rows, c.rows)
			}
			if n, _ := st.Count(ctx, c.object, model.Filter{}); n != rep.Created {
				t.Errorf("count = %d, created %d", n, rep.Created)
			}
			if c.check != nil {
				c.check(t, st)
			}
			// Importing the same file again creates no duplicates where
			// rows carry a unique value.
			if c.object == "people" {
				again := mustRun(t, st, opt)
				if rep.Match != "" && again.Updated+again.Unchanged == 0 {
					t.Errorf("second import matched nothing (match %q): %v", rep.Match, counts(again))
				}
			}
		})
	}
}

func TestUnmappedColumnsAreReported(t *testing.T) {
	st := newStore(t)
	p := writeFile(t, "p.csv", "Name,Email,Shoe size\nAnn,ann@x.io,38\n")
	rep := mustRun(t, st, Options{Object: "people", Path: p})
	if len(rep.Mapping.Unmapped) != 1 || rep.Mapping.Unmapped[0].Header != "Shoe size" {
		t.Errorf("unmapped = %+v", rep.Mapping.Unmapped)
	}
	rep = mustRun(t, st, Options{Object: "people", Path: p, Map: []string{"Shoe size=city"}})
	if rep.Updated != 1 || get(t, st, "people", 1).Get("city").Str != "38" {
		t.Errorf("--map override not applied: %v", counts(rep))
	}
}

func TestUpsertUnchangedAndRestore(t *testing.T) {
	st := newStore(t)
	p := writeFile(t, "p.csv", "name,emails,city\nAnn,ann@x.io,Oslo\nBob,bob@x.io,Rome\n")
	if rep := mustRun(t, st, Options{Object: "people", Path: p}); counts(rep) != [4]int64{2, 0, 0, 0} || rep.Match != "emails" {
		t.Fatalf("first import %v match %q", counts(rep), rep.Match)
	}
	if rep := mustRun(t, st, Options{Object: "people", Path: p}); counts(rep) != [4]int64{0, 0, 2, 0} {
		t.Fatalf("same file again %v, want all unchanged", counts(rep))
	}
	if _, err := st.Delete(ctx, "people", 2); err != nil {
		t.Fatal(err)
	}
	// Upper-case email still matches; Bob comes back from the deleted.
	p2 := writeFile(t, "p2.csv", "name,emails,city\nAnn,ANN@x.io,Bergen\nBob,bob@x.io,Rome\n")
	rep := mustRun(t, st, Options{Object: "people", Path: p2})
	if counts(rep) != [4]int64{0, 1, 1, 0} || rep.Restored != 1 {
		t.Fatalf("upsert %v restored %d", counts(rep), rep.Restored)
	}
	if get(t, st, "people", 2).Get(model.FieldDeletedAt).Valid {
		t.Error("bob is still deleted")
	}
	if c := get(t, st, "people", 1).Get("city").Str; c != "Bergen" {
		t.Errorf("ann's city = %q", c)
	}
	evs, _ := st.Events(ctx, store.EventQuery{Object: "people", RecordID: 1})
	if len(evs) == 0 || evs[0].Kind != model.EventUpdated || evs[0].Old != "Oslo" || evs[0].New != "Bergen" {
		t.Errorf("ann's last event = %+v", evs)
	}
}

func TestEvents(t *testing.T) {
	st := newStore(t)
	p := writeFile(t, "p.csv", "name,emails\nAnn,ann@x.io\nBob,bob@x.io\nCid,cid@x.io\n")
	mustRun(t, st, Options{Object: "people", Path: p})
	evs, _ := st.Events(ctx, store.EventQuery{Object: "people"})
	created, imported := 0, 0
	for _, e := range evs {
		switch e.Kind {
		case model.EventCreated:
			created++
			if e.RecordID == 2 && e.New != "Bob" {
				t.Errorf("created event of #2 = %+v", e)
			}
		case model.EventImported:
			imported++
			if !strings.Contains(e.New, "3 created") {
				t.Errorf("imported event = %q", e.New)
			}
		}
	}
	if created != 3 || imported != 1 {
		t.Errorf("events: %d created, %d imported", created, imported)
	}
}

func TestAllOrNothing(t *testing.T) {
	st := newStore(t)
	before := snap(t, st)
	p := writeFile(t, "p.csv", "name,emails,phones,linkedin\nAnn,ann@x.io,,\nBob,not-an-email,,\nCid,cid@x.io,12,\n,dee@x.io,,\n")
	rep, err := Run(ctx, st, Options{Object: "people", Path: p}, nil)
	if !errors.Is(err, ErrInvalidRows) {
		t.Fatalf("err = %v, want ErrInvalidRows", err)
	}
	sameSnap(t, "bad rows", before, snap(t, st))
	if rep.Errors != 3 || rep.Written {
		t.Errorf("errors = %d written %v", rep.Errors, rep.Written)
	}
	for _, want := range []struct {
		row int
		sub string
	}{{3, `column "emails": "not-an-email"`}, {4, `column "phones": "12"`}, {5, "Name is required"}} {
		if !hasProblem(rep, want.row, want.sub) {
			t.Errorf("no problem at row %d with %q in %v", want.row, want.sub, rep.Problems)
		}
	}

	// --skip-invalid imports Ann and sets the rest aside with reasons.
	errPath := p + ".errors.csv"
	rep, err = Run(ctx, st, Options{Object: "people", Path: p, SkipInvalid: true, ErrorsPath: errPath}, nil)
	if err != nil || counts(rep) != [4]int64{1, 0, 0, 3} || !rep.Written {
		t.Fatalf("skip-invalid: %v %v", err, counts(rep))
	}
	b, _ := os.ReadFile(errPath)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 4 || lines[0] != "name,emails,phones,linkedin,row,reason" || !strings.Contains(lines[1], "Bob,not-an-email") || !strings.Contains(lines[1], "expected") {
		t.Errorf("errors file:\n%s", b)
	}
}

func TestDryRun(t *testing.T) {
	st := newStore(t)
	mustRun(t, st, Options{Object: "people", Path: writeFile(t, "a.csv", "name,emails\nAnn,ann@x.io\n")})
	before := snap(t, st)
	p := writeFile(t, "p.csv", "name,emails,company,owner\nAnn,ann@x.io,,alice\nAnnie,ann@x.io,,\nBob,bob@x.io,Acme,zed\n")
	rep, err := Run(ctx, st, Options{Object: "people", Path: p, DryRun: true, CreateMissing: true}, nil)
	if !errors.Is(err, ErrInvalidRows) {
		t.Fatalf("err = %v", err)
	}
	if counts(rep) != [4]int64{1, 0, 1, 1} || len(rep.Duplicates) != 1 || rep.Duplicates[0].Row != 3 || rep.Duplicates[0].FirstRow != 2 {
		t.Errorf("dry run counts %v duplicates %+v", counts(rep), rep.Duplicates)
	}
	if len(rep.New) != 2 {
		t.Errorf("created on the way = %+v (want company Acme and member zed)", rep.New)
	}
	sameSnap(t, "dry run", before, snap(t, st))
}

func TestRelationsMembersAndCreateMissing(t *testing.T) {
	st := newStore(t)
	acme, _ := st.Create(ctx, "companies", map[string]model.Value{"name": {Valid: true, Str: "Acme"}, "domain": {Valid: true, List: []string{"https://acme.io"}}})
	st.Create(ctx, "companies", map[string]model.Value{"name": {Valid: true, Str: "Twin"}})
	st.Create(ctx, "companies", map[string]model.Value{"name": {Valid: true, Str: "Twin"}})
	st.AddMember(ctx, model.Member{Login: "olga", Name: "Olga Petrova", Email: "olga@crm.io"})
	p := writeFile(t, "p.csv", "name,company,owner\nA,acme,olga\nB,acme.io,Olga Petrova\nC,#1,olga@crm.io\nD,Twin,\nE,Nowhere,nobody\n")
	rep, err := Run(ctx, st, Options{Object: "people", Path: p}, nil)
	if !errors.Is(err, ErrInvalidRows) || rep.Errors != 2 {
		t.Fatalf("err %v, errors %d: %v", err, rep.Errors, rep.Problems)
	}
	if !hasProblem(rep, 5, "matches several") || !hasProblem(rep, 6, `no company matches "Nowhere"`) || !hasProblem(rep, 6, "nobody") {
		t.Errorf("problems = %v", rep.Problems)
	}
	p = writeFile(t, "p2.csv", "name,company,owner\nA,acme,olga\nB,acme.io,Olga Petrova\nC,#1,olga@crm.io\nE,Nowhere,Nobody Here\n")
	rep = mustRun(t, st, Options{Object: "people", Path: p, CreateMissing: true})
	for id := int64(1); id <= 3; id++ {
		r := get(t, st, "people", id)
		if r.Get("company").Int != acme.ID || r.Get("owner").Ref != "Olga Petrova" {
			t.Errorf("person %d company %d owner %q", id, r.Get("company").Int, r.Get("owner").Ref)
		}
	}
	e := get(t, st, "people", 4)
	if e.Get("company").Ref != "Nowhere" {
		t.Errorf("E's company = %+v", e.Get("company"))
	}
	if m, err := st.Member(ctx, "nobody.here"); err != nil || m.Name != "Nobody Here" {
		t.Errorf("created member = %+v, %v", m, err)
	}

	// Select options and stages.
	o := writeFile(t, "o.csv", "name,stage,industry\nDeal,Signed,\n")
	mustRun(t, st, Options{Object: "opportunities", Path: o, CreateMissing: true})
	if r := get(t, st, "opportunities", 1); r.Get("stage").Ref != "Signed" {
		t.Errorf("stage = %+v", r.Get("stage"))
	}
	c := writeFile(t, "c.csv", "name,industry\nRobotics Co,Robotics\n")
	if _, err := Run(ctx, st, Options{Object: "companies", Path: c}, nil); !errors.Is(err, ErrInvalidRows) {
		t.Errorf("unknown option imported without --create-missing: %v", err)
	}
	mustRun(t, st, Options{Object: "companies", Path: c, CreateMissing: true})
	obj, _ := st.Object("companies")
	f, _ := obj.Field("industry")
	if _, ok := f.Option("robotics"); !ok {
		t.Errorf("option not created: %+v", f.Options)
	}
}

func TestUpdateOnlyTemplate(t *testing.T) {
	st := newStore(t)
	mustRun(t, st, Options{Object: "companies", Path: writeFile(t, "c.csv", "name\nAcme\nGlobex\nInitech\n")})
	st.AddMember(ctx, model.Member{Login: "ben"})
	before := snap(t, st)
	bad := writeFile(t, "e.csv", "id,name,active,owner\n1,Acme,true,ben\n9,Ghost,true,ben\n,Nobody,true,ben\n")
	rep, err := Run(ctx, st, Options{Object: "companies", Path: bad, UpdateOnly: true}, nil)
	if !errors.Is(err, ErrInvalidRows) || !hasProblem(rep, 3, "no company #9") || !hasProblem(rep, 4, "--update-only") {
		t.Fatalf("err %v problems %v", err, rep.Problems)
	}
	sameSnap(t, "update-only with unknown id", before, snap(t, st))
	good := writeFile(t, "e.csv", "id,name,active,owner\n1,Acme,true,ben\n2,Globex,false,alice\n3,Initech,true,alice\n")
	rep = mustRun(t, st, Options{Object: "companies", Path: good, UpdateOnly: true})
	if counts(rep) != [4]int64{0, 2, 1, 0} {
		t.Errorf("template counts %v", counts(rep))
	}
	if r := get(t, st, "companies", 1); r.Get("owner").Ref != "ben" {
		t.Errorf("owner = %+v", r.Get("owner"))
	}
	if n, _ := st.Count(ctx, "companies", model.Filter{}); n != 2 {
		t.Errorf("live active companies = %d, want 2 (Globex is inactive)", n)
	}
	f, _ := model.ParseFilter("active:false")
	if n, _ := st.Count(ctx, "companies", f); n != 1 {
		t.Errorf("inactive companies = %d", n)
	}
}

func TestMalformedInputWritesNothing(t *testing.T) {
	st := newStore(t)
	before := snap(t, st)
	big := writeFile(t, "big.csv", "name,emails\n\""+strings.Repeat("x", 10<<20)+"\",a@b.io\n")
	for _, c := range []struct{ path, want string }{
		{fixture("bad_unbalanced_quote.csv"), "quote"},
		{fixture("bad_ragged.csv"), "columns"},
		{fixture("bad_binary_junk.csv"), ""},
		{fixture("bad_empty.csv"), "empty"},
		{fixture("bad_utf16.csv"), "UTF-8"},
		{fixture("bad_latin1.csv"), "UTF-8"},
		{fixture("bad_bare_quote.csv"), "quote"},
		{big, "larger than"},
	} {
		rep, err := Run(ctx, st, Options{Object: "people", Path: c.path}, nil)
		if err == nil {
			t.Errorf("%s: no error", c.path)
			continue
		}
		msg := err.Error()
		for _, p := range rep.Problems {
			msg += "\n" + p.String()
		}
		if !strings.Contains(msg, c.want) {
			t.Errorf("%s: error %q does not mention %q", c.path, msg, c.want)
		}
		sameSnap(t, c.path, before, snap(t, st))
	}
}

func TestCancelRollsBack(t *testing.T) {
	st := newStore(t)
	mustRun(t, st, Options{Object: "people", Path: writeFile(t, "a.csv", "name,emails\nAnn,ann@x.io\n")})
	before := snap(t, st)
	var b strings.Builder
	b.WriteString("name,emails\n")
	for i := range 5000 {
		b.WriteString("P," + strings.Repeat("p", 1+i%3) + string(rune('a'+i%26)) + "@x" + strings.Repeat("y", i/26) + ".io\n")
	}
	p := writeFile(t, "p.csv", b.String())
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	_, err := Run(cctx, st, Options{Object: "people", Path: p, SkipInvalid: true}, func(done, total int64) {
		if done >= chunkRows {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	sameSnap(t, "cancelled import", before, snap(t, st))
}
