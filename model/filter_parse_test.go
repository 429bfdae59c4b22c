package model

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseFilterTerms(t *testing.T) {
	src := `stage:won amount>=5000 owner:@me name~acme close<2026-12-31 created>-30d -email:empty city:(paris|berlin)`
	f, err := ParseFilter(src)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		not    bool
		field  string
		op     Op
		values []string
		text   string // src[Pos:End]
	}
	wants := []want{
		{false, "stage", OpIs, []string{"won"}, "stage:won"},
		{false, "amount", OpGe, []string{"5000"}, "amount>=5000"},
		{false, "owner", OpIs, []string{"@me"}, "owner:@me"},
		{false, "name", OpContains, []string{"acme"}, "name~acme"},
		{false, "close", OpLt, []string{"2026-12-31"}, "close<2026-12-31"},
		{false, "created", OpGt, []string{"-30d"}, "created>-30d"},
		{true, "email", OpEmpty, nil, "-email:empty"},
		{false, "city", OpIs, []string{"paris", "berlin"}, "city:(paris|berlin)"},
	}
	if len(f.Terms) != len(wants) {
		t.Fatalf("got %d terms, want %d: %+v", len(f.Terms), len(wants), f.Terms)
	}
	for i, w := range wants {
		g := f.Terms[i]
		if g.Not != w.not || g.Field != w.field || g.Op != w.op || !reflect.DeepEqual(g.Values, w.values) {
			t.Errorf("term %d = %+v, want %+v", i, g, w)
		}
		if got := src[g.Pos:g.End]; got != w.text {
			t.Errorf("term %d spans %q, want %q", i, got, w.text)
		}
	}
	// Spans of the parts point at the right bytes.
	city := f.Terms[7]
	if got := src[city.FieldSpan.Pos:city.FieldSpan.End]; got != "city" {
		t.Errorf("field span %q", got)
	}
	if got := src[city.OpSpan.Pos:city.OpSpan.End]; got != ":" {
		t.Errorf("op span %q", got)
	}
	if got := src[city.ValueSpans[1].Pos:city.ValueSpans[1].End]; got != "berlin" {
		t.Errorf("value span %q", got)
	}
	if !city.Set {
		t.Error("city term should be a set")
	}
}

func TestParseFilterForms(t *testing.T) {
	tests := []struct {
		src    string
		not    bool
		field  string
		op     Op
		values []string
	}{
		{`acme`, false, "", OpContains, []string{"acme"}},
		{`-acme`, true, "", OpContains, []string{"acme"}},
		{`"acme corp"`, false, "", OpContains, []string{"acme corp"}},
		{`-"acme corp"`, true, "", OpContains, []string{"acme corp"}},
		{`(acme|globex)`, false, "", OpContains, []string{"acme", "globex"}},
		{`name:"Acme Corp"`, false, "name", OpIs, []string{"Acme Corp"}},
		{`name:"say \"hi\" \\ \n"`, false, "name", OpIs, []string{`say "hi" \ \n`}},
		{`name:"empty"`, false, "name", OpIs, []string{"empty"}},
		{`name:EMPTY`, false, "name", OpEmpty, nil},
		{`name=empty`, false, "name", OpEmpty, nil},
		{`name!=empty`, true, "name", OpEmpty, nil},
		{`-name!=empty`, false, "name", OpEmpty, nil},
		{`name~empty`, false, "name", OpContains, []string{"empty"}},
		{`amount!=5`, false, "amount", OpNe, []string{"5"}},
		{`amount<=5`, false, "amount", OpLe, []string{"5"}},
		{`created:>=2026-01-01`, false, "created", OpGe, []string{"2026-01-01"}},
		{`created:<-2w`, false, "created", OpLt, []string{"-2w"}},
		{`link:https://x.test/a?b=c`, false, "link", OpIs, []string{"https://x.test/a?b=c"}},
		{`city:( new york | "los angeles" |paris)`, false, "city", OpIs, []string{"new york", "los angeles", "paris"}},
		{`city:(paris)`, false, "city", OpIs, []string{"paris"}},
		{`city:(empty)`, false, "city", OpEmpty, nil},
		{`city!=( EMPTY )`, true, "city", OpEmpty, nil},
		{`city:(paris|empty)`, false, "city", OpIs, []string{"paris"}},
		{`city:(paris|"empty")`, false, "city", OpIs, []string{"paris", "empty"}},
		{`"Job Title":ceo`, false, "Job Title", OpIs, []string{"ceo"}},
		{`name:a(b`, false, "name", OpIs, []string{"a(b"}},
	}
	for _, tt := range tests {
		f, err := ParseFilter(tt.src)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if len(f.Terms) != 1 {
			t.Errorf("%s: %d terms", tt.src, len(f.Terms))
			continue
		}
		g := f.Terms[0]
		if g.Not != tt.not || g.Field != tt.field || g.Op != tt.op || !reflect.DeepEqual(g.Values, tt.values) {
			t.Errorf("%s: got not=%v field=%q op=%q values=%q", tt.src, g.Not, g.Field, g.Op, g.Values)
		}
	}
}

