package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"rolo/exporter"
	"rolo/model"
	"rolo/transfer"
)

func (a *app) exportCmd() *cobra.Command {
	var view, filter, fieldsFlag, format, output, template, sort string
	c := &cobra.Command{
		Use:   "export OBJECT",
		Short: "Export records to CSV, TSV, XLSX, JSON or vCard",
		Long: `Export records with their ids, relation names, member logins and values in
the form 'rolo import' reads back: exporting and importing the file again
changes nothing. Cells a spreadsheet would run as formulas (= + - @) are
escaped with a leading quote, which import removes.

Inactive records are exported too unless --filter mentions active.
--template edit writes the bulk-edit sheet: id, name, active and the
responsible members' logins; edit it and import it back with --update-only.`,
		Example: `  rolo export people -o people.csv
  rolo export companies --filter 'industry:software' --format xlsx -o software.xlsx
  rolo export companies --template edit -o reassign.csv`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeObjects,
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, err := a.object(args[0])
			if err != nil {
				return err
			}
			opt := exporter.Options{Object: obj.Name, Filter: filter, Template: template}
			if view != "" {
				if filter != "" {
					return fmt.Errorf("--view and --filter cannot be combined; the view has its own filter")
				}
				if err := a.applyView(cmd, obj, view, &opt); err != nil {
					return err
				}
			}
			if fieldsFlag != "" {
				opt.Fields = splitList(fieldsFlag)
			}
			if sort != "" {
				if opt.Sorts, err = parseSorts(obj, sort); err != nil {
					return err
				}
			}
			if format == "" {
				format = transfer.FormatFromPath(output)
			}
			if format == "" {
				format = "csv"
			}
			opt.Format = format
			if _, err := exporter.Columns(obj, opt); err != nil {
				return err
			}
			if format == "xlsx" && output == "" && a.stderrTTY {
				return fmt.Errorf("XLSX is binary; write it to a file with -o FILE.xlsx")
			}
			var w io.Writer = a.out
			var f *os.File
			if output != "" && output != "-" {
				// Write beside the target and rename, so a failed export
				// never leaves half a file under the name asked for.
				if f, err = os.CreateTemp(filepath.Dir(output), ".rolo-export-*"); err != nil {
					return err
				}
				defer os.Remove(f.Name())
				defer f.Close()
				w = f
			}
			bw := bufio.NewWriterSize(w, 256<<10)
			n, err := exporter.Run(cmd.Context(), a.st, bw, opt)
			if err == nil {
				err = bw.Flush()
			}
			if err != nil {
				return err
			}
			if f != nil {
				if err := f.Close(); err != nil {
					return err
				}
				if err := os.Rename(f.Name(), output); err != nil {
					return err
				}
				if a.json {
					return writeJSON(a.out, map[string]any{"object": obj.Name, "file": output, "format": format, "records": n})
				}
				noun := obj.Plural
				if n == 1 {
					noun = obj.Singular
				}
				_, err = fmt.Fprintf(a.out, "Exported %d %s to %s\n", n, strings.ToLower(noun), sanitize(output))
				return err
			}
			return nil
		},
	}
	fl := c.Flags()
	fl.StringVar(&view, "view", "", "export a saved view's records and columns")
	fl.StringVarP(&filter, "filter", "f", "", "filter expression")
	fl.StringVar(&fieldsFlag, "fields", "", "columns after id, comma-separated (default: every field)")
	fl.StringVarP(&sort, "sort", "s", "", "sort fields, comma-separated, -field for descending (default id)")
	fl.StringVar(&format, "format", "", "csv, tsv, xlsx, json or vcf (default: from -o's extension, else csv)")
	fl.StringVarP(&output, "output", "o", "", "file to write (default stdout)")
	fl.StringVar(&template, "template", "", "'edit': the bulk-edit sheet (id, name, active, owner and member logins)")
	c.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(transfer.Formats, cobra.ShellCompDirectiveNoFileComp))
	c.RegisterFlagCompletionFunc("template", cobra.FixedCompletions(exporter.Templates, cobra.ShellCompDirectiveNoFileComp))
	c.RegisterFlagCompletionFunc("fields", a.completeFieldList(false))
	return c
}

// applyView takes a saved view's filter, sorts and columns.
func (a *app) applyView(cmd *cobra.Command, obj model.Object, name string, opt *exporter.Options) error {
	views, err := a.st.SavedViews(cmd.Context(), obj.Name)
	if err != nil {
		return err
	}
	var names []string
	for _, v := range views {
		if strings.EqualFold(v.Name, name) {
			opt.Filter, opt.Sorts = v.Filter, v.Sorts
			for _, c := range v.Columns {
				opt.Fields = append(opt.Fields, c.Field)
			}
			return nil
		}
		names = append(names, v.Name)
	}
	return fmt.Errorf("%s has no view %q (views: %s)", obj.Name, name, strings.Join(names, ", "))
}
