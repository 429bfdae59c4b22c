package store

import (
	"context"
	"database/sql"
	"sort"
	"strconv"

	"rolo/model"
)

// Board totals are kept by triggers in opportunity_totals: one row per
// (pipeline, stage, currency) with the number of live opportunities (not
// deleted, active — what the board's cards show) and the sum of their
// amounts. Every write path — Create, Update, soft
// delete, restore, bulk insert, moving a removed stage's records, raw SQL —
// goes through the table, so the triggers see it all. An unfiltered
// StageTotals then reads a few rows instead of scanning every opportunity
// of the pipeline; a filtered one still scans (see groupBy).
//
// Empty stage and currency are stored as 0 and the empty string (key columns
// cannot usefully be NULL) and come back as the empty Key and Code.
//
// A filtered StageTotals cannot use the kept totals and reads the
// pipeline's live opportunities (filteredStageTotals).
var totalsDDL = []string{
	`CREATE TABLE "opportunity_totals" (
	"pipeline" INTEGER NOT NULL,
	"stage"    INTEGER NOT NULL,
	"code"     TEXT NOT NULL,
	"n"        INTEGER NOT NULL,
	"amount"   INTEGER NOT NULL,
	PRIMARY KEY ("pipeline", "stage", "code")
) WITHOUT ROWID`,
	`CREATE TRIGGER "opportunity_totals_insert" AFTER INSERT ON "obj_opportunities"
WHEN NEW."deleted_at" IS NULL AND NEW."active" = 1 BEGIN
	INSERT INTO "opportunity_totals" VALUES (coalesce(NEW."pipeline", 0), coalesce(NEW."stage", 0),
		coalesce(NEW."amount__code", ''), 1, coalesce(NEW."amount", 0))
	ON CONFLICT DO UPDATE SET "n" = "n" + 1, "amount" = "amount" + excluded."amount";
END`,
	`CREATE TRIGGER "opportunity_totals_delete" AFTER DELETE ON "obj_opportunities"
WHEN OLD."deleted_at" IS NULL AND OLD."active" = 1 BEGIN
	UPDATE "opportunity_totals" SET "n" = "n" - 1, "amount" = "amount" - coalesce(OLD."amount", 0)
	WHERE "pipeline" = coalesce(OLD."pipeline", 0) AND "stage" = coalesce(OLD."stage", 0)
		AND "code" = coalesce(OLD."amount__code", '');
END`,
	`CREATE TRIGGER "opportunity_totals_update"
AFTER UPDATE OF "pipeline", "stage", "amount", "amount__code", "deleted_at", "active" ON "obj_opportunities" BEGIN
	UPDATE "opportunity_totals" SET "n" = "n" - 1, "amount" = "amount" - coalesce(OLD."amount", 0)
	WHERE OLD."deleted_at" IS NULL AND OLD."active" = 1 AND "pipeline" = coalesce(OLD."pipeline", 0)
		AND "stage" = coalesce(OLD."stage", 0) AND "code" = coalesce(OLD."amount__code", '');
	INSERT INTO "opportunity_totals"
		SELECT coalesce(NEW."pipeline", 0), coalesce(NEW."stage", 0), coalesce(NEW."amount__code", ''), 1, coalesce(NEW."amount", 0)
		WHERE NEW."deleted_at" IS NULL AND NEW."active" = 1
	ON CONFLICT DO UPDATE SET "n" = "n" + 1, "amount" = "amount" + excluded."amount";
END`,
}

