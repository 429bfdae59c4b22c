package transfer

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	unorm "golang.org/x/text/unicode/norm"

	"rolo/model"
)

// ListSep joins the entries of a list field (emails, phones, links) that
// came from several columns or cards into one cell. model.ParseValue reads
// a comma-separated list for those types.
const ListSep = ", "

// Role says how a column contributes to its field. Most columns are the
// whole value; exports split some fields over several columns.
type Role uint8

const (
	RoleValue        Role = iota // the value itself
	RoleMore                     // further entries of a list field, after the primary
	RoleFirstName                // given name: joined with RoleLastName when there is no full name
	RoleLastName                 // family name
	RoleCallingCode              // "+33": prefixed to the primary phone when it has no country code
	RoleCurrencyCode             // "EUR": put before a currency amount that has no code
	RoleMicros                   // the amount in millionths (Twenty's "Amount Micros")
)

var roleNames = []string{"value", "more", "first", "last", "code", "currency", "micros"}

func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "role(" + strconv.Itoa(int(r)) + ")"
}

// MarshalText makes a Report encode roles by name (for --json).
func (r Role) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

func parseRole(s string) (Role, bool) {
	for i, n := range roleNames {
		if n == s {
			return Role(i), true
		}
	}
	return 0, false
}

type target struct {
	field string
	role  Role
}

// Column is what one column of the file feeds: a field (empty when the
// column is not imported) and the column's role in building its value.
type Column struct {
	Field string
	Role  Role
}

// Mapping is the column index → field assignment for one file and object.
// Apply turns a row into field → text.
type Mapping struct {
	Header  []string
	Columns []Column // one per header column
	plan    []fieldPlan
}

// fieldPlan lists, per mapped field, the columns that build its value.
type fieldPlan struct {
	field    string
	list     bool
	values   []int
	more     []int
	first    []int
	last     []int
	codes    []int
	currency []int
	micros   []int
}

// MappedColumn is a line of the mapping report.
type MappedColumn struct {
	Index  int // 0-based column
	Header string
	Field  string
	Role   Role
	By     string // "override", "name", "label" or "synonym"
}

// UnmappedColumn is a column that will not be imported, and why.
type UnmappedColumn struct {
	Index  int
	Header string
	Reason string
}

// Report tells the user what AutoMap decided, so no column is dropped
// silently.
type Report struct {
	Mapped   []MappedColumn
	Unmapped []UnmappedColumn
}

func (r Report) String() string {
	var b strings.Builder
	if len(r.Mapped) > 0 {
		b.WriteString("Columns imported:\n")
		for _, m := range r.Mapped {
			fmt.Fprintf(&b, "  %q → %s", m.Header, m.Field)
			if m.Role != RoleValue {
				fmt.Fprintf(&b, " (%s)", roleLabel[m.Role])
			}
			b.WriteByte('\n')
		}
	}
	if len(r.Unmapped) > 0 {
		b.WriteString("Columns not imported:\n")
		for _, u := range r.Unmapped {
			h := u.Header
			if h == "" {
				h = fmt.Sprintf("column %d", u.Index+1)
			}
			fmt.Fprintf(&b, "  %q: %s\n", h, u.Reason)
		}
	}
	return b.String()
}

var roleLabel = map[Role]string{
	RoleMore: "more entries", RoleFirstName: "first name", RoleLastName: "last name",
	RoleCallingCode: "calling code", RoleCurrencyCode: "currency code", RoleMicros: "amount in micros",
}

// Has reports whether some column feeds field.
func (m *Mapping) Has(field string) bool {
	for _, p := range m.plan {
		if p.field == field {
			return true
		}
	}
	return false
}

// Fields lists the mapped fields in column order.
func (m *Mapping) Fields() []string {
	out := make([]string, len(m.plan))
	for i, p := range m.plan {
		out[i] = p.field
	}
	return out
}

// Apply fills dst (cleared first, so one map serves every row) with the
// text of every mapped field. A mapped field whose cells are empty is
// present with "", so the importer can tell "clear it" from "not in the
// file".
func (m *Mapping) Apply(row []string, dst map[string]string) {
	clear(dst)
	for i := range m.plan {
		dst[m.plan[i].field] = m.plan[i].value(row)
	}
}

