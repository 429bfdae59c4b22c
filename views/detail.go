package views

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
	"rolo/model"
)

// Detail is the record page: a header with the record's key facts, every
// field (editable in place with the Editor its type calls for), the related
// records both ways, and the recent activity. It does no IO: it draws the
// DetailData the root gives it and emits intents (detail_msgs.go).
type Detail struct {
	keys   keymap.Detail
	fkeys  keymap.Form
	st     Styles
	w, h   int
	env    func() model.ParseEnv
	now    func() time.Time
	data   DetailData
	loaded bool

	rows   []detailRow
	cur    int
	top    int // first drawn line
	editor *Editor
	// saving is the field whose write is in flight; fieldNote holds a
	// message under one field (a failed save, a conflict).
	saving    string
	noteField string
	note      string
	noteErr   bool
}

type rowKind int

const (
	rowField   rowKind = iota
	rowSection         // an inverse section's title: enter or n creates one there
	rowRel             // a related record
	rowEvent
	rowMore // load older activity
)

type detailRow struct {
	kind  rowKind
	field model.Field
	sec   int
	item  int
}

// NewDetail returns an empty detail page.
func NewDetail(keys keymap.Detail, fkeys keymap.Form, st Styles) *Detail {
	return &Detail{keys: keys, fkeys: fkeys, st: st, now: time.Now,
		env: func() model.ParseEnv { return model.ParseEnv{} }}
}

// SetParseEnv sets what editors parse with (clock, region, currency).
func (d *Detail) SetParseEnv(env func() model.ParseEnv) { d.env = env }

// SetClock sets the clock relative times are drawn against (tests pin it).
func (d *Detail) SetClock(now func() time.Time) { d.now = now }

// SetStyles applies rebuilt styles.
func (d *Detail) SetStyles(st Styles) { d.st = st }

// SetSize sets the page's area.
func (d *Detail) SetSize(w, h int) { d.w, d.h = max(w, 0), max(h, 0) }

// SetData shows a record. The same record again (after a save or a
// reload) keeps the cursor; another record starts at the top.
func (d *Detail) SetData(data DetailData) {
	same := d.loaded && data.Record.ID == d.data.Record.ID && data.Object.Name == d.data.Object.Name
	d.data, d.loaded = data, true
	d.buildRows()
	if !same {
		d.cur, d.top, d.editor = 0, 0, nil
		d.note, d.noteField = "", ""
		// Start on the first field a person edits, not on the id.
		for i, r := range d.rows {
			if r.kind == rowField && editable(r.field) && r.field.Name != model.FieldOwner && r.field.Name != model.FieldActive {
				d.cur = i
				break
			}
		}
	}
	d.cur = min(d.cur, max(len(d.rows)-1, 0))
	d.saving = ""
}

// Data is what the page shows.
func (d *Detail) Data() DetailData { return d.data }

// Object and Record are the open record's.
func (d *Detail) Object() model.Object { return d.data.Object }
func (d *Detail) Record() model.Record { return d.data.Record }

// Cursor and SetCursor let the root restore the cursor when going back.
func (d *Detail) Cursor() int { return d.cur }
func (d *Detail) SetCursor(i int) {
	d.cur = min(max(i, 0), max(len(d.rows)-1, 0))
}

// AppendEvents adds an older page of activity.
func (d *Detail) AppendEvents(evs []model.Event, more bool) {
	d.data.Events = append(d.data.Events, evs...)
	d.data.MoreEvents = more
	d.buildRows()
}

// Saved shows the record as the store wrote it, at once; the root reloads
// the sections and activity behind it.
func (d *Detail) Saved(rec model.Record) {
	if rec.ID == d.data.Record.ID {
		d.data.Record = rec
	}
	d.saving = ""
}

// SaveFailed reports a failed write of field: the old value stays and the
// reason is shown under the field.
func (d *Detail) SaveFailed(field string, err error) {
	d.saving = ""
	d.noteField, d.note, d.noteErr = field, err.Error(), true
}

