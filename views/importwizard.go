package views

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
)

// ImportWizard walks a file into an object: path (with Tab completion) →
// preview with the column mapping and options → dry run → import with a
// progress bar → summary. It is a Dialog the root shows as its overlay.
// Every file access is a request message (transfer_msgs.go); the root
// answers through SetCompletions, SetPreview, SetProgress and SetResult.
type ImportWizard struct {
	keys   keymap.Import
	styles Styles
	w, h   int

	object string // object name, e.g. "people"
	label  string // what the title calls it, e.g. "people"
	step   wizardStep
	// req is the request whose answer the wizard waits for (or took
	// last); pending that it is still waiting. Ids come from one counter
	// shared by every wizard, so an answer meant for a closed wizard can
	// never match a new one.
	req     int
	pending bool
	closed  bool

	path        textinput.Model
	completions []string
	pathErr     string
	// openAfter is set when enter came while a completion was on its way
	// (a fast tab, enter): the path opens once the completion is in.
	openAfter bool

	preview   ImportPreview
	overrides map[string]string // header → field, or "-" to skip
	order     []string          // headers in the order they were overridden, for a stable Map
	colCursor int
	colOffset int
	opts      importOpts
	err       string // the last preview's or dry run's error
	picker    *fieldPicker

	dry         ImportResult // the dry run's result
	result      ImportResult // the import's result
	done, total int64
	cancelling  bool
}

type wizardStep int

const (
	stepPath wizardStep = iota
	stepPreview
	stepDryRun
	stepImporting
	stepDone
)

// importOpts are the preview's toggles.
type importOpts struct {
	match                              string
	createMissing, skipBad, updateOnly bool
	dateFormat                         string
}

// dateFormats are the choices of the date-format toggle: automatic, then
// the day-first and month-first orders that automatic cannot tell apart.
var dateFormats = []string{"", "DD/MM/YYYY", "MM/DD/YYYY", "YYYY-MM-DD", "DD.MM.YYYY"}

var wizardReqs atomic.Int64

// NewImportWizard opens the wizard for object on the path step, with
// path (a directory, typically the current one, ending in a separator)
// typed in.
func NewImportWizard(keys keymap.Import, st Styles, object, label, path string) *ImportWizard {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = 4096
	ist := in.Styles()
	ist.Cursor.Blink = false
	in.SetStyles(ist)
	in.SetValue(path)
	in.CursorEnd()
	in.Focus()
	return &ImportWizard{keys: keys, styles: st, object: object, label: label, path: in, overrides: map[string]string{}}
}

// SetSize gives the wizard the whole screen; it draws itself smaller.
func (w *ImportWizard) SetSize(width, height int) {
	w.w, w.h = width, height
	w.path.SetWidth(max(w.innerWidth()-4, 1))
}

// SetStyles applies rebuilt styles.
func (w *ImportWizard) SetStyles(st Styles) { w.styles = st }

// Closed implements Dialog.
func (w *ImportWizard) Closed() bool { return w.closed }

// Object is the object imported into.
func (w *ImportWizard) Object() string { return w.object }

// Running reports that the real import is under way.
func (w *ImportWizard) Running() bool { return w.step == stepImporting }

// Spec is the import as chosen so far.
func (w *ImportWizard) Spec() ImportSpec {
	s := ImportSpec{
		Object: w.object, Path: strings.TrimSpace(w.path.Value()),
		Match: w.opts.match, CreateMissing: w.opts.createMissing, SkipInvalid: w.opts.skipBad,
		UpdateOnly: w.opts.updateOnly, DateFormat: w.opts.dateFormat,
	}
	for _, h := range w.order {
		s.Map = append(s.Map, h+"="+w.overrides[h])
	}
	return s
}

func (w *ImportWizard) next() int {
	w.req = int(wizardReqs.Add(1))
	w.pending = true
	return w.req
}

// answers reports whether an answer to req is the one awaited.
func (w *ImportWizard) answers(req int) bool { return !w.closed && w.pending && req == w.req }

