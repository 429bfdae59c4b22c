package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"rolo/model"
)

// Pipelines list every pipeline with its stages in order.
func (s *Store) Pipelines(ctx context.Context) ([]model.Pipeline, error) {
	return loadPipelines(ctx, s.db, "", nil)
}

func loadPipelines(ctx context.Context, qr querier, where string, args []any) ([]model.Pipeline, error) {
	query := `SELECT id, name, position FROM pipelines`
	if where != "" {
		query += " WHERE " + where
	}
	rows, err := qr.QueryContext(ctx, query+" ORDER BY position, id", args...)
	if err != nil {
		return nil, err
	}
	var out []model.Pipeline
	idx := map[int64]int{}
	for rows.Next() {
		var p model.Pipeline
		if err := rows.Scan(&p.ID, &p.Name, &p.Position); err != nil {
			rows.Close()
			return nil, err
		}
		idx[p.ID] = len(out)
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	squery := `SELECT id, pipeline_id, name, color, position, kind FROM stages`
	if where != "" {
		squery += ` WHERE pipeline_id IN (SELECT id FROM pipelines WHERE ` + where + `)`
	}
	srows, err := qr.QueryContext(ctx, squery+` ORDER BY pipeline_id, position, id`, args...)
	if err != nil {
		return nil, err
	}
	defer srows.Close()
	for srows.Next() {
		st, err := scanStage(srows)
		if err != nil {
			return nil, err
		}
		if i, ok := idx[st.PipelineID]; ok {
			out[i].Stages = append(out[i].Stages, st)
		}
	}
	return out, srows.Err()
}

func scanStage(sc interface{ Scan(...any) error }) (model.Stage, error) {
	var st model.Stage
	var kind string
	err := sc.Scan(&st.ID, &st.PipelineID, &st.Name, &st.Color, &st.Position, &kind)
	st.Kind = model.StageKind(kind)
	return st, err
}

// Pipeline finds a pipeline by name (case-insensitive) or "#id".
func (s *Store) Pipeline(ctx context.Context, name string) (model.Pipeline, error) {
	return pipelineByName(ctx, s.db, name)
}

func pipelineByName(ctx context.Context, qr querier, name string) (model.Pipeline, error) {
	where, args := "name = ?", []any{strings.TrimSpace(name)}
	if id, ok := hashID(name); ok {
		where, args = "id = ?", []any{id}
	}
	ps, err := loadPipelines(ctx, qr, where, args)
	if err != nil {
		return model.Pipeline{}, err
	}
	if len(ps) == 0 {
		return model.Pipeline{}, notFound("pipeline %q", name)
	}
	return ps[0], nil
}

func pipelineByID(ctx context.Context, qr querier, id int64) (model.Pipeline, error) {
	ps, err := loadPipelines(ctx, qr, "id = ?", []any{id})
	if err != nil {
		return model.Pipeline{}, err
	}
	if len(ps) == 0 {
		return model.Pipeline{}, notFound("pipeline #%d", id)
	}
	return ps[0], nil
}

func stageByID(ctx context.Context, qr querier, id int64) (model.Stage, error) {
	st, err := scanStage(qr.QueryRowContext(ctx, `SELECT id, pipeline_id, name, color, position, kind FROM stages WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Stage{}, notFound("stage #%d", id)
	}
	return st, err
}

// createPipelineTx inserts a pipeline and its stages in the given order.
func createPipelineTx(ctx context.Context, tx *sql.Tx, name string, stages []model.Stage) (model.Pipeline, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return model.Pipeline{}, errors.New("a pipeline needs a name")
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pipelines WHERE name = ?`, name).Scan(&n); err != nil {
		return model.Pipeline{}, err
	}
	if n > 0 {
		return model.Pipeline{}, fmt.Errorf("a pipeline named %q exists", name)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO pipelines (name, position) VALUES (?, (SELECT coalesce(max(position), -1) + 1 FROM pipelines))`, name)
	if err != nil {
		return model.Pipeline{}, err
	}
	pid, _ := res.LastInsertId()
	seen := map[string]bool{}
	// One statement for all stages: pipelines may have a hundred.
	var args []any
	for i, st := range stages {
		st.Name = strings.TrimSpace(st.Name)
		key := strings.ToLower(st.Name)
		if st.Name == "" {
			return model.Pipeline{}, fmt.Errorf("stage %d has no name", i+1)
		}
		if seen[key] {
			return model.Pipeline{}, fmt.Errorf("stage %q appears twice", st.Name)
		}
		seen[key] = true
		if st.Color == "" {
			st.Color = palette[i%len(palette)]
		}
		args = append(args, pid, st.Name, st.Color, i, string(st.Kind))
	}
	if len(stages) > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO stages (pipeline_id, name, color, position, kind) VALUES `+rowsSQL(5, len(stages)), args...); err != nil {
			return model.Pipeline{}, err
		}
	}
	return pipelineByID(ctx, tx, pid)
}

// CreatePipeline creates a pipeline: Incoming, the given stages, Won, Lost.
func (s *Store) CreatePipeline(ctx context.Context, name string, stages []string) (model.Pipeline, error) {
	all := []model.Stage{{Name: "Incoming", Color: "#868e96", Kind: model.StageIncoming}}
	for _, n := range stages {
		all = append(all, model.Stage{Name: n})
	}
	all = append(all, model.Stage{Name: "Won", Color: "#37b24d", Kind: model.StageWon},
		model.Stage{Name: "Lost", Color: "#f03e3e", Kind: model.StageLost})
	var p model.Pipeline
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = createPipelineTx(ctx, tx, name, all)
		return err
	})
	return p, err
}

