package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"rolo/model"
)

func stageJSON(s model.Stage) map[string]any {
	return map[string]any{"id": s.ID, "name": s.Name, "color": s.Color, "position": s.Position, "kind": stageKind(s)}
}

// stageKind names a stage's kind for output; ordinary stages are "normal".
func stageKind(s model.Stage) string {
	if s.Kind == model.StageNormal {
		return "normal"
	}
	return string(s.Kind)
}

func pipelineJSON(p model.Pipeline) map[string]any {
	stages := make([]map[string]any, len(p.Stages))
	for i, s := range p.Stages {
		stages[i] = stageJSON(s)
	}
	return map[string]any{"id": p.ID, "name": p.Name, "position": p.Position, "stages": stages}
}

// pipeline finds a pipeline by name, case-insensitively, or lists them.
func (a *app) pipeline(cmd *cobra.Command, name string) (model.Pipeline, error) {
	st, err := a.store()
	if err != nil {
		return model.Pipeline{}, err
	}
	ps, err := st.Pipelines(cmd.Context())
	if err != nil {
		return model.Pipeline{}, err
	}
	for _, exact := range []bool{true, false} {
		for _, p := range ps {
			if exact && p.Name == name || !exact && strings.EqualFold(p.Name, name) {
				return p, nil
			}
		}
	}
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return model.Pipeline{}, fmt.Errorf("unknown pipeline %q (expected one of: %s)", name, strings.Join(names, ", "))
}

func (a *app) pipelineCmd() *cobra.Command {
	c := &cobra.Command{
		Use:     "pipeline",
		Aliases: []string{"pipelines"},
		Short:   "Manage pipelines (the boards opportunities move across)",
		Args:    cobra.NoArgs,
	}
	var stages string
	add := &cobra.Command{
		Use:   "add NAME [--stages a,b,c]",
		Short: "Add a pipeline; Incoming, Won and Lost are added around the stages",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.store()
			if err != nil {
				return err
			}
			if strings.TrimSpace(args[0]) == "" {
				return fmt.Errorf("the pipeline name is empty")
			}
			p, err := st.CreatePipeline(cmd.Context(), args[0], splitList(stages))
			if err != nil {
				return err
			}
			return a.printPipeline(p, "Added pipeline")
		},
	}
	add.Flags().StringVar(&stages, "stages", "", "working stages in order, comma-separated")

	list := &cobra.Command{
		Use:   "list",
		Short: "List pipelines and their stages",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.store()
			if err != nil {
				return err
			}
			ps, err := st.Pipelines(cmd.Context())
			if err != nil {
				return err
			}
			if a.json {
				out := make([]map[string]any, len(ps))
				for i, p := range ps {
					out[i] = pipelineJSON(p)
				}
				return writeJSON(a.out, out)
			}
			// The stage list is the point of this table; it is not truncated.
			t := &table{header: []string{"ID", "NAME", "STAGES"}, right: map[int]bool{0: true}, wide: map[int]bool{2: true}}
			for _, p := range ps {
				names := make([]string, len(p.Stages))
				for i, s := range p.Stages {
					names[i] = s.Name
				}
				t.rows = append(t.rows, []string{strconv.FormatInt(p.ID, 10), p.Name, strings.Join(names, " → ")})
			}
			return t.write(a.out)
		},
	}

	var filter string
	stagesCmd := &cobra.Command{
		Use:               "stages NAME [--filter EXPR]",
		Short:             "Show a pipeline's stages with deal counts and totals",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completePipelines,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := a.pipeline(cmd, args[0])
			if err != nil {
				return err
			}
			flt, err := parseFilter(filter)
			if err != nil {
				return err
			}
			return a.stageTotals(cmd, p, flt)
		},
	}
	stagesCmd.Flags().StringVarP(&filter, "filter", "f", "", "count only opportunities matching this filter")

	rename := &cobra.Command{
		Use:               "rename NAME NEW-NAME",
		Short:             "Rename a pipeline",
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: a.completePipelines,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := a.pipeline(cmd, args[0])
			if err != nil {
				return err
			}
			if strings.TrimSpace(args[1]) == "" {
				return fmt.Errorf("the new name is empty")
			}
			if err := a.st.RenamePipeline(cmd.Context(), p.Name, args[1]); err != nil {
				return err
			}
			p, err = a.pipeline(cmd, args[1])
			if err != nil {
				return err
			}
			return a.printPipeline(p, "Renamed pipeline")
		},
	}

	del := &cobra.Command{
		Use:               "delete NAME",
		Short:             "Delete a pipeline that no opportunity uses",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completePipelines,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := a.pipeline(cmd, args[0])
			if err != nil {
				return err
			}
			if err := a.st.DeletePipeline(cmd.Context(), p.Name); err != nil {
				return err
			}
			if a.json {
				return writeJSON(a.out, map[string]any{"deleted": p.Name})
			}
			_, err = fmt.Fprintf(a.out, "Deleted pipeline %s\n", sanitize(p.Name))
			return err
		},
	}
	c.AddCommand(add, list, stagesCmd, rename, del, a.pipelineMoveCmd())
	return c
}

// printPipeline reports a pipeline after a change.
func (a *app) printPipeline(p model.Pipeline, verb string) error {
	if a.json {
		return writeJSON(a.out, pipelineJSON(p))
	}
	names := make([]string, len(p.Stages))
	for i, s := range p.Stages {
		names[i] = s.Name
	}
	_, err := fmt.Fprintf(a.out, "%s %s: %s\n", verb, sanitize(p.Name), sanitize(strings.Join(names, " → ")))
	return err
}

