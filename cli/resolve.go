package cli

import (
	"fmt"
	"strconv"
	"strings"

	"rolo/model"
)

// object finds an object by name, or says which names exist. Singular and
// plural labels are accepted too ("person", "People"), since that is what
// people type.
func (a *app) object(name string) (model.Object, error) {
	st, err := a.store()
	if err != nil {
		return model.Object{}, err
	}
	objs := st.Objects()
	for _, o := range objs {
		if o.Name == name {
			return o, nil
		}
	}
	for _, o := range objs {
		if strings.EqualFold(o.Singular, name) || strings.EqualFold(o.Plural, name) {
			return o, nil
		}
	}
	names := make([]string, len(objs))
	for i, o := range objs {
		names[i] = o.Name
	}
	return model.Object{}, fmt.Errorf("unknown object %q (expected one of: %s)", name, strings.Join(names, ", "))
}

// field finds a field of obj, or lists the object's field names.
func field(obj model.Object, name string) (model.Field, error) {
	if f, ok := obj.Field(name); ok {
		return f, nil
	}
	return model.Field{}, fmt.Errorf("unknown field %q for %s (expected one of: %s)", name, obj.Name, strings.Join(obj.FieldNames(), ", "))
}

// settable reports whether a user may give a value for f. Of the system
// fields the store lets people set the responsible member (owner), the
// manual order (position) and the active flag; the rest are rolo's.
func settable(f model.Field) bool {
	switch f.Name {
	case model.FieldOwner, model.FieldPosition, model.FieldActive:
		return true
	}
	return !f.System
}

// writableNames lists the fields a user may set, for error messages.
func writableNames(obj model.Object) []string {
	var names []string
	for _, f := range obj.Fields {
		if settable(f) {
			names = append(names, f.Name)
		}
	}
	return names
}

// parseAssignments reads field=value arguments into values, checking every
// one before anything is written. "field=" clears the field.
func (a *app) parseAssignments(obj model.Object, args []string) (map[string]model.Value, error) {
	st, err := a.store()
	if err != nil {
		return nil, err
	}
	env := st.ParseEnv()
	vals := make(map[string]model.Value, len(args))
	for _, arg := range args {
		name, text, ok := strings.Cut(arg, "=")
		if !ok || name == "" {
			return nil, fmt.Errorf("expected field=value, got %q", arg)
		}
		f, ok := obj.Field(name)
		if !ok {
			return nil, fmt.Errorf("unknown field %q for %s (expected one of: %s)", name, obj.Name, strings.Join(writableNames(obj), ", "))
		}
		if !settable(f) {
			return nil, fmt.Errorf("field %s is maintained by rolo and cannot be set", name)
		}
		if _, dup := vals[name]; dup {
			return nil, fmt.Errorf("field %s is given twice", name)
		}
		v, err := model.ParseValue(f, text, env)
		if err != nil {
			return nil, err
		}
		vals[name] = v
	}
	return vals, nil
}

// parseIDs reads record ids, all of them before any is used.
func parseIDs(args []string) ([]int64, error) {
	ids := make([]int64, 0, len(args))
	for _, s := range args {
		id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
		if err != nil || id <= 0 {
			return nil, fmt.Errorf("%q is not a record id (expected a positive number)", s)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// parseSorts reads "field,-field" into sort keys.
func parseSorts(obj model.Object, s string) ([]model.Sort, error) {
	var sorts []model.Sort
	for _, part := range splitList(s) {
		desc := strings.HasPrefix(part, "-")
		name := strings.TrimPrefix(strings.TrimPrefix(part, "-"), "+")
		if _, err := field(obj, name); err != nil {
			return nil, err
		}
		sorts = append(sorts, model.Sort{Field: name, Desc: desc})
	}
	return sorts, nil
}

// splitList splits a comma-separated flag value, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// stageByName finds a stage of p by name, case-insensitively.
func stageByName(p model.Pipeline, name string) (model.Stage, error) {
	for _, s := range p.Stages {
		if s.Name == name {
			return s, nil
		}
	}
	for _, s := range p.Stages {
		if strings.EqualFold(s.Name, name) {
			return s, nil
		}
	}
	names := make([]string, len(p.Stages))
	for i, s := range p.Stages {
		names[i] = s.Name
	}
	return model.Stage{}, fmt.Errorf("pipeline %s has no stage %q (expected one of: %s)", p.Name, name, strings.Join(names, ", "))
}
