package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rolo/importer"
	"rolo/transfer"
)

func (a *app) importCmd() *cobra.Command {
	var opt importer.Options
	c := &cobra.Command{
		Use:   "import OBJECT FILE",
		Short: "Import records from CSV, TSV, XLSX, JSON or vCard",
		Long: `Import records from a file. Columns are matched to fields by name, label and
the usual names other CRMs export (HubSpot, Twenty, Kommo, Pipedrive);
--map 'Column=field' overrides one, --map 'Column=-' skips it. Columns that
are not imported are listed, never dropped silently.

Rows update the record they match (--match: id, else a unique field such as
emails or domain) and create the others; a row that would change nothing
counts as unchanged. Relations are found by the target's unique fields or
name, members by login, email or name; with --create-missing, related
records, members, select options, pipelines and stages that do not exist
yet are created.

The import is one transaction: by default one bad row means nothing is
written and every bad row is reported (row, column, value, why).
--skip-invalid imports the good rows and, with --errors FILE, writes the
others there with a reason column. --dry-run writes nothing and reports
what would happen. Ctrl+C leaves the workspace as it was.

Bulk edit: 'rolo export OBJECT --template edit -o sheet.csv', change owners
or the active column, then 'rolo import OBJECT sheet.csv --update-only'.`,
		Example: `  rolo import people contacts.csv --dry-run
  rolo import companies hubspot.xlsx --map 'Company Domain Name=domain' --create-missing
  rolo import people edit.csv --update-only --json`,
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: a.completeObjects,
		RunE: func(cmd *cobra.Command, args []string) error {
			obj, err := a.object(args[0])
			if err != nil {
				return err
			}
			opt.Object, opt.Path = obj.Name, args[1]
			if opt.SkipInvalid && opt.ErrorsPath == "" {
				fmt.Fprintln(a.errOut, "note: rows with errors will be skipped; --errors FILE keeps them")
			}
			var bar *progressBar
			if a.stderrTTY {
				bar = newProgressBar(a.errOut, "importing")
			}
			rep, err := importer.Run(cmd.Context(), a.st, opt, bar.update)
			bar.finish()
			if err != nil {
				if errors.Is(err, importer.ErrInvalidRows) || rep.Errors > 0 {
					writeImportReport(a.errOut, rep)
				}
				return err
			}
			if a.json {
				return writeJSON(a.out, importJSON(rep))
			}
			writeImportReport(a.out, rep)
			return nil
		},
	}
	f := c.Flags()
	f.StringArrayVar(&opt.Map, "map", nil, "map a column: 'Column=field', 'Column=field:role' or 'Column=-' to skip (repeatable)")
	f.StringVar(&opt.Match, "match", "", "field that identifies existing records: id or a unique field (default id, else the first unique field in the file)")
	f.BoolVar(&opt.CreateMissing, "create-missing", false, "create related records, members, options and stages that do not exist")
	f.BoolVar(&opt.UpdateOnly, "update-only", false, "only update matched records; a row that matches nothing is an error")
	f.BoolVar(&opt.DryRun, "dry-run", false, "report what would happen and write nothing")
	f.BoolVar(&opt.SkipInvalid, "skip-invalid", false, "import the good rows and skip the bad ones")
	f.StringVar(&opt.ErrorsPath, "errors", "", "write rejected rows to this CSV file with a reason column")
	f.StringVar(&opt.DateFormat, "date-format", "", "how dates are written, e.g. DD/MM/YYYY or MM/DD/YYYY")
	f.BoolVar(&opt.DecimalComma, "decimal-comma", false, "numbers use a decimal comma (1.234,50)")
	f.StringVar(&opt.Sheet, "sheet", "", "XLSX worksheet to read (default the first)")
	f.StringVar(&opt.Format, "format", "", "file format: "+strings.Join(transfer.Formats, ", ")+" (default: from the file)")
	c.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(transfer.Formats, cobra.ShellCompDirectiveNoFileComp))
	return c
}

