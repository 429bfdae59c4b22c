package transfer

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime/quotedprintable"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// vCardColumns is the synthetic header of a vCard file. The names are
// rolo's people field names so AutoMap maps them without guessing; a card
// written by rolo adds its other fields as X-ROLO-* properties, which come
// back as further columns (see vcardwrite.go).
var vCardColumns = []string{"name", "emails", "phones", "company", "job_title", "city", "linkedin", "links"}

const (
	vcName = iota
	vcEmails
	vcPhones
	vcCompany
	vcJobTitle
	vcCity
	vcLinkedIn
	vcLinks
)

// vCardReader reads vCard 2.1/3.0/4.0 cards one at a time. It reads the
// file twice: once to collect the X-ROLO-* property names that make up the
// rest of the header, once to return rows; both passes stream.
type vCardReader struct {
	name   string
	file   *os.File
	lr     *vLineReader
	header []string
	extra  map[string]int // X-ROLO-NAME → column
	err    error
}

func newVCardReader(f *os.File, name string, opt ReadOptions) (Reader, error) {
	v := &vCardReader{name: name, file: f, extra: map[string]int{}}
	v.header = append([]string(nil), vCardColumns...)
	// Pass 1: the extra columns.
	lr := newVLineReader(f, opt.maxRow())
	cards := 0
	for {
		l, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		p := parseVProp(l.text)
		if p.name == "BEGIN" && strings.EqualFold(p.value, "VCARD") {
			cards++
		}
		if col, ok := xRoloColumn(p.name); ok {
			if _, seen := v.extra[p.name]; !seen {
				v.extra[p.name] = len(v.header)
				v.header = append(v.header, col)
			}
		}
	}
	if cards == 0 {
		f.Close()
		return nil, fmt.Errorf("%s has no vCards (no BEGIN:VCARD line): %w", name, ErrEmpty)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	v.lr = newVLineReader(f, opt.maxRow())
	return v, nil
}

// xRoloColumn maps X-ROLO-JOB-TITLE back to job_title.
func xRoloColumn(prop string) (string, bool) {
	rest, ok := strings.CutPrefix(prop, "X-ROLO-")
	if !ok || rest == "" {
		return "", false
	}
	return strings.ToLower(strings.ReplaceAll(rest, "-", "_")), true
}

func (v *vCardReader) Header() []string { return v.header }
func (v *vCardReader) Format() string   { return "vcf" }

func (v *vCardReader) Close() error {
	if v.file != nil {
		err := v.file.Close()
		v.file = nil
		return err
	}
	return nil
}

// prefValue is a value with its preference (lower is preferred), so the
// preferred email or phone becomes the primary one.
type prefValue struct {
	v    string
	pref int
}

func (v *vCardReader) Next() ([]string, int, error) {
	if v.err != nil {
		return nil, 0, v.err
	}
	row, line, err := v.card()
	if err != nil {
		if _, ok := err.(*RowError); !ok {
			v.err = err
		}
		return row, line, err
	}
	return row, line, nil
}

func (v *vCardReader) card() ([]string, int, error) {
	// Find BEGIN:VCARD, ignoring blank lines and junk between cards.
	var start int
	for {
		l, err := v.lr.next()
		if err != nil {
			if err != io.EOF {
				err = fmt.Errorf("%s: %w", v.name, err)
			}
			return nil, 0, err
		}
		p := parseVProp(l.text)
		if p.name == "BEGIN" && strings.EqualFold(p.value, "VCARD") {
			start = l.line
			break
		}
	}
	row := make([]string, len(v.header))
	var emails, phones, links []prefValue
	var fn, n, org, title, city, linkedin string
	cityPref := 1 << 30
	fromRolo := false
	for {
		l, err := v.lr.next()
		if err == io.EOF {
			return nil, start, fmt.Errorf("%s: line %d: vCard has no END:VCARD", v.name, start)
		}
		if err != nil {
			return nil, start, fmt.Errorf("%s: %w", v.name, err)
		}
		if l.truncated {
			p := parseVProp(l.text)
			if vCardWanted(p.name) {
				return nil, start, fmt.Errorf("%s: line %d: %s is larger than the row limit: %w", v.name, l.line, p.name, ErrTooLarge)
			}
			continue // an oversized PHOTO or KEY: not imported anyway
		}
		p := parseVProp(l.text)
		if p.name == "END" && strings.EqualFold(p.value, "VCARD") {
			break
		}
		val := p.decoded()
		switch p.name {
		case "FN":
			fn = unescapeVText(val)
		case "N":
			parts := splitVStructured(val)
			// family;given;additional;prefix;suffix → "given family"
			var given, family string
			if len(parts) > 1 {
				given = parts[1]
			}
			if len(parts) > 0 {
				family = parts[0]
			}
			n = strings.TrimSpace(strings.TrimSpace(given) + " " + strings.TrimSpace(family))
		case "EMAIL":
			emails = append(emails, prefValue{strings.TrimPrefix(unescapeVText(val), "mailto:"), p.pref()})
		case "TEL":
			phones = append(phones, prefValue{strings.TrimPrefix(unescapeVText(val), "tel:"), p.pref()})
		case "ORG":
			if parts := splitVStructured(val); len(parts) > 0 {
				org = parts[0]
			}
		case "TITLE":
			title = unescapeVText(val)
		case "ADR":
			parts := splitVStructured(val)
			if len(parts) > 3 && parts[3] != "" && p.pref() < cityPref {
				city, cityPref = parts[3], p.pref()
			}
		case "URL":
			links = append(links, prefValue{unescapeVText(val), p.pref()})
		case "X-SOCIALPROFILE":
			if strings.EqualFold(p.param("TYPE"), "linkedin") || strings.Contains(strings.ToLower(val), "linkedin.com") {
				linkedin = unescapeVText(val)
			}
		default:
			if col, ok := v.extra[p.name]; ok {
				row[col] = unescapeVText(val)
			}
			if p.name == "X-ROLO-ID" {
				fromRolo = true
			}
		}
	}
	// A foreign card keeps its LinkedIn profile in a plain URL; rolo's own
	// cards say which is which, so their links stay put.
	if linkedin == "" && !fromRolo {
		for i, l := range links {
			if strings.Contains(strings.ToLower(l.v), "linkedin.com/") {
				linkedin = l.v
				links = append(links[:i:i], links[i+1:]...)
				break
			}
		}
	}
	if fn == "" {
		fn = n
	}
	row[vcName] = fn
	row[vcEmails] = joinPref(emails)
	row[vcPhones] = joinPref(phones)
	row[vcCompany] = org
	row[vcJobTitle] = title
	row[vcCity] = city
	row[vcLinkedIn] = linkedin
	row[vcLinks] = joinPref(links)
	if isBlank(row) {
		return row, start, &RowError{Line: start, Msg: "vCard has no name, email or phone"}
	}
	return row, start, nil
}

// vCardWanted reports whether the reader uses a property, so an oversized
// one is an error rather than skipped.
func vCardWanted(name string) bool {
	switch name {
	case "FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "ADR", "URL", "X-SOCIALPROFILE":
		return true
	}
	return strings.HasPrefix(name, "X-ROLO-")
}

func joinPref(vals []prefValue) string {
	sort.SliceStable(vals, func(i, j int) bool { return vals[i].pref < vals[j].pref })
	parts := make([]string, 0, len(vals))
	for _, v := range vals {
		if s := strings.TrimSpace(v.v); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ListSep)
}

// vProp is one content line: [group.]NAME;PARAM=V1,V2:VALUE.
type vProp struct {
	name   string
	params map[string][]string // upper-cased names; 2.1's bare "PREF" is {"TYPE": ["PREF"]}
	value  string
}

func parseVProp(line string) vProp {
	// The name and parameters end at the first colon outside quotes.
	colon, inQuote := -1, false
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '"':
			inQuote = !inQuote
		case ':':
			if !inQuote {
				colon = i
			}
		}
		if colon >= 0 {
			break
		}
	}
	if colon < 0 {
		return vProp{name: strings.ToUpper(strings.TrimSpace(line))}
	}
	head, value := line[:colon], line[colon+1:]
	segs := splitOutsideQuotes(head, ';')
	name := strings.ToUpper(strings.TrimSpace(segs[0]))
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:] // drop the group ("item1.EMAIL")
	}
	p := vProp{name: name, value: value}
	for _, s := range segs[1:] {
		k, val, ok := strings.Cut(s, "=")
		if !ok { // vCard 2.1: ";WORK;PREF" means TYPE=WORK,PREF
			k, val = "TYPE", s
		}
		k = strings.ToUpper(strings.TrimSpace(k))
		if p.params == nil {
			p.params = map[string][]string{}
		}
		for _, e := range splitOutsideQuotes(val, ',') {
			p.params[k] = append(p.params[k], strings.Trim(e, `"`))
		}
	}
	return p
}

