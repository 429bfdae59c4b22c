package demo

import (
	"context"

	"rolo/model"
	"rolo/store"
)

// The generator needs the ids the store gave to rows it wrote (people point
// at companies, tasks at people and deals). The bulk writer does not
// return ids, so they are read back: the newest rows of each object are
// the ones just written.

// samplePeople caps how many people are read back as possible contacts:
// enough for every deal, task and note to name one, cheap at any size.
const samplePeople = 5_000

// newest reads up to n of the most recently created records of object.
func newest(ctx context.Context, st *store.Store, object string, n int) ([]model.Record, error) {
	var out []model.Record
	if n <= 0 {
		return nil, nil
	}
	q := model.Query{Sorts: []model.Sort{{Field: model.FieldID, Desc: true}}, Limit: min(n, 1000)}
	for len(out) < n {
		page, err := st.Query(ctx, object, q)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Records...)
		if page.Next == "" || len(page.Records) == 0 {
			break
		}
		q.After = page.Next
	}
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// loadCompanyIDs matches the written companies by their unique domain.
func (g *gen) loadCompanyIDs(ctx context.Context, st *store.Store) error {
	if len(g.companies) == 0 {
		return nil
	}
	recs, err := newest(ctx, st, "companies", len(g.companies))
	if err != nil {
		return err
	}
	byDomain := make(map[string]int64, len(recs))
	for _, r := range recs {
		if d := r.Get("domain"); len(d.List) > 0 {
			byDomain[d.List[0]] = r.ID
		}
	}
	g.companyIdx = make(map[int64]int, len(g.companies))
	for i := range g.companies {
		id := byDomain["https://"+g.companies[i].domain]
		g.companies[i].id = id
		g.companyIdx[id] = i
	}
	return nil
}

// loadContacts reads back a sample of the written people, grouped by
// company, in id order so the picks that follow are deterministic.
func (g *gen) loadContacts(ctx context.Context, st *store.Store, written int) error {
	recs, err := newest(ctx, st, "people", min(written, samplePeople))
	if err != nil {
		return err
	}
	for i := len(recs) - 1; i >= 0; i-- {
		r := recs[i]
		c := contact{id: r.ID, name: r.Label}
		if co := r.Get("company"); co.Valid && co.Int != 0 {
			g.contacts[co.Int] = append(g.contacts[co.Int], c)
		} else {
			g.loose = append(g.loose, c)
		}
	}
	return nil
}

// loadOpps reads back the written opportunities for tasks and notes to
// refer to.
func (g *gen) loadOpps(ctx context.Context, st *store.Store, written int) error {
	recs, err := newest(ctx, st, "opportunities", min(written, samplePeople))
	if err != nil {
		return err
	}
	for i := len(recs) - 1; i >= 0; i-- {
		r := recs[i]
		g.opps = append(g.opps, oppRef{id: r.ID, name: r.Label, companyID: r.Get("company").Int})
	}
	return nil
}
