package views

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rolo/internal/termtest"
	"rolo/keymap"
	"rolo/model"
)

// The detail page's fixtures: the three standard objects as the store
// describes them, with one record each and its relations.

func sysFields() []model.Field {
	return []model.Field{
		{Name: "id", Label: "ID", Type: model.TypeNumber},
		{Name: "created_at", Label: "Created", Type: model.TypeDateTime, System: true},
		{Name: "owner", Label: "Owner", Type: model.TypeMember, System: true},
	}
}

func detailObjects() map[string]model.Object {
	rel := func(name, label, target string) model.Field {
		return model.Field{Name: name, Label: label, Type: model.TypeRelation, Target: target}
	}
	withSys := func(o model.Object, fs ...model.Field) model.Object {
		s := sysFields()
		o.Fields = append(append([]model.Field{s[0]}, fs...), s[1:]...)
		return o
	}
	return map[string]model.Object{
		"companies": withSys(model.Object{Name: "companies", Singular: "Company", Plural: "Companies", LabelField: "name"},
			model.Field{Name: "name", Label: "Name", Type: model.TypeText, Required: true},
			model.Field{Name: "domain", Label: "Domain", Type: model.TypeLinks},
			model.Field{Name: "employees", Label: "Employees", Type: model.TypeNumber},
			model.Field{Name: "industry", Label: "Industry", Type: model.TypeSelect, Options: []model.SelectOption{{Value: "software", Label: "Software", Color: "#4c8bf5"}}},
			model.Field{Name: "address", Label: "Address", Type: model.TypeText}),
		"people": withSys(model.Object{Name: "people", Singular: "Person", Plural: "People", LabelField: "name"},
			model.Field{Name: "name", Label: "Name", Type: model.TypeText, Required: true},
			model.Field{Name: "emails", Label: "Emails", Type: model.TypeEmails},
			model.Field{Name: "phones", Label: "Phones", Type: model.TypePhones},
			model.Field{Name: "job_title", Label: "Job title", Type: model.TypeText},
			rel("company", "Company", "companies"),
			model.Field{Name: "city", Label: "City", Type: model.TypeText}),
		"opportunities": withSys(model.Object{Name: "opportunities", Singular: "Opportunity", Plural: "Opportunities", LabelField: "name"},
			model.Field{Name: "name", Label: "Name", Type: model.TypeText, Required: true},
			model.Field{Name: "amount", Label: "Amount", Type: model.TypeCurrency},
			model.Field{Name: "close_date", Label: "Close date", Type: model.TypeDate},
			rel("company", "Company", "companies"),
			rel("point_of_contact", "Point of contact", "people"),
			model.Field{Name: "pipeline", Label: "Pipeline", Type: model.TypePipeline},
			model.Field{Name: "stage", Label: "Stage", Type: model.TypeStage}),
	}
}

func val(s string) model.Value { return model.Value{Valid: true, Str: s} }