// Conflict reports that the record changed elsewhere before field was
// saved: the page shows the record as it is now, and says so.
func (d *Detail) Conflict(field string, current model.Record) {
	d.data.Record = current
	d.saving = ""
	f, _ := d.data.Object.Field(field)
	now := displayValue(f, current.Get(field))
	if now == "" {
		now = "empty"
	}
	d.noteField, d.noteErr = field, true
	d.note = "changed elsewhere meanwhile: now " + now + " (not overwritten; edit again to change it)"
}

// CapturesKeys reports that an editor is open: every key is its input.
func (d *Detail) CapturesKeys() bool { return d.editor != nil }

// Editor is the open field editor, if any.
func (d *Detail) Editor() *Editor { return d.editor }

// SetPickerResults passes a picker answer to the open editor.
func (d *Detail) SetPickerResults(req int, items []PickItem, err error) {
	if d.editor != nil {
		d.editor.SetPickerResults(req, items, err)
	}
}

// buildRows lists what the cursor can stop on, in drawing order.
func (d *Detail) buildRows() {
	d.rows = d.rows[:0]
	for _, f := range detailFields(d.data.Object) {
		d.rows = append(d.rows, detailRow{kind: rowField, field: f})
	}
	for si, s := range d.data.Sections {
		if s.Inverse {
			d.rows = append(d.rows, detailRow{kind: rowSection, sec: si})
		}
		for ii := range s.Items {
			d.rows = append(d.rows, detailRow{kind: rowRel, sec: si, item: ii})
		}
	}
	for ei := range d.data.Events {
		d.rows = append(d.rows, detailRow{kind: rowEvent, item: ei})
	}
	if d.data.MoreEvents {
		d.rows = append(d.rows, detailRow{kind: rowMore})
	}
}

// detailFields are the fields the page lists: every field in the object's
// order but the hidden ones and deleted_at.
func detailFields(o model.Object) []model.Field {
	var out []model.Field
	for _, f := range o.Fields {
		if f.Hidden || f.Name == model.FieldDeletedAt {
			continue
		}
		out = append(out, f)
	}
	return out
}

func (d *Detail) row() (detailRow, bool) {
	if d.cur < 0 || d.cur >= len(d.rows) {
		return detailRow{}, false
	}
	return d.rows[d.cur], true
}

// Update handles keys, the editor's messages and $EDITOR's answer.
func (d *Detail) Update(msg tea.Msg) (Component, tea.Cmd) {
	switch msg := msg.(type) {
	case ExternalEditedMsg:
		if msg.Err != nil {
			return d, emit(NoticeMsg{Text: "editor: " + msg.Err.Error(), Err: true})
		}
		v := model.Value{}
		if strings.TrimSpace(msg.Text) != "" {
			v = model.Value{Valid: true, Str: msg.Text}
		}
		return d, d.save(msg.Field, v)
	case tea.KeyPressMsg:
		if d.editor != nil {
			return d, d.updateEditor(msg)
		}
		return d, d.handleKey(msg)
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			d.move(-wheelStep)
		case tea.MouseWheelDown:
			d.move(wheelStep)
		}
	default:
		if d.editor != nil {
			return d, d.updateEditor(msg)
		}
	}
	return d, nil
}

func (d *Detail) updateEditor(msg tea.Msg) tea.Cmd {
	cmd := d.editor.Update(msg)
	switch d.editor.State() {
	case Accepted:
		e := d.editor
		d.editor = nil
		return tea.Batch(cmd, d.save(e.Field().Name, e.Value()))
	case Cancelled:
		d.editor = nil
	}
	return cmd
}

// save emits the write of one field, unless the value did not change.
func (d *Detail) save(field string, v model.Value) tea.Cmd {
	f, _ := d.data.Object.Field(field)
	if model.FormatText(f, v) == model.FormatText(f, d.data.Record.Get(field)) {
		return nil
	}
	d.saving = field
	d.note, d.noteField = "", ""
	r := d.data.Record
	return emit(SaveFieldMsg{Object: d.data.Object.Name, ID: r.ID, Field: field, Value: v,
		IfUpdatedAt: r.Get(model.FieldUpdatedAt).Int})
}

func (d *Detail) move(delta int) {
	d.cur = min(max(d.cur+delta, 0), max(len(d.rows)-1, 0))
}

