package importer

import (
	"fmt"
	"strings"

	"rolo/model"
	"rolo/store"
	"rolo/transfer"
)

// Plan is an opened import file with its columns mapped: what a wizard
// shows before the user confirms, and what Run executes. Close it when
// not running it.
type Plan struct {
	Object  model.Object
	Reader  transfer.Reader
	Mapping transfer.Mapping
	Report  transfer.Report
	// Match is the field rows are matched on, "" when none can be.
	Match string

	opt    Options
	fields []model.Field // mapped fields, in mapping order
	header map[string]string
}

// NewPlan opens the file and maps its columns. Errors are the file's
// (empty, binary, wrong encoding) or the mapping's (an unknown --map
// column or field); they come before anything is written.
func NewPlan(st *store.Store, opt Options) (*Plan, error) {
	obj, err := st.Object(opt.Object)
	if err != nil {
		return nil, err
	}
	overrides, err := transfer.ParseMapFlags(opt.Map)
	if err != nil {
		return nil, err
	}
	r, err := transfer.Open(opt.Path, transfer.ReadOptions{Format: opt.Format, Sheet: opt.Sheet})
	if err != nil {
		return nil, err
	}
	m, rep, err := transfer.AutoMap(r.Header(), obj, overrides)
	if err != nil {
		r.Close()
		return nil, err
	}
	p := &Plan{Object: obj, Reader: r, Mapping: m, Report: rep, opt: opt, header: map[string]string{}}
	for _, mc := range rep.Mapped {
		if h, ok := p.header[mc.Field]; !ok || (mc.Role == transfer.RoleValue && h == "") {
			p.header[mc.Field] = mc.Header
		}
	}
	for _, name := range m.Fields() {
		f, ok := obj.Field(name)
		if !ok && name == model.FieldID {
			f = model.Field{Name: model.FieldID, Label: "ID", Type: model.TypeNumber, System: true}
		}
		p.fields = append(p.fields, f)
	}
	if len(p.fields) == 0 {
		r.Close()
		return nil, fmt.Errorf("no column of %s matches a field of %s\n%s", opt.Path, obj.Name, rep.String())
	}
	if p.Match, err = chooseMatch(obj, &m, opt); err != nil {
		r.Close()
		return nil, err
	}
	return p, nil
}

// Close closes the file.
func (p *Plan) Close() error { return p.Reader.Close() }

// chooseMatch picks the field that identifies existing records.
func chooseMatch(obj model.Object, m *transfer.Mapping, opt Options) (string, error) {
	var unique []string
	for _, f := range obj.Fields {
		if f.Unique {
			unique = append(unique, f.Name)
		}
	}
	choices := strings.Join(append([]string{model.FieldID}, unique...), ", ")
	if opt.Match != "" {
		f, ok := obj.Field(opt.Match)
		if !ok || (!f.Unique && opt.Match != model.FieldID) {
			return "", fmt.Errorf("--match %s: records of %s are matched on id or a unique field (%s)", opt.Match, obj.Name, choices)
		}
		if !m.Has(opt.Match) {
			return "", fmt.Errorf("--match %s: the file has no column for %s (map one with --map COLUMN=%s)", opt.Match, opt.Match, opt.Match)
		}
		return opt.Match, nil
	}
	if m.Has(model.FieldID) {
		return model.FieldID, nil
	}
	for _, u := range unique {
		if m.Has(u) {
			return u, nil
		}
	}
	if opt.UpdateOnly {
		return "", fmt.Errorf("--update-only needs a column that identifies records: %s", choices)
	}
	return "", nil
}
