package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"rolo/model"
)

// fieldJSON is a field for --json.
func fieldJSON(f model.Field) map[string]any {
	opts := make([]map[string]any, len(f.Options))
	for i, o := range f.Options {
		opts[i] = map[string]any{"value": o.Value, "label": o.Label, "color": o.Color}
	}
	m := map[string]any{
		"name":     f.Name,
		"label":    f.Label,
		"type":     string(f.Type),
		"required": f.Required,
		"unique":   f.Unique,
		"hidden":   f.Hidden,
		"standard": f.Standard,
		"system":   f.System,
		"options":  opts,
		"target":   nil,
	}
	if f.Target != "" {
		m["target"] = f.Target
	}
	return m
}

func (a *app) fieldsCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "fields OBJECT",
		Short:             "List an object's fields and their types",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeObjects,
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, err := a.object(args[0])
			if err != nil {
				return err
			}
			if a.json {
				out := make([]map[string]any, len(obj.Fields))
				for i, f := range obj.Fields {
					out[i] = fieldJSON(f)
				}
				return writeJSON(a.out, out)
			}
			t := &table{header: []string{"NAME", "LABEL", "TYPE", "FLAGS", "OPTIONS"}}
			for _, f := range obj.Fields {
				typ := string(f.Type)
				if f.Target != "" {
					typ += " → " + f.Target
				}
				t.add(f.Name, f.Label, typ, fieldFlags(f), optionList(f))
			}
			return t.write(a.out)
		},
	}
}

// fieldFlags summarises a field's switches for the table.
func fieldFlags(f model.Field) string {
	var flags []string
	for _, x := range []struct {
		on   bool
		name string
	}{{f.System, "system"}, {f.Standard && !f.System, "standard"}, {f.Required, "required"}, {f.Unique, "unique"}, {f.Hidden, "hidden"}} {
		if x.on {
			flags = append(flags, x.name)
		}
	}
	return strings.Join(flags, ",")
}

func optionList(f model.Field) string {
	vals := make([]string, len(f.Options))
	for i, o := range f.Options {
		vals[i] = o.Value
	}
	return strings.Join(vals, ",")
}

// parseOptions reads "a,b,c" or "Hot:#ff0000,Cold:blue". Each option's
// value is its identifier form ("In progress" → in_progress); a label typed
// in lowercase is capitalised for display.
func parseOptions(s string) ([]model.SelectOption, error) {
	var opts []model.SelectOption
	seen := map[string]bool{}
	for i, part := range splitList(s) {
		label, color, _ := strings.Cut(part, ":")
		label, color = strings.TrimSpace(label), strings.TrimSpace(color)
		value := identify(label)
		if value == "" {
			return nil, fmt.Errorf("option %q has no letters or digits to name it by", part)
		}
		if seen[value] {
			return nil, fmt.Errorf("option %q is given twice", value)
		}
		seen[value] = true
		if label == value {
			label = titleCase(value)
		}
		opts = append(opts, model.SelectOption{Value: value, Label: label, Color: color, Position: i})
	}
	if len(opts) == 0 {
		return nil, fmt.Errorf("no options given")
	}
	return opts, nil
}

// identify turns a label into an option value: lowercase ASCII letters and
// digits, other runs of characters become one "_".
func identify(label string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(label) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			gap = false
			b.WriteRune(r)
			continue
		}
		gap = true
	}
	return b.String()
}

func (a *app) fieldCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "field",
		Short: "Add, rename, hide, show or remove fields",
		Args:  cobra.NoArgs,
	}
	c.AddCommand(a.fieldAddCmd(), a.fieldRenameCmd(), a.fieldHideCmd(true), a.fieldHideCmd(false),
		a.fieldRemoveCmd(), a.fieldOptionsCmd())
	return c
}

func (a *app) fieldAddCmd() *cobra.Command {
	var label, options, target string
	var unique, required bool
	c := &cobra.Command{
		Use:   "add OBJECT NAME TYPE",
		Short: "Add a custom field",
		Long: "Add a custom field. TYPE is one of: " + typeNames() + `.
Select fields take --options; relation fields take --target.`,
		Example: `  rolo field add companies tier select --options 'Gold:#d4af37,Silver,Bronze'
  rolo field add people mentor relation --target people`,
		Args:              cobra.ExactArgs(3),
		ValidArgsFunction: a.completeFieldAdd,
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, err := a.object(args[0])
			if err != nil {
				return err
			}
			name := args[1]
			if err := model.ValidFieldName(name); err != nil {
				return err
			}
			if _, exists := obj.Field(name); exists {
				return fmt.Errorf("%s already has a field %s", obj.Name, name)
			}
			typ, err := model.ParseFieldType(args[2])
			if err != nil {
				return err
			}
			f := model.Field{Name: name, Label: label, Type: typ, Unique: unique, Required: required}
			if f.Label == "" {
				f.Label = titleCase(name)
			}
			switch typ {
			case model.TypeSelect, model.TypeMultiSelect:
				if options == "" {
					return fmt.Errorf("a %s field needs --options (for example --options low,medium,high)", typ)
				}
				if f.Options, err = parseOptions(options); err != nil {
					return fmt.Errorf("--options: %w", err)
				}
			default:
				if options != "" {
					return fmt.Errorf("--options is only for select and multiselect fields, not %s", typ)
				}
			}
			if typ == model.TypeRelation {
				if target == "" {
					return fmt.Errorf("a relation field needs --target OBJECT")
				}
				t, err := a.object(target)
				if err != nil {
					return fmt.Errorf("--target: %w", err)
				}
				f.Target = t.Name
			} else if target != "" {
				return fmt.Errorf("--target is only for relation fields, not %s", typ)
			}
			added, err := a.st.AddField(cmd.Context(), obj.Name, f)
			if err != nil {
				return err
			}
			if a.json {
				return writeJSON(a.out, fieldJSON(added))
			}
			_, err = fmt.Fprintf(a.out, "Added field %s.%s (%s)\n", obj.Name, added.Name, added.Type)
			return err
		},
	}
	fl := c.Flags()
	fl.StringVar(&label, "label", "", "label shown in tables and forms (default: NAME capitalised)")
	fl.StringVar(&options, "options", "", "select options, comma-separated, each optionally :#color")
	fl.StringVar(&target, "target", "", "object a relation points at")
	fl.BoolVar(&unique, "unique", false, "no two records may share a value")
	fl.BoolVar(&required, "required", false, "every record must have a value")
	c.RegisterFlagCompletionFunc("target", a.completeObjects)
	return c
}