func (p *fieldPlan) value(row []string) string {
	cell := func(i int) string {
		if i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	firstOf := func(cols []int) string {
		for _, i := range cols {
			if c := cell(i); c != "" {
				return c
			}
		}
		return ""
	}
	if p.list {
		var parts []string
		for _, i := range p.values {
			if c := cell(i); c != "" {
				parts = append(parts, c)
			}
		}
		for _, i := range p.more {
			parts = append(parts, expandList(cell(i))...)
		}
		if len(parts) > 0 && len(p.codes) > 0 && !strings.HasPrefix(parts[0], "+") && !strings.HasPrefix(parts[0], "00") {
			for _, i := range p.codes {
				if code := callingCode(cell(i)); code != "" {
					parts[0] = code + " " + parts[0]
					break
				}
			}
		}
		return strings.Join(parts, ListSep)
	}
	v := firstOf(p.values)
	if v == "" && (len(p.first) > 0 || len(p.last) > 0) {
		v = strings.TrimSpace(firstOf(p.first) + " " + firstOf(p.last))
	}
	if v == "" && len(p.micros) > 0 {
		v = microsToDecimal(firstOf(p.micros))
	}
	if v != "" {
		// "EUR 12500", FormatText's order; a code already in the amount
		// cell wins.
		if code := firstOf(p.currency); code != "" && !hasLetters(v) {
			v = code + " " + v
		}
	}
	return v
}

func hasLetters(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// callingCode accepts "+33", "33" or "+1-684"; an ISO region ("FR") is
// not a calling code and yields "".
func callingCode(s string) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		if r == '+' || r == '-' || r == ' ' {
			return -1
		}
		return 'x'
	}, s)
	if digits == "" || strings.ContainsRune(digits, 'x') || len(digits) > 7 {
		return ""
	}
	return "+" + digits
}

func microsToDecimal(s string) string {
	if s == "" {
		return ""
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil {
			return s // let the field's parser complain with the original text
		}
		return strconv.FormatFloat(f/1e6, 'f', -1, 64)
	}
	neg := n < 0
	if neg {
		n = -n
	}
	out := strconv.FormatInt(n/1_000_000, 10)
	if frac := n % 1_000_000; frac != 0 {
		out += "." + strings.TrimRight(fmt.Sprintf("%06d", frac), "0")
	}
	if neg {
		out = "-" + out
	}
	return out
}

// expandList reads the extra entries of a list column: a JSON array as
// Twenty writes it (strings, or objects with url / number+callingCode /
// email), or text separated by commas, semicolons or newlines.
func expandList(s string) []string {
	if s == "" {
		return nil
	}
	if strings.HasPrefix(s, "[") {
		var items []any
		if json.Unmarshal([]byte(s), &items) == nil {
			var out []string
			for _, it := range items {
				switch t := it.(type) {
				case string:
					if t = strings.TrimSpace(t); t != "" {
						out = append(out, t)
					}
				case map[string]any:
					if v := jsonEntry(t); v != "" {
						out = append(out, v)
					}
				}
			}
			return out
		}
	}
	return splitList(s)
}

func jsonEntry(m map[string]any) string {
	str := func(k string) string {
		if v, ok := m[k].(string); ok {
			return strings.TrimSpace(v)
		}
		return ""
	}
	for _, k := range []string{"url", "email", "value"} {
		if v := str(k); v != "" {
			return v
		}
	}
	num := str("number")
	if num == "" {
		return ""
	}
	if code := callingCode(str("callingCode")); code != "" && !strings.HasPrefix(num, "+") {
		return code + " " + num
	}
	return num
}

// splitList splits a list cell at commas, semicolons and newlines.
func splitList(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '\r' })
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// norm reduces a header or field name to lowercase letters and digits
// without accents, so "E-mail", "e_mail" and "Émail" all read "email".
// Marks are dropped from every script (Cyrillic й becomes и), which is
// harmless because both sides of every comparison are folded alike.
func norm(s string) string {
	var b strings.Builder
	for _, r := range stripMarks(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// stripMarks decomposes accented letters so their marks can be dropped; the
// fast path skips it for ASCII, which headers almost always are.
func stripMarks(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.Map(func(r rune) rune {
				if unicode.Is(unicode.Mn, r) {
					return -1
				}
				return r
			}, unorm.NFD.String(s))
		}
	}
	return s
}

