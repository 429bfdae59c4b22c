package views

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rolo/internal/termtest"
	"rolo/keymap"
	"rolo/model"
)

func TestMain(m *testing.M) {
	time.Local = time.UTC // datetime cells render in local time
	os.Exit(m.Run())
}

var testNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// ---- a fake object and store ----

var stageField = model.Field{Name: "stage", Label: "Stage", Type: model.TypeSelect, Options: []model.SelectOption{
	{Value: "lead", Label: "Lead", Color: "#0090FF"},
	{Value: "won", Label: "Won", Color: "green"},
	{Value: "lost", Label: "Lost", Color: "red"},
}}

func testObject() model.Object {
	return model.Object{
		Name: "companies", Singular: "Company", Plural: "Companies", LabelField: "name",
		Fields: []model.Field{
			{Name: "name", Label: "Name", Type: model.TypeText},
			{Name: "city", Label: "City", Type: model.TypeText},
			{Name: "employees", Label: "Employees", Type: model.TypeNumber},
			{Name: "arr", Label: "ARR", Type: model.TypeCurrency},
			stageField,
			{Name: "owner", Label: "Owner", Type: model.TypeMember},
			{Name: "next_call", Label: "Next call", Type: model.TypeDate},
			{Name: "notes", Label: "Notes", Type: model.TypeRichText},
			{Name: "created_at", Label: "Created", Type: model.TypeDateTime, System: true},
		},
	}
}

var cities = []string{"Berlin", "東京", "São Paulo", "Zürich", "Austin"}
var owners = []string{"Ada", "Grace", "Linus"}
var stages = []string{"lead", "won", "lost"}

func testRecord(i int) model.Record {
	name := fmt.Sprintf("Company %d", i)
	switch i {
	case 1:
		name = "東京タワー株式会社 (Tokyo Tower Co.)"
	case 2:
		name = "Evil\x1b]52;c;cHduZWQ=\x07 Corp\r\n"
	case 3:
		name = "Rocket 🚀 Labs"
	}
	v := func(s string) model.Value { return model.Value{Valid: true, Str: s} }
	return model.Record{Object: "companies", ID: int64(i + 1), Label: name, Values: map[string]model.Value{
		"name":      v(name),
		"city":      v(cities[i%len(cities)]),
		"employees": {Valid: true, Num: float64(i * 37 % 5000)},
		"arr":       {Valid: true, Int: int64(i) * 1_234_500_000, Str: "USD"},
		"stage":     v(stages[i%len(stages)]),
		"owner":     {Valid: true, Int: int64(i%3 + 1), Ref: owners[i%3]},
		"next_call": v(testNow.AddDate(0, 0, i%20-5).Format("2006-01-02")),
		"notes":     v("line one\nline two"),
	}}
}

// fakeStore answers PageRequests over n records with keyset cursors that
// are row indexes, as the real store's opaque cursors would be used.
type fakeStore struct {
	n        int
	requests []PageRequest
}

func (s *fakeStore) page(r PageRequest) model.Page {
	lo, hi := 0, 0
	at := func(c model.Cursor) int { i, _ := strconv.Atoi(string(c)); return i }
	switch r.Dir {
	case DirFirst:
		lo, hi = 0, r.Limit
	case DirNext:
		lo = at(r.Cursor) + 1
		hi = lo + r.Limit
	case DirReload:
		if r.Cursor == "" {
			lo, hi = 0, r.Limit
		} else {
			lo = at(r.Cursor)
			hi = lo + r.Limit
		}
	case DirPrev:
		hi = at(r.Cursor)
		lo = hi - r.Limit
	case DirLast:
		lo, hi = s.n-r.Limit, s.n
	}
	lo, hi = max(lo, 0), min(hi, s.n)
	var p model.Page
	for i := lo; i < hi; i++ {
		p.Records = append(p.Records, testRecord(i))
	}
	if lo > 0 && hi > lo {
		p.Prev = model.Cursor(strconv.Itoa(lo))
	}
	if hi < s.n && hi > lo {
		p.Next = model.Cursor(strconv.Itoa(hi - 1))
	}
	return p
}

// drain runs cmd and answers every PageRequest it yields, as the root
// would, until nothing is left. Other messages are returned.
func (s *fakeStore) drain(t *testing.T, l *List, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case PageRequest:
			s.requests = append(s.requests, msg)
			if msg.List != l.ID() {
				t.Fatalf("request for list %d, want %d", msg.List, l.ID())
			}
			if msg.Count {
				l.SetTotal(msg.Req, int64(s.n))
			}
			_, next := l.ApplyPage(msg.Req, msg.Dir, s.page(msg))
			queue = append(queue, next)
		default:
			// Keep intents; drop the inputs' own messages (cursor etc.).
			if strings.HasPrefix(fmt.Sprintf("%T", msg), "views.") {
				out = append(out, msg)
			}
		}
	}
	return out
}

func newTestList(t *testing.T, n, w, h int) (*List, *fakeStore) {
	t.Helper()
	l := NewList(keymap.Default(), NewStyles(true, false))
	l.SetClock(func() time.Time { return testNow })
	l.SetSize(w, h)
	s := &fakeStore{n: n}
	view := SavedView{Name: "All companies", Default: true, Columns: []Column{
		{Field: "name"}, {Field: "city"}, {Field: "employees"}, {Field: "arr"}, {Field: "stage"}, {Field: "owner"}, {Field: "next_call"},
	}}
	s.drain(t, l, l.Reset(testObject(), view))
	return l, s
}

// press sends keys and answers the page requests they cause.
func press(t *testing.T, l *List, s *fakeStore, keys ...string) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		_, cmd := l.Update(kp(k))
		out = append(out, s.drain(t, l, cmd)...)
	}
	return out
}

func timeAfter(d interface{ Seconds() float64 }) <-chan time.Time {
	return time.After(time.Duration(d.Seconds() * float64(time.Second)))
}

// kp is a key press by name (termtest.Key), short because tests use it a lot.
var kp = termtest.Key
