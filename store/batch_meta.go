package store

import (
	"errors"
	"fmt"
	"strings"

	"rolo/model"
)

// What an import creates on the way when told to (--create-missing):
// select options, members, pipelines and stages, all inside the batch's
// transaction so a failed or dry-run import leaves none of them behind.

// Resolve turns a reference value typed by a person (a name, email,
// login, "#42") into an id, as Create and Update would. pipeline is the
// record's pipeline id when resolving a stage (0: the first pipeline).
// A reference that matches nothing wraps ErrNotFound.
func (b *Batch) Resolve(object, field string, v model.Value, pipeline int64) (model.Value, error) {
	st, err := b.state(object)
	if err != nil {
		return model.Value{}, err
	}
	f, ok := st.obj.Field(field)
	if !ok {
		return model.Value{}, fmt.Errorf("%s has no field %q", object, field)
	}
	vals := map[string]model.Value{field: v}
	if f.Type == model.TypeStage && pipeline != 0 {
		if pf, ok := fieldOfType(st.obj, model.TypePipeline); ok {
			vals[pf.Name] = model.Value{Valid: true, Int: pipeline}
		}
	}
	if err := b.s.resolveRefs(b.ctx, b.tx, b.c, st, vals, nil); err != nil {
		return model.Value{}, err
	}
	return vals[field], nil
}

// AddOptions appends options to a select or multi-select field, labels
// as given (values are derived from them), and returns the options that
// were added. Labels that match an existing option are skipped.
func (b *Batch) AddOptions(object, field string, labels []string) ([]model.SelectOption, error) {
	st, err := b.state(object)
	if err != nil {
		return nil, err
	}
	f, ok := st.obj.Field(field)
	if !ok {
		return nil, fmt.Errorf("%s has no field %q", object, field)
	}
	if f.Type != model.TypeSelect && f.Type != model.TypeMultiSelect {
		return nil, fmt.Errorf("%s.%s is a %s field, not a select", object, field, f.Type)
	}
	all := append([]model.SelectOption(nil), f.Options...)
	have := map[string]bool{}
	for _, o := range all {
		have[strings.ToLower(o.Value)] = true
		have[strings.ToLower(o.Label)] = true
	}
	var added []model.SelectOption
	for _, l := range labels {
		l = strings.TrimSpace(l)
		v := slug(l)
		if l == "" || have[strings.ToLower(l)] || have[v] {
			continue
		}
		have[strings.ToLower(l)], have[v] = true, true
		all = append(all, model.SelectOption{Label: l})
		added = append(added, model.SelectOption{Label: l, Value: v})
	}
	if len(added) == 0 {
		return nil, nil
	}
	norm, err := normalizeOptions(all)
	if err != nil {
		return nil, err
	}
	if _, err := b.tx.ExecContext(b.ctx, `DELETE FROM select_options WHERE field_id = ?`, f.ID); err != nil {
		return nil, err
	}
	if err := insertOptions(b.ctx, b.tx, f.ID, norm); err != nil {
		return nil, err
	}
	if err := b.metaReload(); err != nil {
		return nil, err
	}
	return norm[len(norm)-len(added):], nil
}

// metaReload bumps the metadata version and rereads the metadata through
// the transaction, so the batch sees what it added.
func (b *Batch) metaReload() error {
	if err := bumpMeta(b.ctx, b.tx); err != nil {
		return err
	}
	c, err := loadMeta(b.ctx, b.tx)
	if err != nil {
		return err
	}
	c.version = b.c.version
	b.c = c
	b.metaChanged = true
	for object, in := range b.ins {
		in.st = c.byName[object]
	}
	return nil
}

// AddMember adds an active member inside the batch. The login is
// lowercased and must be valid and free.
func (b *Batch) AddMember(m model.Member) (model.Member, error) {
	m.Login = strings.ToLower(strings.TrimSpace(m.Login))
	if err := ValidLogin(m.Login); err != nil {
		return model.Member{}, err
	}
	var n int
	if err := b.tx.QueryRowContext(b.ctx, `SELECT count(*) FROM members WHERE login = ?`, m.Login).Scan(&n); err != nil {
		return model.Member{}, err
	}
	if n > 0 {
		return model.Member{}, fmt.Errorf("a member with login %q exists", m.Login)
	}
	res, err := b.tx.ExecContext(b.ctx, `INSERT INTO members (login, name, email, active) VALUES (?, ?, ?, 1)`,
		m.Login, strings.TrimSpace(m.Name), strings.TrimSpace(m.Email))
	if err != nil {
		return model.Member{}, err
	}
	m.ID, err = res.LastInsertId()
	m.Active = true
	b.metaChanged = true
	return m, err
}

// Members lists every member as the batch sees them.
func (b *Batch) Members() ([]model.Member, error) {
	return scanMembers(b.tx.QueryContext(b.ctx, `SELECT `+memberCols+` FROM members ORDER BY id`))
}

// AddPipeline creates a pipeline with the system stages Incoming, Won and
// Lost, as CreatePipeline does.
func (b *Batch) AddPipeline(name string) (model.Pipeline, error) {
	all := []model.Stage{{Name: "Incoming", Color: "#868e96", Kind: model.StageIncoming},
		{Name: "Won", Color: "#37b24d", Kind: model.StageWon}, {Name: "Lost", Color: "#f03e3e", Kind: model.StageLost}}
	p, err := createPipelineTx(b.ctx, b.tx, name, all)
	if err == nil {
		b.metaChanged = true
	}
	return p, err
}

// AddStage adds a normal stage to a pipeline just before Won and Lost, as
// Store.AddStage does.
func (b *Batch) AddStage(pipelineID int64, name string) (model.Stage, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return model.Stage{}, errors.New("a stage needs a name")
	}
	p, err := pipelineByID(b.ctx, b.tx, pipelineID)
	if err != nil {
		return model.Stage{}, err
	}
	for _, st := range p.Stages {
		if strings.EqualFold(st.Name, name) {
			return model.Stage{}, fmt.Errorf("pipeline %q already has a stage %q", p.Name, st.Name)
		}
	}
	res, err := b.tx.ExecContext(b.ctx, `INSERT INTO stages (pipeline_id, name, color, position, kind) VALUES (?, ?, ?, ?, '')`,
		p.ID, name, palette[len(p.Stages)%len(palette)], len(p.Stages))
	if err != nil {
		return model.Stage{}, err
	}
	id, _ := res.LastInsertId()
	_, hi := normalBounds(p.Stages)
	order := append(append(append([]model.Stage{}, p.Stages[:hi]...), model.Stage{ID: id, Position: -1}), p.Stages[hi:]...)
	if err := renumber(b.ctx, b.tx, order); err != nil {
		return model.Stage{}, err
	}
	b.metaChanged = true
	return stageByID(b.ctx, b.tx, id)
}

// Pipelines lists the pipelines as the batch sees them.
func (b *Batch) Pipelines() ([]model.Pipeline, error) {
	return loadPipelines(b.ctx, b.tx, "", nil)
}