func TestParseFilterEmpty(t *testing.T) {
	for _, src := range []string{"", "   ", "\t\n"} {
		f, err := ParseFilter(src)
		if err != nil || !f.Empty() {
			t.Errorf("%q: %+v, %v", src, f, err)
		}
	}
}

func TestParseFilterErrors(t *testing.T) {
	tests := []struct {
		src      string
		pos, end int
		msg      string // a substring of the message
	}{
		{`name:"acme`, 5, 10, `unclosed quote`},
		{`"acme`, 0, 5, `unclosed quote`},
		{`city:(paris|berlin`, 5, 18, `unclosed (`},
		{`city:(paris||berlin)`, 12, 13, `empty value in set`},
		{`city:()`, 6, 7, `empty value in set`},
		{`(acme|empty)`, 6, 11, `"empty" needs a field`},
		{`amount>(1|empty)`, 10, 15, `"empty" in a set works with :, = and !=`},
		{`city:("paris" berlin)`, 14, 15, `expected | or )`},
		{`name:"acme"corp`, 11, 12, `unexpected "c" after the closing quote`},
		{`city:(paris)x`, 12, 13, `after the closing )`},
		{`stage:won - x`, 10, 11, `a lone - negates nothing`},
		{`amount> stage:won`, 0, 7, `missing value after "amount>"`},
		{`amount>`, 0, 7, `missing value after "amount>"`},
		{`:won`, 0, 1, `missing field name before ":"`},
		{`name!acme`, 4, 5, `! must be followed by =`},
		{`""`, 0, 2, `empty quotes`},
	}
	for _, tt := range tests {
		_, err := ParseFilter(tt.src)
		var fe *FilterError
		if !errors.As(err, &fe) {
			t.Errorf("%s: got %v, want a *FilterError", tt.src, err)
			continue
		}
		if fe.Pos != tt.pos || fe.End != tt.end || !strings.Contains(fe.Msg, tt.msg) || fe.Src != tt.src {
			t.Errorf("%s: got [%d,%d) %q, want [%d,%d) containing %q", tt.src, fe.Pos, fe.End, fe.Msg, tt.pos, tt.end, tt.msg)
		}
	}
}

func TestFilterErrorPointer(t *testing.T) {
	e := &FilterError{Src: "stage:won amount>abc", Pos: 17, End: 20, Msg: "amount>abc: expected a number"}
	want := "amount>abc: expected a number\n" +
		"  stage:won amount>abc\n" +
		"                   ^^^"
	if got := e.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Multi-byte text before the token counts as one column per rune, and
	// a zero-width span (end of input) still shows one caret.
	e = &FilterError{Src: "café x:", Pos: 7, End: 7, Msg: "m"}
	if got := e.Error(); !strings.HasSuffix(got, "\n  café x:\n        ^") {
		t.Errorf("got %q", got)
	}
	if got := (&FilterError{Msg: "plain"}).Error(); got != "plain" {
		t.Errorf("no source: got %q", got)
	}
}