func (a *app) stageCmd() *cobra.Command {
	c := &cobra.Command{
		Use:     "stage",
		Aliases: []string{"stages"},
		Short:   "Add, rename, recolor, move or delete pipeline stages",
		Args:    cobra.NoArgs,
	}
	var color string
	add := &cobra.Command{
		Use:               "add PIPELINE NAME [--color C]",
		Short:             "Add a stage before Won and Lost",
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: a.completePipelines,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := a.pipeline(cmd, args[0])
			if err != nil {
				return err
			}
			if strings.TrimSpace(args[1]) == "" {
				return fmt.Errorf("the stage name is empty")
			}
			if _, err := stageByName(p, args[1]); err == nil {
				return fmt.Errorf("pipeline %s already has a stage %q", p.Name, args[1])
			}
			if _, err := a.st.AddStage(cmd.Context(), p.ID, args[1], color); err != nil {
				return err
			}
			return a.printStages(cmd, p.Name, "Added stage "+args[1]+" to")
		},
	}
	add.Flags().StringVar(&color, "color", "", "colour as #RRGGBB or a name")

	rename := &cobra.Command{
		Use:               "rename PIPELINE STAGE NEW-NAME",
		Short:             "Rename a stage (system stages too)",
		Args:              cobra.ExactArgs(3),
		ValidArgsFunction: a.completeStages,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, s, err := a.pipelineStage(cmd, args)
			if err != nil {
				return err
			}
			if strings.TrimSpace(args[2]) == "" {
				return fmt.Errorf("the new name is empty")
			}
			if err := a.st.UpdateStage(cmd.Context(), s.ID, args[2], s.Color); err != nil {
				return err
			}
			return a.printStages(cmd, p.Name, "Renamed stage "+s.Name+" in")
		},
	}

	recolor := &cobra.Command{
		Use:               "recolor PIPELINE STAGE COLOR",
		Short:             "Change a stage's colour",
		Args:              cobra.ExactArgs(3),
		ValidArgsFunction: a.completeStages,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, s, err := a.pipelineStage(cmd, args)
			if err != nil {
				return err
			}
			if err := a.st.UpdateStage(cmd.Context(), s.ID, s.Name, args[2]); err != nil {
				return err
			}
			return a.printStages(cmd, p.Name, "Recolored stage "+s.Name+" in")
		},
	}

	move := &cobra.Command{
		Use:               "move PIPELINE STAGE POSITION",
		Short:             "Move a stage to a position (1 is first)",
		Args:              cobra.ExactArgs(3),
		ValidArgsFunction: a.completeStages,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, s, err := a.pipelineStage(cmd, args)
			if err != nil {
				return err
			}
			if s.System() {
				return fmt.Errorf("%s is a system stage (%s); its place is fixed", s.Name, s.Kind)
			}
			// Incoming stays first and Won, Lost last: only the places
			// between them are open.
			lo, hi := len(p.Stages), 0
			for i, x := range p.Stages {
				if !x.System() {
					lo, hi = min(lo, i+1), max(hi, i+1)
				}
			}
			pos, err := strconv.Atoi(args[2])
			if err != nil || pos < lo || pos > hi {
				return fmt.Errorf("position %q is not valid (expected %d to %d: Incoming, Won and Lost keep their places)", args[2], lo, hi)
			}
			if err := a.st.MoveStage(cmd.Context(), s.ID, pos-1); err != nil {
				return err
			}
			return a.printStages(cmd, p.Name, "Moved stage "+s.Name+" in")
		},
	}

	var moveTo string
	del := &cobra.Command{
		Use:               "delete PIPELINE STAGE [--move-to STAGE]",
		Short:             "Delete a stage, moving its opportunities to another",
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: a.completeStages,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, s, err := a.pipelineStage(cmd, args)
			if err != nil {
				return err
			}
			if s.System() {
				return fmt.Errorf("%s is a system stage (%s) and cannot be deleted; rename it instead", s.Name, s.Kind)
			}
			var to int64
			if moveTo != "" {
				t, err := stageByName(p, moveTo)
				if err != nil {
					return fmt.Errorf("--move-to: %w", err)
				}
				if t.ID == s.ID {
					return fmt.Errorf("--move-to: cannot move opportunities to the stage being deleted")
				}
				to = t.ID
			}
			if err := a.st.DeleteStage(cmd.Context(), s.ID, to); err != nil {
				return err
			}
			return a.printStages(cmd, p.Name, "Deleted stage "+s.Name+" from")
		},
	}
	del.Flags().StringVar(&moveTo, "move-to", "", "stage that receives the deleted stage's opportunities")
	c.AddCommand(add, rename, recolor, move, del)
	return c
}

// pipelineStage resolves PIPELINE STAGE arguments.
func (a *app) pipelineStage(cmd *cobra.Command, args []string) (model.Pipeline, model.Stage, error) {
	p, err := a.pipeline(cmd, args[0])
	if err != nil {
		return p, model.Stage{}, err
	}
	s, err := stageByName(p, args[1])
	return p, s, err
}

// printStages reports a pipeline's stages after a change, read back from
// the store so the output shows what was actually saved.
func (a *app) printStages(cmd *cobra.Command, pipeline, verb string) error {
	p, err := a.pipeline(cmd, pipeline)
	if err != nil {
		return err
	}
	return a.printPipeline(p, verb)
}
