package store

import (
	"database/sql"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"rolo/model"
)

// These tests run whereSQL against a real SQLite file whose tables are made
// by hand in the storage encoding (see columns.go), so they check the SQL
// the filter compiler emits, independent of the rest of the store.

func fsqlTSystem() []model.Field {
	return []model.Field{
		{Name: model.FieldID, Type: model.TypeNumber, System: true},
		{Name: model.FieldCreatedAt, Label: "Created", Type: model.TypeDateTime, System: true},
		{Name: model.FieldUpdatedAt, Type: model.TypeDateTime, System: true},
		{Name: model.FieldCreatedBy, Type: model.TypeMember, System: true},
		{Name: model.FieldOwner, Type: model.TypeMember, System: true},
		{Name: model.FieldPosition, Type: model.TypeNumber, System: true},
		{Name: model.FieldActive, Type: model.TypeBoolean, System: true},
		{Name: model.FieldDeletedAt, Type: model.TypeDateTime, System: true},
	}
}

func fsqlTObjects() map[string]model.Object {
	companies := model.Object{Name: "companies", LabelField: "name", Fields: append(fsqlTSystem(),
		model.Field{Name: "name", Type: model.TypeText})}
	people := model.Object{Name: "people", LabelField: "name", Fields: append(fsqlTSystem(),
		model.Field{Name: "name", Type: model.TypeText},
		model.Field{Name: "emails", Type: model.TypeEmails},
		model.Field{Name: "phones", Type: model.TypePhones},
		model.Field{Name: "links", Type: model.TypeLinks},
		model.Field{Name: "job_title", Label: "Job title", Type: model.TypeText},
		model.Field{Name: "bio", Type: model.TypeRichText},
		model.Field{Name: "company", Type: model.TypeRelation, Target: "companies"},
		model.Field{Name: "manager", Type: model.TypeRelation, Target: "people"},
		model.Field{Name: "city", Type: model.TypeText},
		model.Field{Name: "tags", Type: model.TypeMultiSelect, Options: []model.SelectOption{
			{Value: "vip", Label: "VIP"}, {Value: "lead", Label: "Lead"}, {Value: "cold", Label: "Cold"}}},
		// Named like json_each's own columns, which must not shadow it.
		model.Field{Name: "type", Type: model.TypeMultiSelect, Options: []model.SelectOption{{Value: "a"}, {Value: "b"}}},
		model.Field{Name: "rating", Type: model.TypeRating},
	)}
	opps := model.Object{Name: "opportunities", LabelField: "name", Fields: append(fsqlTSystem(),
		model.Field{Name: "name", Type: model.TypeText},
		model.Field{Name: "amount", Type: model.TypeCurrency},
		model.Field{Name: "close_date", Type: model.TypeDate},
		model.Field{Name: "stage", Type: model.TypeStage},
		model.Field{Name: "pipeline", Type: model.TypePipeline},
		model.Field{Name: "probability", Type: model.TypeNumber},
		model.Field{Name: "source", Type: model.TypeSelect, Options: []model.SelectOption{
			{Value: "web", Label: "Website"}, {Value: "referral", Label: "Referral"}}},
	)}
	return map[string]model.Object{"companies": companies, "people": people, "opportunities": opps}
}

// fsqlTNow is the test clock: 2026-06-15 12:00 UTC.
var fsqlTNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

func fsqlTMs(t time.Time) int64 { return t.UnixMilli() }

func fsqlTColType(t model.FieldType) string {
	switch t {
	case model.TypeNumber:
		return "NUMERIC"
	case model.TypeRating, model.TypeBoolean, model.TypeDateTime, model.TypeRelation,
		model.TypeMember, model.TypePipeline, model.TypeStage, model.TypeCurrency:
		return "INTEGER"
	}
	return "TEXT"
}