// importable reports whether a field may be set from a file: system fields
// are maintained by rolo, except the id (to update records), the owner
// and the active flag (the bulk-edit template).
func importable(f model.Field) bool {
	if !f.System {
		return true
	}
	return f.Name == model.FieldID || f.Name == model.FieldOwner || f.Name == model.FieldActive
}

func isListType(t model.FieldType) bool {
	return t == model.TypeEmails || t == model.TypePhones || t == model.TypeLinks || t == model.TypeMultiSelect
}

// compatible reports whether a role makes sense for a field's type.
func compatible(f model.Field, r Role) bool {
	switch r {
	case RoleValue:
		return true
	case RoleMore:
		return isListType(f.Type)
	case RoleFirstName, RoleLastName:
		return f.Type == model.TypeText
	case RoleCallingCode:
		return f.Type == model.TypePhones
	case RoleCurrencyCode, RoleMicros:
		return f.Type == model.TypeCurrency
	}
	return false
}

// mapper holds the object's fields indexed for matching.
type mapper struct {
	obj     model.Object
	byNorm  map[string]model.Field // normalized name and label → field
	idField model.Field
}

func newMapper(obj model.Object) *mapper {
	m := &mapper{obj: obj, byNorm: map[string]model.Field{}}
	m.idField = model.Field{Name: model.FieldID, Label: "ID", Type: model.TypeNumber, System: true}
	// Labels first so a name always wins a clash with another's label.
	for _, f := range obj.Fields {
		if f.Label != "" {
			m.byNorm[norm(f.Label)] = f
		}
	}
	for _, f := range obj.Fields {
		m.byNorm[norm(f.Name)] = f
		if f.Name == model.FieldID {
			m.idField = f
		}
	}
	if _, ok := m.byNorm["id"]; !ok {
		m.byNorm["id"] = m.idField
	}
	return m
}

// field resolves a name from the synonym table ("$label", "$currency",
// "id" or a field name) to one of the object's fields.
func (m *mapper) field(name string) (model.Field, bool) {
	switch name {
	case "$label":
		label := m.obj.LabelField
		if label == "" {
			label = "name"
		}
		return m.obj.Field(label)
	case "$currency":
		for _, f := range m.obj.Fields {
			if f.Type == model.TypeCurrency && importable(f) {
				return f, true
			}
		}
		return model.Field{}, false
	case model.FieldID:
		return m.idField, true
	}
	return m.obj.Field(name)
}

// match finds the target of a header: by field name or label, then by
// synonym, then as a composite "Parent / Sub" header. reason explains a
// miss.
func (m *mapper) match(header string) (t target, by, reason string) {
	n := norm(header)
	if n == "" {
		return target{}, "", "the column has no header"
	}
	// Only rolo's own export writes "id". "ID", "Id" and "Record ID" come
	// from Kommo, Twenty and HubSpot and hold their ids: taken as ours,
	// they would update unrelated records.
	if n == "id" && strings.TrimSpace(header) != model.FieldID {
		return target{}, "", fmt.Sprintf("holds another system's ids (use --map %q only if it holds rolo ids)", header+"=id")
	}
	if t, by, reason, ok := m.matchSimple(n); ok {
		return t, by, reason
	}
	if i := strings.IndexByte(header, '/'); i >= 0 {
		return m.matchComposite(header[:i], header[i+1:])
	}
	return target{}, "", "no field matches"
}

// matchSimple matches a normalized header; ok is false when nothing
// claims it at all, reason is set when a field matches but cannot be
// imported.
func (m *mapper) matchSimple(n string) (t target, by, reason string, ok bool) {
	if f, found := m.byNorm[n]; found {
		if !importable(f) {
			return target{}, "", f.Name + " is maintained by rolo and cannot be imported", true
		}
		by = "name"
		if norm(f.Name) != n {
			by = "label"
		}
		return target{field: f.Name}, by, "", true
	}
	for _, c := range synonyms[n] {
		f, found := m.field(c.field)
		if found && importable(f) && compatible(f, c.role) {
			return target{field: f.Name, role: c.role}, "synonym", "", true
		}
	}
	return target{}, "", "", false
}

