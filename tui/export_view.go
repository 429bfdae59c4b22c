package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"rolo/exporter"
	"rolo/model"
	"rolo/transfer"
	"rolo/views"
)

// "Export this view": a prompt for the file name (default
// <object>-<view>.csv), then the exporter with the list's filter, sorts
// and visible columns; the format comes from the extension. An existing
// file is replaced only after a yes.

// exportSpec is one export as asked for.
type exportSpec struct {
	object  string
	path    string
	fields  []string
	filter  string
	sorts   []model.Sort
	records string // "people", for the status line
}

type (
	exportChosenMsg struct{ spec exportSpec }
	exportExistsMsg struct{ spec exportSpec }
	viewExportedMsg struct {
		spec exportSpec
		n    int64
		err  error
	}
)

// askExport opens the file-name prompt for object's current view ("" =
// the list's object). Another object than the list's exports its default
// columns, unfiltered.
func (a *App) askExport(object string) {
	listObj := a.list.Object()
	if object == "" {
		object = listObj.Name
	}
	obj, ok := a.findObject(object)
	if !ok {
		return
	}
	spec := exportSpec{object: obj.Name, records: strings.ToLower(views.Sanitize(obj.Plural))}
	viewName := "all"
	if obj.Name == listObj.Name {
		v := a.list.CurrentView()
		spec.filter, spec.sorts = v.Filter, v.Sorts
		for _, c := range v.Columns {
			spec.fields = append(spec.fields, c.Field)
		}
		if v.Name != "" {
			viewName = v.Name
		}
	}
	name := fileSlug(obj.Name) + "-" + fileSlug(viewName) + ".csv"
	pr := views.NewPrompt(a.keys.Dialog, a.styles, "Export to (csv/tsv/xlsx/json/vcf)", name)
	pr.SetSize(a.w, a.h)
	a.overlay, a.prompt = &exportPrompt{Prompt: pr, spec: spec}, promptFor{}
}

// fileSlug makes a view's name safe as part of a file name: lower case,
// letters and digits, dashes between words.
func fileSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(views.Sanitize(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r > 127 && r != 0xFFFD:
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "view"
	}
	return b.String()
}

// exportPrompt is the file-name prompt; accepted, it emits the export.
// (The root's overlay routing knows only its own prompts' purposes.)
type exportPrompt struct {
	*views.Prompt
	spec exportSpec
}

func (p *exportPrompt) Update(msg tea.Msg) (views.Component, tea.Cmd) {
	_, cmd := p.Prompt.Update(msg)
	if !p.Closed() {
		return p, cmd
	}
	text, ok := p.Result()
	if !ok {
		return p, cmd
	}
	spec := p.spec
	spec.path = text
	return p, tea.Batch(cmd, func() tea.Msg { return exportChosenMsg{spec: spec} })
}

// overwriteConfirm asks before replacing a file.
type overwriteConfirm struct {
	*views.Confirm
	spec exportSpec
}

func (c *overwriteConfirm) Update(msg tea.Msg) (views.Component, tea.Cmd) {
	_, cmd := c.Confirm.Update(msg)
	if !c.Closed() || !c.Result() {
		return c, cmd
	}
	spec := c.spec
	return c, tea.Batch(cmd, func() tea.Msg { return overwriteMsg{spec: spec} })
}

type overwriteMsg struct{ spec exportSpec }

func (a *App) confirmOverwrite(spec exportSpec) {
	c := views.NewConfirm(a.keys.Dialog, a.styles, spec.path+" exists. Replace it?")
	c.SetSize(a.w, a.h)
	a.overlay, a.prompt = &overwriteConfirm{Confirm: c, spec: spec}, promptFor{}
}

// exportCmd writes the file: to a temporary file beside it, renamed into
// place once complete, so a failed export never leaves half a file under
// the name asked for (or destroys the old one).
func (a *App) exportCmd(spec exportSpec, overwrite bool) tea.Cmd {
	st := a.st
	return a.run("exporting", bulkTimeout, func(ctx context.Context) tea.Msg {
		fail := func(err error) tea.Msg { return viewExportedMsg{spec: spec, err: err} }
		format := transfer.FormatFromPath(spec.path)
		if format == "" {
			return fail(fmt.Errorf("%s: name the file .csv, .tsv, .xlsx, .json or .vcf to choose its format", spec.path))
		}
		path := resolveImportPath(spec.path)
		mode := os.FileMode(0o644) // CreateTemp's 0600 is too private for a file the user asked for
		if fi, err := os.Stat(path); err == nil {
			if !overwrite {
				return exportExistsMsg{spec: spec}
			}
			mode = fi.Mode().Perm()
		}
		filter, err := visibleFilter(spec.filter)
		if err != nil {
			return fail(err)
		}
		tmp, err := os.CreateTemp(filepath.Dir(path), ".rolo-export-*")
		if err != nil {
			return fail(err)
		}
		defer os.Remove(tmp.Name()) // a no-op once renamed
		n, err := exporter.Run(ctx, st, tmp, exporter.Options{
			Object: spec.object, Fields: spec.fields, Filter: filter, Sorts: spec.sorts, Format: format,
		})
		if err == nil {
			err = tmp.Chmod(mode)
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), path)
		}
		return viewExportedMsg{spec: spec, n: n, err: err}
	})
}

// visibleFilter makes the exporter write what the list shows: the list
// hides inactive records unless its filter mentions active, while the
// exporter includes them unless told.
func visibleFilter(src string) (string, error) {
	f, err := model.ParseFilter(src)
	if err != nil {
		return "", err
	}
	for _, t := range f.Terms {
		if t.Field == model.FieldActive {
			return src, nil
		}
	}
	return strings.TrimSpace(src + " active:true"), nil
}

func (a *App) onViewExported(m viewExportedMsg) {
	if m.err != nil {
		a.status.SetError(fmt.Errorf("export: %w", m.err))
		return
	}
	a.status.SetMessage(fmt.Sprintf("exported %s to %s", plural(int(m.n), "record", "records"), views.Sanitize(m.spec.path)))
}
