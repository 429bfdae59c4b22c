package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"rolo/model"
)

// The command palette keeps every record's label in memory (package
// search) and feeds it from here: keyset pages by id for the first load,
// then the changes since. These reads select only what the palette shows,
// never whole records, so a million people load in seconds.

// PaletteRow is one record as the palette indexes it.
type PaletteRow struct {
	Object string
	ID     int64
	Label  string
	// Secondary is supporting searchable text: emails and phones of a
	// person, a company's domain, an opportunity's company and amount.
	// Custom objects have none.
	Secondary string
	// Deleted is set by PaletteRowsByID for soft-deleted records (the
	// palette drops them).
	Deleted bool
}

// paletteSecondary names the fields whose values make up the secondary
// text of the standard objects, in display order. Everything is looked up
// in the metadata, so a renamed or removed field just drops out.
var paletteSecondary = map[string][]string{
	"people":        {"emails", "phones"},
	"companies":     {"domain"},
	"opportunities": {"company", "amount"},
}

// paletteSpec is the SELECT for one object: id, label, deleted_at, then
// each secondary field's columns.
type paletteSpec struct {
	sql    string // up to the WHERE clause
	fields []paletteCol
}

type paletteCol struct {
	typ model.FieldType
	n   int // columns in the select list
}

func (s *Store) paletteSpec(object string) (*paletteSpec, error) {
	st, err := s.state(object)
	if err != nil {
		return nil, err
	}
	o := st.obj
	cols := []string{`t."id"`, `t.` + q(o.LabelField), `t."deleted_at"`}
	var joins string
	sp := &paletteSpec{}
	if o.Standard {
		for i, name := range paletteSecondary[o.Name] {
			f, ok := o.Field(name)
			if !ok {
				continue
			}
			switch f.Type {
			case model.TypeEmails, model.TypePhones, model.TypeLinks, model.TypeCurrency:
				for _, c := range f.Columns() {
					cols = append(cols, `t.`+q(c))
				}
				sp.fields = append(sp.fields, paletteCol{typ: f.Type, n: len(f.Columns())})
			case model.TypeRelation:
				target, err := s.state(f.Target)
				if err != nil {
					continue
				}
				alias := fmt.Sprintf("p%d", i)
				joins += fmt.Sprintf(` LEFT JOIN %s %s ON %s."id" = t.%s`, q(target.obj.Table()), alias, alias, q(f.Name))
				cols = append(cols, alias+`.`+q(target.obj.LabelField))
				sp.fields = append(sp.fields, paletteCol{typ: f.Type, n: 1})
			case model.TypeText:
				cols = append(cols, `t.`+q(f.Name))
				sp.fields = append(sp.fields, paletteCol{typ: f.Type, n: 1})
			}
		}
	}
	sp.sql = fmt.Sprintf(`SELECT %s FROM %s t%s`, strings.Join(cols, ", "), q(o.Table()), joins)
	return sp, nil
}

func (sp *paletteSpec) scan(object string, rows *sql.Rows) ([]PaletteRow, error) {
	defer rows.Close()
	n := 3
	for _, f := range sp.fields {
		n += f.n
	}
	raw := make([]any, n)
	ptrs := make([]any, n)
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	var out []PaletteRow
	var b strings.Builder
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		r := PaletteRow{Object: object, ID: asInt(raw[0]), Label: asString(raw[1]), Deleted: raw[2] != nil}
		b.Reset()
		i := 3
		for _, f := range sp.fields {
			switch f.typ {
			case model.TypeEmails, model.TypePhones, model.TypeLinks:
				appendWord(&b, bareLink(asString(raw[i])))
				for _, more := range parseList(raw[i+1]) {
					appendWord(&b, bareLink(more))
				}
			case model.TypeCurrency:
				if raw[i] != nil {
					appendWord(&b, model.FormatMoney(asInt(raw[i]), asString(raw[i+1])))
				}
			default:
				appendWord(&b, asString(raw[i]))
			}
			i += f.n
		}
		r.Secondary = b.String()
		out = append(out, r)
	}
	return out, rows.Err()
}

// bareLink drops a URL's scheme: "acme.com" is what people type and read.
func bareLink(s string) string {
	for _, p := range []string{"https://", "http://"} {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			return s[len(p):]
		}
	}
	return s
}

func appendWord(b *strings.Builder, s string) {
	if s == "" {
		return
	}
	if b.Len() > 0 {
		b.WriteString(" · ")
	}
	b.WriteString(s)
}

// PaletteItems returns up to limit live records of object with id >
// afterID, in id order: one keyset page of the palette's first load.
func (s *Store) PaletteItems(ctx context.Context, object string, afterID int64, limit int) ([]PaletteRow, error) {
	sp, err := s.paletteSpec(object)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = MaxLimit
	}
	rows, err := s.db.QueryContext(ctx, sp.sql+` WHERE t."id" > ? AND t."deleted_at" IS NULL ORDER BY t."id" LIMIT ?`, afterID, limit)
	if err != nil {
		return nil, err
	}
	return sp.scan(object, rows)
}

// PaletteRowsByID reads the given records, deleted ones included (marked
// Deleted). Ids that do not exist are left out.
func (s *Store) PaletteRowsByID(ctx context.Context, object string, ids []int64) ([]PaletteRow, error) {
	sp, err := s.paletteSpec(object)
	if err != nil {
		return nil, err
	}
	var out []PaletteRow
	for len(ids) > 0 {
		n := min(len(ids), 500) // well under SQLite's bound-parameter limit
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		rows, err := s.db.QueryContext(ctx, sp.sql+` WHERE t."id" IN (`+placeholders(n)+`)`, args...)
		if err != nil {
			return nil, err
		}
		got, err := sp.scan(object, rows)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
		ids = ids[n:]
	}
	return out, nil
}

// RecordChange is one event of the change log, reduced to what changed.
// RecordID 0 is a batch event (an import), whose records are new ones
// and are found by id (MaxRecordID).
type RecordChange struct {
	Event    int64
	Object   string
	RecordID int64
}

// ChangesSince returns up to limit events after the event id after, in
// order. Every write (create, update, delete, restore) logs an event in
// the same transaction, so this sees the changes of every process using
// the file; it is a primary-key range read, cheap enough to poll.
func (s *Store) ChangesSince(ctx context.Context, after int64, limit int) ([]RecordChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, object, record_id FROM events WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RecordChange
	for rows.Next() {
		var c RecordChange
		if err := rows.Scan(&c.Event, &c.Object, &c.RecordID); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// LastEventID is the id of the newest event (0 when there are none).
func (s *Store) LastEventID(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT max(id) FROM events`).Scan(&id)
	return id.Int64, err
}

// MaxRecordID is the largest id of object's table, deleted rows included
// (0 when empty). Bulk writers may skip per-record events, so new records
// are also found by id.
func (s *Store) MaxRecordID(ctx context.Context, object string) (int64, error) {
	st, err := s.state(object)
	if err != nil {
		return 0, err
	}
	var id sql.NullInt64
	err = s.db.QueryRowContext(ctx, fmt.Sprintf(`SELECT max("id") FROM %s`, q(st.obj.Table()))).Scan(&id)
	return id.Int64, err
}

// PaletteViews lists every saved view of every object, for the palette's
// "go to" entries, in object then position order.
func (s *Store) PaletteViews(ctx context.Context) ([]model.SavedView, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, object, name, is_default FROM saved_views ORDER BY object, is_default DESC, position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.SavedView
	for rows.Next() {
		var v model.SavedView
		if err := rows.Scan(&v.ID, &v.Object, &v.Name, &v.Default); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