func (m *mapper) matchComposite(parent, sub string) (target, string, string) {
	pt, _, reason, ok := m.matchSimple(norm(parent))
	if ok && reason != "" {
		return target{}, "", reason
	}
	ns := norm(sub)
	if ok && pt.role == RoleValue {
		f, _ := m.field(pt.field)
		if r, known := subRoles[ns]; known && compatible(f, r) {
			return target{field: pt.field, role: r}, "synonym", ""
		}
	}
	// "Address / Address City": the second half may name a field itself,
	// but never the id or the label ("Company / Id" is not our id).
	if st, _, _, sok := m.matchSimple(ns); sok && st.field != "" && st.field != model.FieldID {
		if lf, _ := m.field("$label"); st.field != lf.Name {
			return st, "synonym", ""
		}
	}
	if ok {
		return target{}, "", fmt.Sprintf("only the main value of %q is imported", strings.TrimSpace(parent))
	}
	return target{}, "", "no field matches"
}

// ParseMapFlags reads --map values "Column Name=field". The field may
// carry a role ("First=name:first") or be "-" or empty to skip the column.
// The last "=" splits, since field names never contain one.
func ParseMapFlags(flags []string) (map[string]string, error) {
	out := make(map[string]string, len(flags))
	for _, f := range flags {
		i := strings.LastIndexByte(f, '=')
		if i <= 0 {
			return nil, fmt.Errorf("--map %q: expected COLUMN=FIELD", f)
		}
		out[f[:i]] = strings.TrimSpace(f[i+1:])
	}
	return out, nil
}

