package views

import (
	"fmt"
	"strings"
)

// Drawing the wizard. Everything that came from the file (path, headers,
// cells, problems, errors quoting values) passes through Sanitize, Clean
// or Truncate before it is laid out.

const maxWizardWidth = 120

// boxWidth is the dialog's outer width; innerWidth what its body gets.
func (w *ImportWizard) boxWidth() int { return max(min(w.w-4, maxWizardWidth), 20) }

func (w *ImportWizard) innerWidth() int {
	return max(w.boxWidth()-w.styles.Dialog.GetHorizontalFrameSize(), 10)
}

// bodyLines is how many body lines fit: the screen less the frame, title
// and hint.
func (w *ImportWizard) bodyLines() int {
	return max(w.h-2-w.styles.Dialog.GetVerticalFrameSize()-2, 4)
}

// View implements Component.
func (w *ImportWizard) View() string {
	var body, hint string
	switch w.step {
	case stepPath:
		body, hint = w.pathView(), "tab complete · enter open · esc close"
	case stepPreview:
		if w.picker != nil {
			body, hint = w.pickerView(), "type to filter · ↑/↓ choose · enter map · esc cancel"
		} else {
			body, hint = w.previewView(), "←/→ column · enter map · x skip · r dry run · esc back"
		}
	case stepDryRun:
		body = w.dryRunView()
		hint = "esc back to the mapping"
		if !w.pending && w.dry.Err == "" {
			hint = "enter import · " + hint
		}
	case stepImporting:
		body, hint = w.importingView(), "esc cancel"
	case stepDone:
		body, hint = w.doneView(), "enter close"
	}
	lines := strings.Split(body, "\n")
	if n := w.bodyLines(); len(lines) > n {
		lines = lines[:n]
	}
	// The title is padded to the full width so the box keeps its size
	// from step to step instead of jumping with the content.
	title := Fit("Import into "+Sanitize(w.label)+" · "+w.Step(), w.innerWidth())
	return dialogBox(w.styles, title, strings.Join(lines, "\n"), hint, w.boxWidth())
}

func (w *ImportWizard) pathView() string {
	var b strings.Builder
	b.WriteString("File to import (CSV, TSV, XLSX, JSON or vCard):\n")
	b.WriteString(w.path.View())
	switch {
	case w.pathErr != "":
		b.WriteString("\n" + w.styles.Error.Render(Sanitize(w.pathErr)))
	case w.pending:
		b.WriteString("\n" + w.styles.Muted.Render("reading…"))
	}
	if len(w.completions) > 0 {
		b.WriteString("\n")
		room := max(w.bodyLines()-4, 1)
		for i, c := range w.completions {
			if i == room-1 && len(w.completions) > room {
				b.WriteString("\n" + w.styles.Muted.Render(fmt.Sprintf("  … %d more", len(w.completions)-i)))
				break
			}
			b.WriteString("\n  " + Sanitize(c))
		}
	}
	return b.String()
}

func onOff(st Styles, on bool) string {
	if on {
		return st.Accent.Render("on")
	}
	return st.Muted.Render("off")
}

func orAuto(s string) string {
	if s == "" {
		return "auto"
	}
	return s
}

// optionsView is the two lines of toggles, each with its key.
func (w *ImportWizard) optionsView() string {
	k := func(b interface{ Keys() []string }) string {
		if ks := b.Keys(); len(ks) > 0 {
			return w.styles.Accent.Render(ks[0]) + " "
		}
		return ""
	}
	o := w.opts
	return k(w.keys.Match) + "match on: " + orAuto(o.match) +
		"   " + k(w.keys.DateFormat) + "dates: " + orAuto(o.dateFormat) + "\n" +
		k(w.keys.Create) + "create missing: " + onOff(w.styles, o.createMissing) +
		"   " + k(w.keys.SkipBad) + "skip invalid rows: " + onOff(w.styles, o.skipBad) +
		"   " + k(w.keys.UpdateOnly) + "update only: " + onOff(w.styles, o.updateOnly)
}

