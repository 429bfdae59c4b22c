package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"rolo/model"
	"rolo/store"
)

// defaultColumns is how many fields a table shows when --fields is not
// given: enough to recognise a record, few enough to fit a terminal.
const defaultColumns = 6

// tableFields picks the fields a table shows: the label field first, then
// visible user fields in position order. Rich text is left out (it does
// not fit a cell).
func tableFields(obj model.Object) []model.Field {
	var out []model.Field
	if f, ok := obj.Field(obj.LabelField); ok {
		out = append(out, f)
	}
	for _, f := range obj.Fields {
		if len(out) >= defaultColumns {
			break
		}
		if f.System || f.Hidden || f.Type == model.TypeRichText || f.Name == obj.LabelField {
			continue
		}
		out = append(out, f)
	}
	return out
}

// chosenFields resolves --fields, or nil when it was not given.
func chosenFields(obj model.Object, flag string) ([]model.Field, error) {
	if flag == "" {
		return nil, nil
	}
	var out []model.Field
	for _, name := range splitList(flag) {
		f, err := field(obj, name)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// recordJSON is a record for --json: "id" and every field by name, values
// in model.ToJSON's documented shapes. fields nil means all fields.
func recordJSON(obj model.Object, r model.Record, fields []model.Field) map[string]any {
	if fields == nil {
		fields = obj.Fields
	}
	m := make(map[string]any, len(fields)+1)
	for _, f := range fields {
		m[f.Name] = model.ToJSON(f, r.Get(f.Name))
	}
	m["id"] = r.ID // always, even with --fields, and as an integer
	return m
}

// recordTable prints records as rows of id and the given fields.
func (a *app) recordTable(fields []model.Field, recs []model.Record) error {
	t := &table{header: []string{"ID"}, right: map[int]bool{0: true}}
	for i, f := range fields {
		t.header = append(t.header, strings.ToUpper(f.Label))
		switch f.Type {
		case model.TypeNumber, model.TypeCurrency, model.TypeRating:
			t.right[i+1] = true
		}
	}
	for _, r := range recs {
		row := []string{strconv.FormatInt(r.ID, 10)}
		for _, f := range fields {
			row = append(row, model.Display(f, r.Get(f.Name)))
		}
		t.add(row...)
	}
	return t.write(a.out)
}

// printRecord shows one record: JSON, or one "Label  value" line per field.
func (a *app) printRecord(obj model.Object, r model.Record) error {
	if a.json {
		return writeJSON(a.out, recordJSON(obj, r, nil))
	}
	t := &table{header: []string{obj.Singular, "#" + strconv.FormatInt(r.ID, 10)}}
	for _, f := range obj.Fields {
		if f.Name == model.FieldID {
			continue
		}
		t.add(f.Label, model.Display(f, r.Get(f.Name)))
	}
	return t.write(a.out)
}

func (a *app) listCmd() *cobra.Command {
	var filter, sort, after, fieldsFlag string
	var limit int
	var deleted bool
	c := &cobra.Command{
		Use:   "list OBJECT",
		Short: "List records, filtered, sorted and paged",
		Long: `List records of an object.

--filter takes the filter language (for example 'stage:won amount>10k owner:@me').
--sort takes fields, '-' for descending: --sort -amount,name.
Pages are keyset-based: the JSON output's "next" (or, for tables, the hint
on stderr) is passed back with --after to get the following page.`,
		Example: `  rolo list people --filter 'city:Berlin' --sort name --limit 20
  rolo list opportunities --fields name,amount,stage --json`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeObjects,
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, err := a.object(args[0])
			if err != nil {
				return err
			}
			if limit < 1 {
				return fmt.Errorf("--limit must be at least 1, got %d", limit)
			}
			q := model.Query{Limit: limit, After: model.Cursor(after), Deleted: deleted}
			if q.Filter, err = parseFilter(filter); err != nil {
				return err
			}
			if q.Sorts, err = parseSorts(obj, sort); err != nil {
				return err
			}
			fields, err := chosenFields(obj, fieldsFlag)
			if err != nil {
				return err
			}
			page, err := a.st.Query(cmd.Context(), obj.Name, q)
			if err != nil {
				return err
			}
			if a.json {
				recs := make([]map[string]any, len(page.Records))
				for i, r := range page.Records {
					recs[i] = recordJSON(obj, r, fields)
				}
				var next any
				if page.Next != "" {
					next = string(page.Next)
				}
				return writeJSON(a.out, map[string]any{"object": obj.Name, "records": recs, "next": next})
			}
			if fields == nil {
				fields = tableFields(obj)
			}
			if err := a.recordTable(fields, page.Records); err != nil {
				return err
			}
			if page.Next != "" {
				fmt.Fprintf(a.errOut, "more: --after %s\n", page.Next)
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVarP(&filter, "filter", "f", "", "filter expression")
	f.StringVarP(&sort, "sort", "s", "", "sort fields, comma-separated, -field for descending")
	f.IntVarP(&limit, "limit", "n", 50, "records per page")
	f.StringVar(&after, "after", "", "page cursor from a previous list")
	f.StringVar(&fieldsFlag, "fields", "", "fields to show, comma-separated")
	f.BoolVar(&deleted, "deleted", false, "list deleted records instead (they can be restored)")
	c.RegisterFlagCompletionFunc("sort", a.completeFieldList(true))
	c.RegisterFlagCompletionFunc("fields", a.completeFieldList(false))
	return c
}

// parseFilter parses --filter; the empty filter matches everything.
func parseFilter(src string) (model.Filter, error) {
	if strings.TrimSpace(src) == "" {
		return model.Filter{}, nil
	}
	f, err := model.ParseFilter(src)
	if err != nil {
		return model.Filter{}, fmt.Errorf("--filter: %w", err)
	}
	return f, nil
}

func (a *app) countCmd() *cobra.Command {
	var filter string
	c := &cobra.Command{
		Use:               "count OBJECT",
		Short:             "Count records, optionally filtered",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeObjects,
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, err := a.object(args[0])
			if err != nil {
				return err
			}
			flt, err := parseFilter(filter)
			if err != nil {
				return err
			}
			n, err := a.st.Count(cmd.Context(), obj.Name, flt)
			if err != nil {
				return err
			}
			if a.json {
				return writeJSON(a.out, map[string]any{"object": obj.Name, "count": n})
			}
			_, err = fmt.Fprintln(a.out, n)
			return err
		},
	}
	c.Flags().StringVarP(&filter, "filter", "f", "", "filter expression")
	return c
}

func (a *app) getCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "get OBJECT ID",
		Short:             "Show one record with every field",
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: a.completeObjects,
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, err := a.object(args[0])
			if err != nil {
				return err
			}
			ids, err := parseIDs(args[1:])
			if err != nil {
				return err
			}
			r, err := a.st.Get(cmd.Context(), obj.Name, ids[0])
			if err != nil {
				return err
			}
			return a.printRecord(obj, r)
		},
	}
}