// AutoMap assigns the file's columns to obj's fields: overrides first
// (column header → "field", "field:role", or "-" to skip), then by field
// name, label and synonyms, all compared ignoring case, spaces,
// underscores, punctuation and accents. Unmapped columns are reported,
// never dropped silently. An override naming an unknown column or field is
// an error that lists the valid names.
func AutoMap(header []string, obj model.Object, overrides map[string]string) (Mapping, Report, error) {
	m := newMapper(obj)
	mp := Mapping{Header: header, Columns: make([]Column, len(header))}
	var rep Report
	how := make([]string, len(header))
	decided := make([]bool, len(header))
	reasons := make([]string, len(header))

	// Overrides, in a stable order so errors are reproducible.
	keys := make([]string, 0, len(overrides))
	for k := range overrides {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var errs []error
	for _, col := range keys {
		idx, err := findColumn(header, col)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		spec := overrides[col]
		decided[idx] = true
		if spec == "" || spec == "-" {
			reasons[idx] = "skipped by --map"
			continue
		}
		t, err := m.overrideTarget(spec)
		if err != nil {
			errs = append(errs, fmt.Errorf("--map %q: %w", col, err))
			continue
		}
		mp.Columns[idx] = Column{Field: t.field, Role: t.role}
		how[idx] = "override"
	}
	if len(errs) > 0 {
		return Mapping{}, Report{}, errors.Join(errs...)
	}

	for i, h := range header {
		if decided[i] {
			continue
		}
		t, by, reason := m.match(h)
		if t.field == "" {
			reasons[i] = reason
			continue
		}
		mp.Columns[i] = Column{Field: t.field, Role: t.role}
		how[i] = by
	}

	// Resolve clashes: a list field takes any number of columns (later
	// ones become further entries); any other field keeps the first column
	// per role, overrides before automatic matches.
	type slot struct {
		field string
		role  Role
	}
	taken := map[slot]int{}
	order := make([]int, 0, len(header))
	for i := range header {
		if how[i] == "override" {
			order = append(order, i)
		}
	}
	for i := range header {
		if how[i] != "override" && mp.Columns[i].Field != "" {
			order = append(order, i)
		}
	}
	plans := map[string]*fieldPlan{}
	for _, i := range order {
		c := mp.Columns[i]
		f, _ := m.field(c.Field)
		list := isListType(f.Type)
		if list && c.Role == RoleValue {
			if _, dup := taken[slot{c.Field, RoleValue}]; dup {
				c.Role = RoleMore
				mp.Columns[i] = c
			}
		}
		s := slot{c.Field, c.Role}
		if prev, dup := taken[s]; dup && !(list && c.Role == RoleMore) && c.Role != RoleCallingCode {
			mp.Columns[i] = Column{}
			reasons[i] = fmt.Sprintf("%s is already imported from %q; use --map to choose", c.Field, header[prev])
			continue
		}
		if _, dup := taken[s]; !dup {
			taken[s] = i
		}
		p := plans[c.Field]
		if p == nil {
			p = &fieldPlan{field: c.Field, list: list}
			plans[c.Field] = p
		}
		switch c.Role {
		case RoleValue:
			p.values = append(p.values, i)
		case RoleMore:
			p.more = append(p.more, i)
		case RoleFirstName:
			p.first = append(p.first, i)
		case RoleLastName:
			p.last = append(p.last, i)
		case RoleCallingCode:
			p.codes = append(p.codes, i)
		case RoleCurrencyCode:
			p.currency = append(p.currency, i)
		case RoleMicros:
			p.micros = append(p.micros, i)
		}
	}
	// Plans and the report in column order.
	seen := map[string]bool{}
	for i, h := range header {
		c := mp.Columns[i]
		if c.Field == "" {
			r := reasons[i]
			if r == "" {
				r = "no field matches"
			}
			if r == "no field matches" || strings.HasPrefix(r, "only the main") {
				r += fmt.Sprintf(" (use --map %q to import it)", h+"=FIELD")
			}
			rep.Unmapped = append(rep.Unmapped, UnmappedColumn{Index: i, Header: h, Reason: r})
			continue
		}
		rep.Mapped = append(rep.Mapped, MappedColumn{Index: i, Header: h, Field: c.Field, Role: c.Role, By: how[i]})
		if !seen[c.Field] {
			seen[c.Field] = true
			mp.plan = append(mp.plan, *plans[c.Field])
		}
	}
	return mp, rep, nil
}

// findColumn finds an override's column by exact header, then by
// normalized header if that is unambiguous.
func findColumn(header []string, col string) (int, error) {
	for i, h := range header {
		if h == col {
			return i, nil
		}
	}
	n, found := norm(col), -1
	for i, h := range header {
		if n != "" && norm(h) == n {
			if found >= 0 {
				return 0, fmt.Errorf("--map %q: several columns match (%q, %q); spell the header exactly", col, header[found], h)
			}
			found = i
		}
	}
	if found < 0 {
		return 0, fmt.Errorf("--map %q: the file has no such column (columns: %s)", col, quoteList(header))
	}
	return found, nil
}

func (m *mapper) overrideTarget(spec string) (target, error) {
	name, roleName, hasRole := strings.Cut(spec, ":")
	role := RoleValue
	if hasRole {
		r, ok := parseRole(roleName)
		if !ok {
			return target{}, fmt.Errorf("unknown role %q (roles: %s)", roleName, strings.Join(roleNames, ", "))
		}
		role = r
	}
	f, ok := m.field(name)
	if !ok {
		nf, found := m.byNorm[norm(name)]
		if !found {
			return target{}, fmt.Errorf("%s has no field %q (fields: %s)", m.obj.Name, name, strings.Join(m.importableNames(), ", "))
		}
		f = nf
	}
	if !importable(f) {
		return target{}, fmt.Errorf("%s is maintained by rolo and cannot be imported (fields: %s)", f.Name, strings.Join(m.importableNames(), ", "))
	}
	if !compatible(f, role) {
		return target{}, fmt.Errorf("role %q does not apply to %s (a %s field)", role, f.Name, f.Type)
	}
	return target{field: f.Name, role: role}, nil
}

func (m *mapper) importableNames() []string {
	names := []string{model.FieldID}
	for _, f := range m.obj.Fields {
		if importable(f) && f.Name != model.FieldID {
			names = append(names, f.Name)
		}
	}
	return names
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
