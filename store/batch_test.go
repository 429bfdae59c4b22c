package store

import (
	"errors"
	"testing"

	"rolo/model"
)

func indexCount(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'obj_people'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func eventCount(t *testing.T, s *Store) int {
	var n int
	s.db.QueryRow(`SELECT count(*) FROM events`).Scan(&n)
	return n
}

func TestBatchInserterEventsAndIndexes(t *testing.T) {
	s := newTestStore(t)
	mustCreate(t, s, "people", map[string]model.Value{"name": text("First")})
	indexes := indexCount(t, s)
	err := s.Batch(ctx, BatchOptions{}, func(b *Batch) error {
		if err := b.DeferIndexes("people"); err != nil {
			return err
		}
		in, err := b.Inserter("people", []string{"name", "emails", "active"})
		if err != nil {
			return err
		}
		for i, n := range []string{"Ann", "Bob", "Cid"} {
			id, err := in.Add([]model.Value{text(n), list(n + "@x.io"), {Valid: true, Int: int64(i % 2)}})
			if err != nil || id != int64(i+2) {
				return errors.Join(err, errors.New("unexpected id"))
			}
		}
		// A record created the slow way in between keeps ids in step.
		r, err := b.Create("people", map[string]model.Value{"name": text("Dee")})
		if err != nil || r.ID != 5 {
			t.Errorf("create in batch: %v id %d", err, r.ID)
		}
		if id, err := in.Add([]model.Value{text("Eve"), {}, {}}); err != nil || id != 6 {
			t.Errorf("add after create: %v id %d", err, id)
		}
		return b.Event("people", model.EventImported, "5")
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := indexCount(t, s); got != indexes {
		t.Errorf("indexes after commit = %d, want %d", got, indexes)
	}
	for id, want := range map[int64]string{2: "Ann", 3: "Bob", 5: "Dee", 6: "Eve"} {
		r, err := s.Get(ctx, "people", id)
		if err != nil || r.Label != want {
			t.Errorf("#%d = %q, %v", id, r.Label, err)
		}
	}
	if r, _ := s.Get(ctx, "people", 2); r.Values["active"].Int != 0 || r.Values["owner"].Int == 0 {
		t.Errorf("Ann active %d owner %d", r.Values["active"].Int, r.Values["owner"].Int)
	}
	evs, _ := s.Events(ctx, EventQuery{Object: "people"})
	created := map[int64]string{}
	for _, e := range evs {
		if e.Kind == model.EventCreated {
			created[e.RecordID] = e.New
		}
	}
	if len(created) != 6 || created[3] != "Bob" || created[6] != "Eve" {
		t.Errorf("created events = %v", created)
	}
}

func TestBatchRollsBack(t *testing.T) {
	s := newTestStore(t)
	indexes, events := indexCount(t, s), eventCount(t, s)
	boom := errors.New("boom")
	for _, opt := range []BatchOptions{{}, {Rollback: true}} {
		err := s.Batch(ctx, opt, func(b *Batch) error {
			b.DeferIndexes("people")
			in, _ := b.Inserter("people", []string{"name"})
			in.Add([]model.Value{text("Ann")})
			if _, err := b.AddOptions("companies", "industry", []string{"Robotics"}); err != nil {
				return err
			}
			if _, err := b.AddMember(model.Member{Login: "zed"}); err != nil {
				return err
			}
			if !opt.Rollback {
				return boom
			}
			return nil
		})
		if opt.Rollback && err != nil || !opt.Rollback && !errors.Is(err, boom) {
			t.Fatalf("%+v: err = %v", opt, err)
		}
		if n, _ := s.Count(ctx, "people", model.Filter{}); n != 0 {
			t.Errorf("%+v: %d people after rollback", opt, n)
		}
		if indexCount(t, s) != indexes || eventCount(t, s) != events {
			t.Errorf("%+v: indexes or events changed", opt)
		}
		obj, _ := s.Object("companies")
		f, _ := obj.Field("industry")
		if _, ok := f.Option("robotics"); ok {
			t.Errorf("%+v: option survived the rollback", opt)
		}
		if _, err := s.Member(ctx, "zed"); err == nil {
			t.Errorf("%+v: member survived the rollback", opt)
		}
	}
}

func TestBatchMatchAndUpdate(t *testing.T) {
	s := newTestStore(t)
	a := mustCreate(t, s, "people", map[string]model.Value{"name": text("Ann"), "emails": list("ann@x.io")})
	err := s.Batch(ctx, BatchOptions{}, func(b *Batch) error {
		got, err := b.Match("people", "emails", []model.Value{list("ANN@x.io"), list("nobody@x.io"), {}})
		if err != nil {
			return err
		}
		if got[0].ID != a.ID || got[1].ID != 0 || got[2].ID != 0 {
			t.Errorf("match = %d %d %d", got[0].ID, got[1].ID, got[2].ID)
		}
		vals := map[string]model.Value{"name": text("Ann"), "city": text("Oslo")}
		if d, _ := b.Differs("people", got[0], map[string]model.Value{"name": text("Ann")}); d {
			t.Error("same name differs")
		}
		if _, err := b.Update("people", a.ID, map[string]model.Value{"name": {}}); err == nil {
			t.Error("clearing a required field passed")
		}
		_, err = b.Update("people", a.ID, vals) // the failed row left the batch usable
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := s.Get(ctx, "people", a.ID); r.Values["city"].Str != "Oslo" {
		t.Errorf("city = %q", r.Values["city"].Str)
	}
}
