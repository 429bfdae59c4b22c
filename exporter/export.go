package exporter

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"rolo/model"
	"rolo/store"
	"rolo/transfer"
)

// Options say what to export.
type Options struct {
	Object string
	// Fields are the columns after id; nil means every field a person can
	// set (or the template's columns).
	Fields []string
	// Filter selects records; it is the filter language's source. Inactive
	// records are exported too unless the filter mentions active.
	Filter string
	Sorts  []model.Sort // default: by id
	Format string       // one of transfer.Formats; default csv
	// Template "edit" writes the bulk-edit sheet.
	Template string
	// Progress, when set, is told how many records are written.
	Progress func(done int64)
}

// Templates lists the accepted Template values.
var Templates = []string{"edit"}

const pageSize = 1000

// Columns returns the fields an export writes, id first.
func Columns(obj model.Object, opt Options) ([]model.Field, error) {
	idf, _ := obj.Field(model.FieldID)
	out := []model.Field{idf}
	add := func(f model.Field) {
		for _, o := range out {
			if o.Name == f.Name {
				return
			}
		}
		out = append(out, f)
	}
	switch {
	case opt.Template != "" && opt.Template != "edit":
		return nil, fmt.Errorf("unknown template %q (expected one of: %s)", opt.Template, strings.Join(Templates, ", "))
	case opt.Template == "edit" && opt.Fields == nil:
		if f, ok := obj.Field(obj.LabelField); ok {
			add(f)
		}
		if f, ok := obj.Field(model.FieldActive); ok {
			add(f)
		}
		for _, f := range obj.Fields {
			if f.Type == model.TypeMember && f.Name != model.FieldCreatedBy {
				add(f) // owner, then assignee and other responsible members
			}
		}
	case opt.Fields == nil:
		if f, ok := obj.Field(obj.LabelField); ok {
			add(f)
		}
		for _, f := range obj.Fields {
			if !f.System {
				add(f)
			}
		}
		for _, name := range []string{model.FieldOwner, model.FieldActive} {
			if f, ok := obj.Field(name); ok {
				add(f)
			}
		}
	default:
		for _, name := range opt.Fields {
			f, ok := obj.Field(name)
			if !ok {
				return nil, fmt.Errorf("unknown field %q for %s (expected one of: %s)", name, obj.Name, strings.Join(obj.FieldNames(), ", "))
			}
			add(f)
		}
	}
	return out, nil
}

// Run writes the records to w and returns how many it wrote.
func Run(ctx context.Context, st *store.Store, w io.Writer, opt Options) (int64, error) {
	obj, err := st.Object(opt.Object)
	if err != nil {
		return 0, err
	}
	cols, err := Columns(obj, opt)
	if err != nil {
		return 0, err
	}
	flt, err := exportFilter(opt.Filter)
	if err != nil {
		return 0, err
	}
	format := opt.Format
	if format == "" {
		format = "csv"
	}
	if format == "vcf" && obj.Name != "people" {
		return 0, errors.New("vCard export is for people only")
	}
	tw, err := transfer.NewWriter(w, transfer.WriteOptions{Format: format, Sheet: obj.Plural})
	if err != nil {
		return 0, err
	}
	header := make([]string, len(cols))
	for i, f := range cols {
		header[i] = f.Name
	}
	if err := tw.WriteHeader(header); err != nil {
		return 0, err
	}
	tx, err := newTexter(ctx, st, obj, cols)
	if err != nil {
		return 0, err
	}
	sorts := opt.Sorts
	if len(sorts) == 0 {
		sorts = []model.Sort{{Field: model.FieldID}}
	}
	q := model.Query{Filter: flt, Sorts: sorts, Limit: pageSize}
	var n int64
	cells := make([]string, len(cols))
	for {
		page, err := st.Query(ctx, obj.Name, q)
		if err != nil {
			return n, err
		}
		if err := tx.prepare(page.Records); err != nil {
			return n, err
		}
		for _, r := range page.Records {
			for i, f := range cols {
				cells[i] = tx.text(f, r)
			}
			if err := tw.WriteRow(cells); err != nil {
				return n, err
			}
			n++
		}
		if opt.Progress != nil {
			opt.Progress(n)
		}
		if page.Next == "" {
			break
		}
		q.After = page.Next
	}
	return n, tw.Close()
}

// exportFilter parses the filter and makes it include inactive records
// unless it already says something about active.
func exportFilter(src string) (model.Filter, error) {
	f, err := model.ParseFilter(src)
	if err != nil {
		return model.Filter{}, fmt.Errorf("--filter: %w", err)
	}
	for _, t := range f.Terms {
		if t.Field == model.FieldActive {
			return f, nil
		}
	}
	return model.ParseFilter(strings.TrimSpace(src + " active!=empty"))
}

// texter turns values into cells the importer reads back to the same
// values.
type texter struct {
	ctx    context.Context
	st     *store.Store
	obj    model.Object
	cols   []model.Field
	logins map[int64]string
	// names says, per relation field and record id, whether the target's
	// name finds that same record again (else the cell is "#id").
	names map[string]map[int64]bool
}

func newTexter(ctx context.Context, st *store.Store, obj model.Object, cols []model.Field) (*texter, error) {
	t := &texter{ctx: ctx, st: st, obj: obj, cols: cols, logins: map[int64]string{}, names: map[string]map[int64]bool{}}
	ms, err := st.Members(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		t.logins[m.ID] = m.Login
	}
	return t, nil
}

// prepare checks, for the relation values of a page not seen before,
// that their names resolve back to them. It asks the store's resolver
// (the import's own) in one short rolled-back batch.
func (t *texter) prepare(recs []model.Record) error {
	type check struct {
		f model.Field
		v model.Value
	}
	var todo []check
	for _, f := range t.cols {
		if f.Type != model.TypeRelation {
			continue
		}
		seen := t.names[f.Name]
		if seen == nil {
			seen = map[int64]bool{}
			t.names[f.Name] = seen
		}
		for _, r := range recs {
			v := r.Get(f.Name)
			if !v.Valid || v.Int == 0 {
				continue
			}
			if _, done := seen[v.Int]; done {
				continue
			}
			seen[v.Int] = false
			todo = append(todo, check{f: f, v: v})
		}
	}
	if len(todo) == 0 {
		return nil
	}
	return t.st.Batch(t.ctx, store.BatchOptions{Rollback: true}, func(b *store.Batch) error {
		for _, c := range todo {
			if c.v.Ref == "" || looksLikeID(c.v.Ref) {
				continue
			}
			got, err := b.Resolve(t.obj.Name, c.f.Name, model.Value{Valid: true, Ref: c.v.Ref}, 0)
			if err == nil && got.Int == c.v.Int {
				t.names[c.f.Name][c.v.Int] = true
			}
		}
		return nil
	})
}

func looksLikeID(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}

func (t *texter) text(f model.Field, r model.Record) string {
	v := r.Get(f.Name)
	switch {
	case f.Name == model.FieldID:
		return strconv.FormatInt(r.ID, 10)
	case !v.Valid:
		return ""
	case f.Type == model.TypeMember:
		if l, ok := t.logins[v.Int]; ok {
			return l
		}
		return "#" + strconv.FormatInt(v.Int, 10)
	case f.Type == model.TypeRelation:
		if t.names[f.Name][v.Int] {
			return v.Ref
		}
		return "#" + strconv.FormatInt(v.Int, 10)
	}
	return model.FormatText(f, v)
}