func (d *Detail) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := d.keys
	page := max(d.h-4, 1)
	switch {
	case key.Matches(msg, k.Back):
		return emit(DetailBackMsg{})
	case key.Matches(msg, k.Down):
		d.move(1)
	case key.Matches(msg, k.Up):
		d.move(-1)
	case key.Matches(msg, k.PageDown):
		d.move(page)
	case key.Matches(msg, k.PageUp):
		d.move(-page)
	case key.Matches(msg, k.Top):
		d.cur = 0
	case key.Matches(msg, k.Bottom):
		d.cur = max(len(d.rows)-1, 0)
	case key.Matches(msg, k.PrevRecord):
		return emit(DetailStepMsg{Delta: -1})
	case key.Matches(msg, k.NextRecord):
		return emit(DetailStepMsg{Delta: 1})
	case key.Matches(msg, k.Open):
		return d.open()
	case key.Matches(msg, k.Edit):
		if r, ok := d.row(); ok && r.kind == rowField {
			return d.edit(r.field)
		}
	case key.Matches(msg, k.Owner):
		if f, ok := d.data.Object.Field(model.FieldOwner); ok {
			return d.edit(f)
		}
	case key.Matches(msg, k.ExternalEditor):
		if r, ok := d.row(); ok && r.kind == rowField && r.field.Type == model.TypeRichText {
			return emit(ExternalEditMsg{Field: r.field.Name, Text: d.data.Record.Get(r.field.Name).Str})
		}
		return emit(NoticeMsg{Text: "E edits a rich-text field in $EDITOR; move to one first", Err: true})
	case key.Matches(msg, k.New):
		return d.newRecord()
	case key.Matches(msg, k.Delete):
		r := d.data.Record
		return emit(DeleteRecordMsg{Object: d.data.Object.Name, ID: r.ID, Label: r.Label})
	case key.Matches(msg, k.Undo):
		return emit(UndoMsg{})
	case key.Matches(msg, k.Favorite):
		return emit(ToggleFavoriteRecordMsg{Object: d.data.Object.Name, ID: d.data.Record.ID})
	case key.Matches(msg, k.Copy):
		return d.copyCursor()
	case key.Matches(msg, k.CopyRecord):
		return copyCmd(d.recordText(), "copied the record")
	case key.Matches(msg, k.OpenLink):
		return d.openLink()
	}
	return nil
}

// open is enter: edit the field, open the related record, create in an
// empty section, or load older activity.
func (d *Detail) open() tea.Cmd {
	r, ok := d.row()
	if !ok {
		return nil
	}
	switch r.kind {
	case rowField:
		return d.edit(r.field)
	case rowRel:
		it := d.data.Sections[r.sec].Items[r.item]
		return emit(OpenRecordMsg{Object: it.Object, ID: it.ID})
	case rowSection:
		return d.newRecord()
	case rowMore:
		evs := d.data.Events
		if len(evs) == 0 {
			return nil
		}
		return emit(MoreEventsMsg{Object: d.data.Object.Name, ID: d.data.Record.ID, BeforeID: evs[len(evs)-1].ID})
	}
	return nil
}

// edit opens the editor for f. Booleans flip at once.
func (d *Detail) edit(f model.Field) tea.Cmd {
	if !editable(f) {
		return emit(NoticeMsg{Text: Sanitize(f.Label) + " is maintained by rolo and cannot be edited", Err: true})
	}
	if d.saving != "" {
		return emit(NoticeMsg{Text: "still saving " + d.saving, Err: true})
	}
	d.note, d.noteField = "", ""
	// Put the cursor on the field (O from elsewhere) so the editor opens there.
	for i, r := range d.rows {
		if r.kind == rowField && r.field.Name == f.Name {
			d.cur = i
		}
	}
	e := NewEditor(d.fkeys, d.st, f, d.data.Record.Get(f.Name), d.env, false)
	if f.Type == model.TypeBoolean {
		e.Toggle()
		return d.save(f.Name, e.Value())
	}
	if f.Type == model.TypeStage {
		if pf, ok := detailFieldOfType(d.data.Object, model.TypePipeline); ok {
			e.SetPipeline(d.data.Record.Get(pf.Name).Int)
		}
	}
	d.editor = e
	return e.Init()
}

