package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"rolo/views"
)

// The import wizard (issue 7) and "export this view". The wizard is the
// root's overlay; its requests (views.Wizard*Msg) become commands in
// importwizard_cmds.go, and their answers go back to it by request id.
// Export is in export_view.go. updateTransfer is the one hook in Update.

// importState is what the root keeps beside the wizard: how to stop its
// latest run (a dry run or the import).
type importState struct {
	cancel context.CancelFunc
	// cancelled is the request esc cancelled, kept in case its run has
	// not started yet (esc can overtake the request to import).
	cancelled int
}

// wizard returns the open import wizard, if the overlay is one.
func (a *App) wizard() (*views.ImportWizard, bool) {
	w, ok := a.overlay.(*views.ImportWizard)
	return w, ok && !w.Closed()
}

// updateTransfer routes import and export messages; ok is false for the
// rest.
func (a *App) updateTransfer(msg tea.Msg) (tea.Cmd, bool) {
	switch m := msg.(type) {
	case views.ImportMsg:
		return nil, a.openImportWizard(m.Object)
	case views.ExportViewMsg:
		a.askExport(m.Object)
		return nil, true
	case tea.PasteMsg:
		if w, ok := a.wizard(); ok {
			_, cmd := w.Update(m)
			return cmd, true
		}
		return nil, false

	case views.WizardCompleteMsg:
		return a.completeCmd(m), true
	case wizardCompletionsMsg:
		if w, ok := a.wizard(); ok {
			return w.SetCompletions(m.req, m.paths, m.err), true
		}
		return nil, true
	case views.WizardPreviewMsg:
		a.stopImportRun()
		return a.previewCmd(m), true
	case wizardPreviewMsg:
		if w, ok := a.wizard(); ok {
			w.SetPreview(m.req, m.preview, m.err)
		}
		return nil, true
	case views.WizardDryRunMsg:
		return a.importRunCmd(m.Req, m.Spec, true), true
	case views.WizardImportMsg:
		return a.importRunCmd(m.Req, m.Spec, false), true
	case wizardProgressMsg:
		if w, ok := a.wizard(); ok {
			w.SetProgress(m.req, m.done, m.total)
		}
		return waitImportProgress(m.req, m.ch), true
	case wizardResultMsg:
		return a.onImportResult(m), true
	case views.WizardCancelMsg:
		if a.imp != nil {
			a.imp.cancelled = m.Req
		}
		a.stopImportRun()
		return nil, true
	case views.WizardClosedMsg:
		a.stopImportRun()
		a.imp = nil
		return nil, true

	case exportChosenMsg:
		return a.exportCmd(m.spec, false), true
	case exportExistsMsg:
		a.confirmOverwrite(m.spec)
		return nil, true
	case overwriteMsg:
		return a.exportCmd(m.spec, true), true
	case viewExportedMsg:
		a.onViewExported(m)
		return nil, true
	}
	return nil, false
}

// openImportWizard shows the wizard for object ("" = the list's), with
// the current directory typed in; ok is false when there is no such
// object (the message then goes on its way).
func (a *App) openImportWizard(object string) bool {
	if object == "" {
		object = a.list.Object().Name
	}
	obj, found := a.findObject(object)
	if !found {
		return false
	}
	if w, ok := a.wizard(); ok && w.Running() {
		a.status.SetMessage("an import is running: esc in the wizard cancels it")
		return true
	}
	w := views.NewImportWizard(a.keys.Import, a.styles, obj.Name, strings.ToLower(obj.Plural), strings.TrimSuffix(workDir, string(filepath.Separator))+string(filepath.Separator))
	w.SetSize(a.w, a.h)
	a.overlay, a.prompt = w, promptFor{}
	a.imp = &importState{}
	return true
}

// workDir is where the wizard's path starts: read once at start-up, since
// Update does no IO.
var workDir = func() string {
	if d, err := os.Getwd(); err == nil {
		return d
	}
	return "."
}()

// stopImportRun cancels the wizard's latest run, if one is going: a dry
// run the user stepped back from, or the import on esc (its transaction
// rolls back).
func (a *App) stopImportRun() {
	if a.imp != nil && a.imp.cancel != nil {
		a.imp.cancel()
		a.imp.cancel = nil
	}
}

// onImportResult hands the result to the wizard. A written import also
// refreshes the list and the counts, through the same path as every other
// write (writeMsg), so the palette's index hears of it too.
func (a *App) onImportResult(m wizardResultMsg) tea.Cmd {
	if w, ok := a.wizard(); ok {
		w.SetResult(m.req, m.result)
	}
	if m.dry || !m.result.Written {
		return nil
	}
	r := m.result
	status := fmt.Sprintf("imported %s: %s created, %s updated, %s unchanged", views.Sanitize(r.File),
		groupInt(int(r.Created)), groupInt(int(r.Updated)), groupInt(int(r.Unchanged)))
	if r.Errors > 0 {
		status += fmt.Sprintf(", %s bad rows skipped", groupInt(int(r.Errors)))
	}
	object := m.object
	return func() tea.Msg { return writeMsg{object: object, status: status} }
}
