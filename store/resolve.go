package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"rolo/model"
)

// Reference resolution: a Relation, Member, Pipeline or Stage value typed
// by a person arrives as Ref (a name, email, login, "#42") with Int == 0;
// the store turns it into an id. Values that already carry an id are
// checked to exist. Either way Ref ends up as the display name.

// resolveRefs resolves every reference value in vals (which it may
// modify). cur is the record being updated, nil when creating.
func (s *Store) resolveRefs(ctx context.Context, tx *sql.Tx, c *metaCache, st *objState, vals map[string]model.Value, cur *model.Record) error {
	// Pipelines first: a stage name is looked up within its pipeline.
	for _, t := range []model.FieldType{model.TypeRelation, model.TypeMember, model.TypePipeline, model.TypeStage} {
		for _, f := range st.obj.Fields {
			v, ok := vals[f.Name]
			if f.Type != t || !ok || !v.Valid || (v.Int == 0 && strings.TrimSpace(v.Ref) == "") {
				continue
			}
			var err error
			switch t {
			case model.TypeRelation:
				v.Int, v.Ref, err = s.resolveRelation(ctx, tx, c, f, v)
			case model.TypeMember:
				v.Int, v.Ref, err = s.resolveMemberValue(ctx, tx, v)
			case model.TypePipeline:
				v.Int, v.Ref, err = resolvePipeline(ctx, tx, v)
			case model.TypeStage:
				v.Int, v.Ref, err = s.resolveStage(ctx, tx, st, vals, cur, v)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", f.Label, err)
			}
			vals[f.Name] = v
		}
	}
	return nil
}