// activeTotals is migration 4's Go step: totals used to count inactive
// opportunities too, while the board's cards hide them. It recreates the
// triggers in their current shape and recounts the table once.
func activeTotals(ctx context.Context, s *Store, tx *sql.Tx) error {
	stmts := []string{
		`DROP TRIGGER IF EXISTS "opportunity_totals_insert"`,
		`DROP TRIGGER IF EXISTS "opportunity_totals_delete"`,
		`DROP TRIGGER IF EXISTS "opportunity_totals_update"`,
	}
	stmts = append(stmts, totalsDDL[1:]...)
	stmts = append(stmts, `DELETE FROM "opportunity_totals"`,
		`INSERT INTO "opportunity_totals"
		SELECT coalesce("pipeline", 0), coalesce("stage", 0), coalesce("amount__code", ''), count(*), coalesce(sum("amount"), 0)
		FROM "obj_opportunities" WHERE "deleted_at" IS NULL AND "active" = 1 GROUP BY 1, 2, 3`)
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

const totalsSQL = `SELECT "stage", "code", "n", "amount" FROM "opportunity_totals" WHERE "pipeline" = ? AND "n" > 0`

// StageTotals is a pipeline's board summary: opportunities of the pipeline
// matching f, per stage (in stage order) and currency, with the count and
// the sum of amount (micros) as Results[0]. A stage whose opportunities
// use several currencies (or none) has one group per currency.
func (s *Store) StageTotals(ctx context.Context, pipelineID int64, f model.Filter) ([]model.Group, error) {
	if !f.Empty() {
		return s.filteredStageTotals(ctx, pipelineID, f)
	}
	rows, err := s.queryCached(ctx, totalsSQL, pipelineID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var gs []model.Group
	for rows.Next() {
		var stage, n, amount int64
		var code string
		if err := rows.Scan(&stage, &code, &n, &amount); err != nil {
			return nil, err
		}
		g := model.Group{Code: code, Count: n, Results: []float64{float64(amount)}}
		if stage != 0 {
			g.Key = strconv.FormatInt(stage, 10)
		}
		gs = append(gs, g)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return s.sortStageGroups(ctx, pipelineID, gs)
}

// filteredStageTotals groups the pipeline's live opportunities matching f
// by stage and currency. The board index (pipeline, stage, position)
// finds the pipeline's rows, but each of them is then a lookup at a
// random place in the table to test the filter and read the amount; a
// lookup costs several times what a row costs in a sequential scan, so
// when the pipeline holds a large share of the table (usually: most
// workspaces have one pipeline) the scan is faster, by 2-3x on 100,000
// opportunities. The share comes from the kept totals and the table's
// row count, both cheap.
func (s *Store) filteredStageTotals(ctx context.Context, pipelineID int64, f model.Filter) ([]model.Group, error) {
	var inPipeline, all int64
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT coalesce(sum("n"), 0) FROM "opportunity_totals" WHERE "pipeline" = ?),
		(SELECT count(*) FROM "obj_opportunities")`, pipelineID).Scan(&inPipeline, &all)
	if err != nil {
		return nil, err
	}
	return s.groupByHint(ctx, scanHint(inPipeline, all), "opportunities", "stage", f, []model.Aggregate{{Func: "sum", Field: "amount"}},
		`"pipeline" = ?`, []any{pipelineID})
}

// scanHint is the FROM hint for reading part rows of a table of all
// rows: "NOT INDEXED" from a quarter on, where the scan beats the lookups.
func scanHint(part, all int64) string {
	if all > 0 && part*4 >= all {
		return "NOT INDEXED"
	}
	return ""
}

// sortStageGroups puts stage totals in board order: stage position, then
// unknown and empty stages, then currency.
func (s *Store) sortStageGroups(ctx context.Context, pipelineID int64, gs []model.Group) ([]model.Group, error) {
	p, err := pipelineByID(ctx, s.db, pipelineID)
	if err != nil && !isNotFound(err) {
		return nil, err
	}
	pos := map[string]int{}
	for _, st := range p.Stages {
		pos[strconv.FormatInt(st.ID, 10)] = st.Position
	}
	// Same order as groupBy: stage order, unknown and empty stages last.
	sort.SliceStable(gs, func(i, j int) bool {
		pi, oki := pos[gs[i].Key]
		pj, okj := pos[gs[j].Key]
		switch {
		case oki != okj:
			return oki
		case pi != pj:
			return pi < pj
		case gs[i].Key != gs[j].Key:
			return gs[j].Key == ""
		}
		return gs[i].Code < gs[j].Code
	})
	return gs, nil
}
