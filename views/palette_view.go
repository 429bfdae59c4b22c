package views

import (
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"rolo/keymap"
)

// Drawing the palette: a fixed-size box (it does not jump as results come
// and go) with the input, grouped results and a hint line.

const (
	paletteMaxW = 88
	paletteMinW = 24
)

func (p *Palette) boxWidth() int {
	return max(min(p.w-4, paletteMaxW), min(paletteMinW, p.w))
}

func (p *Palette) innerWidth() int {
	return max(p.boxWidth()-p.styles.Dialog.GetHorizontalFrameSize(), 1)
}

// rowsHigh is the number of result lines (headings included) shown.
func (p *Palette) rowsHigh() int {
	total := min(max(p.h*2/3, 12), p.h-2)
	return max(total-2-3, 1) // border, input, rule, hint
}

// paletteLine is a heading (entry < 0) or an entry.
type paletteLine struct {
	entry int
	group string
}

func (p *Palette) lines() []paletteLine {
	list := p.list()
	out := make([]paletteLine, 0, len(list)+4)
	for i, e := range list {
		if i == 0 || e.Group != list[i-1].Group {
			out = append(out, paletteLine{entry: -1, group: e.Group})
		}
		out = append(out, paletteLine{entry: i})
	}
	return out
}

// scroll keeps the cursor's line in view, with its group heading when the
// cursor is on a group's first entry.
func (p *Palette) scroll() {
	lines := p.lines()
	at := -1
	for i, l := range lines {
		if l.entry == p.cursor {
			at = i
			break
		}
	}
	if at < 0 {
		p.offset = 0
		return
	}
	h := p.rowsHigh()
	top := at
	if at > 0 && lines[at-1].entry < 0 {
		top = at - 1
	}
	if top < p.offset {
		p.offset = top
	}
	if at >= p.offset+h {
		p.offset = at - h + 1
	}
	p.offset = max(min(p.offset, len(lines)-h), 0)
}

// View draws the box; the root places it over the screen.
func (p *Palette) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	ps := newPaletteStyles(p.styles)
	inner := p.innerWidth()
	out := make([]string, 0, p.rowsHigh()+3)
	out = append(out, Fit(p.input.View(), inner))
	out = append(out, p.styles.Muted.Render(strings.Repeat("─", inner)))

	lines := p.lines()
	list := p.list()
	h := p.rowsHigh()
	if len(list) == 0 {
		msg := p.hint
		if msg == "" && p.menu != nil {
			msg = "nothing matches"
		}
		out = append(out, p.styles.Muted.Render(Fit(" "+Sanitize(msg), inner)))
		h--
	}
	for i := p.offset; i < len(lines) && h > 0; i++ {
		l := lines[i]
		if l.entry < 0 {
			out = append(out, ps.header.Render(Fit(" "+Sanitize(l.group), inner)))
		} else {
			out = append(out, p.entryLine(ps, list[l.entry], l.entry == p.cursor, inner))
		}
		h--
	}
	for ; h > 0; h-- {
		out = append(out, Fit("", inner))
	}
	hint := p.hints[0]
	if p.menu != nil {
		hint = p.hints[1]
	}
	right := p.progress
	if n := len(list); n > 0 && right == "" {
		right = groupThousands(int64(p.cursor+1)) + "/" + groupThousands(int64(n))
	}
	gap := inner - Width(hint) - Width(right)
	foot := hint + strings.Repeat(" ", max(gap, 1)) + right
	if gap < 1 {
		foot = Truncate(right, inner)
	}
	out = append(out, p.styles.DialogHint.Render(Fit(foot, inner)))
	return p.styles.Dialog.Render(strings.Join(out, "\n"))
}

// entryLine is one result: marker, label and secondary text with matched
// characters highlighted, the object's label at the right edge.
func (p *Palette) entryLine(ps paletteStyles, e PaletteEntry, cursor bool, w int) string {
	text, muted, hl, mutedHL := ps.text, ps.muted, ps.hl, ps.hl
	marker := "  "
	if cursor {
		text, muted, hl, mutedHL = ps.curText, ps.curMuted, ps.curHL, ps.curHL
		marker = "▌ "
	}
	right := Sanitize(e.ObjectLabel)
	rw := Width(right)
	if rw > w/3 {
		right, rw = Truncate(right, w/3), Width(Truncate(right, w/3))
	}
	avail := w - 2 - rw - 1
	if rw == 0 {
		avail = w - 2
	}
	body := highlight(e.Label, e.LabelIdx, text, hl)
	if e.Secondary != "" {
		body += text.Render("  ") + highlight(e.Secondary, e.SecondaryIdx, muted, mutedHL)
	}
	body = Truncate(body, max(avail, 0))
	pad := max(avail-Width(body), 0)
	line := text.Render(marker) + body + text.Render(strings.Repeat(" ", pad))
	if rw > 0 {
		line += text.Render(" ") + muted.Render(right)
	}
	return Fit(line, w)
}

// highlight draws s with the runes at idx (rune indexes into s, as the
// search engine reports them) in hl and the rest in base. Indexes refer
// to the raw text, so a plain string (the common case) is highlighted in
// place; a string Sanitize would change is cut into runs first and each
// run sanitized on its own, which keeps every character of s accounted
// for and nothing unsafe reaching the terminal.
func highlight(s string, idx []int, base, hl lipgloss.Style) string {
	if len(idx) == 0 {
		return base.Render(Sanitize(s))
	}
	var b strings.Builder
	var run strings.Builder
	inHL := false
	flush := func() {
		if run.Len() == 0 {
			return
		}
		t := Sanitize(run.String())
		if inHL {
			b.WriteString(hl.Render(t))
		} else {
			b.WriteString(base.Render(t))
		}
		run.Reset()
	}
	k := 0
	ri := 0
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		for k < len(idx) && idx[k] < ri {
			k++
		}
		match := k < len(idx) && idx[k] == ri
		if match != inHL {
			flush()
			inHL = match
		}
		run.WriteString(s[i : i+size])
		i += size
		ri++
	}
	flush()
	return b.String()
}

// paletteStyles are the palette's styles, derived from Styles so a theme
// change reaches them.
type paletteStyles struct {
	header                   lipgloss.Style
	text, muted, hl          lipgloss.Style
	curText, curMuted, curHL lipgloss.Style
}

func newPaletteStyles(st Styles) paletteStyles {
	ps := paletteStyles{
		header: st.SidebarSection,
		text:   st.DialogItem,
		muted:  st.Muted,
		hl:     st.Accent.Bold(true),
	}
	if st.NoColor {
		ps.hl = lipgloss.NewStyle().Bold(true).Underline(true)
	}
	ps.curText = st.DialogCursor
	ps.curMuted = st.Muted.Inherit(st.DialogCursor)
	ps.curHL = ps.hl.Inherit(st.DialogCursor)
	return ps
}

// keyHints are the footer's key reminders, outside and inside a record's
// actions menu, from the bindings (config.toml may have changed them); the
// first key of each is enough.
func keyHints(keys keymap.Palette) [2]string {
	hint := func(b key.Binding, what string) string {
		if ks := b.Keys(); len(ks) > 0 && b.Enabled() {
			return keymap.PrettyKey(ks[0]) + " " + what
		}
		return ""
	}
	join := func(parts ...string) string {
		return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), " · ")
	}
	run := hint(keys.Run, "run")
	return [2]string{
		join(run, hint(keys.Actions, "actions"), hint(keys.Close, "close")),
		join(run, hint(keys.Close, "back")),
	}
}