// done reports a change: the record as JSON, or a one-line summary.
func (a *app) done(verb string, obj model.Object, r model.Record) error {
	if a.json {
		return writeJSON(a.out, recordJSON(obj, r, nil))
	}
	_, err := fmt.Fprintf(a.out, "%s %s #%d %s\n", verb, strings.ToLower(obj.Singular), r.ID, sanitize(r.Label))
	return err
}

func (a *app) createCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "create OBJECT field=value...",
		Short: "Create a record",
		Long: `Create a record from field=value pairs. Values are typed the way you would
type them in a form: 'amount=1.2k EUR', 'close_date=next friday',
'company=Acme' (a relation by name), 'owner=alice'.`,
		Example:           `  rolo create people name='Jane Doe' emails=jane@acme.io company=Acme`,
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: a.completeAssignments(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, err := a.object(args[0])
			if err != nil {
				return err
			}
			vals, err := a.parseAssignments(obj, args[1:])
			if err != nil {
				return err
			}
			r, err := a.st.Create(cmd.Context(), obj.Name, vals)
			if err != nil {
				return err
			}
			return a.done("Created", obj, r)
		},
	}
}

func (a *app) updateCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "update OBJECT ID field=value...",
		Short:             "Change fields of a record ('field=' clears one)",
		Example:           `  rolo update opportunities 12 stage=Won amount='48k USD'`,
		Args:              cobra.MinimumNArgs(3),
		ValidArgsFunction: a.completeAssignments(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, err := a.object(args[0])
			if err != nil {
				return err
			}
			ids, err := parseIDs(args[1:2])
			if err != nil {
				return err
			}
			vals, err := a.parseAssignments(obj, args[2:])
			if err != nil {
				return err
			}
			r, err := a.st.Update(cmd.Context(), obj.Name, ids[0], vals, store.UpdateOptions{})
			if err != nil {
				return err
			}
			return a.done("Updated", obj, r)
		},
	}
}

