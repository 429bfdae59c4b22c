package views

import (
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
	"rolo/model"
)

// Editor edits one field's value with the input its type calls for (see
// editorKind). It validates as the user types, shows what the text will be
// saved as, and refuses to accept a value that does not parse. The owner
// (the detail page or the form) reads State and Value after each Update.
type Editor struct {
	id     int
	keys   keymap.Form
	st     Styles
	field  model.Field
	orig   model.Value
	env    func() model.ParseEnv
	kind   editorKind
	inForm bool

	input  textinput.Model // text kinds, list entry, picker filter, currency amount
	code   textinput.Model // currency code
	onCode bool
	area   textarea.Model

	entries []string // list kinds, primary first
	ecur    int      // entry under the cursor, len(entries) = the input

	picker picker

	boolVal bool
	value   model.Value
	err     string
	preview string
	state   EditorState
}

// EditorState says whether the editor is still open.
type EditorState int

const (
	Editing EditorState = iota
	Accepted
	Cancelled
)

type editorKind int

const (
	kindText     editorKind = iota // text, number, date, datetime, rating: one line, parsed live
	kindCurrency                   // amount and code
	kindList                       // emails, phones, links: entries with a primary
	kindBool                       // a toggle
	kindPicker                     // select, multi-select, relation, member, pipeline, stage
	kindArea                       // rich text: a textarea
)

var editorIDs atomic.Int64

func kindOf(f model.Field, inForm bool) editorKind {
	switch f.Type {
	case model.TypeCurrency:
		return kindCurrency
	case model.TypeEmails, model.TypePhones, model.TypeLinks:
		return kindList
	case model.TypeBoolean:
		return kindBool
	case model.TypeSelect, model.TypeMultiSelect, model.TypeRelation, model.TypeMember, model.TypePipeline, model.TypeStage:
		return kindPicker
	case model.TypeRichText:
		// In a form too: notes and bodies are several lines, and the form
		// moves between fields with tab, so enter is free for newlines.
		return kindArea
	}
	return kindText
}

// NewEditor opens an editor on field f holding cur. env supplies the clock
// and defaults for parsing (relative dates are read against env().Now).
// In a form (inForm) enter on a one-line field means "next field"; in rich
// text it is a newline there as everywhere.
func NewEditor(keys keymap.Form, st Styles, f model.Field, cur model.Value, env func() model.ParseEnv, inForm bool) *Editor {
	if env == nil {
		env = func() model.ParseEnv { return model.ParseEnv{} }
	}
	e := &Editor{id: int(editorIDs.Add(1)), keys: keys, st: st, field: f, orig: cur, env: env, inForm: inForm, value: cur}
	e.kind = kindOf(f, inForm)
	e.input = newInput("")
	switch e.kind {
	case kindText:
		e.input.SetValue(editText(f, cur))
		e.input.CursorEnd()
		e.input.Focus()
		e.validate()
	case kindCurrency:
		if cur.Valid {
			e.input.SetValue(model.FormatMicros(cur.Int))
		}
		e.input.Focus()
		e.code = newInput("")
		e.code.CharLimit = 3
		code := cur.Str
		if code == "" {
			code = strings.ToUpper(env().DefaultCurrency)
		}
		if code == "" {
			code = "USD"
		}
		e.code.SetValue(code)
		e.validate()
	case kindList:
		e.entries = append([]string(nil), cur.List...)
		e.ecur = len(e.entries)
		e.input.Placeholder = "add " + entryNoun(f)
		e.input.Focus()
	case kindBool:
		e.boolVal = cur.Valid && cur.Int != 0
	case kindPicker:
		e.picker = newPicker(f, cur)
		e.input.Placeholder = "type to filter"
		e.input.Focus()
	case kindArea:
		e.area = textarea.New()
		e.area.ShowLineNumbers = false
		// A steady cursor, as in the one-line inputs (newInput): a blinking
		// one keeps a timer running under every redraw of the screen.
		ast := e.area.Styles()
		ast.Cursor.Blink = false
		e.area.SetStyles(ast)
		e.area.SetValue(cur.Str)
		e.area.Focus()
	}
	return e
}

