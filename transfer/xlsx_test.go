package transfer

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var genFixtures = flag.Bool("gen-fixtures", false, "regenerate testdata/hubspot_deals.xlsx")

// TestGenerateXLSXFixture writes testdata/hubspot_deals.xlsx, a HubSpot
// style deals export. XLSX is a ZIP of XML and cannot sensibly be written
// by hand, so the committed file was made by:
//
//	go test ./transfer -run TestGenerateXLSXFixture -gen-fixtures
//
// It has a "Summary" sheet first (so --sheet matters), real date cells,
// currency-formatted numbers, a formula-escaped cell and a blank row.
func TestGenerateXLSXFixture(t *testing.T) {
	if !*genFixtures {
		t.Skip("pass -gen-fixtures to regenerate")
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Summary")
	f.SetCellValue("Summary", "A1", "Exported from HubSpot")
	f.NewSheet("Deals")
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14}) // m/d/yy
	money, _ := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	header := []any{"Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date", "Deal owner", "Associated Company", "Pipeline"}
	f.SetSheetRow("Deals", "A1", &header)
	rows := [][]any{
		{9001, "Brightwave renewal", "Contract Sent", 12500.5, time.Date(2016, 10, 20, 0, 0, 0, 0, time.UTC), "Ann Carter", "Brightwave", "Sales Pipeline"},
		{9002, "'=Totally legit", "Closed Won", 3000, time.Date(2017, 1, 31, 0, 0, 0, 0, time.UTC), "Ben Ortiz", "HubSpot", "Sales Pipeline"},
		nil, // a blank row in the middle
		{9003, "Initech CRM", "Appointment Scheduled", 0.1 + 0.2, time.Date(2017, 3, 5, 0, 0, 0, 0, time.UTC), "Ann Carter", "Initech"},
	}
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		f.SetSheetRow("Deals", cell, &r)
		d, _ := excelize.CoordinatesToCellName(5, i+2)
		f.SetCellStyle("Deals", d, d, date)
		a, _ := excelize.CoordinatesToCellName(4, i+2)
		f.SetCellStyle("Deals", a, a, money)
	}
	if err := f.SaveAs("testdata/hubspot_deals.xlsx"); err != nil {
		t.Fatal(err)
	}
}

func TestXLSXRead(t *testing.T) {
	// The first sheet is the summary.
	r, rows := readAll(t, "testdata/hubspot_deals.xlsx", ReadOptions{})
	if r.Format() != "xlsx" || r.Header()[0] != "Exported from HubSpot" || len(rows) != 0 {
		t.Errorf("first sheet: %q %q", r.Header(), rows)
	}
	r, rows = readAll(t, "testdata/hubspot_deals.xlsx", ReadOptions{Sheet: "deals"})
	wantHeader := []string{"Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date", "Deal owner", "Associated Company", "Pipeline"}
	if !reflect.DeepEqual(r.Header(), wantHeader) {
		t.Errorf("header = %q", r.Header())
	}
	want := [][]string{
		{"9001", "Brightwave renewal", "Contract Sent", "12500.5", "42663", "Ann Carter", "Brightwave", "Sales Pipeline"},
		{"9002", "=Totally legit", "Closed Won", "3000", "42766", "Ben Ortiz", "HubSpot", "Sales Pipeline"},
		{"9003", "Initech CRM", "Appointment Scheduled", "0.3", "42799", "Ann Carter", "Initech", ""}, // padded
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows:\n got %q\nwant %q", rows, want)
	}

	// Mapped and normalized for opportunities: serial dates become ISO.
	m, rep, err := AutoMap(r.Header(), opportunitiesObj(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := mapped(rep); got["Deal owner"] != "owner" || got["Deal Stage"] != "stage" || got["Associated Company"] != "company" || got["Deal Name"] != "name" {
		t.Errorf("mapped %v", got)
	}
	n, _ := NewNormalizer("", false, r.Format())
	dst := map[string]string{}
	m.Apply(rows[0], dst)
	obj := opportunitiesObj()
	cd, _ := obj.Field("close_date")
	amt, _ := obj.Field("amount")
	if d, err := n.Cell(cd, dst["close_date"]); err != nil || d != "2016-10-20" {
		t.Errorf("close_date %q %v", d, err)
	}
	if a, err := n.Cell(amt, dst["amount"]); err != nil || a != "12500.5" {
		t.Errorf("amount %q %v", a, err)
	}
}

func TestXLSXUnknownSheet(t *testing.T) {
	_, err := Open("testdata/hubspot_deals.xlsx", ReadOptions{Sheet: "Leads"})
	if err == nil || !strings.Contains(err.Error(), `has no sheet "Leads" (sheets: Summary, Deals)`) {
		t.Errorf("err = %v", err)
	}
}

func TestXLSXWriterTypes(t *testing.T) {
	// Canonical numbers become numeric cells; everything else text.
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, WriteOptions{Format: "xlsx", Sheet: "opportunities"})
	w.WriteHeader([]string{"amount", "zip", "name"})
	w.WriteRow([]string{"-300", "007", "=cmd"})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "t.xlsx")
	os.WriteFile(p, buf.Bytes(), 0o644)
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"opportunities"}) {
		t.Errorf("sheets %q", got)
	}
	for cell, want := range map[string]excelize.CellType{"A2": excelize.CellTypeNumber, "B2": excelize.CellTypeInlineString, "C2": excelize.CellTypeInlineString} {
		if typ, _ := f.GetCellType("opportunities", cell); typ != want && !(want == excelize.CellTypeNumber && typ == excelize.CellTypeUnset) {
			t.Errorf("%s type %v, want %v", cell, typ, want)
		}
	}
	if v, _ := f.GetCellValue("opportunities", "C2"); v != "'=cmd" {
		t.Errorf("C2 = %q", v)
	}
}

func TestCleanFloat(t *testing.T) {
	for in, want := range map[string]string{
		"0.30000000000000004": "0.3", "12500.5": "12500.5", "15551234567": "15551234567",
		"1234567890123456789": "1234567890123456789", "abc.defghijklmnopq": "abc.defghijklmnopq",
	} {
		if got := cleanFloat(in); got != want {
			t.Errorf("cleanFloat(%q) = %q, want %q", in, got, want)
		}
	}
}