func (s *Store) resolveRelation(ctx context.Context, tx *sql.Tx, c *metaCache, f model.Field, v model.Value) (int64, string, error) {
	target, ok := c.byName[f.Target]
	if !ok {
		return 0, "", c.unknownObject(f.Target)
	}
	t, label := q(target.obj.Table()), q(target.obj.LabelField)
	if v.Int == 0 {
		if n, ok := hashID(v.Ref); ok {
			v.Int = n
		}
	}
	if v.Int != 0 {
		var name sql.NullString
		var deleted sql.NullInt64
		err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT %s, "deleted_at" FROM %s WHERE "id" = ?`, label, t), v.Int).Scan(&name, &deleted)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, "", notFound("no %s #%d", strings.ToLower(target.obj.Singular), v.Int)
		}
		if err != nil {
			return 0, "", err
		}
		if deleted.Valid {
			return 0, "", fmt.Errorf("%s #%d is deleted", strings.ToLower(target.obj.Singular), v.Int)
		}
		return v.Int, name.String, nil
	}
	ref := strings.TrimSpace(v.Ref)
	// Unique fields identify a record exactly (email, domain, phone), so
	// they win over a label that merely looks the same.
	for _, u := range target.obj.Fields {
		if !u.Unique || u.System {
			continue
		}
		for _, cand := range refCandidates(s, u, ref) {
			rows, err := labelMatches(ctx, tx, fmt.Sprintf(`SELECT "id", %s FROM %s WHERE %s = ? AND "deleted_at" IS NULL ORDER BY "id" LIMIT 6`,
				label, t, q(u.Name)), cand)
			if err != nil {
				return 0, "", err
			}
			if len(rows) == 1 {
				return rows[0].id, rows[0].name, nil
			}
		}
	}
	// The label index (NOCASE) answers first. It folds ASCII letters only,
	// so a name with other letters that it does not find is compared
	// folded (see fold.go): a scan, paid only by such names.
	byLabel := `SELECT "id", ` + label + ` FROM ` + t + ` WHERE %s AND "deleted_at" IS NULL ORDER BY "id" LIMIT 6`
	rows, err := labelMatches(ctx, tx, fmt.Sprintf(byLabel, label+` = ? COLLATE NOCASE`), ref)
	if err == nil && len(rows) == 0 && !isASCII(ref) {
		rows, err = labelMatches(ctx, tx, fmt.Sprintf(byLabel, `rolo_fold(`+label+`) = ?`), foldCase(ref))
	}
	if err != nil {
		return 0, "", err
	}
	switch len(rows) {
	case 0:
		return 0, "", notFound("no %s matches %q", strings.ToLower(target.obj.Singular), ref)
	case 1:
		return rows[0].id, rows[0].name, nil
	}
	var cands []string
	for _, r := range rows[:min(len(rows), 5)] {
		cands = append(cands, fmt.Sprintf("#%d %s", r.id, r.name))
	}
	if len(rows) > 5 {
		cands = append(cands, "…")
	}
	return 0, "", fmt.Errorf("%q matches several %s: %s; use #id", ref, strings.ToLower(target.obj.Plural), strings.Join(cands, ", "))
}

// labelRow is a record found by a lookup: its id and label.
type labelRow struct {
	id   int64
	name string
}

// labelMatches runs a lookup of ids and labels. The rows are formatted
// only for an ambiguity's message, which a bulk import rarely needs.
func labelMatches(ctx context.Context, tx *sql.Tx, query string, arg any) ([]labelRow, error) {
	rows, err := tx.QueryContext(ctx, query, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []labelRow
	for rows.Next() {
		var r labelRow
		var name sql.NullString
		if err := rows.Scan(&r.id, &name); err != nil {
			return nil, err
		}
		r.name = name.String
		out = append(out, r)
	}
	return out, rows.Err()
}

// refCandidates are the stored forms a reference may take for a unique
// field: as typed, and as the value parser normalises it (a phone number
// in E.164, a link with its scheme).
func refCandidates(s *Store, u model.Field, ref string) []string {
	out := []string{ref}
	if v, err := model.ParseValue(u, ref, s.ParseEnv()); err == nil && v.Valid {
		var norm string
		switch u.Type {
		case model.TypeEmails, model.TypePhones, model.TypeLinks:
			if len(v.List) > 0 {
				norm = v.List[0]
			}
		case model.TypeText:
			norm = v.Str
		}
		if norm != "" && norm != ref {
			out = append(out, norm)
		}
	}
	return out
}

func (s *Store) resolveMemberValue(ctx context.Context, tx *sql.Tx, v model.Value) (int64, string, error) {
	if v.Int != 0 {
		var login, name string
		err := tx.QueryRowContext(ctx, `SELECT login, name FROM members WHERE id = ?`, v.Int).Scan(&login, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, "", notFound("no member #%d", v.Int)
		}
		return v.Int, displayMember(model.Member{Login: login, Name: name}), err
	}
	return s.resolveMember(ctx, tx, v.Ref)
}

func resolvePipeline(ctx context.Context, tx *sql.Tx, v model.Value) (int64, string, error) {
	var p model.Pipeline
	var err error
	if v.Int != 0 {
		p, err = pipelineByID(ctx, tx, v.Int)
	} else {
		p, err = pipelineByName(ctx, tx, v.Ref)
	}
	return p.ID, p.Name, err
}

// resolveStage finds a stage by id or name. A name is looked up in the
// record's pipeline (given in vals, else the current one, else the first);
// failing that, a name that is unique across all pipelines is accepted.
func (s *Store) resolveStage(ctx context.Context, tx *sql.Tx, st *objState, vals map[string]model.Value, cur *model.Record, v model.Value) (int64, string, error) {
	if v.Int != 0 {
		stg, err := stageByID(ctx, tx, v.Int)
		return stg.ID, stg.Name, err
	}
	ref := strings.TrimSpace(v.Ref)
	if n, ok := hashID(ref); ok {
		stg, err := stageByID(ctx, tx, n)
		return stg.ID, stg.Name, err
	}
	var pid int64
	if pf, ok := fieldOfType(st.obj, model.TypePipeline); ok {
		if pv, ok := vals[pf.Name]; ok && pv.Int != 0 {
			pid = pv.Int
		} else if cur != nil {
			pid = cur.Values[pf.Name].Int
		}
	}
	if pid == 0 {
		if err := tx.QueryRowContext(ctx, `SELECT id FROM pipelines ORDER BY position, id LIMIT 1`).Scan(&pid); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, "", err
		}
	}
	var id int64
	var name string
	err := tx.QueryRowContext(ctx, `SELECT id, name FROM stages WHERE pipeline_id = ? AND name = ? COLLATE NOCASE`, pid, ref).Scan(&id, &name)
	if err == nil {
		return id, name, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, "", err
	}
	rows, err := labelMatches(ctx, tx, `SELECT id, name FROM stages WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 2`, ref)
	if err != nil {
		return 0, "", err
	}
	switch len(rows) {
	case 0:
		return 0, "", notFound("no stage %q", ref)
	case 1:
		return rows[0].id, rows[0].name, nil
	}
	return 0, "", fmt.Errorf("stage %q exists in several pipelines; set the pipeline too", ref)
}

// fieldOfType returns the object's first field of type t (the pipeline or
// stage field of opportunities, or of a custom object that has one).
func fieldOfType(o model.Object, t model.FieldType) (model.Field, bool) {
	for _, f := range o.Fields {
		if f.Type == t {
			return f, true
		}
	}
	return model.Field{}, false
}
