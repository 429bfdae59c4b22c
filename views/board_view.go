package views

import (
	"strings"
	"time"

	"rolo/model"
)

// Drawing the board. Only the drawn columns and, in each, only the cards
// on screen are rendered: the cost of a frame is bounded by the screen,
// never by the number of records.

func (b *Board) View() string {
	if b.w <= 0 || b.h <= 0 {
		return ""
	}
	lines := []string{b.titleLine()}
	if b.filterLines() > 0 {
		lines = append(lines, b.filter.View())
	}
	colH := max(b.h-len(lines), 1)
	first, last := b.visibleCols()
	blocks := make([][]string, 0, last-first+1)
	widths := make([]int, 0, last-first+1)
	for i := first; i <= last && i < len(b.cols); i++ {
		c := b.cols[i]
		w := b.width(c)
		if c.collapsed {
			blocks = append(blocks, b.collapsedBlock(i, w, colH))
		} else {
			blocks = append(blocks, b.columnBlock(i, w, colH))
		}
		widths = append(widths, w)
	}
	if len(blocks) == 0 {
		lines = append(lines, b.styles.Muted.Render("no columns: this field has no stages or options"))
	}
	for row := 0; row < colH && len(blocks) > 0; row++ {
		var sb strings.Builder
		for j, blk := range blocks {
			if j > 0 {
				sb.WriteByte(' ')
			}
			if row < len(blk) {
				sb.WriteString(blk[row])
			} else {
				sb.WriteString(strings.Repeat(" ", widths[j]))
			}
		}
		lines = append(lines, sb.String())
	}
	frame := padBlock(strings.Join(lines, "\n"), b.w, b.h)
	if b.dialog != nil {
		frame = Overlay(frame, b.dialog.View(), b.w, b.h)
	}
	return frame
}

func (b *Board) titleLine() string {
	o := b.spec.Object
	title := Sanitize(o.Plural)
	if b.spec.Field.Type == model.TypeStage && b.spec.Pipeline.Name != "" {
		title += " · " + Sanitize(b.spec.Pipeline.Name)
	} else {
		title += " by " + strings.ToLower(Sanitize(b.spec.Field.Label))
	}
	left := b.styles.Title.Render(title)
	first, last := b.visibleCols()
	var right []string
	if b.errText != "" {
		right = append(right, b.styles.Error.Render(Sanitize(b.errText)))
	}
	if first > 0 {
		right = append(right, b.styles.Muted.Render("‹ "+itoa(first)))
	}
	right = append(right, b.styles.Muted.Render(itoa(b.col+1)+"/"+itoa(len(b.cols))))
	if n := len(b.cols) - 1 - last; n > 0 {
		right = append(right, b.styles.Muted.Render(itoa(n)+" ›"))
	}
	r := strings.Join(right, "  ")
	space := b.w - Width(left) - Width(r)
	if space < 1 {
		return Fit(left+" "+r, b.w)
	}
	return left + strings.Repeat(" ", space) + r
}

// columnBlock draws an expanded column: header, sums, rule, cards.
func (b *Board) columnBlock(i, w, h int) []string {
	c := b.cols[i]
	st := b.styles
	active := i == b.col
	colour := st.OptionStyle(c.spec.Color)
	name := Sanitize(c.spec.Label)
	count := "…"
	if c.counted {
		count = groupThousands(c.total.Count)
	}
	nameStyle := colour.Bold(true)
	if active {
		nameStyle = nameStyle.Underline(true)
	}
	head := colour.Render("●") + " " + nameStyle.Render(Truncate(name, max(w-3-Width(count), 1)))
	lines := make([]string, 0, h)
	lines = append(lines, boardSpread(head, st.Muted.Render(count), w))

	sums := b.sumText(c)
	pos := ""
	if active && c.total.Count > 0 && c.loaded {
		pos = boardItoa(c.cur+1) + "/" + groupThousands(c.total.Count)
	}
	lines = append(lines, boardSpread(st.Muted.Render(Truncate(sums, max(w-Width(pos)-1, 1))), st.Muted.Render(pos), w))
	rule := "─"
	if active {
		rule = "━"
	}
	lines = append(lines, colour.Render(strings.Repeat(rule, w)))

	body := h - boardHeaderH
	switch {
	case !c.loaded:
		lines = append(lines, Fit(st.Muted.Render("loading…"), w))
		return lines
	case c.win.empty():
		lines = append(lines, Fit(st.Muted.Render("no cards"), w))
		return lines
	}
	fit := b.cardsFit()
	for k := 0; k < fit; k++ {
		idx := c.top + int64(k)
		r, ok := c.win.at(idx)
		if !ok {
			break
		}
		lines = append(lines, b.card(c, r, w, active && idx == c.cur)...)
		lines = append(lines, strings.Repeat(" ", w))
	}
	below := c.total.Count - (c.top + int64(fit))
	if !c.counted {
		below = c.win.end() - (c.top + int64(fit))
	}
	if below > 0 && len(lines) < body+boardHeaderH {
		for len(lines) < h-1 {
			lines = append(lines, strings.Repeat(" ", w))
		}
		lines = append(lines, Fit(st.Muted.Render("↓ "+groupThousands(below)+" more"), w))
	}
	return lines
}

