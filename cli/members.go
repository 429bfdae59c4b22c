package cli

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"rolo/model"
)

func memberJSON(m model.Member) map[string]any {
	return map[string]any{"id": m.ID, "login": m.Login, "name": m.Name, "email": m.Email, "active": m.Active}
}

func (a *app) memberCmd() *cobra.Command {
	c := &cobra.Command{
		Use:     "member",
		Aliases: []string{"members"},
		Short:   "Manage workspace members (the users records are owned by)",
		Args:    cobra.NoArgs,
	}
	var name, email string
	add := &cobra.Command{
		Use:   "add LOGIN [--name N] [--email E]",
		Short: "Add a member",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.store()
			if err != nil {
				return err
			}
			if email != "" {
				// Check the address the way an emails field would.
				if _, err := model.ParseValue(model.Field{Name: "email", Type: model.TypeEmails}, email, st.ParseEnv()); err != nil {
					return fmt.Errorf("--email: %w", err)
				}
			}
			m, err := st.AddMember(cmd.Context(), model.Member{Login: args[0], Name: name, Email: email, Active: true})
			if err != nil {
				return err
			}
			if a.json {
				return writeJSON(a.out, memberJSON(m))
			}
			_, err = fmt.Fprintf(a.out, "Added member %s\n", sanitize(m.Login))
			return err
		},
	}
	add.Flags().StringVar(&name, "name", "", "full name")
	add.Flags().StringVar(&email, "email", "", "email address")

	list := &cobra.Command{
		Use:   "list",
		Short: "List members",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.store()
			if err != nil {
				return err
			}
			ms, err := st.Members(cmd.Context())
			if err != nil {
				return err
			}
			if a.json {
				out := make([]map[string]any, len(ms))
				for i, m := range ms {
					out[i] = memberJSON(m)
				}
				return writeJSON(a.out, out)
			}
			t := &table{header: []string{"ID", "LOGIN", "NAME", "EMAIL", "ACTIVE"}, right: map[int]bool{0: true}}
			for _, m := range ms {
				active := "yes"
				if !m.Active {
					active = "no"
				}
				t.add(strconv.FormatInt(m.ID, 10), m.Login, m.Name, m.Email, active)
			}
			return t.write(a.out)
		},
	}

	deactivate := &cobra.Command{
		Use:               "deactivate LOGIN",
		Short:             "Deactivate a member (their records keep them as owner)",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeMembers,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.store()
			if err != nil {
				return err
			}
			if _, err := st.Member(cmd.Context(), args[0]); err != nil {
				return err
			}
			if err := st.DeactivateMember(cmd.Context(), args[0]); err != nil {
				return err
			}
			m, err := st.Member(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if a.json {
				return writeJSON(a.out, memberJSON(m))
			}
			_, err = fmt.Fprintf(a.out, "Deactivated member %s\n", sanitize(m.Login))
			return err
		},
	}
	c.AddCommand(add, list, deactivate)
	return c
}