func detailData(object string) DetailData {
	objs := detailObjects()
	created := testNow.Add(-72 * time.Hour)
	rec := model.Record{Object: object, ID: 12, Values: map[string]model.Value{
		"id":         {Valid: true, Num: 12},
		"created_at": {Valid: true, Int: created.UnixMilli()},
		"updated_at": {Valid: true, Int: created.UnixMilli() + 5},
		"owner":      {Valid: true, Int: 1, Ref: "Alice Martin"},
	}}
	evs := []model.Event{
		{ID: 3, At: testNow.Add(-2 * time.Hour), Actor: 1, Object: object, RecordID: 12, Kind: model.EventUpdated, Field: "name", Old: "Old name", New: "New name"},
		{ID: 1, At: created, Actor: 1, Object: object, RecordID: 12, Kind: model.EventCreated},
	}
	d := DetailData{Object: objs[object], Members: map[int64]string{1: "alice"}, Events: evs}
	switch object {
	case "companies":
		rec.Label = "Acme Corp"
		rec.Values["name"] = val("Acme Corp")
		rec.Values["domain"] = model.Value{Valid: true, List: []string{"https://acme.com"}}
		rec.Values["employees"] = model.Value{Valid: true, Num: 1200}
		rec.Values["industry"] = val("software")
		d.Sections = []RelSection{
			{Title: "People", Object: "people", Singular: "Person", Field: "company", Inverse: true, Total: 14, Items: []RelItem{
				{Object: "people", ID: 4, Label: "Jane Doe", Key: "CTO · jane@acme.com"}, {Object: "people", ID: 5, Label: "Raj Patel", Key: "VP Sales"}}},
			{Title: "Opportunities", Object: "opportunities", Singular: "Opportunity", Field: "company", Inverse: true, Total: 1, Items: []RelItem{
				{Object: "opportunities", ID: 9, Label: "Acme renewal", Key: "$48,000.00 · Proposal"}}},
		}
	case "people":
		rec.Label = "Jane Doe"
		rec.Values["name"] = val("Jane Doe")
		rec.Values["emails"] = model.Value{Valid: true, List: []string{"jane@acme.com", "jane.doe@gmail.com"}}
		rec.Values["phones"] = model.Value{Valid: true, List: []string{"+14155550100"}}
		rec.Values["job_title"] = val("CTO")
		rec.Values["company"] = model.Value{Valid: true, Int: 12, Ref: "Acme Corp"}
		d.Sections = []RelSection{
			{Title: "Company", Object: "companies", Field: "company", Items: []RelItem{{Object: "companies", ID: 12, Label: "Acme Corp", Key: "acme.com · Software"}}},
			{Title: "Opportunities", Object: "opportunities", Singular: "Opportunity", Field: "point_of_contact", Inverse: true},
		}
	case "opportunities":
		rec.Label = "Acme renewal"
		rec.Values["name"] = val("Acme renewal")
		rec.Values["amount"] = model.Value{Valid: true, Int: 48_000_000_000, Str: "USD"}
		rec.Values["close_date"] = val("2026-12-01")
		rec.Values["company"] = model.Value{Valid: true, Int: 12, Ref: "Acme Corp"}
		rec.Values["pipeline"] = model.Value{Valid: true, Int: 1, Ref: "Sales"}
		rec.Values["stage"] = model.Value{Valid: true, Int: 4, Ref: "Proposal"}
		d.Sections = []RelSection{
			{Title: "Company", Object: "companies", Field: "company", Items: []RelItem{{Object: "companies", ID: 12, Label: "Acme Corp", Key: "acme.com"}}},
			{Title: "Point of contact", Object: "people", Field: "point_of_contact"},
		}
	}
	d.Record = rec
	return d
}

func newTestDetail(object string, w, h int) *Detail {
	d := NewDetail(keymap.Default().Detail, keymap.DefaultForm(), NewStyles(true, false))
	d.SetClock(func() time.Time { return testNow })
	d.SetParseEnv(testEnv)
	d.SetSize(w, h)
	d.SetData(detailData(object))
	return d
}

// dpress sends keys and runs the commands they return, collecting the
// messages (batches opened).
func dpress(d *Detail, ks ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range ks {
		_, cmd := d.Update(kp(k))
		out = append(out, runCmd(cmd)...)
	}
	return out
}

