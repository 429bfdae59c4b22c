package cli

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"rolo/model"
)

// objectJSON is an object for --json.
func objectJSON(o model.Object) map[string]any {
	return map[string]any{
		"name":        o.Name,
		"singular":    o.Singular,
		"plural":      o.Plural,
		"standard":    o.Standard,
		"hidden":      o.Hidden,
		"label_field": o.LabelField,
		"fields":      len(o.Fields),
	}
}

func (a *app) objectsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "objects",
		Short: "List the objects (kinds of record)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.store()
			if err != nil {
				return err
			}
			objs := st.Objects()
			if a.json {
				out := make([]map[string]any, len(objs))
				for i, o := range objs {
					out[i] = objectJSON(o)
				}
				return writeJSON(a.out, out)
			}
			t := &table{header: []string{"NAME", "SINGULAR", "PLURAL", "FIELDS", "KIND"}, right: map[int]bool{3: true}}
			for _, o := range objs {
				kind := "custom"
				if o.Standard {
					kind = "standard"
				}
				t.add(o.Name, o.Singular, o.Plural, strconv.Itoa(len(o.Fields)), kind)
			}
			return t.write(a.out)
		},
	}
}

func (a *app) objectCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "object",
		Short: "Add, rename or remove custom objects",
		Args:  cobra.NoArgs,
	}
	var singular, plural string
	add := &cobra.Command{
		Use:     "add NAME --singular S --plural P",
		Short:   "Add a custom object",
		Example: `  rolo object add projects --singular Project --plural Projects`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := model.ValidIdent(args[0]); err != nil {
				return err
			}
			st, err := a.store()
			if err != nil {
				return err
			}
			s, p := singular, plural
			if p == "" {
				p = titleCase(args[0])
			}
			if s == "" {
				s = p
			}
			if _, err := st.CreateObject(cmd.Context(), args[0], s, p); err != nil {
				return err
			}
			return a.printObject(args[0], "Added object")
		},
	}
	add.Flags().StringVar(&singular, "singular", "", "label for one record (default: the plural)")
	add.Flags().StringVar(&plural, "plural", "", "label for many records (default: NAME capitalised)")

	var rsingular, rplural string
	rename := &cobra.Command{
		Use:               "rename NAME [--singular S] [--plural P]",
		Short:             "Change an object's labels",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeObjects,
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, err := a.object(args[0])
			if err != nil {
				return err
			}
			if rsingular == "" && rplural == "" {
				return fmt.Errorf("give --singular, --plural or both")
			}
			s, p := obj.Singular, obj.Plural
			if rsingular != "" {
				s = rsingular
			}
			if rplural != "" {
				p = rplural
			}
			if err := a.st.RenameObject(cmd.Context(), obj.Name, s, p); err != nil {
				return err
			}
			return a.printObject(obj.Name, "Renamed object")
		},
	}
	rename.Flags().StringVar(&rsingular, "singular", "", "new label for one record")
	rename.Flags().StringVar(&rplural, "plural", "", "new label for many records")

	remove := &cobra.Command{
		Use:               "remove NAME",
		Short:             "Remove a custom object and all its records",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeObjects,
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, err := a.object(args[0])
			if err != nil {
				return err
			}
			if obj.Standard {
				return fmt.Errorf("%s is a standard object and cannot be removed (it can be hidden)", obj.Name)
			}
			if err := a.st.RemoveObject(cmd.Context(), obj.Name); err != nil {
				return err
			}
			if a.json {
				return writeJSON(a.out, map[string]any{"removed": obj.Name})
			}
			_, err = fmt.Fprintf(a.out, "Removed object %s\n", obj.Name)
			return err
		},
	}
	c.AddCommand(add, rename, remove)
	return c
}

// printObject reports an object after a change.
func (a *app) printObject(name, verb string) error {
	obj, err := a.object(name)
	if err != nil {
		return err
	}
	if a.json {
		return writeJSON(a.out, objectJSON(obj))
	}
	_, err = fmt.Fprintf(a.out, "%s %s (%s / %s)\n", verb, obj.Name, sanitize(obj.Singular), sanitize(obj.Plural))
	return err
}

// titleCase turns an identifier into a label: "sales_regions" → "Sales regions".
func titleCase(ident string) string {
	b := []byte(ident)
	for i := range b {
		if b[i] == '_' {
			b[i] = ' '
		}
	}
	if len(b) > 0 && b[0] >= 'a' && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	return string(b)
}