func (a *app) upsertCmd() *cobra.Command {
	var match string
	c := &cobra.Command{
		Use:   "upsert OBJECT --match FIELD field=value...",
		Short: "Update the record whose unique FIELD matches, or create it",
		Long: `Update the record whose --match field (a unique field such as emails or
domain) has the given value, or create one if none does. With --json the
output is {"created": bool, "record": {...}}.`,
		Example:           `  rolo upsert people --match emails emails=jane@acme.io job_title=CTO`,
		Args:              cobra.MinimumNArgs(2),
		ValidArgsFunction: a.completeAssignments(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, err := a.object(args[0])
			if err != nil {
				return err
			}
			mf, err := field(obj, match)
			if err != nil {
				return fmt.Errorf("--match: %w", err)
			}
			if !mf.Unique {
				return fmt.Errorf("--match: field %s is not unique, so it cannot identify one record", mf.Name)
			}
			vals, err := a.parseAssignments(obj, args[1:])
			if err != nil {
				return err
			}
			if v, ok := vals[mf.Name]; !ok || !v.Valid {
				return fmt.Errorf("--match %s: give the value to match as %s=...", mf.Name, mf.Name)
			}
			r, created, err := a.st.Upsert(cmd.Context(), obj.Name, mf.Name, vals)
			if err != nil {
				return err
			}
			if a.json {
				return writeJSON(a.out, map[string]any{"created": created, "record": recordJSON(obj, r, nil)})
			}
			verb := "Updated"
			if created {
				verb = "Created"
			}
			return a.done(verb, obj, r)
		},
	}
	c.Flags().StringVar(&match, "match", "", "unique field that identifies the record (required)")
	c.MarkFlagRequired("match")
	c.RegisterFlagCompletionFunc("match", a.completeFieldList(false))
	return c
}

func (a *app) deleteCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "delete OBJECT ID...",
		Short:             "Delete records (they can be restored)",
		Args:              cobra.MinimumNArgs(2),
		ValidArgsFunction: a.completeObjects,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.deleteOrRestore(cmd, args, false)
		},
	}
}

func (a *app) restoreCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "restore OBJECT ID...",
		Short:             "Restore deleted records",
		Args:              cobra.MinimumNArgs(2),
		ValidArgsFunction: a.completeObjects,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.deleteOrRestore(cmd, args, true)
		},
	}
}

// deleteOrRestore checks that every id names a live (for delete) or
// deleted (for restore) record before changing any, so a typo in the third
// id does not leave the first two changed.
func (a *app) deleteOrRestore(cmd *cobra.Command, args []string, restore bool) error {
	obj, err := a.object(args[0])
	if err != nil {
		return err
	}
	ids, err := parseIDs(args[1:])
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	if err := a.checkIDs(cmd, obj, ids, restore); err != nil {
		return err
	}
	var n int
	verb, key := "Deleted", "deleted"
	if restore {
		verb, key = "Restored", "restored"
		n, err = a.st.Restore(ctx, obj.Name, ids...)
	} else {
		n, err = a.st.Delete(ctx, obj.Name, ids...)
	}
	if err != nil {
		return err
	}
	if a.json {
		return writeJSON(a.out, map[string]any{"object": obj.Name, key: n})
	}
	noun := obj.Plural
	if n == 1 {
		noun = obj.Singular
	}
	_, err = fmt.Fprintf(a.out, "%s %d %s\n", verb, n, strings.ToLower(noun))
	return err
}

// checkIDs reads every record first: delete needs live ones, restore
// deleted ones. Get returns both kinds, marked by deleted_at.
func (a *app) checkIDs(cmd *cobra.Command, obj model.Object, ids []int64, restore bool) error {
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			return fmt.Errorf("%s #%d is given twice", strings.ToLower(obj.Singular), id)
		}
		seen[id] = true
		r, err := a.st.Get(cmd.Context(), obj.Name, id)
		if err != nil {
			return err
		}
		deleted := r.Get(model.FieldDeletedAt).Valid
		switch {
		case restore && !deleted:
			return fmt.Errorf("%s #%d is not deleted", strings.ToLower(obj.Singular), id)
		case !restore && deleted:
			return fmt.Errorf("%s #%d is already deleted (rolo restore %s %d brings it back)", strings.ToLower(obj.Singular), id, obj.Name, id)
		}
	}
	return nil
}