func TestFilterStringRoundTrip(t *testing.T) {
	srcs := []string{
		`stage:won amount>=5000 owner:@me name~acme close<2026-12-31 created>-30d -email:empty city:(paris|berlin)`,
		`"acme corp" -"x y" (a|b) name:"empty" name:"a\"b" "Job Title":ceo city:(paris) note:"-x" amount!=5`,
		`city:(empty|paris) -tags:(vip|"empty"|empty) city!=(berlin|empty)`,
	}
	for _, src := range srcs {
		f, err := ParseFilter(src)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseFilter(f.String())
		if err != nil {
			t.Fatalf("%s: reparse of %q: %v", src, f.String(), err)
		}
		if len(again.Terms) != len(f.Terms) {
			t.Fatalf("%q: %d terms, want %d", f.String(), len(again.Terms), len(f.Terms))
		}
		for i := range f.Terms {
			a, b := f.Terms[i], again.Terms[i]
			if a.Not != b.Not || a.Field != b.Field || a.Op != b.Op || a.Set != b.Set || a.OrEmpty != b.OrEmpty || !reflect.DeepEqual(a.Values, b.Values) {
				t.Errorf("term %d: %+v became %+v via %q", i, a, b, f.String())
			}
		}
	}
	f, _ := ParseFilter(`-city:(paris|"new york")   name~acme`)
	if got, want := f.String(), `-city:(paris|"new york") name~acme`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// FuzzParseFilter checks that any input either parses into terms that
// String() renders back to the same terms, or fails with offsets inside
// the source; and that neither parsing nor binding panics.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{
		`stage:won amount>=5000 owner:@me name~acme close<2026-12-31 created>-30d -email:empty city:(paris|berlin)`,
		`"a\"b" -x (a|"b c") name:"" f:(|) - -- ! :x a:>=b c!=empty "x`,
		`0:"!"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		flt, err := ParseFilter(src)
		if err != nil {
			var fe *FilterError
			if !errors.As(err, &fe) || fe.Pos < 0 || fe.Pos > fe.End || fe.End > len(src) {
				t.Fatalf("%q: bad error %#v", src, err)
			}
			_ = fe.Error()
			return
		}
		for _, tm := range flt.Terms {
			if tm.Pos < 0 || tm.Pos >= tm.End || tm.End > len(src) {
				t.Fatalf("%q: term span [%d,%d)", src, tm.Pos, tm.End)
			}
		}
		// Binding never panics and points inside the source.
		for _, obj := range []Object{filterTestPeople(), filterTestOpps()} {
			if _, err := flt.Bind(obj, FilterEnv{Now: filterTestNow, Me: 1}); err != nil {
				var fe *FilterError
				if !errors.As(err, &fe) || fe.Pos < 0 || fe.Pos > fe.End || fe.End > len(src) {
					t.Fatalf("%q: bad bind error %#v", src, err)
				}
			}
		}
		again, err := ParseFilter(flt.String())
		if err != nil {
			t.Fatalf("%q rendered as %q: %v", src, flt.String(), err)
		}
		if len(again.Terms) != len(flt.Terms) {
			t.Fatalf("%q rendered as %q: %d terms, want %d", src, flt.String(), len(again.Terms), len(flt.Terms))
		}
		for i := range flt.Terms {
			a, b := flt.Terms[i], again.Terms[i]
			if a.Not != b.Not || a.Field != b.Field || a.Op != b.Op || !reflect.DeepEqual(a.Values, b.Values) {
				t.Fatalf("%q rendered as %q: term %d %+v became %+v", src, flt.String(), i, a, b)
			}
		}
	})
}
