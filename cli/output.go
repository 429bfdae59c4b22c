package cli

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// maxCell caps a table cell's width so one long note body does not push
// every other column off the screen; --json has the full text.
const maxCell = 48

// sanitize makes text safe to print in a terminal: control characters
// (escape sequences could move the cursor or retitle the window) and
// bidirectional overrides (which reorder what the reader sees) are
// replaced, and line breaks become spaces so a row stays one line.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case unsafeRune(r):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f:
		return true
	}
	return false
}

// truncate shortens s to at most w terminal columns, marking the cut.
func truncate(s string, w int) string {
	if runewidth.StringWidth(s) <= w {
		return s
	}
	return runewidth.Truncate(s, w, "…")
}

// table prints aligned columns: a header row, then one line per row, two
// spaces between columns, trailing blanks trimmed. Cells are sanitized and
// capped at maxCell columns.
type table struct {
	header []string
	rows   [][]string
	// right marks columns to right-align (numbers, amounts).
	right map[int]bool
	// wide marks columns exempt from the maxCell cap.
	wide map[int]bool
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer) error {
	all := append([][]string{t.header}, t.rows...)
	widths := make([]int, len(t.header))
	for _, row := range all {
		for i := range row {
			row[i] = sanitize(row[i])
			if !t.wide[i] {
				row[i] = truncate(row[i], maxCell)
			}
			if i < len(widths) {
				widths[i] = max(widths[i], runewidth.StringWidth(row[i]))
			}
		}
	}
	var b strings.Builder
	for _, row := range all {
		var line strings.Builder
		for i, cell := range row {
			if i > 0 {
				line.WriteString("  ")
			}
			pad := 0
			if i < len(widths) {
				pad = widths[i] - runewidth.StringWidth(cell)
			}
			if t.right[i] {
				line.WriteString(strings.Repeat(" ", pad))
				line.WriteString(cell)
			} else {
				line.WriteString(cell)
				line.WriteString(strings.Repeat(" ", pad))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeJSON prints v as indented JSON. HTML escaping is off: "<" in a note
// should reach jq as "<", not "\u003c".
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
