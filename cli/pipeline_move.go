package cli

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"
)

// pipelineMoveCmd reorders pipelines: the order the board's pipeline
// picker and `pipeline list` show them in.
func (a *app) pipelineMoveCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "move NAME POSITION",
		Short:             "Move a pipeline to a position (1 is first)",
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: a.completePipelines,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := a.pipeline(cmd, args[0])
			if err != nil {
				return err
			}
			pos, err := strconv.Atoi(args[1])
			if err != nil || pos < 1 {
				return fmt.Errorf("position %q is not a number from 1", args[1])
			}
			if err := a.st.MovePipeline(cmd.Context(), p.ID, pos-1); err != nil {
				return err
			}
			if a.json {
				return writeJSON(a.out, map[string]any{"moved": p.Name, "position": pos})
			}
			_, err = fmt.Fprintf(a.out, "Moved pipeline %s to position %d\n", sanitize(p.Name), pos)
			return err
		},
	}
}