func (w *ImportWizard) previewView() string {
	p := w.preview
	mapped := 0
	for _, c := range p.Columns {
		if c.Field != "" {
			mapped++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s · %s · %d columns, %d imported\n", Sanitize(p.Path), strings.ToUpper(p.Format), len(p.Columns), mapped)
	b.WriteString(w.optionsView() + "\n\n")
	rows := max(min(len(p.Rows), w.bodyLines()-9), 0)
	b.WriteString(w.tableView(w.innerWidth(), rows))
	b.WriteString("\n\n" + w.columnDetail())
	if w.err != "" {
		b.WriteString("\n" + w.styles.Error.Render(Sanitize(w.err)))
	} else if w.pending {
		b.WriteString("\n" + w.styles.Muted.Render("mapping…"))
	}
	return b.String()
}

// mappingText is what the mapping row says of a column.
func mappingText(c ImportColumn) string {
	if c.Field == "" {
		return "✗ not imported"
	}
	s := "→ " + c.Field
	if c.Role != "" && c.Role != "value" {
		s += " (" + c.Role + ")"
	}
	return s
}

// columnDetail explains the column under the cursor.
func (w *ImportWizard) columnDetail() string {
	if w.colCursor >= len(w.preview.Columns) {
		return ""
	}
	c := w.preview.Columns[w.colCursor]
	h := Sanitize(c.Header)
	if h == "" {
		h = fmt.Sprintf("column %d", w.colCursor+1)
	}
	if c.Field == "" {
		return w.styles.Warn.Render(fmt.Sprintf("%q is not imported: %s", h, Sanitize(c.Reason)))
	}
	return fmt.Sprintf("%q %s", h, mappingText(c))
}

// tableView draws the header, the mapping row and the first rows of the
// file, as many columns as fit from colOffset, the cursor's kept in view.
func (w *ImportWizard) tableView(width, rows int) string {
	cols := w.preview.Columns
	if len(cols) == 0 {
		return w.styles.Muted.Render("the file has no columns")
	}
	const sep = "  "
	widths := make([]int, len(cols))
	for i, c := range cols {
		cw := max(Width(Sanitize(c.Header)), Width(mappingText(c)))
		for _, r := range w.preview.Rows[:min(rows, len(w.preview.Rows))] {
			if i < len(r) {
				cw = max(cw, Width(Sanitize(r[i])))
			}
		}
		widths[i] = min(max(cw, 6), 24)
	}
	fits := func(from, to int) bool { // columns from..to inclusive fit
		total := 0
		for i := from; i <= to; i++ {
			total += widths[i] + len(sep)
		}
		return total-len(sep) <= width
	}
	w.colOffset = min(w.colOffset, w.colCursor)
	for w.colOffset < w.colCursor && !fits(w.colOffset, w.colCursor) {
		w.colOffset++
	}
	end := w.colOffset
	for end+1 < len(cols) && fits(w.colOffset, end+1) {
		end++
	}
	var head, mapping []string
	for i := w.colOffset; i <= end; i++ {
		c, cw := cols[i], min(widths[i], width)
		h := Clean(c.Header, cw)
		if i == w.colCursor {
			h = w.styles.CursorCell.Render(h)
		} else {
			h = w.styles.Header.Render(h)
		}
		head = append(head, h)
		m := Fit(mappingText(c), cw)
		if c.Field == "" {
			m = w.styles.Warn.Render(m)
		} else {
			m = w.styles.Accent.Render(m)
		}
		mapping = append(mapping, m)
	}
	lines := []string{strings.Join(head, sep), strings.Join(mapping, sep)}
	lines = append(lines, w.styles.Muted.Render(strings.Repeat("─", min(width, lineWidth(widths[w.colOffset:end+1], len(sep))))))
	for _, r := range w.preview.Rows[:min(rows, len(w.preview.Rows))] {
		var cells []string
		for i := w.colOffset; i <= end; i++ {
			v := ""
			if i < len(r) {
				v = r[i]
			}
			cells = append(cells, Clean(v, min(widths[i], width)))
		}
		lines = append(lines, strings.Join(cells, sep))
	}
	more := ""
	if w.colOffset > 0 {
		more += "← more columns "
	}
	if end < len(cols)-1 {
		more += fmt.Sprintf("%d more columns →", len(cols)-1-end)
	}
	if more != "" {
		lines = append(lines, w.styles.Muted.Render(more))
	}
	return strings.Join(lines, "\n")
}

func lineWidth(widths []int, sep int) int {
	n := 0
	for _, x := range widths {
		n += x + sep
	}
	return max(n-sep, 0)
}

func (w *ImportWizard) pickerView() string {
	c := w.preview.Columns[w.colCursor]
	head := fmt.Sprintf("Import column %q into:", Sanitize(c.Header))
	return head + "\n" + w.picker.view(w.innerWidth(), max(w.bodyLines()-2, 3))
}

// countsView lists a result's counts; verb is "to create" or "created".
func (w *ImportWizard) countsView(r ImportResult, dry bool) string {
	label := func(dryText, doneText string) string {
		if dry {
			return dryText
		}
		return doneText
	}
	n := func(v int64) string { return fmt.Sprintf("%8s", groupThousands(v)) }
	lines := []string{
		"  rows read     " + n(r.Rows),
		"  " + fmt.Sprintf("%-13s", label("to create", "created")) + " " + n(r.Created),
		"  " + fmt.Sprintf("%-13s", label("to update", "updated")) + " " + n(r.Updated),
		"  unchanged     " + n(r.Unchanged),
		"  with errors   " + n(r.Errors),
	}
	if r.Errors > 0 {
		lines[4] = w.styles.Warn.Render(lines[4])
	}
	if r.Match != "" {
		lines = append(lines, "Existing records are matched on "+Sanitize(r.Match)+".")
	} else {
		lines = append(lines, "No column identifies existing records: every row is a new record.")
	}
	return strings.Join(lines, "\n")
}

// problemsView lists the first bad rows.
func (w *ImportWizard) problemsView(r ImportResult, room int) string {
	if len(r.Problems) == 0 || room <= 1 {
		return ""
	}
	var b strings.Builder
	b.WriteString(w.styles.Warn.Render("Bad rows:"))
	shown := 0
	for _, p := range r.Problems {
		if shown >= room-1 {
			break
		}
		line := fmt.Sprintf("  row %d", p.Row)
		if p.Column != "" {
			line += " · " + Sanitize(p.Column)
		}
		if p.Value != "" {
			line += " · " + fmt.Sprintf("%q", Truncate(Sanitize(p.Value), 40))
		}
		line += " · " + Sanitize(p.Reason)
		b.WriteString("\n" + Truncate(line, w.innerWidth()))
		shown++
	}
	if rest := int64(len(r.Problems)-shown) + r.Omitted; rest > 0 {
		b.WriteString("\n" + w.styles.Muted.Render(fmt.Sprintf("  … and %s more", groupThousands(rest))))
	}
	return b.String()
}

func (w *ImportWizard) dryRunView() string {
	file := Sanitize(w.preview.Path)
	if w.pending {
		return w.styles.Muted.Render("Checking every row of "+file+" (nothing is written)…") + "\n\n" + w.progressView()
	}
	r := w.dry
	var b strings.Builder
	b.WriteString("Dry run of " + file + ": nothing was written.\n")
	if r.Err != "" && !r.Invalid {
		b.WriteString(w.styles.Error.Render(Sanitize(r.Err)))
		return b.String()
	}
	b.WriteString(w.countsView(r, true))
	if r.Invalid {
		b.WriteString("\n" + w.styles.Error.Render(groupThousands(r.Errors)+" rows have errors, so nothing would be imported.") +
			"\nPress esc, then s to import the other rows, or fix the file.")
	} else if r.Errors > 0 {
		b.WriteString("\n" + groupThousands(r.Errors) + " bad rows will be skipped.")
	}
	used := strings.Count(b.String(), "\n") + 2
	if p := w.problemsView(r, w.bodyLines()-used); p != "" {
		b.WriteString("\n\n" + p)
	}
	return b.String()
}

func (w *ImportWizard) importingView() string {
	var b strings.Builder
	b.WriteString("Importing " + Sanitize(w.preview.Path) + "…\n\n")
	b.WriteString(w.progressView() + "\n\n")
	if w.cancelling {
		b.WriteString(w.styles.Warn.Render("Cancelling… the import is rolled back: nothing will be written."))
	} else {
		b.WriteString(w.styles.Muted.Render("The import is one transaction: esc cancels it and rolls everything back."))
	}
	return b.String()
}

// progressView is the bar and the count of rows done.
func (w *ImportWizard) progressView() string {
	barW := max(min(w.innerWidth()-2, 60), 10)
	pct := 0.0
	if w.total > 0 {
		pct = min(float64(w.done)/float64(w.total), 1)
	}
	// Drawn by hand like the demo fill's bar: bubbles' progress would
	// pull in a spring-animation module for a bar that needs no animation.
	filled := min(int(pct*float64(barW)), barW)
	return w.styles.Accent.Render(strings.Repeat("█", filled)) + w.styles.Muted.Render(strings.Repeat("░", barW-filled)) +
		fmt.Sprintf("\n%s of %s rows", groupThousands(w.done), groupThousands(max(w.total, w.done)))
}

func (w *ImportWizard) doneView() string {
	r := w.result
	var b strings.Builder
	switch {
	case r.Cancelled:
		b.WriteString(w.styles.Warn.Render("Import cancelled: it was rolled back, nothing was imported."))
	case r.Err != "" && !r.Invalid:
		b.WriteString(w.styles.Error.Render("Import failed: "+Sanitize(r.Err)) + "\nNothing was imported.")
	case r.Invalid:
		b.WriteString(w.styles.Error.Render("Rows have errors: nothing was imported.") + "\n" + w.countsView(r, false))
	default:
		b.WriteString(w.styles.OK.Render("Imported "+Sanitize(w.preview.Path)) + "\n" + w.countsView(r, false))
		if r.Errors > 0 {
			b.WriteString("\n" + groupThousands(r.Errors) + " bad rows were skipped.")
		}
	}
	used := strings.Count(b.String(), "\n") + 2
	if p := w.problemsView(r, w.bodyLines()-used); p != "" && !r.Cancelled {
		b.WriteString("\n\n" + p)
	}
	return b.String()
}