func typeNames() string {
	names := make([]string, len(model.FieldTypes))
	for i, t := range model.FieldTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// objectField resolves OBJECT NAME arguments.
func (a *app) objectField(args []string) (model.Object, model.Field, error) {
	obj, err := a.object(args[0])
	if err != nil {
		return obj, model.Field{}, err
	}
	f, err := field(obj, args[1])
	return obj, f, err
}

func (a *app) fieldRenameCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "rename OBJECT NAME LABEL",
		Short:             "Change a field's label (its name stays, so scripts keep working)",
		Args:              cobra.ExactArgs(3),
		ValidArgsFunction: a.completeObjectField,
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, f, err := a.objectField(args)
			if err != nil {
				return err
			}
			if strings.TrimSpace(args[2]) == "" {
				return fmt.Errorf("the new label is empty")
			}
			if err := a.st.RenameField(cmd.Context(), obj.Name, f.Name, args[2]); err != nil {
				return err
			}
			return a.printField(obj.Name, f.Name, "Renamed field")
		},
	}
}

func (a *app) fieldHideCmd(hide bool) *cobra.Command {
	use, short, verb := "show OBJECT NAME", "Show a hidden field again", "Showing field"
	if hide {
		use, short, verb = "hide OBJECT NAME", "Hide a field from tables and forms (its data stays)", "Hid field"
	}
	return &cobra.Command{
		Use:               use,
		Short:             short,
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: a.completeObjectField,
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, f, err := a.objectField(args)
			if err != nil {
				return err
			}
			if err := a.st.SetFieldHidden(cmd.Context(), obj.Name, f.Name, hide); err != nil {
				return err
			}
			return a.printField(obj.Name, f.Name, verb)
		},
	}
}

func (a *app) fieldRemoveCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "remove OBJECT NAME",
		Short:             "Remove a custom field and its data",
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: a.completeObjectField,
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, f, err := a.objectField(args)
			if err != nil {
				return err
			}
			if f.Standard || f.System {
				return fmt.Errorf("%s.%s is a standard field and cannot be removed (hide it instead: rolo field hide %s %s)", obj.Name, f.Name, obj.Name, f.Name)
			}
			if err := a.st.RemoveField(cmd.Context(), obj.Name, f.Name); err != nil {
				return err
			}
			if a.json {
				return writeJSON(a.out, map[string]any{"object": obj.Name, "removed": f.Name})
			}
			_, err = fmt.Fprintf(a.out, "Removed field %s.%s\n", obj.Name, f.Name)
			return err
		},
	}
}

func (a *app) fieldOptionsCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "options OBJECT NAME OPTIONS",
		Short:             "Replace a select field's options (a,b,c or a:#color,...)",
		Args:              cobra.ExactArgs(3),
		ValidArgsFunction: a.completeObjectField,
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, f, err := a.objectField(args)
			if err != nil {
				return err
			}
			if f.Type != model.TypeSelect && f.Type != model.TypeMultiSelect {
				return fmt.Errorf("%s.%s is a %s field; only select and multiselect fields have options", obj.Name, f.Name, f.Type)
			}
			opts, err := parseOptions(args[2])
			if err != nil {
				return err
			}
			// Keep the labels and colours of options that stay, unless new
			// ones were typed, so "a,b,c" does not wipe curated colours.
			for i, o := range opts {
				if old, ok := f.Option(o.Value); ok {
					if o.Color == "" {
						opts[i].Color = old.Color
					}
					if o.Label == titleCase(o.Value) {
						opts[i].Label = old.Label
					}
				}
			}
			if err := a.st.SetOptions(cmd.Context(), obj.Name, f.Name, opts); err != nil {
				return err
			}
			return a.printField(obj.Name, f.Name, "Set options of field")
		},
	}
}

// printField reports a field after a change, read back from the store.
func (a *app) printField(object, name, verb string) error {
	obj, err := a.object(object)
	if err != nil {
		return err
	}
	f, err := field(obj, name)
	if err != nil {
		return err
	}
	if a.json {
		return writeJSON(a.out, fieldJSON(f))
	}
	_, err = fmt.Fprintf(a.out, "%s %s.%s (%s)\n", verb, obj.Name, f.Name, sanitize(f.Label))
	return err
}
