// Package demo fills a workspace with deterministic, realistic demo data:
// companies with unique domains, their people with unique emails and valid
// phone numbers, opportunities across two pipelines, tasks and notes. The
// same seed and options give the same data. Rows go through the store's
// BulkWriter as ready-made values (no formatting and re-parsing), so a
// million people take seconds.
package demo

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"rolo/model"
	"rolo/store"
)

// Options says how much to generate. Counts are taken as given (zero means
// none); DefaultOptions has the small demo.
type Options struct {
	Companies, People, Opportunities, Tasks, Notes, Members int
	Seed                                                    int64
	// Now anchors close dates and due dates ("overdue" is relative to it).
	// Zero means the wall clock, truncated to the day.
	Now time.Time
}

// DefaultOptions is a workspace small enough to read and big enough to
// scroll, filter and fill a board.
func DefaultOptions() Options {
	return Options{Companies: 40, People: 300, Opportunities: 120, Tasks: 80, Notes: 60, Members: 5, Seed: 1}
}

// eventsUpTo is the largest batch written with "created" events: a small
// demo gets a timeline, a million-row fill skips doubling its writes.
const eventsUpTo = 10_000

// progressEvery is how many rows pass between progress reports.
const progressEvery = 5_000

// Fill adds the demo data to st. progress, if not nil, is called as rows
// are written, with the total of all records to add. Each object is one
// bulk transaction: a failure leaves that object's batch unwritten.
func Fill(ctx context.Context, st *store.Store, opt Options, progress func(done, total int)) error {
	for _, n := range []int{opt.Companies, opt.People, opt.Opportunities, opt.Tasks, opt.Notes, opt.Members} {
		if n < 0 {
			return fmt.Errorf("demo: counts must not be negative")
		}
	}
	// Demo domains and emails are unique only among themselves, so a second
	// fill would collide half-way through; refuse up front instead.
	for _, obj := range []string{"companies", "people"} {
		n, err := st.Count(ctx, obj, model.Filter{})
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("demo: the workspace already has %d %s; demo data goes into an empty workspace (for example --db /tmp/demo.db)", n, obj)
		}
	}
	now := opt.Now
	if now.IsZero() {
		y, m, d := time.Now().Date()
		now = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	g := newGen(opt.Seed, now)
	total := opt.Companies + opt.People + opt.Opportunities + opt.Tasks + opt.Notes
	done := 0
	report := func() {
		if progress != nil {
			progress(done, total)
		}
	}
	report()

	var err error
	if g.memberIDs, err = addMembers(ctx, st, opt.Members); err != nil {
		return err
	}
	if g.pipes, err = pipelines(ctx, st); err != nil {
		return err
	}

	g.planCompanies(opt.Companies)
	if err := write(ctx, st, g.companyPlan(), opt.Companies, &done, report); err != nil {
		return err
	}
	if err := g.loadCompanyIDs(ctx, st); err != nil {
		return err
	}
	if err := write(ctx, st, g.personPlan(), opt.People, &done, report); err != nil {
		return err
	}
	if err := g.loadContacts(ctx, st, opt.People); err != nil {
		return err
	}
	if err := write(ctx, st, g.oppPlan(), opt.Opportunities, &done, report); err != nil {
		return err
	}
	if err := g.loadOpps(ctx, st, opt.Opportunities); err != nil {
		return err
	}
	if err := write(ctx, st, g.taskPlan(), opt.Tasks, &done, report); err != nil {
		return err
	}
	if err := write(ctx, st, g.notePlan(), opt.Notes, &done, report); err != nil {
		return err
	}
	report()
	return nil
}

// write generates n rows of a plan into one bulk transaction.
func write(ctx context.Context, st *store.Store, p plan, n int, done *int, report func()) error {
	if n == 0 {
		return nil
	}
	obj, err := st.Object(p.object)
	if err != nil {
		return err
	}
	b := p.bind(obj)
	w, err := st.NewBulkWriter(ctx, obj.Name, b.names(), store.BulkOptions{Events: n <= eventsUpTo})
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if err := w.Add(b.row()...); err != nil {
			w.Rollback()
			return fmt.Errorf("demo %s row %d: %w", obj.Name, i+1, err)
		}
		*done++
		if *done%progressEvery == 0 {
			report()
		}
	}
	if _, err := w.Commit(); err != nil {
		return fmt.Errorf("demo %s: %w", obj.Name, err)
	}
	return nil
}

// addMembers makes sure the first n demo members exist and returns their
// ids; logins past the named ones are member6, member7, ...
func addMembers(ctx context.Context, st *store.Store, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	for i := 0; i < n; i++ {
		login, name := "member"+strconv.Itoa(i+1), "Member "+strconv.Itoa(i+1)
		if i < len(members) {
			login, name = members[i].login, members[i].name
		}
		m, err := st.Member(ctx, login)
		if err != nil {
			m, err = st.AddMember(ctx, model.Member{Login: login, Name: name, Email: login + "@rolo.example", Active: true})
			if err != nil {
				return nil, err
			}
		}
		ids = append(ids, m.ID)
	}
	return ids, nil
}

// partnerStages are the working stages of the demo's second pipeline.
var partnerStages = []string{"Intro", "Evaluation", "Agreement"}

// pipelines returns the pipelines deals are spread over: every existing
// one (normally the seeded "Sales") plus "Partnerships", created if
// missing. Sales-like pipelines get three deals for each partnership.
func pipelines(ctx context.Context, st *store.Store) ([]pipeChoice, error) {
	ps, err := st.Pipelines(ctx)
	if err != nil {
		return nil, err
	}
	found := false
	for _, p := range ps {
		found = found || p.Name == "Partnerships"
	}
	if !found {
		p, err := st.CreatePipeline(ctx, "Partnerships", partnerStages)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	out := make([]pipeChoice, len(ps))
	for i, p := range ps {
		w := 3
		if p.Name == "Partnerships" {
			w = 1
		}
		out[i] = pipeChoice{p: p, weight: w}
	}
	return out, nil
}
