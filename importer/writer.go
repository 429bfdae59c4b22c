package importer

import (
	"errors"
	"fmt"
	"hash/maphash"
	"strings"

	"rolo/model"
	"rolo/store"
)

// writer decides, chunk by chunk, what each parsed row does (create,
// update, nothing, or rejected) and does it through the batch.
type writer struct {
	p    *Plan
	opt  Options
	rep  *Report
	errs *errorsFile
	env  model.ParseEnv

	b   *store.Batch
	obj model.Object // refreshed when options are added
	rs  *resolver
	// empty is true when the table held no record when the import began:
	// nothing can match then, so lookups are skipped.
	empty bool
	board bool // records go through Create (pipeline and stage placement)
	ins   *store.Inserter
	// writeIdx are the plan fields written to records (all but id).
	writeIdx   []int
	writeNames []string
	matchIdx   int   // plan index of the match field, -1 for none
	keyIdx     []int // plan indexes of the fields checked for duplicates
	pipeIdx    int   // plan index of the pipeline field, -1
	seed       maphash.Seed
	seen       map[uint64]int32 // hash of (field, key) → first row
	vals       []model.Value
}

// deferIndexRows is the estimated file size from which an import into an
// empty table builds the table's indexes after filling it rather than
// row by row (see store.Batch.DeferIndexes).
const deferIndexRows = 50_000

func (w *writer) start(b *store.Batch, total int64) error {
	w.b = b
	var err error
	if w.obj, err = b.Object(w.p.Object.Name); err != nil {
		return err
	}
	if w.empty, err = b.Empty(w.obj.Name); err != nil {
		return err
	}
	w.rs = newResolver(b, w.obj.Name, w.opt.CreateMissing, w.rep)
	w.seed = maphash.MakeSeed()
	w.matchIdx, w.pipeIdx = -1, -1
	for i, f := range w.p.fields {
		if f.Name == w.p.Match {
			w.matchIdx = i
		}
		if f.Name == w.p.Match || f.Unique {
			w.keyIdx = append(w.keyIdx, i)
		}
		if f.Type == model.TypePipeline {
			w.pipeIdx = i
		}
		if f.Name != model.FieldID {
			w.writeIdx = append(w.writeIdx, i)
			w.writeNames = append(w.writeNames, f.Name)
		}
	}
	selfRef := false
	for _, f := range w.obj.Fields {
		w.board = w.board || f.Type == model.TypeStage
		selfRef = selfRef || (f.Type == model.TypeRelation && f.Target == w.obj.Name)
	}
	// Without indexes, lookups in the table scan it; an empty table has
	// none to make (nothing to match, no clashes but the file's own,
	// which are caught in memory) unless a relation points back at it.
	if w.empty && !w.board && !selfRef && total >= deferIndexRows {
		return b.DeferIndexes(w.obj.Name)
	}
	return nil
}