// boardSpread puts left and right on one line of width w.
func boardSpread(left, right string, w int) string {
	space := w - Width(left) - Width(right)
	if space < 1 {
		return Fit(left, w)
	}
	return left + strings.Repeat(" ", space) + right
}

// collapsedBlock is a narrow column: its count and its name downwards.
func (b *Board) collapsedBlock(i, w, h int) []string {
	c := b.cols[i]
	st := b.styles
	colour := st.OptionStyle(c.spec.Color)
	head := colour.Render("▸")
	if i == b.col {
		head = st.Marker.Render("▸")
	}
	count := "…"
	if c.counted {
		count = groupThousands(c.total.Count)
	}
	lines := []string{Fit(head, w), Fit(st.Muted.Render(count), w), colour.Render(strings.Repeat("─", w))}
	for _, r := range Sanitize(c.spec.Label) {
		if len(lines) >= h {
			break
		}
		lines = append(lines, Fit(" "+colour.Render(string(r)), w))
	}
	return lines
}

// sumText is a column's amounts, one per currency.
func (b *Board) sumText(c *boardCol) string {
	if b.spec.SumField == "" || !c.counted {
		return ""
	}
	var parts []string
	for _, s := range c.total.Sums {
		if s.Micros == 0 && s.Code == "" {
			continue
		}
		parts = append(parts, boardMoney(s.Micros, s.Code))
	}
	return strings.Join(parts, " · ")
}

// boardMoney is model.FormatMoney without minor units that are all zero:
// headers are scanned, not audited.
func boardMoney(micros int64, code string) string {
	s := model.FormatMoney(micros, code)
	if micros%1_000_000 == 0 {
		if i := strings.LastIndexAny(s, ".,"); i > 0 && strings.Trim(s[i+1:], "0") == "" && len(s)-i-1 == 2 {
			s = s[:i]
		}
	}
	return s
}

// card draws one card in three lines: name and marker; company; amount,
// owner and close date.
func (b *Board) card(c *boardCol, r *model.Record, w int, cursor bool) []string {
	st := b.styles
	inner := max(w-2, 1)
	now := b.now()
	overdue, closeText := b.closeDate(c, r, now)
	stale, staleDays := b.stale(c, r, now)

	marker := ""
	switch {
	case overdue:
		marker = st.Error.Render("!")
	case stale:
		marker = st.Warn.Render("!")
	}
	name := Sanitize(r.Label)
	company := ""
	if f, ok := b.spec.Object.Field("company"); ok {
		company = Sanitize(displayValue(f, r.Get("company")))
	}
	// "Acme — Renewal" at Acme reads "Renewal" over "Acme": the company
	// has a line of its own, the name's width goes to what is new.
	if company != "" && len(name) > len(company) && strings.HasPrefix(name, company) {
		if rest := strings.TrimLeft(name[len(company):], " —–-:·|"); rest != "" {
			name = rest
		}
	}
	if name == "" {
		name = "#" + boardItoa(r.ID)
	}
	l1 := boardSpread(boardBold(st, name, max(inner-Width(marker)-1, 1)), marker, inner)
	l2 := Fit(st.Muted.Render(Truncate(company, inner)), inner)

	var left []string
	if b.spec.SumField != "" {
		if v := r.Get(b.spec.SumField); v.Valid {
			left = append(left, boardMoney(v.Int, v.Str))
		}
	}
	if o := boardOwner(r.Get(model.FieldOwner)); o != "" {
		left = append(left, st.Muted.Render(o))
	}
	right := ""
	if stale {
		right = st.Warn.Render(itoa(staleDays)+"d") + " "
	}
	if overdue {
		right += st.Error.Render(closeText)
	} else {
		right += st.Cell.Render(closeText)
	}
	l3 := boardSpread(Truncate(strings.Join(left, " "), max(inner-Width(right)-1, 1)), right, inner)

	bar := st.Muted.Render("│")
	if cursor {
		bar = st.Marker.Render("▌")
	}
	out := []string{bar + " " + l1, bar + " " + l2, bar + " " + l3}
	if cursor {
		for i := range out {
			out[i] = st.CursorRow.Render(out[i])
		}
	}
	return out
}

