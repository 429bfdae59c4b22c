package views

import (
	"errors"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
	"rolo/model"
)

// FilterDebounce is how long typing must pause before the filter is run.
// Short enough to feel live, long enough not to query on every key.
const FilterDebounce = 250 * time.Millisecond

var filterBarIDs atomic.Int64

// filterTickMsg fires FilterDebounce after an edit. Only the tick carrying
// the bar's latest seq runs the query; earlier ones are stale. The id keeps
// two bars (two lists) from taking each other's ticks.
type filterTickMsg struct {
	id  int64
	seq int
}

// FilterBar is the `/` input for the filter language. It does not run
// anything: its owner asks Tick whether a debounced change is due.
type FilterBar struct {
	id     int64
	keys   keymap.FilterBar
	styles Styles
	input  textinput.Model
	seq    int
	// applied is the text last handed to the owner, so a tick for text
	// that is already applied (typing then undoing) does nothing.
	applied string
	err     *ErrorSpan
	errSrc  string // the source err refers to
	width   int
}

// NewFilterBar returns a closed, empty filter bar.
func NewFilterBar(keys keymap.FilterBar, styles Styles) *FilterBar {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = `filter, e.g. stage:won amount>1000 owner:@me`
	f := &FilterBar{id: filterBarIDs.Add(1), keys: keys, input: in}
	f.SetStyles(styles)
	return f
}

// SetStyles applies new styles (background colour change).
func (f *FilterBar) SetStyles(s Styles) {
	f.styles = s
	st := f.input.Styles()
	st.Focused.Prompt = s.FilterPrompt
	st.Blurred.Prompt = s.FilterPrompt
	st.Focused.Text = s.FilterText
	st.Blurred.Text = s.FilterText
	st.Focused.Placeholder = s.Muted
	st.Blurred.Placeholder = s.Muted
	// A steady cursor: blinking costs a redraw twice a second and makes
	// rendered frames depend on timing.
	st.Cursor.Blink = false
	f.input.SetStyles(st)
}

// SetWidth sets the total width of the bar.
func (f *FilterBar) SetWidth(w int) {
	f.width = w
	f.input.SetWidth(max(1, w-3)) // prompt "/ " plus the cursor cell
}

// Focus opens the bar for typing.
func (f *FilterBar) Focus() tea.Cmd { return f.input.Focus() }

// Blur leaves the input, keeping its text.
func (f *FilterBar) Blur() { f.input.Blur() }

// Focused reports whether keys go to the input.
func (f *FilterBar) Focused() bool { return f.input.Focused() }

// Value is the current filter source.
func (f *FilterBar) Value() string { return f.input.Value() }

// SetValue replaces the text (switching to a saved view) without firing.
func (f *FilterBar) SetValue(s string) {
	f.input.SetValue(s)
	f.input.CursorEnd()
	f.applied = s
	f.seq++ // any pending tick is now stale
	f.err = nil
}

// SetError shows a parse error for src; nil clears it. An error for a
// source that is no longer in the bar is not shown.
func (f *FilterBar) SetError(src string, e *ErrorSpan) {
	f.err, f.errSrc = e, src
}

// Err is the error shown, if any.
func (f *FilterBar) Err() *ErrorSpan {
	if f.err != nil && f.errSrc == f.input.Value() {
		return f.err
	}
	return nil
}

// Applied marks s as run now (enter, esc), cancelling a pending tick.
func (f *FilterBar) Applied(s string) { f.applied = s; f.seq++ }

// Update feeds a key to the input. When the text changed it returns a tick
// command; the owner later passes that tick to Tick.
func (f *FilterBar) Update(msg tea.Msg) tea.Cmd {
	before := f.input.Value()
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	if f.input.Value() == before {
		return cmd
	}
	f.seq++
	id, seq := f.id, f.seq
	tick := tea.Tick(FilterDebounce, func(time.Time) tea.Msg { return filterTickMsg{id: id, seq: seq} })
	return tea.Batch(cmd, tick)
}

// Tick reports whether msg is this bar's latest debounce tick and the text
// has changed since it was last applied; if so it returns the text to run.
func (f *FilterBar) Tick(msg tea.Msg) (string, bool) {
	t, ok := msg.(filterTickMsg)
	if !ok || t.id != f.id || t.seq != f.seq || f.input.Value() == f.applied {
		return "", false
	}
	f.applied = f.input.Value()
	return f.applied, true
}

// IsApply/IsClear classify a key for the owner.
func (f *FilterBar) IsApply(msg tea.KeyPressMsg) bool { return key.Matches(msg, f.keys.Apply) }
func (f *FilterBar) IsClear(msg tea.KeyPressMsg) bool { return key.Matches(msg, f.keys.Clear) }

// Lines is how many rows View uses: the input, plus one for an error.
func (f *FilterBar) Lines() int {
	if f.Err() != nil {
		return 2
	}
	return 1
}

// View draws the input and, under it, the source with the offending span
// highlighted and the message. The error line is drawn from the source
// rather than inside the input so the span stays visible even where the
// input has scrolled horizontally.
func (f *FilterBar) View() string {
	var line string
	if f.input.Focused() {
		line = f.input.View()
	} else {
		line = f.styles.FilterPrompt.Render("/ ") + f.styles.FilterText.Render(Sanitize(f.input.Value()))
	}
	line = Fit(line, f.width)
	e := f.Err()
	if e == nil {
		return line
	}
	return line + "\n" + Fit(f.errorLine(*e), f.width)
}

func (f *FilterBar) errorLine(e ErrorSpan) string {
	src := f.errSrc
	pos, end := clampSpan(src, e.Pos, e.End)
	before, span, after := Sanitize(src[:pos]), Sanitize(src[pos:end]), Sanitize(src[end:])
	if span == "" {
		span = " " // an error at the end of input still gets a visible mark
	}
	var b strings.Builder
	b.WriteString("  ")
	b.WriteString(f.styles.Muted.Render(before))
	b.WriteString(f.styles.FilterErrorSpan.Render(span))
	b.WriteString(f.styles.Muted.Render(after))
	b.WriteString("  ")
	b.WriteString(f.styles.Error.Render("✗ " + Sanitize(e.Msg)))
	return b.String()
}

// clampSpan keeps [pos, end) inside s and on rune boundaries, whatever the
// parser reported.
func clampSpan(s string, pos, end int) (int, int) {
	pos = min(max(pos, 0), len(s))
	end = min(max(end, pos), len(s))
	for pos > 0 && pos < len(s) && !startsRune(s[pos]) {
		pos--
	}
	for end < len(s) && !startsRune(s[end]) {
		end++
	}
	return pos, end
}

func startsRune(b byte) bool { return b&0xC0 != 0x80 }

// FilterErrorSpan extracts the span of a filter parse or bind error
// (*model.FilterError, possibly wrapped) for SetFilterError. Other errors
// report false: the root shows them in the status bar instead.
func FilterErrorSpan(err error) (*ErrorSpan, bool) {
	var fe *model.FilterError
	if !errors.As(err, &fe) {
		return nil, false
	}
	return &ErrorSpan{Pos: fe.Pos, End: fe.End, Msg: fe.Msg}, true
}