// fsqlTDB creates the reference tables and one table per object, with rows.
func fsqlTDB(t *testing.T) (*sql.DB, map[string]model.Object) {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "filter.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`CREATE TABLE members (id INTEGER PRIMARY KEY, login TEXT, name TEXT, email TEXT, active INTEGER)`)
	exec(`CREATE TABLE pipelines (id INTEGER PRIMARY KEY, name TEXT, position INTEGER)`)
	exec(`CREATE TABLE stages (id INTEGER PRIMARY KEY, pipeline_id INTEGER, name TEXT, color TEXT, position INTEGER, kind TEXT)`)
	exec(`INSERT INTO members VALUES (1, 'alice', 'Alice Smith', 'alice@acme.test', 1),
		(2, 'bob', 'Bob Jones', 'bob@x.test', 1), (3, 'carol', 'Carol', 'carol@x.test', 0)`)
	exec(`INSERT INTO pipelines VALUES (1, 'Sales', 0), (2, 'Partners', 1)`)
	exec(`INSERT INTO stages VALUES
		(1, 1, 'Incoming', '', 0, 'incoming'), (2, 1, 'Qualified', '', 1, ''),
		(3, 1, 'Won', '', 2, 'won'), (4, 1, 'Lost', '', 3, 'lost'),
		(5, 2, 'Incoming', '', 0, 'incoming'), (6, 2, 'Signed', '', 1, 'won'), (7, 2, 'Dropped', '', 2, 'lost')`)

	objs := fsqlTObjects()
	for _, obj := range objs {
		var cols []string
		for _, f := range obj.Fields {
			for i, c := range f.Columns() {
				typ := fsqlTColType(f.Type)
				if i > 0 {
					typ = "TEXT" // currency code, list "more" arrays
				}
				if c == model.FieldID {
					typ = "INTEGER PRIMARY KEY"
				}
				cols = append(cols, `"`+c+`" `+typ)
			}
		}
		exec(`CREATE TABLE "` + obj.Table() + `" (` + strings.Join(cols, ", ") + `)`)
	}

	exec(`INSERT INTO obj_companies (id, name) VALUES (1, 'Acme Corp'), (2, 'Globex'), (3, '100% Pure')`)

	d := func(y int, m time.Month, day, h, min int) int64 {
		return fsqlTMs(time.Date(y, m, day, h, min, 0, 0, time.UTC))
	}
	people := `INSERT INTO obj_people (id, name, emails, emails__more, phones, phones__more, links, links__more,
		job_title, bio, company, manager, city, tags, type, rating, owner, created_at, active) VALUES
		(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	exec(people, 1, "Ann Lee", "ann@acme.test", `["ann.lee@gmail.com"]`, "+14155550101", nil, "https://acme.test", nil,
		"CEO", "Likes **golf**", 1, nil, "Paris", `["vip","lead"]`, `["a"]`, 5, 1, fsqlTMs(fsqlTNow.AddDate(0, 0, -2)), 1)
	exec(people, 2, "Ben Ode", "ben@globex.test", nil, nil, nil, nil, `[]`,
		"CTO", nil, 2, 1, "Berlin", `["lead"]`, `["a","b"]`, 3, 2, fsqlTMs(fsqlTNow.AddDate(0, 0, -40)), 1)
	exec(people, 3, "Cid Moe", nil, `[]`, "+33612345678", `["+14155550199"]`, nil, nil,
		nil, nil, nil, 1, nil, `[]`, nil, nil, nil, d(2026, 6, 14, 23, 30), 0)
	exec(people, 4, "Dee 50% off", "", "", "", "", "", "",
		"", "", 3, nil, "", nil, "", 1, 1, d(2026, 1, 1, 0, 0), nil)
	exec(people, 5, "x' OR 1=1 --", "eve@x.test", `["EVE@corp.test","e2@x.test"]`, nil, nil, nil, `["https://eve.test/blog"]`,
		"cto of things", nil, nil, 3, "ŁÓDŹ", `["cold"]`, `["b"]`, 2, 3, fsqlTMs(fsqlTNow.Add(-time.Hour)), 1)

	opps := `INSERT INTO obj_opportunities (id, name, amount, amount__code, close_date, stage, pipeline, probability, source, owner, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	exec(opps, 1, "Big acme deal", 5_000_000_000, "USD", "2026-12-31", 3, 1, 90, "web", 1, fsqlTMs(fsqlTNow.AddDate(0, 0, -10)))
	exec(opps, 2, "Small", 1_500_500_000, "EUR", "2026-06-15", 2, 1, 20.5, "referral", 2, fsqlTMs(fsqlTNow.AddDate(0, 0, -100)))
	exec(opps, 3, "Partner acme", nil, nil, nil, 6, 2, nil, nil, 1, fsqlTMs(fsqlTNow.AddDate(0, 0, -1)))
	exec(opps, 4, "Lost one", 4_999_999_999, "USD", "2026-05-01", 4, 1, 0, "", nil, fsqlTMs(fsqlTNow.AddDate(0, 0, -60)))
	exec(opps, 5, "Fresh", 10_000_000_000, "USD", "", 1, 1, 10, nil, 2, fsqlTMs(fsqlTNow))
	return db, objs
}

// fsqlTQuery runs a filter end to end: parse, bind, compile, query. It
// returns the matching ids in order.
func fsqlTQuery(t *testing.T, db *sql.DB, objs map[string]model.Object, object, src string) []int64 {
	t.Helper()
	obj := objs[object]
	f, err := model.ParseFilter(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	lookup := func(name string) (model.Object, bool) { o, ok := objs[name]; return o, ok }
	conds, err := f.Bind(obj, model.FilterEnv{Now: fsqlTNow, Me: 1, Lookup: lookup})
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	where, args, err := whereSQL(obj, conds, lookup)
	if err != nil {
		t.Fatalf("%s: whereSQL: %v", src, err)
	}
	rows, err := db.Query(`SELECT id FROM "`+obj.Table()+`" WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		t.Fatalf("%s: %v\n%s", src, err, where)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

type fsqlTCase struct {
	src string
	ids []int64
}

func fsqlTRun(t *testing.T, object string, cases []fsqlTCase) {
	db, objs := fsqlTDB(t)
	for _, c := range cases {
		if c.ids == nil {
			c.ids = []int64{}
		}
		if got := fsqlTQuery(t, db, objs, object, c.src); !reflect.DeepEqual(got, c.ids) {
			t.Errorf("%s: got ids %v, want %v", c.src, got, c.ids)
		}
	}
}

func TestWhereSQLPeople(t *testing.T) {
	fsqlTRun(t, "people", []fsqlTCase{
		{"", []int64{1, 2, 3, 4, 5}},
		// bare words and phrases search the label field
		{"ann", []int64{1}},
		{"ANN", []int64{1}},
		{`"ann lee"`, []int64{1}},
		{"-ann", []int64{2, 3, 4, 5}},
		{"(ann|ben)", []int64{1, 2}},
		// text: contains, exact, not, empty; % and _ are literal
		{"name=ann", nil},
		{`name="ANN LEE"`, []int64{1}},
		{`name!="ann lee"`, []int64{2, 3, 4, 5}},
		{`name~"50%"`, []int64{4}},
		{"name~%", []int64{4}},
		{"name~_", nil},
		{"city:paris", []int64{1}},
		{"-city:paris", []int64{2, 3, 4, 5}}, // 3 has NULL, 4 has ''
		{"city!=paris", []int64{2, 3, 4, 5}},
		{"city:(paris|berlin)", []int64{1, 2}},
		{"-city:(paris|berlin)", []int64{3, 4, 5}},
		{"city:empty", []int64{3, 4}},
		{"-city:empty", []int64{1, 2, 5}},
		{"city!=empty", []int64{1, 2, 5}},
		{"city:(paris|empty)", []int64{1, 3, 4}},
		{"-city:(paris|empty)", []int64{2, 5}},
		{"city!=(paris|empty)", []int64{2, 5}},
		{"city:(empty)", []int64{3, 4}},
		{`city:(paris|"empty")`, []int64{1}},
		{"tags:(vip|empty)", []int64{1, 3, 4}},
		{"email:(globex|empty)", []int64{2, 3, 4}},
		// case folding beyond ASCII, both ways
		{"city:łódź", []int64{5}},
		{"city:ÓD", []int64{5}},
		{"city=łódź", []int64{5}},
		{"-city:łódź", []int64{1, 2, 3, 4}},
		{"city:lodz", nil}, // folding is of case, not of accents
		{`"job title":cto`, []int64{2, 5}},
		{"job_title=cto", []int64{2}},
		{"bio:golf", []int64{1}},
		{"bio:empty", []int64{2, 3, 4, 5}},
		// emails: primary or any of the others
		{"email:acme", []int64{1}},
		{"email:gmail", []int64{1}},
		{"email~corp", []int64{5}},
		{"email=ann.lee@gmail.com", []int64{1}},
		{"email=ANN@ACME.TEST", []int64{1}},
		{"email=eve@corp.test", []int64{5}},
		{"email=ann", nil},
		{"email:(globex|corp)", []int64{2, 5}},
		{"email:empty", []int64{3, 4}},
		{"-email:empty", []int64{1, 2, 5}},
		{"-email:@x.test", []int64{1, 2, 3, 4}},
		// phones: digits inside, or the last digits without a country code
		{"phone:4155550199", []int64{3}},
		{"phone:415", []int64{1, 3}},
		{`phone="(415) 555-0101"`, []int64{1}},
		{"phone=+33612345678", []int64{3}},
		{"phone=+3361234567", nil},
		{"phone:empty", []int64{2, 4, 5}},
		// links
		{"links:blog", []int64{5}},
		{"links=https://acme.test", []int64{1}},
		{"links:empty", []int64{2, 3, 4}},
		// multi-select: has, has any, has exactly, by label, element contains
		{"tags:vip", []int64{1}},
		{"tags:VIP", []int64{1}},
		{"tags:(vip|lead)", []int64{1, 2}},
		{"tags=lead", []int64{2}},
		{"tags=(lead|vip)", []int64{1}},
		{"tags!=lead", []int64{1, 3, 4, 5}},
		{"-tags:vip", []int64{2, 3, 4, 5}},
		{"tags~co", []int64{5}},
		{"tags:empty", []int64{3, 4}},
		{"-tags:empty", []int64{1, 2, 5}},
		{"type:a", []int64{1, 2}},
		{"type=b", []int64{5}},
		{"type:empty", []int64{3, 4}},
		// rating
		{"rating>=3", []int64{1, 2}},
		{"rating>3", []int64{1}},
		{"rating<3", []int64{4, 5}},
		{"rating<=2", []int64{4, 5}},
		{"rating:5", []int64{1}},
		{"rating:(1|5)", []int64{1, 4}},
		{"-rating>=3", []int64{3, 4, 5}},
		{"rating:empty", []int64{3}},
		// relations: label equality, contains, ids, sets, self-reference
		{"company:acme", nil},
		{`company:"acme corp"`, []int64{1}},
		{"company~acme", []int64{1}},
		{"company:#2", []int64{2}},
		{"company:(globex|#1)", []int64{1, 2}},
		{"-company:globex", []int64{1, 3, 4, 5}},
		{"company~%", []int64{4}},
		{"company:empty", []int64{3, 5}},
		// a related record's field, one step along a relation
		{"company.name:acme", []int64{1}},
		{"company.name:(acme|globex)", []int64{1, 2}},
		{"-company.name:acme", []int64{2, 3, 4, 5}},
		{`company.name~"100%"`, []int64{4}},
		{"company.name:empty", nil},
		{"manager.city:paris", []int64{2, 3}},
		{"-manager.city:paris", []int64{1, 4, 5}},
		{"manager.name:ann company.name:globex", []int64{2}},
		{"company:(globex|empty)", []int64{2, 3, 5}},
		{`manager:"ann lee"`, []int64{2, 3}},
		{"manager~x'", []int64{}}, // no person named so manages anyone
		// members: @me, login, name, email, contains
		{"owner:@me", []int64{1, 4}},
		{"owner:alice", []int64{1, 4}},
		{"owner:@bob", []int64{2}},
		{`owner:"Bob Jones"`, []int64{2}},
		{"owner:BOB@X.TEST", []int64{2}},
		{"owner:#3", []int64{5}},
		{"owner~ali", []int64{1, 4}},
		{"owner~x.test", []int64{2, 5}},
		{"owner:(@me|carol)", []int64{1, 4, 5}},
		{"-owner:@me", []int64{2, 3, 5}},
		{"owner:empty", []int64{3}},
		// date-times
		{"created>-30d", []int64{1, 3, 5}},
		{"created<-30d", []int64{2, 4}},
		{"created>-2h", []int64{5}},
		{"created:yesterday", []int64{3}},
		{"created:today", []int64{5}},
		{"created:(today|yesterday)", []int64{3, 5}},
		{"created:-2d", []int64{1}},
		{"created:2026-01-01", []int64{4}},
		{"created<2026-01-02", []int64{4}},
		{"created<2026-01-01", nil},
		{"created<=2026-01-01", []int64{4}},
		{"created>2026-06-14", []int64{5}},
		{"created>=2026-06-14", []int64{3, 5}},
		{"created<=2026-06-14", []int64{1, 2, 3, 4}},
		{"created:2026-06-14T23:30", []int64{3}},
		{"created>2026-06-14T23:30", []int64{5}},
		{"created>=2026-06-14T23:30:00Z", []int64{3, 5}},
		{"-created:today", []int64{1, 2, 3, 4}},
		{"updated:empty", []int64{1, 2, 3, 4, 5}},
		{"deleted:empty", []int64{1, 2, 3, 4, 5}},
		// booleans: an unset box reads as "no"
		{"active:yes", []int64{1, 2, 5}},
		{"active:no", []int64{3, 4}},
		{"active!=yes", []int64{3, 4}},
		{"active:empty", []int64{4}},
		{"active:(yes|no)", []int64{1, 2, 3, 4, 5}},
		// numbers on system fields
		{"id>3", []int64{4, 5}},
		{"id:(1|3)", []int64{1, 3}},
		{"-id:(1|3)", []int64{2, 4, 5}},
		// several terms are ANDed
		{"city:(paris|berlin) -email:empty created>-30d", []int64{1}},
		{"owner:@me company~acme rating>=5", []int64{1}},
	})
}

func TestWhereSQLOpportunities(t *testing.T) {
	fsqlTRun(t, "opportunities", []fsqlTCase{
		// currency amounts in micros, code ignored
		{"amount>=5000", []int64{1, 5}},
		{"amount>5000", []int64{5}},
		{"amount:5000", []int64{1}},
		{"amount<5000", []int64{2, 4}},
		{"amount>4999.999999", []int64{1, 5}},
		{"amount=1500.5", []int64{2}},
		{"amount>=10k", []int64{5}},
		{"amount:(5000|10k)", []int64{1, 5}},
		{"-amount>1000", []int64{3}},
		{"amount!=5000", []int64{2, 3, 4, 5}},
		{"amount:empty", []int64{3}},
		// currency codes with : or =: which currency the amount is in
		{"amount:EUR", []int64{2}},
		{"amount=usd", []int64{1, 4, 5}},
		{"amount:(eur|USD)", []int64{1, 2, 4, 5}},
		{"-amount:USD", []int64{2, 3}},
		{"amount!=EUR", []int64{1, 3, 4, 5}},
		{"amount:(EUR|empty)", []int64{2, 3}},
		{"amount:USD amount>=5000", []int64{1, 5}},
		// dates as text, '' is empty and never compares
		{"close<2026-12-31", []int64{2, 4}},
		{"close<=2026-12-31", []int64{1, 2, 4}},
		{"close:today", []int64{2}},
		{"close>today", []int64{1}},
		{"close>=today", []int64{1, 2}},
		{"close<-30d", []int64{4}},
		{"close>=-1m", []int64{1, 2}},
		{"close:(2026-05-01|2026-12-31)", []int64{1, 4}},
		{"-close:today", []int64{1, 3, 4, 5}},
		{"close:empty", []int64{3, 5}},
		{"-close:empty", []int64{1, 2, 4}},
		// stages by name across pipelines, by kind, open/closed, id
		{"stage:won", []int64{1, 3}},
		{"stage:WON", []int64{1, 3}},
		{"stage:lost", []int64{4}},
		{"stage:incoming", []int64{5}},
		{"stage:open", []int64{2, 5}},
		{"stage:closed", []int64{1, 3, 4}},
		{"stage:qualified", []int64{2}},
		{"stage:signed", []int64{3}},
		{"stage~qual", []int64{2}},
		{"stage:#4", []int64{4}},
		{"stage:(qualified|#4)", []int64{2, 4}},
		{"-stage:won", []int64{2, 4, 5}},
		{"stage!=closed", []int64{2, 5}},
		// pipelines
		{"pipeline:partners", []int64{3}},
		{"pipeline:#1", []int64{1, 2, 4, 5}},
		{"pipeline~s", []int64{1, 2, 3, 4, 5}},
		{"-pipeline:sales", []int64{3}},
		// plain numbers
		{"probability>20", []int64{1, 2}},
		{"prob>=20.5", []int64{1, 2}},
		{"probability:0", []int64{4}},
		{"probability<=10", []int64{4, 5}},
		{"probability:empty", []int64{3}},
		// select by value or label
		{"source:web", []int64{1}},
		{"source:website", []int64{1}},
		{"source:(web|referral)", []int64{1, 2}},
		{"-source:web", []int64{2, 3, 4, 5}},
		{"source~e", []int64{1, 2}},
		{"source:empty", []int64{3, 4, 5}},
		// the documented example, on the fields opportunities have
		{"stage:won amount>=5000 owner:@me name~acme close<2027-01-01 created>-30d -close:empty", []int64{1}},
		{"stage:won owner:@me created>-30d", []int64{1, 3}},
	})
}

// User text never becomes SQL: quotes, comment markers and LIKE wildcards
// are data.
func TestWhereSQLInjection(t *testing.T) {
	db, objs := fsqlTDB(t)
	cases := []fsqlTCase{
		{`name:"x' OR 1=1 --"`, []int64{5}},
		{`"x' OR 1=1 --"`, []int64{5}},
		{`city:"') OR 1=1 --"`, nil},
		{`city="x\" OR \"1\"=\"1"`, nil},
		{`company:"acme' OR '1'='1"`, nil},
		{`owner:"alice' --"`, nil},
		{`email:"%' OR 1=1; DROP TABLE obj_people; --"`, nil},
	}
	for _, c := range cases {
		if c.ids == nil {
			c.ids = []int64{}
		}
		if got := fsqlTQuery(t, db, objs, "people", c.src); !reflect.DeepEqual(got, c.ids) {
			t.Errorf("%s: got %v, want %v", c.src, got, c.ids)
		}
	}
	f, _ := model.ParseFilter(`name:"x' OR 1=1 --" city:"DROP TABLE"`)
	conds, err := f.Bind(objs["people"], model.FilterEnv{Now: fsqlTNow})
	if err != nil {
		t.Fatal(err)
	}
	where, args, err := whereSQL(objs["people"], conds, nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(where, "OR 1=1") || strings.Contains(where, "DROP") {
		t.Errorf("user text reached the SQL: %s", where)
	}
	if len(args) != 2 || args[0] != `%x' OR 1=1 --%` || args[1] != `%DROP TABLE%` {
		t.Errorf("args = %q", args)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM obj_people`).Scan(&n); err != nil || n != 5 {
		t.Errorf("people table damaged: %d rows, %v", n, err)
	}
	// An unknown option never reaches SQL at all.
	f, _ = model.ParseFilter(`tags:"vip' OR 1=1 --"`)
	if _, err := f.Bind(objs["people"], model.FilterEnv{}); err == nil {
		t.Error("unknown option bound")
	}
}

func TestWhereSQLShape(t *testing.T) {
	objs := fsqlTObjects()
	people := objs["people"]
	where, args, err := whereSQL(people, nil, nil)
	if where != "1" || args != nil || err != nil {
		t.Errorf("empty filter: %q %v %v", where, args, err)
	}
	f, _ := model.ParseFilter(`-city:paris name~"a_b%c\\"`)
	conds, err := f.Bind(people, model.FilterEnv{})
	if err != nil {
		t.Fatal(err)
	}
	where, args, err = whereSQL(people, conds, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `NOT COALESCE(("city" LIKE ? ESCAPE '\'), 0) AND ("name" LIKE ? ESCAPE '\')`
	if where != want {
		t.Errorf("where =\n%s\nwant\n%s", where, want)
	}
	if !reflect.DeepEqual(args, []any{`%paris%`, `%a\_b\%c\\%`}) {
		t.Errorf("args = %q", args)
	}
}

func TestWhereSQLErrors(t *testing.T) {
	objs := fsqlTObjects()
	people := objs["people"]
	bind := func(src string) []model.Cond {
		f, err := model.ParseFilter(src)
		if err != nil {
			t.Fatal(err)
		}
		conds, err := f.Bind(people, model.FilterEnv{})
		if err != nil {
			t.Fatal(err)
		}
		return conds
	}
	// A relation by name needs the target's metadata.
	if _, _, err := whereSQL(people, bind("company:acme"), nil); err == nil || !strings.Contains(err.Error(), "no object lookup") {
		t.Errorf("nil lookup: %v", err)
	}
	none := func(string) (model.Object, bool) { return model.Object{}, false }
	if _, _, err := whereSQL(people, bind("company:acme"), none); err == nil || !strings.Contains(err.Error(), `unknown object "companies"`) {
		t.Errorf("missing target: %v", err)
	}
	// Ids need no lookup.
	if _, _, err := whereSQL(people, bind("company:#1"), nil); err != nil {
		t.Errorf("id without lookup: %v", err)
	}
	// A Cond bound to a field the object does not have is refused.
	conds := bind("city:x")
	if _, _, err := whereSQL(objs["companies"], conds, nil); err == nil || !strings.Contains(err.Error(), `has no field "city"`) {
		t.Errorf("foreign field: %v", err)
	}
	// Identifiers that are not plain names never reach SQL.
	bad := people
	bad.Fields = append([]model.Field{}, people.Fields...)
	bad.Fields = append(bad.Fields, model.Field{Name: `x" OR 1=1 --`, Type: model.TypeText})
	c := model.Cond{Field: bad.Fields[len(bad.Fields)-1], Op: model.OpEq, Values: []model.Value{{Valid: true, Str: "y"}}}
	if _, _, err := whereSQL(bad, []model.Cond{c}, nil); err == nil || !strings.Contains(err.Error(), "not a valid SQL identifier") {
		t.Errorf("bad identifier: %v", err)
	}
}
