package transfer

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"rolo/model"
)

// mapped returns header → "field" or "field:role" for the mapped columns.
func mapped(rep Report) map[string]string {
	out := map[string]string{}
	for _, m := range rep.Mapped {
		v := m.Field
		if m.Role != RoleValue {
			v += ":" + m.Role.String()
		}
		out[m.Header] = v
	}
	return out
}

func unmapped(rep Report) []string {
	var out []string
	for _, u := range rep.Unmapped {
		out = append(out, u.Header)
	}
	return out
}

// applyFile maps every row of a fixture.
func applyFile(t *testing.T, path string, obj model.Object, over map[string]string) (Report, []map[string]string) {
	t.Helper()
	r, rows := readAll(t, path, ReadOptions{})
	m, rep, err := AutoMap(r.Header(), obj, over)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, row := range rows {
		dst := map[string]string{}
		m.Apply(row, dst)
		out = append(out, dst)
	}
	return rep, out
}

func TestNorm(t *testing.T) {
	for in, want := range map[string]string{
		"E-mail": "email", "Email Address": "emailaddress", "job_title": "jobtitle", " Émail ": "email",
		"Responsible user": "responsibleuser", "Ответственный": "ответственныи", "Deal  Stage!": "dealstage", "": "",
	} {
		if got := norm(in); got != want {
			t.Errorf("norm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAutoMapSynonyms(t *testing.T) {
	people, opps := peopleObj(), opportunitiesObj()
	cases := []struct {
		obj    model.Object
		header string
		want   string
	}{
		{people, "E-mail", "emails"},
		{people, "Email Address", "emails"},
		{people, "Work Email", "emails"},
		{people, "Company", "company"},
		{people, "Account", "company"},
		{people, "Organization", "company"},
		{people, "Title", "job_title"},
		{people, "Position", "job_title"},
		{people, "Full Name", "name"},
		{people, "Sales Agent", "owner"},
		{people, "Responsible", "owner"},
		{people, "Assigned To", "owner"},
		{people, "Responsible user", "owner"},
		{people, "job_title", "job_title"},
		{people, "LinkedIn", "linkedin"},
		{people, "Birthday", "birthday"},
		{people, "Ответственный", "owner"},
		{opps, "Deal Stage", "stage"},
		{opps, "Status", "stage"},
		{opps, "Amount", "amount"},
		{opps, "Value", "amount"},
		{opps, "Close Value", "amount"},
		{opps, "Close Date", "close_date"},
		{opps, "Expected Close", "close_date"},
		{opps, "Deal Name", "name"},
		{opps, "Company Name", "company"},
		{companiesObj(), "Company Name", "name"},
		{companiesObj(), "Website", "domain"},
		{companiesObj(), "Number of Employees", "employees"},
		{companiesObj(), "ARR", "annual_recurring_revenue"},
	}
	for _, c := range cases {
		_, rep, err := AutoMap([]string{c.header}, c.obj, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := mapped(rep)[c.header]; got != c.want {
			t.Errorf("%s: %q → %q, want %q (report %v)", c.obj.Name, c.header, got, c.want, rep)
		}
	}
	// "Status" is the stage only where there is one.
	_, rep, _ := AutoMap([]string{"Status", "Deal Stage"}, people, nil)
	if len(rep.Mapped) != 0 || len(rep.Unmapped) != 2 {
		t.Errorf("people Status: %+v", rep)
	}
}

func TestAutoMapTwenty(t *testing.T) {
	rep, rows := applyFile(t, "testdata/twenty_people.csv", peopleObj(), nil)
	want := map[string]string{
		"Name / First Name":                   "name:first",
		"Name / Last Name":                    "name:last",
		"Emails / Primary Email":              "emails",
		"Emails / Additional Emails":          "emails:more",
		"Phones / Primary Phone Number":       "phones",
		"Phones / Primary Phone Country Code": "phones:code",
		"Phones / Primary Phone Calling Code": "phones:code",
		"Phones / Additional Phones":          "phones:more",
		"Linkedin / Link URL":                 "linkedin",
		"Linkedin / Secondary Links":          "linkedin:more",
		"Job Title":                           "job_title",
		"City":                                "city",
		"Company":                             "company",
	}
	if got := mapped(rep); !reflect.DeepEqual(got, want) {
		t.Errorf("mapped:\n got %v\nwant %v", got, want)
	}
	wantUn := []string{"Id", "Linkedin / Link Label", "Avatar Url", "Created by / Source", "Created by / Name", "Created At", "Updated At"}
	if got := unmapped(rep); !reflect.DeepEqual(got, wantUn) {
		t.Errorf("unmapped = %q, want %q", got, wantUn)
	}
	if !strings.Contains(rep.String(), `"Created At": created_at is maintained by rolo`) ||
		!strings.Contains(rep.String(), `"Id": holds another system's ids`) {
		t.Errorf("report:\n%s", rep)
	}
	first := map[string]string{
		"name": "Christoph Callisto", "emails": "christoph.calisto@linkedin.com, c.callisto@gmail.com",
		"phones": "+33 789012345", "linkedin": "https://www.linkedin.com/in/christophcallisto",
		"job_title": "CTO", "city": "Seattle", "company": "Linkedin",
	}
	if !reflect.DeepEqual(rows[0], first) {
		t.Errorf("row 1:\n got %v\nwant %v", rows[0], first)
	}
	if rows[1]["phones"] != "+33 780123456, +33 612345678" {
		t.Errorf("additional phones from JSON: %q", rows[1]["phones"])
	}
	if rows[2]["name"] != "Léa Dubois" || rows[2]["phones"] != "" || rows[2]["emails"] != "lea@qonto.com" {
		t.Errorf("row 3: %v", rows[2])
	}
}

func TestAutoMapHubSpot(t *testing.T) {
	rep, rows := applyFile(t, "testdata/hubspot_contacts.csv", peopleObj(), nil)
	want := map[string]string{
		"First Name": "name:first", "Last Name": "name:last", "Email": "emails", "Phone Number": "phones",
		"Company Name": "company", "Job Title": "job_title", "City": "city", "Contact owner": "owner",
	}
	if got := mapped(rep); !reflect.DeepEqual(got, want) {
		t.Errorf("mapped:\n got %v\nwant %v", got, want)
	}
	if got := unmapped(rep); !reflect.DeepEqual(got, []string{"Record ID", "Lifecycle Stage", "Create Date", "Last Activity Date"}) {
		t.Errorf("unmapped = %q", got)
	}
	if rows[2]["name"] != "O'Neil Patrick, Jr." || rows[2]["company"] != "Smith & Sons, Ltd." || rows[2]["owner"] != "Ben Ortiz" {
		t.Errorf("row 3: %v", rows[2])
	}
	if rows[2]["phones"] != "" {
		t.Errorf("empty phone: %q", rows[2]["phones"])
	}
}

func TestAutoMapKommo(t *testing.T) {
	rep, rows := applyFile(t, "testdata/kommo_leads.csv", opportunitiesObj(), nil)
	want := map[string]string{
		"Lead title": "name", "Company": "company", "Contact": "point_of_contact", "Responsible user": "owner",
		"Pipeline": "pipeline", "Lead status": "stage", "Sale": "amount", "Tags": "tags",
	}
	if got := mapped(rep); !reflect.DeepEqual(got, want) {
		t.Errorf("mapped:\n got %v\nwant %v", got, want)
	}
	if got := unmapped(rep); !reflect.DeepEqual(got, []string{"ID", "Created", "Closed"}) {
		t.Errorf("unmapped = %q", got)
	}
	if rows[0]["amount"] != "12,500.00" || rows[1]["stage"] != "Closed - won" || rows[1]["tags"] != "support, renewal" {
		t.Errorf("rows: %v", rows)
	}

	// Contacts: two phone and two email columns fill the lists, primary
	// (work) first; the full name wins over first + last.
	rep, rows = applyFile(t, "testdata/kommo_contacts_semicolon_bom.csv", peopleObj(), nil)
	want = map[string]string{
		"Name": "name", "First name": "name:first", "Last name": "name:last", "Responsible user": "owner",
		"Company": "company", "Position": "job_title", "Work phone": "phones", "Mobile phone": "phones:more",
		"Work email": "emails", "Personal email": "emails:more",
	}
	if got := mapped(rep); !reflect.DeepEqual(got, want) {
		t.Errorf("mapped:\n got %v\nwant %v", got, want)
	}
	if got := unmapped(rep); !reflect.DeepEqual(got, []string{"Budget"}) {
		t.Errorf("unmapped = %q", got)
	}
	if rows[0]["phones"] != "+7 495 123-45-67, +7 916 555-12-34" || rows[0]["emails"] != "john@acme.example, john.smith@mail.example" {
		t.Errorf("lists: %v", rows[0])
	}
	if rows[1]["phones"] != "+48 22 555 0101" || rows[1]["company"] != "Kowalski; Partners" {
		t.Errorf("row 2: %v", rows[1])
	}
}

func TestAutoMapPipedrive(t *testing.T) {
	rep, rows := applyFile(t, "testdata/pipedrive_deals.tsv", opportunitiesObj(), nil)
	want := map[string]string{
		"Title": "name", "Value": "amount", "Currency": "amount:currency", "Organization": "company",
		"Contact person": "point_of_contact", "Stage": "stage", "Expected close date": "close_date", "Owner": "owner",
	}
	if got := mapped(rep); !reflect.DeepEqual(got, want) {
		t.Errorf("mapped:\n got %v\nwant %v\n%s", got, want, rep)
	}
	if rows[0]["amount"] != "EUR 12500" || rows[2]["amount"] != "USD -300" {
		t.Errorf("amounts: %q %q", rows[0]["amount"], rows[2]["amount"])
	}
}

func TestAutoMapTwentyCurrency(t *testing.T) {
	h := []string{"Name", "Amount / Amount Micros", "Amount / Currency Code", "Close Date"}
	m, rep, err := AutoMap(h, opportunitiesObj(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := mapped(rep); got["Amount / Amount Micros"] != "amount:micros" || got["Amount / Currency Code"] != "amount:currency" {
		t.Errorf("mapped %v", got)
	}
	dst := map[string]string{}
	m.Apply([]string{"Deal", "1500000", "EUR", "2024-01-02"}, dst)
	if dst["amount"] != "EUR 1.5" {
		t.Errorf("amount = %q", dst["amount"])
	}
	m.Apply([]string{"Deal", "-2000000000", "", ""}, dst)
	if dst["amount"] != "-2000" || dst["close_date"] != "" {
		t.Errorf("amount = %q", dst)
	}
}

func TestAutoMapDuplicates(t *testing.T) {
	// Two columns for one single-valued field: the first wins, the second
	// is reported with the reason.
	_, rep, _ := AutoMap([]string{"Company", "Company Name", "Email", "E-mail"}, peopleObj(), nil)
	if got := mapped(rep); got["Company"] != "company" || got["Company Name"] != "" || got["E-mail"] != "emails:more" {
		t.Errorf("mapped %v", got)
	}
	if len(rep.Unmapped) != 1 || !strings.Contains(rep.Unmapped[0].Reason, `company is already imported from "Company"`) {
		t.Errorf("unmapped %+v", rep.Unmapped)
	}
}

func TestAutoMapRoloExport(t *testing.T) {
	// rolo's own export header maps one to one, id included.
	h := []string{"id", "name", "emails", "phones", "company", "job_title", "city", "owner", "active", "created_at"}
	_, rep, err := AutoMap(h, peopleObj(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := mapped(rep)
	for _, f := range h[:9] {
		if got[f] != f {
			t.Errorf("%q → %q", f, got[f])
		}
	}
	if u := unmapped(rep); !reflect.DeepEqual(u, []string{"created_at"}) {
		t.Errorf("unmapped %q", u)
	}
}

func TestOverrides(t *testing.T) {
	h := []string{"Full Name", "Name", "Lead Source", "Notes", "Record ID"}
	over, err := ParseMapFlags([]string{"Name=-", "lead source=job_title", "Record ID=id", "Notes=city"})
	if err != nil {
		t.Fatal(err)
	}
	m, rep, err := AutoMap(h, peopleObj(), over)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Full Name": "name", "Lead Source": "job_title", "Notes": "city", "Record ID": "id"}
	if got := mapped(rep); !reflect.DeepEqual(got, want) {
		t.Errorf("mapped %v", got)
	}
	if len(rep.Unmapped) != 1 || rep.Unmapped[0].Reason != "skipped by --map" {
		t.Errorf("unmapped %+v", rep.Unmapped)
	}
	for _, mc := range rep.Mapped {
		if mc.Header == "Lead Source" && mc.By != "override" {
			t.Errorf("By = %q", mc.By)
		}
	}
	if !m.Has("id") || m.Has("emails") || !reflect.DeepEqual(m.Fields(), []string{"name", "job_title", "city", "id"}) {
		t.Errorf("Fields = %q", m.Fields())
	}

	// An override beats an automatic match for the same field.
	_, rep, _ = AutoMap([]string{"Name", "Nickname"}, peopleObj(), map[string]string{"Nickname": "name"})
	if got := mapped(rep); !reflect.DeepEqual(got, map[string]string{"Nickname": "name"}) {
		t.Errorf("override priority: %v", got)
	}
	// Roles in overrides.
	_, rep, err = AutoMap([]string{"Given", "Family"}, peopleObj(), map[string]string{"Given": "name:first", "Family": "name:last"})
	if err != nil || !reflect.DeepEqual(mapped(rep), map[string]string{"Given": "name:first", "Family": "name:last"}) {
		t.Errorf("roles: %v %v", mapped(rep), err)
	}
}

func TestOverrideErrors(t *testing.T) {
	h := []string{"Name", "Email"}
	_, _, err := AutoMap(h, peopleObj(), map[string]string{"Mail": "emails"})
	if err == nil || !strings.Contains(err.Error(), `--map "Mail": the file has no such column (columns: "Name", "Email")`) {
		t.Errorf("unknown column: %v", err)
	}
	_, _, err = AutoMap(h, peopleObj(), map[string]string{"Email": "mail_addr"})
	if err == nil || !strings.Contains(err.Error(), `people has no field "mail_addr" (fields: id, owner, active, name, emails,`) {
		t.Errorf("unknown field: %v", err)
	}
	_, _, err = AutoMap(h, peopleObj(), map[string]string{"Email": "created_at"})
	if err == nil || !strings.Contains(err.Error(), "created_at is maintained by rolo") {
		t.Errorf("system field: %v", err)
	}
	_, _, err = AutoMap(h, peopleObj(), map[string]string{"Email": "city:more"})
	if err == nil || !strings.Contains(err.Error(), `role "more" does not apply to city`) {
		t.Errorf("bad role: %v", err)
	}
	if _, err := ParseMapFlags([]string{"novalue"}); err == nil {
		t.Error("ParseMapFlags accepted a flag without =")
	}
	// Label spelling of the field is accepted.
	_, rep, err := AutoMap(h, peopleObj(), map[string]string{"Email": "Job title"})
	if err != nil || mapped(rep)["Email"] != "job_title" {
		t.Errorf("label override: %v %v", mapped(rep), err)
	}
}

func TestExpandList(t *testing.T) {
	cases := map[string][]string{
		`["a@x.com", "b@y.com"]`: {"a@x.com", "b@y.com"},
		`[]`:                     nil,
		`[{"url":"https://a.example","label":""}]`:                        {"https://a.example"},
		`[{"number":"612345678","callingCode":"+33","countryCode":"FR"}]`: {"+33 612345678"},
		"a@x.com; b@y.com\nc@z.com":                                       {"a@x.com", "b@y.com", "c@z.com"},
		"[not json":                                                       {"[not json"},
	}
	for in, want := range cases {
		if got := expandList(in); !reflect.DeepEqual(got, want) {
			t.Errorf("expandList(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestApplyShortRow(t *testing.T) {
	m, _, _ := AutoMap([]string{"Name", "Email", "City"}, peopleObj(), nil)
	dst := map[string]string{"stale": "x"}
	m.Apply([]string{"Ann"}, dst)
	if !reflect.DeepEqual(dst, map[string]string{"name": "Ann", "emails": "", "city": ""}) {
		t.Errorf("dst = %v", dst)
	}
}

func TestReportJSON(t *testing.T) {
	_, rep, _ := AutoMap([]string{"First Name", "Foo"}, peopleObj(), nil)
	b, err := json.Marshal(rep)
	if err != nil || !strings.Contains(string(b), `"Role":"first"`) || !strings.Contains(string(b), `"Header":"Foo"`) {
		t.Errorf("json %s %v", b, err)
	}
}