// Update handles keys; answers come through the Set methods.
func (w *ImportWizard) Update(msg tea.Msg) (Component, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if w.step == stepPath {
			var cmd tea.Cmd
			w.path, cmd = w.path.Update(msg) // a paste
			return w, cmd
		}
		if w.picker != nil {
			return w, w.picker.update(msg)
		}
		return w, nil
	}
	switch w.step {
	case stepPath:
		return w, w.pathKey(k)
	case stepPreview:
		return w, w.previewKey(k)
	case stepDryRun:
		return w, w.dryRunKey(k)
	case stepImporting:
		if key.Matches(k, w.keys.Cancel) && !w.cancelling {
			w.cancelling = true
			return w, emit(WizardCancelMsg{Req: w.req})
		}
	case stepDone:
		if key.Matches(k, w.keys.Next, w.keys.Back) {
			return w, w.close()
		}
	}
	return w, nil
}

func (w *ImportWizard) close() tea.Cmd {
	w.closed = true
	imported := w.result.Written && w.result.Created+w.result.Updated > 0
	return emit(WizardClosedMsg{Object: w.object, Imported: imported})
}

func (w *ImportWizard) pathKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, w.keys.Back):
		return w.close()
	case key.Matches(k, w.keys.Complete):
		w.pathErr = ""
		return emit(WizardCompleteMsg{Req: w.next(), Path: w.path.Value()})
	case key.Matches(k, w.keys.Next):
		if strings.TrimSpace(w.path.Value()) == "" {
			w.pathErr = "type the path of a CSV, TSV, XLSX, JSON or vCard file"
			return nil
		}
		if w.pending {
			w.openAfter = true
			return nil
		}
		w.pathErr, w.completions = "", nil
		return w.requestPreview()
	}
	before := w.path.Value()
	var cmd tea.Cmd
	w.path, cmd = w.path.Update(k)
	if w.path.Value() != before {
		// The listing and any answer on its way are about the old text.
		w.completions, w.pathErr, w.pending, w.openAfter = nil, "", false, false
	}
	return cmd
}

// SetCompletions answers a WizardCompleteMsg with the matching paths
// (directories end in a separator). One match is taken; several extend
// the text to their common prefix and are listed. The command opens the
// file when enter was pressed while waiting.
func (w *ImportWizard) SetCompletions(req int, paths []string, err error) tea.Cmd {
	if !w.answers(req) || w.step != stepPath {
		return nil
	}
	w.pending = false
	// Enter pressed meanwhile opens a single file; a directory or several
	// matches still need the user.
	open := w.openAfter && err == nil && len(paths) == 1 && !strings.HasSuffix(paths[0], string(filepath.Separator))
	w.openAfter = false
	switch {
	case err != nil:
		w.pathErr, w.completions = err.Error(), nil
	case len(paths) == 0:
		w.pathErr, w.completions = "no file or directory matches", nil
	case len(paths) == 1:
		w.setPath(paths[0])
		w.completions = nil
	default:
		if p := commonPrefix(paths); len(p) > len(w.path.Value()) {
			w.setPath(p)
		}
		w.completions = slices.Clone(paths)
	}
	if open {
		return w.requestPreview()
	}
	return nil
}

func (w *ImportWizard) setPath(p string) {
	w.path.SetValue(p)
	w.path.CursorEnd()
}

func commonPrefix(ss []string) string {
	p := ss[0]
	for _, s := range ss[1:] {
		for !strings.HasPrefix(s, p) {
			p = p[:len(p)-1]
		}
	}
	return p
}

func (w *ImportWizard) requestPreview() tea.Cmd {
	return emit(WizardPreviewMsg{Req: w.next(), Spec: w.Spec()})
}

// SetPreview answers a WizardPreviewMsg. An error on the path step stays
// there; on the preview (a mapping change the file refused) it is shown
// over the last good preview.
func (w *ImportWizard) SetPreview(req int, p ImportPreview, err error) {
	if !w.answers(req) {
		return
	}
	w.pending = false
	if err != nil {
		if w.step == stepPath {
			w.pathErr = err.Error()
		} else {
			w.err = err.Error()
		}
		return
	}
	w.preview, w.err = p, ""
	if w.step == stepPath {
		w.step, w.colCursor, w.colOffset = stepPreview, 0, 0
	}
	w.colCursor = min(w.colCursor, max(len(p.Columns)-1, 0))
}