func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runCmd(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// hasRow reports a line whose words, spaces collapsed, contain want.
func hasRow(frame, want string) bool {
	for _, l := range strings.Split(ansi.Strip(frame), "\n") {
		if strings.Contains(strings.Join(strings.Fields(strings.TrimLeft(l, "▸ ")), " "), want) {
			return true
		}
	}
	return false
}

func TestGoldenDetailObjects(t *testing.T) {
	for _, o := range []string{"companies", "people", "opportunities"} {
		t.Run(o, func(t *testing.T) {
			d := newTestDetail(o, 100, 36)
			checkBlock(t, o, d.View(), 100, 36)
			termtest.Frame(t, "detail_"+o+"_100x36", d.View())
		})
	}
}

func TestGoldenDetailEditing(t *testing.T) {
	d := newTestDetail("opportunities", 100, 30)
	dpress(d, "j", "j", "enter", "ctrl+u")
	for _, r := range "next fri" {
		d.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	termtest.Frame(t, "detail_edit_date_100x30", d.View())
}

func TestDetailEditSavesWithUpdatedAt(t *testing.T) {
	d := newTestDetail("people", 100, 36)
	// The cursor starts on the name; job title is three rows down.
	msgs := dpress(d, "j", "j", "j", "e", "ctrl+u")
	if len(msgs) != 0 || !d.CapturesKeys() {
		t.Fatalf("editing: %v, captures %v", msgs, d.CapturesKeys())
	}
	for _, r := range "VP" {
		d.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	msgs = dpress(d, "enter")
	want := SaveFieldMsg{Object: "people", ID: 12, Field: "job_title", Value: val("VP"), IfUpdatedAt: d.Record().Get("updated_at").Int}
	if len(msgs) != 1 || msgs[0].(SaveFieldMsg).Field != want.Field || msgs[0].(SaveFieldMsg).IfUpdatedAt != want.IfUpdatedAt || msgs[0].(SaveFieldMsg).Value.Str != "VP" {
		t.Fatalf("save: %#v", msgs)
	}
	if !strings.Contains(ansi.Strip(d.View()), "saving…") {
		t.Fatal("no saving state")
	}
	// The store reports a conflict: the page shows the value now in the
	// database and says the edit was not written.
	cur := d.Record()
	cur.Values = map[string]model.Value{"name": val("Jane Doe"), "job_title": val("CEO")}
	d.Conflict("job_title", cur)
	got := ansi.Strip(d.View())
	if !hasRow(got, "Job title CEO") || !strings.Contains(got, "changed elsewhere meanwhile: now CEO") {
		t.Fatalf("conflict not shown:\n%s", got)
	}
}

func TestDetailEscCancelsEditKeepingValue(t *testing.T) {
	d := newTestDetail("people", 100, 36)
	dpress(d, "j", "j", "j", "enter", "ctrl+u")
	if msgs := dpress(d, "esc"); len(msgs) != 0 || d.CapturesKeys() {
		t.Fatalf("esc: %v", msgs)
	}
	if !hasRow(d.View(), "Job title CTO") {
		t.Fatalf("old value lost:\n%s", ansi.Strip(d.View()))
	}
	if m := dpress(d, "esc"); len(m) != 1 || m[0] != (DetailBackMsg{}) {
		t.Fatalf("second esc: %v", m)
	}
}

func TestDetailRelationsAndNew(t *testing.T) {
	d := newTestDetail("companies", 100, 36)
	// Fields: name, domain, employees, industry, address, created, owner;
	// then the People section's "+ new person" row and its records.
	dpress(d, "G")
	d.SetCursor(8)
	if m := dpress(d, "n"); len(m) != 1 || m[0].(NewRecordMsg).Object != "people" || m[0].(NewRecordMsg).Prefill["company"] != "#12" {
		t.Fatalf("n in People: %#v", m)
	}
	d.SetCursor(9) // Jane Doe
	if m := dpress(d, "enter"); len(m) != 1 || m[0] != (OpenRecordMsg{Object: "people", ID: 4}) {
		t.Fatalf("enter on Jane: %#v", m)
	}
	d.SetCursor(1)
	if m := dpress(d, "n"); m[0].(NewRecordMsg).Object != "companies" || m[0].(NewRecordMsg).Prefill != nil {
		t.Fatalf("n on a field: %#v", m)
	}
	if m := dpress(d, "]"); m[0] != (DetailStepMsg{Delta: 1}) {
		t.Fatalf("]: %#v", m)
	}
}

func TestDetailCopyAndOpen(t *testing.T) {
	d := newTestDetail("people", 100, 36)
	msgs := dpress(d, "j", "y")
	var clip bool
	for _, m := range msgs {
		if _, ok := m.(NoticeMsg); ok {
			clip = true
		}
	}
	if !clip || len(msgs) != 2 {
		t.Fatalf("y: %#v", msgs)
	}
	if m := dpress(d, "o"); m[0] != (OpenExternalMsg{URL: "mailto:jane@acme.com"}) {
		t.Fatalf("o on emails: %#v", m)
	}
	d.SetCursor(3)
	if m := dpress(d, "o"); m[0] != (OpenExternalMsg{URL: "tel:+14155550100"}) {
		t.Fatalf("o on phones: %#v", m)
	}
	if !strings.Contains(d.recordText(), "Job title: CTO") {
		t.Fatalf("Y text:\n%s", d.recordText())
	}
}

func TestDetailActivity(t *testing.T) {
	d := newTestDetail("companies", 100, 60)
	got := ansi.Strip(d.View())
	if !strings.Contains(got, "changed name: Old name → New name") || !strings.Contains(got, "created") {
		t.Fatalf("activity:\n%s", got)
	}
	d.AppendEvents(nil, true)
	d.SetCursor(1 << 20)
	m := dpress(d, "enter")
	if len(m) != 1 || m[0] != (MoreEventsMsg{Object: "companies", ID: 12, BeforeID: 1}) {
		t.Fatalf("more: %#v", m)
	}
}

func TestDetailSystemFieldNotEditable(t *testing.T) {
	d := newTestDetail("people", 100, 36)
	d.SetCursor(0) // ID
	m := dpress(d, "e")
	if d.CapturesKeys() || len(m) != 1 || !m[0].(NoticeMsg).Err {
		t.Fatalf("e on ID: %#v", m)
	}
}