func boardBold(st Styles, s string, w int) string {
	return st.Title.UnsetForeground().Render(Truncate(s, w))
}

// closeDate is the card's close (or due) date as shown, and whether it has
// passed while the card is still open.
func (b *Board) closeDate(c *boardCol, r *model.Record, now time.Time) (bool, string) {
	f, ok := b.spec.Object.Field("close_date")
	if !ok {
		if f, ok = boardFieldOfType(b.spec.Object, model.TypeDate); !ok {
			if f, ok = b.spec.Object.Field("due_at"); !ok {
				return false, ""
			}
		}
	}
	v := r.Get(f.Name)
	if !v.Valid {
		return false, ""
	}
	closed := c.spec.Kind == model.StageWon || c.spec.Kind == model.StageLost
	text := boardDate(f, v, now)
	switch f.Type {
	case model.TypeDate:
		return !closed && v.Str < now.Format(model.DateLayout), text
	case model.TypeDateTime:
		return !closed && v.Int < now.UnixMilli(), text
	}
	return false, text
}

// boardDate is "Dec 3" within ten months or so of now, "Dec 2027" beyond.
func boardDate(f model.Field, v model.Value, now time.Time) string {
	var t time.Time
	switch f.Type {
	case model.TypeDate:
		d, err := time.Parse(model.DateLayout, v.Str)
		if err != nil {
			return Sanitize(v.Str)
		}
		t = d
	case model.TypeDateTime:
		t = time.UnixMilli(v.Int).In(now.Location())
	default:
		return Sanitize(displayValue(f, v))
	}
	if d := t.Sub(now); d < 300*24*time.Hour && d > -300*24*time.Hour {
		return t.Format("Jan 2")
	}
	return t.Format("Jan 2006")
}

// stale reports a card that has sat in its stage longer than StaleDays
// (since stage_changed_at, or since it was created if it never moved).
func (b *Board) stale(c *boardCol, r *model.Record, now time.Time) (bool, int) {
	if b.spec.Field.Type != model.TypeStage || c.spec.Kind == model.StageWon || c.spec.Kind == model.StageLost {
		return false, 0
	}
	since := r.Get("stage_changed_at")
	if !since.Valid {
		since = r.Get(model.FieldCreatedAt)
	}
	if !since.Valid {
		return false, 0
	}
	days := int(now.Sub(time.UnixMilli(since.Int)) / (24 * time.Hour))
	return days > b.opt.StaleDays, days
}

// boardOwner is a member as a card shows it: initials of a full name, or
// the single name (a login) itself.
func boardOwner(v model.Value) string {
	name := strings.TrimSpace(Sanitize(v.Ref))
	if name == "" {
		if v.Valid && v.Int != 0 {
			return "#" + boardItoa(v.Int)
		}
		return ""
	}
	words := strings.Fields(name)
	if len(words) == 1 {
		return Truncate(words[0], 10)
	}
	var in []rune
	for _, w := range words[:min(len(words), 3)] {
		in = append(in, []rune(strings.ToUpper(w))[0])
	}
	return string(in)
}

// KnownColour reports whether OptionStyle can draw colour c: "#rgb",
// "#rrggbb", an ANSI number or one of the named colours.
func KnownColour(c string) bool {
	if _, ok := namedColours[c]; ok || isDigits(c) {
		return true
	}
	if len(c) != 4 && len(c) != 7 || c[0] != '#' {
		return false
	}
	for _, r := range c[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}
