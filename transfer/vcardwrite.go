package transfer

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// vCardWriter writes vCard 3.0, the version every address book imports.
// Columns named like the vCard reader's header become the standard
// properties; "id" and any other column become X-ROLO-* properties, so
// export → import of people loses nothing.
type vCardWriter struct {
	bw     *bufio.Writer
	header []string
	closed bool
}

func newVCardWriter(w io.Writer) *vCardWriter {
	return &vCardWriter{bw: bufio.NewWriterSize(w, 64<<10)}
}

func (v *vCardWriter) WriteHeader(h []string) error {
	v.header = append([]string(nil), h...)
	return nil
}

func (v *vCardWriter) WriteRow(row []string) error {
	if len(row) != len(v.header) {
		return fmt.Errorf("row has %d cells, the header has %d", len(row), len(v.header))
	}
	v.line("BEGIN:VCARD")
	v.line("VERSION:3.0")
	var name string
	for i, col := range v.header {
		if col == "name" {
			name = row[i]
		}
	}
	// 3.0 requires FN and N even when empty.
	v.line("FN:" + escapeVText(name))
	given, family := splitName(name)
	v.line("N:" + escapeVText(family) + ";" + escapeVText(given) + ";;;")
	for i, col := range v.header {
		val := row[i]
		if val == "" || col == "name" {
			continue
		}
		switch col {
		case "emails":
			for j, e := range splitList(val) {
				v.line(prefLine("EMAIL;TYPE=INTERNET", j) + escapeVText(e))
			}
		case "phones":
			for j, p := range splitList(val) {
				v.line(prefLine("TEL;TYPE=VOICE", j) + escapeVText(p))
			}
		case "company":
			v.line("ORG:" + escapeVText(val))
		case "job_title":
			v.line("TITLE:" + escapeVText(val))
		case "city":
			v.line("ADR;TYPE=WORK:;;;" + escapeVText(val) + ";;;")
		case "linkedin":
			v.line("X-SOCIALPROFILE;TYPE=linkedin:" + escapeVText(val))
		case "links":
			for _, l := range splitList(val) {
				v.line("URL:" + escapeVText(l))
			}
		default:
			v.line("X-ROLO-" + strings.ToUpper(strings.ReplaceAll(col, "_", "-")) + ":" + escapeVText(val))
		}
	}
	return v.line("END:VCARD")
}

func prefLine(prop string, i int) string {
	if i == 0 {
		return prop + ",PREF:"
	}
	return prop + ":"
}

// splitName guesses vCard's N from a full name: the last word is the
// family name. FN carries the exact name; N only has to be plausible.
func splitName(name string) (given, family string) {
	name = strings.TrimSpace(name)
	i := strings.LastIndexByte(name, ' ')
	if i < 0 {
		return name, ""
	}
	return strings.TrimSpace(name[:i]), name[i+1:]
}

func escapeVText(s string) string {
	if !strings.ContainsAny(s, "\\,;\n\r") {
		return s
	}
	r := strings.NewReplacer("\\", "\\\\", ",", "\\,", ";", "\\;", "\r\n", "\\n", "\n", "\\n", "\r", "\\n")
	return r.Replace(s)
}

// line writes one content line folded at 75 octets (RFC 6350 3.2),
// never inside a UTF-8 sequence, with CRLF endings.
func (v *vCardWriter) line(s string) error {
	const width = 75
	first := true
	for len(s) > 0 {
		limit := width
		if !first {
			limit = width - 1 // the leading space counts
		}
		n := len(s)
		if n > limit {
			n = limit
			for n > 0 && !utf8.RuneStart(s[n]) {
				n--
			}
		}
		if !first {
			v.bw.WriteByte(' ')
		}
		v.bw.WriteString(s[:n])
		v.bw.WriteString("\r\n")
		s = s[n:]
		first = false
	}
	return nil
}

func (v *vCardWriter) Close() error {
	if v.closed {
		return nil
	}
	v.closed = true
	return v.bw.Flush()
}
