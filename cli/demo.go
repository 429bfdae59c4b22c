package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"rolo/demo"
)

func (a *app) demoCmd() *cobra.Command {
	opt := demo.DefaultOptions()
	c := &cobra.Command{
		Use:   "demo",
		Short: "Fill the workspace with realistic demo data",
		Long: `Fill the workspace with deterministic demo data: companies, people,
opportunities across two pipelines, tasks, notes and members. The same
--seed gives the same data. Large counts are fast:

  rolo --db /tmp/big.db demo --people 1000000`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.store()
			if err != nil {
				return err
			}
			for name, n := range map[string]int{"companies": opt.Companies, "people": opt.People,
				"opportunities": opt.Opportunities, "tasks": opt.Tasks, "notes": opt.Notes, "members": opt.Members} {
				if n < 0 {
					return fmt.Errorf("--%s must not be negative, got %d", name, n)
				}
			}
			var progress func(done, total int)
			if a.stderrTTY {
				progress = func(done, total int) {
					fmt.Fprintf(a.errOut, "\rfilling: %d / %d records (%d%%)", done, total, done*100/max(total, 1))
				}
			}
			start := time.Now()
			err = demo.Fill(cmd.Context(), st, opt, progress)
			if a.stderrTTY {
				fmt.Fprintln(a.errOut)
			}
			if err != nil {
				return err
			}
			total := opt.Companies + opt.People + opt.Opportunities + opt.Tasks + opt.Notes
			if a.json {
				return writeJSON(a.out, map[string]any{
					"companies": opt.Companies, "people": opt.People, "opportunities": opt.Opportunities,
					"tasks": opt.Tasks, "notes": opt.Notes, "members": opt.Members, "seed": opt.Seed,
				})
			}
			_, err = fmt.Fprintf(a.out, "Added %d companies, %d people, %d opportunities, %d tasks, %d notes (%d records in %s)\n",
				opt.Companies, opt.People, opt.Opportunities, opt.Tasks, opt.Notes, total, time.Since(start).Round(time.Millisecond))
			return err
		},
	}
	f := c.Flags()
	f.IntVar(&opt.Companies, "companies", opt.Companies, "companies to add")
	f.IntVar(&opt.People, "people", opt.People, "people to add")
	f.IntVar(&opt.Opportunities, "opportunities", opt.Opportunities, "opportunities to add")
	f.IntVar(&opt.Tasks, "tasks", opt.Tasks, "tasks to add")
	f.IntVar(&opt.Notes, "notes", opt.Notes, "notes to add")
	f.IntVar(&opt.Members, "members", opt.Members, "members to add (alice, bob, carol, ...)")
	f.Int64Var(&opt.Seed, "seed", opt.Seed, "random seed; the same seed gives the same data")
	return c
}