// writeImportReport prints the mapping, the problems and the counts.
func writeImportReport(w io.Writer, rep importer.Report) {
	fmt.Fprint(w, sanitizeLines(rep.Mapping.String()))
	if len(rep.New) > 0 {
		fmt.Fprintln(w, "Created on the way:")
		for _, c := range rep.New {
			fmt.Fprintf(w, "  %s %s\n", c.Kind, sanitize(c.Name))
		}
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintln(w, "Rows with errors:")
		for _, p := range rep.Problems {
			fmt.Fprintf(w, "  %s\n", sanitize(p.String()))
		}
		if rep.Omitted > 0 {
			fmt.Fprintf(w, "  … and %d more problems\n", rep.Omitted)
		}
	}
	verb := "Imported"
	switch {
	case rep.DryRun:
		verb = "Dry run, nothing written:"
	case !rep.Written:
		verb = "Nothing imported:"
	}
	fmt.Fprintf(w, "%s %s into %s: %d rows, %d created, %d updated, %d unchanged, %d with errors",
		verb, sanitize(rep.File), rep.Object, rep.Rows, rep.Created, rep.Updated, rep.Unchanged, rep.Errors)
	if rep.Restored > 0 {
		fmt.Fprintf(w, " (%d restored from deleted)", rep.Restored)
	}
	fmt.Fprintln(w)
}

func sanitizeLines(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		lines[i] = sanitize(strings.TrimSuffix(l, "\n"))
		if strings.HasSuffix(l, "\n") {
			lines[i] += "\n"
		}
	}
	return strings.Join(lines, "")
}

// importJSON is the --json summary: the Report with the mapping in
// lowercase keys.
func importJSON(rep importer.Report) map[string]any {
	mapped := []map[string]any{}
	for _, m := range rep.Mapping.Mapped {
		mapped = append(mapped, map[string]any{"column": m.Header, "field": m.Field, "role": m.Role.String(), "by": m.By})
	}
	unmapped := []map[string]any{}
	for _, u := range rep.Mapping.Unmapped {
		unmapped = append(unmapped, map[string]any{"column": u.Header, "reason": u.Reason})
	}
	return map[string]any{
		"object": rep.Object, "file": rep.File, "format": rep.Format, "match": rep.Match,
		"dry_run": rep.DryRun, "written": rep.Written, "rows": rep.Rows,
		"created": rep.Created, "updated": rep.Updated, "unchanged": rep.Unchanged, "restored": rep.Restored, "errors": rep.Errors,
		"mapping":  map[string]any{"mapped": mapped, "unmapped": unmapped},
		"problems": rep.Problems, "problems_omitted": rep.Omitted,
		"duplicates": rep.Duplicates, "created_missing": rep.New,
	}
}

// progressBar draws "importing [#####.....] 52% 520,000/1,000,000 rows
// 98k rows/s" on stderr, at most ten times a second. A nil bar does
// nothing, so callers need not check for a terminal twice.
type progressBar struct {
	w     io.Writer
	label string
	start time.Time
	last  time.Time
	drawn bool
}

func newProgressBar(w io.Writer, label string) *progressBar {
	return &progressBar{w: w, label: label, start: time.Now()}
}

func (p *progressBar) update(done, total int64) {
	if p == nil {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < 100*time.Millisecond && done != total {
		return
	}
	p.last = now
	rate := float64(done) / max(now.Sub(p.start).Seconds(), 1e-3)
	const width = 30
	line := fmt.Sprintf("%s %d rows", p.label, done)
	if total > 0 {
		frac := min(float64(done)/float64(total), 1)
		n := int(frac * width)
		line = fmt.Sprintf("%s [%s%s] %3d%% %d/%d rows", p.label, strings.Repeat("#", n), strings.Repeat(".", width-n), int(frac*100), done, total)
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s  %.0f rows/s", line, rate)
	p.drawn = true
}

func (p *progressBar) finish() {
	if p != nil && p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