func newInput(v string) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	ist := in.Styles()
	ist.Cursor.Blink = false
	in.SetStyles(ist)
	in.SetValue(v)
	return in
}

// editText is the text an editor starts from: what a person would type
// to get the value back (dates in ISO form, datetimes in local time).
func editText(f model.Field, v model.Value) string {
	if !v.Valid {
		return ""
	}
	switch f.Type {
	case model.TypeDateTime:
		return time.UnixMilli(v.Int).In(time.Local).Format("2006-01-02 15:04")
	case model.TypeRating:
		return model.FormatText(f, v)
	}
	return model.FormatText(f, v)
}

func entryNoun(f model.Field) string {
	switch f.Type {
	case model.TypeEmails:
		return "an email"
	case model.TypePhones:
		return "a phone"
	}
	return "a link"
}

// Init starts what the editor needs at once: a picker over records asks
// for its first choices.
func (e *Editor) Init() tea.Cmd {
	if e.kind == kindPicker && e.picker.async {
		return e.picker.query(e.field, "")
	}
	return nil
}

// Field is the field being edited.
func (e *Editor) Field() model.Field { return e.field }

// State reports whether the editor is open, accepted or cancelled.
func (e *Editor) State() EditorState { return e.state }

// Value is the accepted value (or, in a form, the value as typed so far).
func (e *Editor) Value() model.Value { return e.value }

// Err is why the current input is not acceptable, "" when it is.
func (e *Editor) Err() string { return e.err }

// Reopen puts an accepted editor back to editing (a form's field keeps its
// editor as focus moves on and back).
func (e *Editor) Reopen() { e.state = Editing }

// Text is the raw text being typed (forms keep it across focus changes).
func (e *Editor) Text() string { return e.input.Value() }

// Current validates what is typed now and returns the value it stands for.
func (e *Editor) Current() (model.Value, string) {
	switch e.kind {
	case kindText, kindCurrency:
		e.validate()
	case kindList:
		if strings.TrimSpace(e.input.Value()) != "" {
			if !e.addEntry() {
				return model.Value{}, e.err
			}
		}
		e.listValue()
	case kindArea:
		e.areaValue()
	}
	return e.value, e.err
}

// areaValue takes the textarea's text as the value (blank is no value).
func (e *Editor) areaValue() {
	e.value = model.Value{}
	if s := e.area.Value(); strings.TrimSpace(s) != "" {
		e.value = model.Value{Valid: true, Str: s}
	}
}

// SetText replaces a rich-text editor's text ($EDITOR's result in a form).
func (e *Editor) SetText(s string) {
	if e.kind != kindArea {
		return
	}
	e.area.SetValue(s)
	e.areaValue()
}

// AreaText is a rich-text editor's text as typed, for $EDITOR; ok is
// false for other kinds.
func (e *Editor) AreaText() (string, bool) {
	if e.kind != kindArea {
		return "", false
	}
	return e.area.Value(), true
}

// Dirty reports whether the user changed anything.
func (e *Editor) Dirty() bool {
	e.Current()
	return model.FormatText(e.field, e.value) != model.FormatText(e.field, e.orig)
}

// SetPickerResults takes the answer to a PickerQueryMsg.
func (e *Editor) SetPickerResults(req int, items []PickItem, err error) {
	if e.kind != kindPicker {
		return
	}
	e.picker.setResults(req, items, err)
}

// Update handles a key or the picker's debounce tick.
func (e *Editor) Update(msg tea.Msg) tea.Cmd {
	if t, ok := msg.(pickerTickMsg); ok {
		if t.editor == e.id && e.kind == kindPicker && t.seq == e.picker.seq {
			return e.picker.query(e.field, e.input.Value())
		}
		return nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if e.kind == kindArea {
			var cmd tea.Cmd
			e.area, cmd = e.area.Update(msg)
			return cmd
		}
		return nil
	}
	if key.Matches(k, e.keys.Cancel) {
		e.state = Cancelled
		return nil
	}
	switch e.kind {
	case kindText:
		return e.updateText(k)
	case kindCurrency:
		return e.updateCurrency(k)
	case kindList:
		return e.updateList(k)
	case kindBool:
		return e.updateBool(k)
	case kindPicker:
		return e.updatePicker(k)
	case kindArea:
		if key.Matches(k, e.keys.Save) {
			e.areaValue()
			return e.accept()
		}
		var cmd tea.Cmd
		e.area, cmd = e.area.Update(k)
		// A form shows an unfocused row from Value: keep it current.
		e.areaValue()
		return cmd
	}
	return nil
}