// editable reports whether a person may set f: not the fields rolo keeps
// (id, timestamps, creator, stage-changed), but the owner and active flag.
func editable(f model.Field) bool {
	switch f.Name {
	case model.FieldOwner, model.FieldActive:
		return true
	case model.FieldID, model.FieldCreatedAt, model.FieldUpdatedAt, model.FieldCreatedBy, model.FieldDeletedAt, model.FieldPosition:
		return false
	}
	return !f.System
}

func detailFieldOfType(o model.Object, t model.FieldType) (model.Field, bool) {
	for _, f := range o.Fields {
		if f.Type == t {
			return f, true
		}
	}
	return model.Field{}, false
}

// newRecord is n: in an inverse section, a record of that section's object
// linked to this one; elsewhere, another record of this object.
func (d *Detail) newRecord() tea.Cmd {
	if r, ok := d.row(); ok && (r.kind == rowSection || r.kind == rowRel) {
		s := d.data.Sections[r.sec]
		if s.Inverse {
			return emit(NewRecordMsg{Object: s.Object, Prefill: map[string]string{s.Field: "#" + itoa(int(d.data.Record.ID))}})
		}
	}
	return emit(NewRecordMsg{Object: d.data.Object.Name})
}

// copyCmd writes text to the clipboard through the terminal (OSC 52),
// which works over SSH too, and says so in the status bar.
func copyCmd(text, what string) tea.Cmd {
	return tea.Batch(tea.SetClipboard(text), emit(NoticeMsg{Text: what}))
}

func (d *Detail) copyCursor() tea.Cmd {
	r, ok := d.row()
	if !ok {
		return nil
	}
	switch r.kind {
	case rowField:
		v := d.data.Record.Get(r.field.Name)
		text := model.FormatText(r.field, v)
		if r.field.Type == model.TypeRelation || r.field.Type == model.TypeMember {
			text = v.Ref
		}
		if text == "" {
			return emit(NoticeMsg{Text: Sanitize(r.field.Label) + " is empty: nothing copied", Err: true})
		}
		return copyCmd(text, "copied "+strings.ToLower(Sanitize(r.field.Label)))
	case rowRel:
		it := d.data.Sections[r.sec].Items[r.item]
		return copyCmd(it.Label, "copied "+Sanitize(it.Label))
	case rowEvent:
		return copyCmd(d.eventText(d.data.Events[r.item]), "copied the activity line")
	}
	return nil
}

// recordText is the whole record as "Label: value" lines (Y).
func (d *Detail) recordText() string {
	var b strings.Builder
	b.WriteString(d.data.Record.Label + "\n")
	for _, f := range detailFields(d.data.Object) {
		v := d.data.Record.Get(f.Name)
		if !v.Valid {
			continue
		}
		text := model.FormatText(f, v)
		if f.Type == model.TypeDateTime || f.Type == model.TypeCurrency {
			text = displayValue(f, v)
		}
		b.WriteString(f.Label + ": " + text + "\n")
	}
	return b.String()
}

// openLink is o: the primary link, email (mailto:) or phone (tel:) of the
// field under the cursor, or the first such field of the record.
func (d *Detail) openLink() tea.Cmd {
	fields := detailFields(d.data.Object)
	if r, ok := d.row(); ok && r.kind == rowField {
		fields = append([]model.Field{r.field}, fields...)
	}
	for _, f := range fields {
		v := d.data.Record.Get(f.Name)
		if !v.Valid || len(v.List) == 0 {
			continue
		}
		switch f.Type {
		case model.TypeLinks:
			return emit(OpenExternalMsg{URL: v.List[0]})
		case model.TypeEmails:
			return emit(OpenExternalMsg{URL: "mailto:" + v.List[0]})
		case model.TypePhones:
			return emit(OpenExternalMsg{URL: "tel:" + v.List[0]})
		}
	}
	return emit(NoticeMsg{Text: "no link, email or phone to open", Err: true})
}
