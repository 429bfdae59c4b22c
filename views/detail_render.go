package views

import (
	"strings"
	"time"

	"rolo/model"
)

// keyFacts are the fields the header names for the standard objects; other
// objects show their first few filled fields.
var keyFacts = map[string][]string{
	"opportunities": {"pipeline", "stage", "amount", "close_date"},
	"people":        {"company", "job_title", "emails", "phones"},
	"companies":     {"domain", "employees"},
	"tasks":         {"status", "due_at", "assignee"},
	"notes":         {"company", "person", "opportunity"},
}

// headerFacts are the key facts of the record, formatted.
func (d *Detail) headerFacts() []string {
	o, r := d.data.Object, d.data.Record
	names, ok := keyFacts[o.Name]
	if !ok {
		for _, f := range detailFields(o) {
			if !f.System && f.Name != o.LabelField && len(names) < 3 {
				names = append(names, f.Name)
			}
		}
	}
	var out []string
	if ow := r.Get(model.FieldOwner); ow.Valid {
		out = append(out, "owner "+Sanitize(ow.Ref))
	}
	for _, n := range names {
		f, ok := o.Field(n)
		if !ok {
			continue
		}
		if s := d.valueText(f, r.Get(n)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// valueText is a value as the page shows it: model.Display, all list
// entries rather than "+2", dates with their distance from now.
func (d *Detail) valueText(f model.Field, v model.Value) string {
	if !v.Valid {
		return ""
	}
	switch f.Type {
	case model.TypeEmails, model.TypePhones, model.TypeLinks:
		if len(v.List) > 1 {
			parts := make([]string, len(v.List))
			for i, s := range v.List {
				parts[i] = Sanitize(displayValue(f, model.Value{Valid: true, List: []string{s}}))
			}
			return strings.Join(parts, ", ")
		}
	case model.TypeDate:
		return Sanitize(v.Str) + " (" + model.RelativeDate(v.Str, d.now()) + ")"
	case model.TypeDateTime:
		return Sanitize(displayValue(f, v)) + " (" + model.RelativeTime(time.UnixMilli(v.Int), d.now()) + ")"
	}
	return Sanitize(displayValue(f, v))
}

// line is one drawn line; row is the cursor row it belongs to, or -1.
type line struct {
	text string
	row  int
}

// View draws the page: header, then the scrolled body.
func (d *Detail) View() string {
	if d.w <= 0 || d.h <= 0 {
		return ""
	}
	if !d.loaded {
		return padBlock(d.st.Muted.Render(" loading…"), d.w, d.h)
	}
	o, r := d.data.Object, d.data.Record
	title := Sanitize(r.Label)
	if title == "" {
		title = "(no " + strings.ToLower(Sanitize(o.Singular)) + " name)"
	}
	head := " " + d.st.Title.Render(Truncate(title, d.w-len(o.Singular)-6)) + d.st.Muted.Render("  · "+Sanitize(o.Singular))
	if r.Get(model.FieldDeletedAt).Valid {
		head += d.st.Error.Render("  deleted")
	}
	facts := d.st.Muted.Render(Truncate(" "+strings.Join(d.headerFacts(), " · "), d.w))
	body := d.bodyLines()
	bh := max(d.h-3, 1)
	// Scroll so the cursor row (and an open editor under it) is in view.
	first, last := -1, -1
	for i, ln := range body {
		if ln.row == d.cur {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first >= 0 {
		if last-d.top >= bh {
			d.top = last - bh + 1
		}
		if first < d.top {
			d.top = first
		}
	}
	d.top = min(max(d.top, 0), max(len(body)-bh, 0))
	var b strings.Builder
	b.WriteString(Fit(head, d.w) + "\n" + facts + "\n" + d.st.Muted.Render(strings.Repeat("─", d.w)))
	for i := d.top; i < len(body) && i < d.top+bh; i++ {
		b.WriteString("\n" + body[i].text)
	}
	return padBlock(b.String(), d.w, d.h)
}

// bodyLines lays out the fields, sections and activity.
func (d *Detail) bodyLines() []line {
	o, r := d.data.Object, d.data.Record
	fields := detailFields(o)
	labelW := 0
	for _, f := range fields {
		labelW = max(labelW, Width(Sanitize(f.Label)))
	}
	labelW = min(labelW, max(d.w/3, 6))
	valW := max(d.w-labelW-5, 1)
	var out []line
	add := func(text string, row int) { out = append(out, line{text, row}) }
	// cursorLine draws a selectable line; on the cursor it is drawn from
	// its plain text, so the highlight is not cut by the styles inside.
	cursorLine := func(styled, plain string, row int) {
		if row == d.cur && d.editor == nil {
			styled = d.st.CursorRow.Render(Fit("▸"+strings.TrimPrefix(plain, " "), d.w))
		}
		add(Truncate(styled, d.w), row)
	}
	section := func(title string) { add("", -1); add(" "+d.st.Header.Render(title), -1) }

	section("Fields")
	for i, f := range fields {
		v := d.valueText(f, r.Get(f.Name))
		if f.Type == model.TypeRichText && v != "" {
			v = strings.Join(strings.Fields(v), " ")
		}
		raw := v
		switch {
		case d.saving == f.Name:
			v = d.st.Warn.Render("saving…")
		case v == "":
			v = d.st.Muted.Render("—")
		case f.Type == model.TypeSelect:
			if opt, ok := f.Option(r.Get(f.Name).Str); ok {
				v = d.st.OptionStyle(opt.Color).Render(v)
			}
		}
		label := Fit(Sanitize(f.Label), labelW)
		if f.Required {
			label = Fit(Sanitize(f.Label)+"*", labelW)
		}
		plain := raw
		if d.saving == f.Name {
			plain = "saving…"
		} else if plain == "" {
			plain = "—"
		}
		cursorLine("  "+d.st.Muted.Render(label)+"  "+Truncate(v, valW), "  "+label+"  "+Truncate(plain, valW), i)
		if d.editor != nil && i == d.cur {
			for _, el := range strings.Split(d.editor.View(valW), "\n") {
				add(strings.Repeat(" ", labelW+4)+el, i)
			}
		}
		if d.noteField == f.Name && d.note != "" {
			st := d.st.Warn
			if d.noteErr {
				st = d.st.Error
			}
			add(strings.Repeat(" ", labelW+4)+st.Render(Truncate(Sanitize(d.note), valW)), i)
		}
	}
	row := len(fields)
	for _, s := range d.data.Sections {
		title := Sanitize(s.Title)
		if s.Inverse {
			title += d.st.Muted.Render(" (" + itoa(int(s.Total)) + ")")
		}
		section(title)
		if s.Inverse {
			hint := "+ new " + strings.ToLower(Sanitize(s.Singular))
			cursorLine("  "+d.st.Muted.Render(hint), "  "+hint, row)
			row++
		}
		for _, it := range s.Items {
			lbl := Sanitize(it.Label)
			if lbl == "" {
				lbl = "#" + itoa(int(it.ID))
			}
			left := "  " + Fit(lbl, min(30, d.w/2)) + "  "
			cursorLine(left+d.st.Muted.Render(Sanitize(it.Key)), left+Sanitize(it.Key), row)
			row++
		}
		if s.Inverse && int64(len(s.Items)) < s.Total {
			add("  "+d.st.Muted.Render("… "+itoa(int(s.Total)-len(s.Items))+" more"), -1)
		}
		if !s.Inverse && len(s.Items) == 0 {
			add("  "+d.st.Muted.Render("—"), -1)
		}
	}
	section("Activity")
	if len(d.data.Events) == 0 {
		add("  "+d.st.Muted.Render("no activity yet"), -1)
	}
	for _, ev := range d.data.Events {
		when := Fit(model.RelativeTime(ev.At, d.now()), 14)
		who := Fit(Sanitize(d.actorName(ev.Actor)), 10)
		text := Sanitize(d.eventText(ev))
		cursorLine("  "+d.st.Muted.Render(when+" "+who)+" "+text, "  "+when+" "+who+" "+text, row)
		row++
	}
	if d.data.MoreEvents {
		cursorLine("  "+d.st.Accent.Render("more activity…"), "  more activity…", row)
	}
	return out
}

func (d *Detail) actorName(id int64) string {
	if id == 0 {
		return "system"
	}
	if n, ok := d.data.Members[id]; ok {
		return n
	}
	return "#" + itoa(int(id))
}

// eventText words one activity entry: created, field changed old → new,
// stage moved, owner changed.
func (d *Detail) eventText(ev model.Event) string {
	label := ev.Field
	if f, ok := d.data.Object.Field(ev.Field); ok {
		label = f.Label
	}
	f, _ := d.data.Object.Field(ev.Field)
	old, nw := orDash(prettyText(f, ev.Old)), orDash(prettyText(f, ev.New))
	switch ev.Kind {
	case model.EventCreated:
		return "created"
	case model.EventImported:
		return "imported"
	case model.EventDeleted:
		return "deleted"
	case model.EventRestored:
		return "restored"
	case model.EventStageChanged:
		return "moved stage " + old + " → " + nw
	case model.EventOwnerChanged:
		return "changed owner " + old + " → " + nw
	}
	return "changed " + strings.ToLower(label) + ": " + old + " → " + nw
}

// prettyText shows an event's canonical text the way the field shows its
// value (local time, money symbols, option labels), when it parses.
func prettyText(f model.Field, s string) string {
	if f.Name == "" || s == "" {
		return s
	}
	switch f.Type {
	case model.TypeDateTime, model.TypeCurrency, model.TypeSelect, model.TypeMultiSelect, model.TypeNumber, model.TypeBoolean, model.TypePhones:
		if v, err := model.ParseValue(f, s, model.ParseEnv{}); err == nil && v.Valid {
			return displayValue(f, v)
		}
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return oneLineText(s)
}

func oneLineText(s string) string {
	if len(s) > 60 {
		s = Truncate(s, 60)
	}
	return strings.Join(strings.Fields(s), " ")
}
