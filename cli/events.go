package cli

import (
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"rolo/model"
	"rolo/store"
)

func (a *app) eventsCmd() *cobra.Command {
	var limit int
	var before int64
	c := &cobra.Command{
		Use:   "events [OBJECT [ID]]",
		Short: "Show the change log, newest first",
		Long: `Show the change log, newest first: who changed what, when, from what to
what. Page back with --before set to the smallest id shown.`,
		Args:              cobra.MaximumNArgs(2),
		ValidArgsFunction: a.completeObjects,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.store()
			if err != nil {
				return err
			}
			if limit < 1 {
				return fmt.Errorf("--limit must be at least 1, got %d", limit)
			}
			q := store.EventQuery{Limit: limit, BeforeID: before}
			if len(args) > 0 {
				obj, err := a.object(args[0])
				if err != nil {
					return err
				}
				q.Object = obj.Name
			}
			if len(args) > 1 {
				ids, err := parseIDs(args[1:])
				if err != nil {
					return err
				}
				q.RecordID = ids[0]
			}
			evs, err := st.Events(cmd.Context(), q)
			if err != nil {
				return err
			}
			logins, err := a.memberLogins(cmd)
			if err != nil {
				return err
			}
			if a.json {
				out := make([]map[string]any, len(evs))
				for i, e := range evs {
					var actor any
					if e.Actor != 0 {
						actor = logins[e.Actor]
					}
					out[i] = map[string]any{
						"id": e.ID, "at": e.At.UTC().Format(time.RFC3339Nano), "actor": actor,
						"object": e.Object, "record_id": e.RecordID, "kind": string(e.Kind),
						"field": e.Field, "old": e.Old, "new": e.New,
					}
				}
				return writeJSON(a.out, out)
			}
			t := &table{header: []string{"ID", "AT", "WHO", "RECORD", "WHAT", "CHANGE"}, right: map[int]bool{0: true}}
			for _, e := range evs {
				who := logins[e.Actor]
				if e.Actor == 0 {
					who = "-"
				}
				record := e.Object // batch events (imports) name no record
				if e.RecordID != 0 {
					record += " #" + strconv.FormatInt(e.RecordID, 10)
				}
				t.add(strconv.FormatInt(e.ID, 10), e.At.Local().Format("2006-01-02 15:04"), who, record, eventWhat(e), eventChange(e))
			}
			return t.write(a.out)
		},
	}
	c.Flags().IntVarP(&limit, "limit", "n", 50, "events to show")
	c.Flags().Int64Var(&before, "before", 0, "show events older than this event id")
	return c
}

func eventWhat(e model.Event) string {
	if e.Field != "" {
		return string(e.Kind) + " " + e.Field
	}
	return string(e.Kind)
}

func eventChange(e model.Event) string {
	switch {
	case e.Old == "" && e.New == "":
		return ""
	case e.Old == "":
		return "→ " + e.New
	case e.New == "":
		return e.Old + " → (empty)"
	}
	return e.Old + " → " + e.New
}

// memberLogins maps member ids to logins, for showing who did what.
func (a *app) memberLogins(cmd *cobra.Command) (map[int64]string, error) {
	ms, err := a.st.Members(cmd.Context())
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(ms))
	for _, m := range ms {
		out[m.ID] = m.Login
	}
	return out, nil
}
