package cli

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"rolo/model"
)

// stageRow is one stage's board summary: deals and per-currency sums.
type stageRow struct {
	stage  model.Stage
	count  int64
	totals []model.Value // currency values, one per code, in the store's order
}

// stageTotals prints a pipeline's stages with the number of opportunities
// in each and their amounts. Sums are per currency: dollars and euros do
// not add up.
func (a *app) stageTotals(cmd *cobra.Command, p model.Pipeline, flt model.Filter) error {
	groups, err := a.st.StageTotals(cmd.Context(), p.ID, flt)
	if err != nil {
		return err
	}
	rows := make([]stageRow, len(p.Stages))
	index := map[string]int{}
	for i, s := range p.Stages {
		rows[i].stage = s
		index[strconv.FormatInt(s.ID, 10)] = i
	}
	for _, g := range groups {
		i, ok := index[g.Key]
		if !ok { // no stage set: shown after the board's stages
			i = len(rows)
			index[g.Key] = i
			rows = append(rows, stageRow{stage: model.Stage{Name: "(no stage)"}})
		}
		rows[i].count += g.Count
		if g.Code != "" && len(g.Results) > 0 {
			rows[i].totals = append(rows[i].totals, model.Value{Valid: true, Int: int64(g.Results[0]), Str: g.Code})
		}
	}
	money := model.Field{Name: "amount", Type: model.TypeCurrency}
	if a.json {
		out := make([]map[string]any, len(rows))
		for i, r := range rows {
			totals := make([]any, len(r.totals))
			for j, v := range r.totals {
				totals[j] = model.ToJSON(money, v)
			}
			out[i] = map[string]any{"id": r.stage.ID, "name": r.stage.Name, "color": r.stage.Color,
				"kind": stageKind(r.stage), "count": r.count, "totals": totals}
		}
		return writeJSON(a.out, map[string]any{"pipeline": p.Name, "stages": out})
	}
	t := &table{header: []string{"STAGE", "KIND", "DEALS", "AMOUNT"}, right: map[int]bool{2: true, 3: true}, wide: map[int]bool{3: true}}
	for _, r := range rows {
		sums := make([]string, len(r.totals))
		for j, v := range r.totals {
			sums[j] = model.Display(money, v)
		}
		t.add(r.stage.Name, stageKind(r.stage), strconv.FormatInt(r.count, 10), strings.Join(sums, " + "))
	}
	return t.write(a.out)
}
