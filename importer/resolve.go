package importer

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"rolo/model"
	"rolo/store"
)

// resolver turns the names a file gives for references into ids, once per
// distinct name: a million rows naming a thousand companies cost a
// thousand lookups. With --create-missing what is not found is created,
// inside the import's transaction.
type resolver struct {
	b      *store.Batch
	obj    string
	create bool
	cache  map[string]resolved
	logins map[string]bool // taken member logins, for creating members
	rep    *Report
}

type resolved struct {
	v   model.Value
	err error
}

func newResolver(b *store.Batch, obj string, create bool, rep *Report) *resolver {
	return &resolver{b: b, obj: obj, create: create, cache: map[string]resolved{}, rep: rep}
}

// resolve returns v with its id filled in. pipeline is the row's pipeline
// id, which scopes a stage name.
func (rs *resolver) resolve(f model.Field, v model.Value, text string, pipeline int64) (model.Value, error) {
	key := f.Name + "\x00" + strings.ToLower(text)
	if f.Type == model.TypeStage {
		key += fmt.Sprintf("\x00%d", pipeline)
	}
	if r, ok := rs.cache[key]; ok {
		return r.v, r.err
	}
	out, err := rs.b.Resolve(rs.obj, f.Name, v, pipeline)
	if err != nil && errors.Is(err, store.ErrNotFound) && rs.create && v.Int == 0 {
		out, err = rs.createMissing(f, strings.TrimSpace(v.Ref), pipeline)
	}
	if err != nil && rs.b.Context().Err() != nil {
		return model.Value{}, err // cancelled: not the name's answer, so not cached
	}
	rs.cache[key] = resolved{out, err}
	return out, err
}

func (rs *resolver) createMissing(f model.Field, name string, pipeline int64) (model.Value, error) {
	switch f.Type {
	case model.TypeRelation:
		target, err := rs.b.Object(f.Target)
		if err != nil {
			return model.Value{}, err
		}
		rec, err := rs.b.Create(target.Name, map[string]model.Value{target.LabelField: {Valid: true, Str: name}})
		if err != nil {
			return model.Value{}, fmt.Errorf("creating %s %q: %w", strings.ToLower(target.Singular), name, err)
		}
		rs.rep.New = append(rs.rep.New, Created{Kind: target.Name, Name: name})
		return model.Value{Valid: true, Int: rec.ID, Ref: rec.Label}, nil
	case model.TypeMember:
		m, err := rs.newMember(name)
		if err != nil {
			return model.Value{}, fmt.Errorf("creating member %q: %w", name, err)
		}
		rs.rep.New = append(rs.rep.New, Created{Kind: "member", Name: m.Login})
		return model.Value{Valid: true, Int: m.ID, Ref: m.Login}, nil
	case model.TypePipeline:
		p, err := rs.b.AddPipeline(name)
		if err != nil {
			return model.Value{}, err
		}
		rs.rep.New = append(rs.rep.New, Created{Kind: "pipeline", Name: p.Name})
		return model.Value{Valid: true, Int: p.ID, Ref: p.Name}, nil
	case model.TypeStage:
		if pipeline == 0 {
			ps, err := rs.b.Pipelines()
			if err != nil {
				return model.Value{}, err
			}
			if len(ps) == 0 {
				return model.Value{}, errors.New("there is no pipeline to add the stage to")
			}
			pipeline = ps[0].ID
		}
		stg, err := rs.b.AddStage(pipeline, name)
		if err != nil {
			return model.Value{}, err
		}
		rs.rep.New = append(rs.rep.New, Created{Kind: "stage", Name: stg.Name})
		return model.Value{Valid: true, Int: stg.ID, Ref: stg.Name}, nil
	}
	return model.Value{}, fmt.Errorf("cannot create a %s", f.Type)
}

// newMember makes a member from what a sheet says about them: a login,
// an email address or a full name. The login is derived and made unique.
func (rs *resolver) newMember(ref string) (model.Member, error) {
	if rs.logins == nil {
		ms, err := rs.b.Members()
		if err != nil {
			return model.Member{}, err
		}
		rs.logins = map[string]bool{}
		for _, m := range ms {
			rs.logins[m.Login] = true
		}
	}
	m := model.Member{}
	base := ref
	switch {
	case store.ValidLogin(strings.ToLower(ref)) == nil && !strings.Contains(ref, "@"):
		base = strings.ToLower(ref)
	case strings.Contains(ref, "@"):
		m.Email = ref
		base, _, _ = strings.Cut(ref, "@")
	default:
		m.Name = ref
	}
	base = loginOf(base)
	if base == "" {
		base = "member"
	}
	login := base
	for i := 2; rs.logins[login]; i++ {
		login = fmt.Sprintf("%s%d", base, i)
	}
	m.Login = login
	m, err := rs.b.AddMember(m)
	if err == nil {
		rs.logins[m.Login] = true
	}
	return m, err
}

// loginOf folds a name into login characters: "Olga Petrova" → "olga.petrova".
func loginOf(s string) string {
	var b strings.Builder
	dot := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '_' || r == '-':
			if dot && b.Len() > 0 {
				b.WriteByte('.')
			}
			dot = false
			b.WriteRune(r)
		default:
			dot = true
		}
	}
	out := b.String()
	if len(out) > 64 {
		out = out[:64]
	}
	return out
}