// RenamePipeline renames a pipeline.
func (s *Store) RenamePipeline(ctx context.Context, name, newName string) error {
	newName = strings.TrimSpace(newName)
	if newName == "" {
		return errors.New("a pipeline needs a name")
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		p, err := pipelineByName(ctx, tx, name)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pipelines WHERE name = ? AND id <> ?`, newName, p.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("a pipeline named %q exists", newName)
		}
		_, err = tx.ExecContext(ctx, `UPDATE pipelines SET name = ? WHERE id = ?`, newName, p.ID)
		return err
	})
}

// refFields lists (object, field) pairs of the given reference type, e.g.
// every stage field, so pipeline changes cover custom objects too.
func (c *metaCache) refFields(t model.FieldType) []refField {
	var out []refField
	for _, st := range c.objs {
		for _, f := range st.obj.Fields {
			if f.Type == t {
				out = append(out, refField{st, f})
			}
		}
	}
	return out
}

type refField struct {
	st *objState
	f  model.Field
}

// countRefs counts records (deleted included: they can be restored) whose
// field of type t holds id.
func (s *Store) countRefs(ctx context.Context, tx *sql.Tx, t model.FieldType, id int64) (int64, string, error) {
	var total int64
	noun := "records"
	for _, rf := range s.meta().refFields(t) {
		var n int64
		if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %s WHERE %s = ?`, q(rf.st.obj.Table()), q(rf.f.Name)), id).Scan(&n); err != nil {
			return 0, "", err
		}
		if n > 0 {
			noun = countNoun(rf.st.obj, n)
		}
		total += n
	}
	return total, noun, nil
}

// DeletePipeline removes a pipeline that holds no records. The last
// pipeline cannot be removed: new opportunities need one.
func (s *Store) DeletePipeline(ctx context.Context, name string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		p, err := pipelineByName(ctx, tx, name)
		if err != nil {
			return err
		}
		n, noun, err := s.countRefs(ctx, tx, model.TypePipeline, p.ID)
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("pipeline %q holds %d %s (deleted ones included); move them first", p.Name, n, noun)
		}
		var total int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pipelines`).Scan(&total); err != nil {
			return err
		}
		if total <= 1 {
			return fmt.Errorf("pipeline %q is the only one and cannot be removed", p.Name)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM pipelines WHERE id = ?`, p.ID)
		return err
	})
}

// renumber stores the stages' order as positions 0..n-1.
func renumber(ctx context.Context, tx *sql.Tx, stages []model.Stage) error {
	for i, st := range stages {
		if st.Position == i {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE stages SET position = ? WHERE id = ?`, i, st.ID); err != nil {
			return err
		}
	}
	return nil
}

// normalBounds is where normal stages may go in a stage list: after
// Incoming, before the first of Won/Lost.
func normalBounds(stages []model.Stage) (lo, hi int) {
	hi = len(stages)
	for i, st := range stages {
		if st.Kind == model.StageIncoming {
			lo = i + 1
		}
		if (st.Kind == model.StageWon || st.Kind == model.StageLost) && i < hi {
			hi = i
		}
	}
	if lo > hi {
		lo = hi
	}
	return lo, hi
}

// AddStage adds a normal stage just before Won and Lost.
func (s *Store) AddStage(ctx context.Context, pipelineID int64, name, color string) (model.Stage, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return model.Stage{}, errors.New("a stage needs a name")
	}
	var id int64
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		p, err := pipelineByID(ctx, tx, pipelineID)
		if err != nil {
			return err
		}
		for _, st := range p.Stages {
			if strings.EqualFold(st.Name, name) {
				return fmt.Errorf("pipeline %q already has a stage %q", p.Name, st.Name)
			}
		}
		if color == "" {
			color = palette[len(p.Stages)%len(palette)]
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO stages (pipeline_id, name, color, position, kind) VALUES (?, ?, ?, ?, '')`,
			p.ID, name, color, len(p.Stages))
		if err != nil {
			return err
		}
		id, _ = res.LastInsertId()
		_, hi := normalBounds(p.Stages)
		order := append(append(append([]model.Stage{}, p.Stages[:hi]...), model.Stage{ID: id, Position: -1}), p.Stages[hi:]...)
		return renumber(ctx, tx, order)
	})
	if err != nil {
		return model.Stage{}, err
	}
	return stageByID(ctx, s.db, id)
}