func splitOutsideQuotes(s string, sep byte) []string {
	var out []string
	inQuote, start := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			inQuote = !inQuote
		case sep:
			if !inQuote {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func (p vProp) param(k string) string {
	if v := p.params[k]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// pref ranks a value: PREF=n (4.0), TYPE=pref (3.0, 2.1) or none (last).
func (p vProp) pref() int {
	if n, err := strconv.Atoi(p.param("PREF")); err == nil && n > 0 {
		return n
	}
	for _, t := range p.params["TYPE"] {
		if strings.EqualFold(t, "pref") {
			return 1
		}
	}
	return 101
}

// decoded undoes vCard 2.1 quoted-printable; a broken encoding is kept
// as is rather than failing the card.
func (p vProp) decoded() string {
	if !strings.EqualFold(p.param("ENCODING"), "QUOTED-PRINTABLE") {
		return p.value
	}
	b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(p.value)))
	if err != nil || !utf8.Valid(b) {
		return p.value
	}
	return string(b)
}

// splitVStructured splits N, ADR and ORG at unescaped semicolons and
// unescapes each component.
func splitVStructured(s string) []string {
	var out []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			b.WriteByte(s[i])
			b.WriteByte(s[i+1])
			i++
		case s[i] == ';':
			out = append(out, strings.TrimSpace(unescapeVText(b.String())))
			b.Reset()
		default:
			b.WriteByte(s[i])
		}
	}
	return append(out, strings.TrimSpace(unescapeVText(b.String())))
}