func (w *ImportWizard) previewKey(k tea.KeyPressMsg) tea.Cmd {
	if w.picker != nil {
		return w.pickerKey(k)
	}
	n := len(w.preview.Columns)
	switch {
	case key.Matches(k, w.keys.Back):
		w.step, w.err = stepPath, ""
		w.pending = false
	case key.Matches(k, w.keys.Left):
		w.colCursor = max(w.colCursor-1, 0)
	case key.Matches(k, w.keys.Right):
		w.colCursor = min(w.colCursor+1, max(n-1, 0))
	case key.Matches(k, w.keys.Map):
		if w.colCursor < n {
			c := w.preview.Columns[w.colCursor]
			w.picker = newFieldPicker(w.styles, w.preview.Fields, c.Field)
		}
	case key.Matches(k, w.keys.Skip):
		if w.colCursor < n {
			return w.setColumn(w.preview.Columns[w.colCursor].Header, "-")
		}
	case key.Matches(k, w.keys.Match):
		w.opts.match = cycle(append([]string{""}, w.preview.Matches...), w.opts.match)
	case key.Matches(k, w.keys.Create):
		w.opts.createMissing = !w.opts.createMissing
	case key.Matches(k, w.keys.SkipBad):
		w.opts.skipBad = !w.opts.skipBad
	case key.Matches(k, w.keys.UpdateOnly):
		w.opts.updateOnly = !w.opts.updateOnly
	case key.Matches(k, w.keys.DateFormat):
		w.opts.dateFormat = cycle(dateFormats, w.opts.dateFormat)
	case key.Matches(k, w.keys.DryRun):
		w.step, w.dry, w.err, w.done, w.total = stepDryRun, ImportResult{}, "", 0, 0
		return emit(WizardDryRunMsg{Req: w.next(), Spec: w.Spec()})
	}
	return nil
}

// cycle returns the choice after cur (the first after the last, or when
// cur is not a choice).
func cycle(choices []string, cur string) string {
	i := slices.Index(choices, cur)
	return choices[(i+1)%len(choices)]
}

func (w *ImportWizard) pickerKey(k tea.KeyPressMsg) tea.Cmd {
	done, field, cmd := w.picker.key(k, w.keys)
	if !done {
		return cmd
	}
	w.picker = nil
	if field == "" || w.colCursor >= len(w.preview.Columns) {
		return nil // cancelled
	}
	return w.setColumn(w.preview.Columns[w.colCursor].Header, field)
}

// setColumn records the user's choice for a column and asks for the
// mapping again: the engine decides what a choice displaces (another
// column mapped to the same field loses it), so the preview shows what
// the import will really do.
func (w *ImportWizard) setColumn(header, field string) tea.Cmd {
	if _, ok := w.overrides[header]; !ok {
		w.order = append(w.order, header)
	}
	w.overrides[header] = field
	return w.requestPreview()
}

func (w *ImportWizard) dryRunKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, w.keys.Back):
		// Re-read the mapping: a change made just before the dry run
		// may not have reached the preview.
		w.step = stepPreview
		return w.requestPreview()
	case key.Matches(k, w.keys.Next):
		if w.pending || w.dry.Err != "" {
			return nil
		}
		w.step, w.done, w.total, w.cancelling = stepImporting, 0, w.dry.Rows, false
		return emit(WizardImportMsg{Req: w.next(), Spec: w.Spec()})
	}
	return nil
}

// SetProgress tells the running dry run or import how far it is.
func (w *ImportWizard) SetProgress(req int, done, total int64) {
	if !w.answers(req) || w.step != stepImporting && w.step != stepDryRun {
		return
	}
	w.done = done
	if total > 0 {
		w.total = total
	}
}

// SetResult answers a WizardDryRunMsg or a WizardImportMsg.
func (w *ImportWizard) SetResult(req int, r ImportResult) {
	if !w.answers(req) {
		return
	}
	w.pending = false
	switch w.step {
	case stepDryRun:
		w.dry = r
	case stepImporting:
		w.result, w.step = r, stepDone
	}
}

// Err is the error shown on the current step, nil when none (tests).
func (w *ImportWizard) Err() error {
	s := w.err
	if w.step == stepPath {
		s = w.pathErr
	}
	if s == "" {
		return nil
	}
	return errors.New(s)
}

// Step names the current step: "path", "preview", "dry run", "importing"
// or "done".
func (w *ImportWizard) Step() string {
	return [...]string{"path", "preview", "dry run", "importing", "done"}[w.step]
}