// UpdateStage renames and/or recolours a stage (system stages too); an
// empty name or colour is left as it was.
func (s *Store) UpdateStage(ctx context.Context, stageID int64, name, color string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		st, err := stageByID(ctx, tx, stageID)
		if err != nil {
			return err
		}
		if name = strings.TrimSpace(name); name == "" {
			name = st.Name
		}
		if color == "" {
			color = st.Color
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM stages WHERE pipeline_id = ? AND name = ? COLLATE NOCASE AND id <> ?`,
			st.PipelineID, name, st.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("the pipeline already has a stage %q", name)
		}
		_, err = tx.ExecContext(ctx, `UPDATE stages SET name = ?, color = ? WHERE id = ?`, name, color, st.ID)
		return err
	})
}

// MoveStage moves a normal stage to position (0-based index in its
// pipeline), kept between Incoming and Won/Lost, whose places are fixed.
func (s *Store) MoveStage(ctx context.Context, stageID int64, position int) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		st, err := stageByID(ctx, tx, stageID)
		if err != nil {
			return err
		}
		if st.System() {
			return fmt.Errorf("%s is a system stage; its place is fixed", st.Name)
		}
		p, err := pipelineByID(ctx, tx, st.PipelineID)
		if err != nil {
			return err
		}
		var rest []model.Stage
		for _, x := range p.Stages {
			if x.ID != st.ID {
				rest = append(rest, x)
			}
		}
		lo, hi := normalBounds(rest)
		position = max(lo, min(position, hi))
		order := append(append(append([]model.Stage{}, rest[:position]...), model.Stage{ID: st.ID, Position: -1}), rest[position:]...)
		return renumber(ctx, tx, order)
	})
}

// DeleteStage removes a normal stage. Records in it are moved to moveTo (a
// stage of the same pipeline), each with a stage_changed event; without
// moveTo a stage that holds records is refused.
func (s *Store) DeleteStage(ctx context.Context, stageID, moveTo int64) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		st, err := stageByID(ctx, tx, stageID)
		if err != nil {
			return err
		}
		if st.System() {
			return fmt.Errorf("%s is a system stage and cannot be removed (it can be renamed)", st.Name)
		}
		n, noun, err := s.countRefs(ctx, tx, model.TypeStage, st.ID)
		if err != nil {
			return err
		}
		if n > 0 {
			if moveTo == 0 {
				return fmt.Errorf("stage %q holds %d %s; choose a stage to move them to", st.Name, n, noun)
			}
			to, err := stageByID(ctx, tx, moveTo)
			if err != nil {
				return err
			}
			if to.PipelineID != st.PipelineID || to.ID == st.ID {
				return fmt.Errorf("records of stage %q can only move to another stage of the same pipeline", st.Name)
			}
			if err := s.moveStageRecords(ctx, tx, st, to); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM stages WHERE id = ?`, st.ID); err != nil {
			return err
		}
		p, err := pipelineByID(ctx, tx, st.PipelineID)
		if err != nil {
			return err
		}
		return renumber(ctx, tx, p.Stages)
	})
}

// moveStageRecords moves every record of stage from to stage to, writing
// the stage_changed events set-wise rather than row by row.
func (s *Store) moveStageRecords(ctx context.Context, tx *sql.Tx, from, to model.Stage) error {
	now := s.nowMS()
	for _, rf := range s.meta().refFields(model.TypeStage) {
		t := q(rf.st.obj.Table())
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO events (at, actor, object, record_id, kind, field, old, new)
			SELECT ?, ?, ?, "id", ?, ?, ?, ? FROM %s WHERE %s = ?`, t, q(rf.f.Name)),
			now, s.actorID(), rf.st.obj.Name, string(model.EventStageChanged), rf.f.Name, from.Name, to.Name, from.ID); err != nil {
			return err
		}
		set := fmt.Sprintf(`%s = ?, "updated_at" = max(?, "updated_at" + 1)`, q(rf.f.Name))
		args := []any{to.ID, now}
		if _, ok := rf.st.obj.Field(fieldStageChangedAt); ok {
			set += fmt.Sprintf(`, %s = ?`, q(fieldStageChangedAt))
			args = append(args, now)
		}
		args = append(args, from.ID)
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE %s SET %s WHERE %s = ?`, t, set, q(rf.f.Name)), args...); err != nil {
			return err
		}
	}
	return nil
}

// hashID reads "#42" as record id 42.
func hashID(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '#' {
		return 0, false
	}
	var id int64
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return 0, false
		}
		id = id*10 + int64(r-'0')
		if id > 1<<53 {
			return 0, false
		}
	}
	return id, id > 0
}