func unescapeVText(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default: // \, \; \\ and anything unknown: the character itself
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// vLine is one unfolded content line.
type vLine struct {
	text      string
	line      int  // physical line it started on
	truncated bool // longer than the cap; text holds the start only
}

// vLineReader unfolds lines (a line starting with a space or tab continues
// the previous one) with a cap on the length of one logical line.
type vLineReader struct {
	br      *bufio.Reader
	max     int
	line    int
	pending []byte // next physical line, already read
	hasPend bool
	pendNo  int
	pendCut bool
}

func newVLineReader(r io.Reader, limit int) *vLineReader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(3)
	}
	return &vLineReader{br: br, max: limit}
}

// physical reads one physical line without its line ending, keeping at
// most max bytes.
func (r *vLineReader) physical() ([]byte, bool, error) {
	var out []byte
	cut := false
	for {
		chunk, err := r.br.ReadSlice('\n')
		if room := r.max - len(out); len(chunk) <= room {
			out = append(out, chunk...)
		} else {
			// Keep the start, which holds the property name, drop the rest.
			out = append(out, chunk[:max(room, 0)]...)
			cut = true
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && (err != io.EOF || (len(out) == 0 && !cut)) {
			return nil, false, err
		}
		r.line++
		out = bytes.TrimRight(out, "\r\n")
		if bytes.IndexByte(out, 0) >= 0 {
			return nil, false, fmt.Errorf("line %d contains a NUL byte; the file looks binary, not text: %w", r.line, ErrBinary)
		}
		if !utf8.Valid(out) {
			return nil, false, fmt.Errorf("line %d is not UTF-8 (looks like UTF-16/Latin-1?); save the file as UTF-8: %w", r.line, ErrEncoding)
		}
		return out, cut, nil
	}
}

func (r *vLineReader) next() (vLine, error) {
	var cur []byte
	var no int
	var cut bool
	if r.hasPend {
		cur, no, cut, r.hasPend = r.pending, r.pendNo, r.pendCut, false
	} else {
		for {
			b, c, err := r.physical()
			if err != nil {
				return vLine{}, err
			}
			if len(bytes.TrimSpace(b)) == 0 && !c {
				continue
			}
			cur, no, cut = b, r.line, c
			break
		}
	}
	for {
		b, c, err := r.physical()
		if err == io.EOF {
			break
		}
		if err != nil {
			return vLine{}, err
		}
		if len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
			if len(cur)+len(b)-1 <= r.max && !c {
				cur = append(cur, b[1:]...)
			} else {
				cut = true
			}
			continue
		}
		if len(bytes.TrimSpace(b)) == 0 && !c {
			continue
		}
		r.pending, r.pendNo, r.pendCut, r.hasPend = b, r.line, c, true
		break
	}
	return vLine{text: string(cur), line: no, truncated: cut}, nil
}