// accept closes the editor with e.value unless it is invalid or a
// required field would be left empty.
func (e *Editor) accept() tea.Cmd {
	if e.err != "" {
		return nil
	}
	if e.field.Required && !e.value.Valid {
		e.err = Sanitize(e.field.Label) + " is required"
		return nil
	}
	e.state = Accepted
	return nil
}

func (e *Editor) updateText(k tea.KeyPressMsg) tea.Cmd {
	if key.Matches(k, e.keys.Accept) {
		e.validate()
		return e.accept()
	}
	var cmd tea.Cmd
	e.input, cmd = e.input.Update(k)
	e.validate()
	return cmd
}

// validate parses the typed text and sets value, preview or err.
func (e *Editor) validate() {
	text := e.input.Value()
	if e.kind == kindCurrency {
		if strings.TrimSpace(text) == "" {
			e.value, e.err, e.preview = model.Value{}, "", ""
			return
		}
		text = strings.TrimSpace(e.code.Value()) + " " + text
	}
	v, err := model.ParseValue(e.field, text, e.env())
	if err != nil {
		e.err, e.preview = expectedText(err), ""
		return
	}
	e.value, e.err = v, ""
	e.preview = previewOf(e.field, v, e.env().Now)
}

// expectedText shortens a *model.FieldError to what the user must fix.
func expectedText(err error) string {
	if fe, ok := err.(*model.FieldError); ok {
		return "expected " + fe.Expected
	}
	return err.Error()
}

// previewOf is what a parsed value will be saved as, in words: dates
// spelled out with their weekday and distance, amounts with their symbol.
func previewOf(f model.Field, v model.Value, now time.Time) string {
	if !v.Valid {
		return ""
	}
	if now.IsZero() {
		now = time.Now()
	}
	switch f.Type {
	case model.TypeDate:
		d, err := time.Parse(model.DateLayout, v.Str)
		if err == nil {
			return d.Format("Mon 2 Jan 2006") + " · " + model.RelativeDate(v.Str, now)
		}
	case model.TypeDateTime:
		t := time.UnixMilli(v.Int).In(now.Location())
		return t.Format("Mon 2 Jan 2006 15:04") + " · " + model.RelativeTime(t, now)
	case model.TypeText:
		return ""
	}
	return displayValue(f, v)
}

func (e *Editor) updateCurrency(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, e.keys.Accept):
		e.validate()
		return e.accept()
	case key.Matches(k, e.keys.SwitchPart) && !e.inForm, k.String() == "ctrl+right", k.String() == "ctrl+left":
		e.onCode = !e.onCode
		if e.onCode {
			e.input.Blur()
			e.code.Focus()
		} else {
			e.code.Blur()
			e.input.Focus()
		}
		return nil
	}
	var cmd tea.Cmd
	if e.onCode {
		e.code, cmd = e.code.Update(k)
		e.code.SetValue(strings.ToUpper(e.code.Value()))
	} else {
		e.input, cmd = e.input.Update(k)
	}
	e.validate()
	return cmd
}

func (e *Editor) updateBool(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, e.keys.Toggle), k.String() == "left", k.String() == "right":
		e.boolVal = !e.boolVal
	case k.String() == "y":
		e.boolVal = true
	case k.String() == "n":
		e.boolVal = false
	case key.Matches(k, e.keys.Accept):
		e.value = boolValue(e.boolVal)
		return e.accept()
	default:
		return nil
	}
	e.value = boolValue(e.boolVal)
	return nil
}

func boolValue(b bool) model.Value {
	if b {
		return model.Value{Valid: true, Int: 1}
	}
	return model.Value{Valid: true, Int: 0}
}

// Toggle flips a boolean editor and accepts it: in the detail page a
// boolean field changes with one key.
func (e *Editor) Toggle() {
	e.boolVal = !e.boolVal
	e.value = boolValue(e.boolVal)
	e.state = Accepted
}