// chunk processes parsed rows in file order.
func (w *writer) chunk(rows []*row) error {
	for _, r := range rows {
		w.rep.Rows++
		if !r.bad() {
			if err := w.prepare(r); err != nil {
				return err
			}
		}
	}
	matches, err := w.match(rows)
	if err != nil {
		return err
	}
	taken, err := w.uniqueTaken(rows, matches)
	if err != nil {
		return err
	}
	for i, r := range rows {
		if !r.bad() {
			if msg, ok := taken[i]; ok {
				r.problem(msg[0], msg[1], msg[2])
			}
		}
		if !r.bad() {
			if err := w.apply(r, matches[i]); err != nil {
				return err
			}
		}
		if r.bad() {
			if err := w.reject(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// prepare finishes a row's values: deferred select options, references,
// duplicates within the file. Problems go on the row; the error is fatal.
func (w *writer) prepare(r *row) error {
	for i := range w.p.fields {
		if r.deferred != nil && r.deferred[i] {
			if err := w.parseOption(r, i); err != nil {
				return err
			}
		}
	}
	var pipeline int64
	for _, t := range []model.FieldType{model.TypeRelation, model.TypeMember, model.TypePipeline, model.TypeStage} {
		for i, f := range w.p.fields {
			v := r.vals[i]
			if f.Type != t || !v.Valid {
				continue
			}
			if t == model.TypeStage && w.pipeIdx >= 0 {
				pipeline = r.vals[w.pipeIdx].Int
			}
			out, err := w.rs.resolve(f, v, r.text[i], pipeline)
			if err != nil {
				if cerr := w.b.Context().Err(); cerr != nil {
					return cerr
				}
				r.problem(w.p.header[f.Name], r.text[i], refReason(err))
				continue
			}
			r.vals[i] = out
		}
	}
	if r.bad() {
		return nil
	}
	for _, i := range w.keyIdx {
		f := w.p.fields[i]
		key := store.MatchKey(w.fieldOf(f), r.vals[i])
		if key == "" {
			continue
		}
		h := maphash.String(w.seed, f.Name+"\x00"+key)
		if first, dup := w.seen[h]; dup {
			w.rep.Duplicates = append(w.rep.Duplicates, Duplicate{Row: r.line, FirstRow: int(first), Field: f.Name, Value: r.text[i]})
			r.problem(w.p.header[f.Name], r.text[i], fmt.Sprintf("same %s as row %d", f.Name, first))
			continue
		}
		w.seen[h] = int32(r.line)
	}
	return nil
}

// fieldOf is the object's current field (the id field is synthetic).
func (w *writer) fieldOf(f model.Field) model.Field {
	if of, ok := w.obj.Field(f.Name); ok {
		return of
	}
	return f
}

// refReason phrases a resolution error without the store's field prefix
// noise ("Company: no company matches ...: not found").
func refReason(err error) string {
	s := err.Error()
	s = strings.TrimSuffix(s, ": "+store.ErrNotFound.Error())
	if errors.Is(err, store.ErrNotFound) {
		s += " (--create-missing creates it)"
	}
	return s
}

// parseOption parses a select or multi-select cell, adding the options it
// names that do not exist yet (only under --create-missing).
func (w *writer) parseOption(r *row, i int) error {
	f := w.fieldOf(w.p.fields[i])
	v, err := model.ParseValue(f, r.text[i], w.env)
	if err == nil {
		r.vals[i] = v
		return nil
	}
	items := []string{r.text[i]}
	if f.Type == model.TypeMultiSelect {
		items = strings.FieldsFunc(r.text[i], func(c rune) bool { return c == ',' || c == '|' })
	}
	var missing []string
	for _, it := range items {
		if _, perr := model.ParseValue(model.Field{Name: f.Name, Type: model.TypeSelect, Options: f.Options}, it, w.env); perr != nil && strings.TrimSpace(it) != "" {
			missing = append(missing, strings.TrimSpace(it))
		}
	}
	added, err := w.b.AddOptions(w.obj.Name, f.Name, missing)
	if err != nil {
		r.problem(w.p.header[f.Name], r.text[i], err.Error())
		return nil
	}
	for _, o := range added {
		w.rep.New = append(w.rep.New, Created{Kind: "option", Name: f.Name + "=" + o.Value})
	}
	if w.obj, err = w.b.Object(w.obj.Name); err != nil {
		return err
	}
	v, err = model.ParseValue(w.fieldOf(f), r.text[i], w.env)
	if err != nil {
		r.problem(w.p.header[f.Name], r.text[i], err.Error())
		return nil
	}
	r.vals[i] = v
	return nil
}

// match looks up the existing record of every good row, in one query per
// 500 keys.
func (w *writer) match(rows []*row) ([]model.Record, error) {
	out := make([]model.Record, len(rows))
	if w.matchIdx < 0 || w.empty {
		return out, nil
	}
	keys := make([]model.Value, len(rows))
	for i, r := range rows {
		if !r.bad() {
			keys[i] = r.vals[w.matchIdx]
		}
	}
	return w.b.Match(w.obj.Name, w.p.Match, keys)
}

// uniqueTaken finds rows that would create a record, or give a record a
// unique value, that another record already holds. The answer per row
// index is [column, value, reason].
func (w *writer) uniqueTaken(rows []*row, matches []model.Record) (map[int][3]string, error) {
	taken := map[int][3]string{}
	if w.empty {
		return taken, nil // only this file's rows exist, and duplicates among them are caught
	}
	for _, i := range w.keyIdx {
		f := w.p.fields[i]
		if f.Name == w.p.Match || f.Name == model.FieldID {
			continue // a match on this field is an update, not a clash
		}
		keys := make([]model.Value, len(rows))
		for j, r := range rows {
			if !r.bad() {
				keys[j] = r.vals[i]
			}
		}
		holders, err := w.b.Match(w.obj.Name, f.Name, keys)
		if err != nil {
			return nil, err
		}
		for j, h := range holders {
			if h.ID != 0 && h.ID != matches[j].ID {
				if _, dup := taken[j]; !dup {
					taken[j] = [3]string{w.p.header[f.Name], rows[j].text[i],
						fmt.Sprintf("%s is already used by %s #%d %s", f.Name, strings.ToLower(w.obj.Singular), h.ID, h.Label)}
				}
			}
		}
	}
	return taken, nil
}

// apply creates or updates the record of a good row.
func (w *writer) apply(r *row, cur model.Record) error {
	if cur.ID != 0 {
		return w.update(r, cur)
	}
	noun := strings.ToLower(w.obj.Singular)
	if w.matchIdx >= 0 {
		mv := r.vals[w.matchIdx]
		switch {
		case w.p.Match == model.FieldID && mv.Valid:
			hint := "ids are given by rolo; leave the id empty to create a record"
			if w.opt.UpdateOnly {
				hint = "--update-only never creates records"
			}
			r.problem(w.p.header[model.FieldID], r.text[w.matchIdx], fmt.Sprintf("no %s #%d (%s)", noun, mv.Int, hint))
			return nil
		case w.opt.UpdateOnly && mv.Valid:
			r.problem(w.p.header[w.p.Match], r.text[w.matchIdx], fmt.Sprintf("no %s has this %s (--update-only never creates records)", noun, w.p.Match))
			return nil
		}
	}
	if w.opt.UpdateOnly {
		r.problem(w.p.header[w.p.Match], "", fmt.Sprintf("no %s to identify the %s (--update-only never creates records)", w.p.Match, noun))
		return nil
	}
	for _, f := range w.obj.Fields {
		if !f.Required {
			continue
		}
		ok := false
		for _, i := range w.writeIdx {
			// ParseValue gives blank cells the invalid (empty) Value.
			ok = ok || (w.p.fields[i].Name == f.Name && r.vals[i].Valid)
		}
		if !ok {
			r.problem(w.p.header[f.Name], "", f.Label+" is required")
			return nil
		}
	}
	if w.board {
		vals := make(map[string]model.Value, len(w.writeIdx))
		for _, i := range w.writeIdx {
			if r.vals[i].Valid { // an empty cell leaves the default (first pipeline, ...)
				vals[w.p.fields[i].Name] = r.vals[i]
			}
		}
		if _, err := w.b.Create(w.obj.Name, vals); err != nil {
			return w.rowError(r, err)
		}
		w.rep.Created++
		return nil
	}
	if w.ins == nil {
		var err error
		if w.ins, err = w.b.Inserter(w.obj.Name, w.writeNames); err != nil {
			return err
		}
	}
	w.vals = w.vals[:0]
	for _, i := range w.writeIdx {
		w.vals = append(w.vals, r.vals[i])
	}
	if _, err := w.ins.Add(w.vals); err != nil {
		return err
	}
	w.rep.Created++
	return nil
}

// update writes a row's values to its matched record, restoring it first
// if it was deleted; a row that would change nothing is counted unchanged.
func (w *writer) update(r *row, cur model.Record) error {
	vals := make(map[string]model.Value, len(w.writeIdx))
	for _, i := range w.writeIdx {
		f := w.p.fields[i]
		if !r.vals[i].Valid && (f.Type == model.TypePipeline || f.Type == model.TypeStage) {
			continue // a record on a board cannot leave it; an empty cell keeps its place
		}
		vals[f.Name] = r.vals[i]
	}
	if cur.Get(model.FieldDeletedAt).Valid {
		if err := w.b.Restore(w.obj.Name, cur.ID); err != nil {
			return err
		}
		w.rep.Restored++
	}
	differs, err := w.b.Differs(w.obj.Name, cur, vals)
	if err != nil {
		return err
	}
	if !differs {
		w.rep.Unchanged++
		return nil
	}
	if _, err := w.b.Update(w.obj.Name, cur.ID, vals); err != nil {
		return w.rowError(r, err)
	}
	w.rep.Updated++
	return nil
}

// rowError turns a store error about one record into a row problem;
// cancellation and database failures stay fatal.
func (w *writer) rowError(r *row, err error) error {
	if cerr := w.b.Context().Err(); cerr != nil {
		return cerr
	}
	var fe *model.FieldError
	var ue *store.UniqueError
	switch {
	case errors.As(err, &fe):
		r.problem(w.p.header[fe.Field], fe.Value, "expected "+fe.Expected)
	case errors.As(err, &ue):
		r.problem(w.p.header[ue.Field], ue.Value, err.Error())
	default:
		r.problem("", "", err.Error())
	}
	return nil
}

// reject counts a bad row, keeps its problems for the report (up to the
// cap) and writes it to the errors file.
func (w *writer) reject(r *row) error {
	w.rep.Errors++
	for _, pr := range r.probs {
		if len(w.rep.Problems) < w.opt.MaxProblems {
			w.rep.Problems = append(w.rep.Problems, pr)
		} else {
			w.rep.Omitted++
		}
	}
	if w.errs != nil {
		return w.errs.write(r)
	}
	return nil
}
