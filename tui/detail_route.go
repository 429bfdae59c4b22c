package tui

import (
	tea "charm.land/bubbletea/v2"

	"rolo/views"
)

// updateRecordScreens routes the messages of the detail page and the
// record form. ok is false for messages it does not own; those continue
// through the root's switch (and its broadcast to the list).
func (a *App) updateRecordScreens(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case views.OpenRecordMsg:
		if _, ok := a.findObject(msg.Object); !ok {
			return nil, true
		}
		return a.openDetail(msg.Object, msg.ID), true
	case detailMsg:
		a.onDetail(msg)
		return nil, true
	case views.DetailBackMsg:
		return a.detailBack(), true
	case views.DetailStepMsg:
		return a.detailStep(msg.Delta), true
	case views.SaveFieldMsg:
		return a.saveFieldCmd(msg), true
	case fieldSavedMsg:
		return a.onFieldSaved(msg), true
	case views.PickerQueryMsg:
		return a.pickerCmd(msg), true
	case pickerMsg:
		a.onPicker(msg)
		return nil, true
	case views.MoreEventsMsg:
		return a.moreEventsCmd(msg), true
	case eventsMsg:
		a.onEvents(msg)
		return nil, true
	case views.DeleteRecordMsg:
		return a.deleteRecordCmd(msg), true
	case detailDeletedMsg:
		return a.onDetailDeleted(msg), true
	case views.ToggleFavoriteRecordMsg:
		return a.favoriteCmd(msg), true
	case favoriteMsg:
		a.onFavorite(msg)
		return nil, true
	case views.OpenExternalMsg:
		return openerCmd(msg.URL), true
	case views.NoticeMsg:
		if msg.Err {
			a.status.SetError(errorText(msg.Text))
		} else {
			a.status.SetMessage(msg.Text)
		}
		return nil, true
	case views.ExternalEditMsg:
		return externalEditCmd(msg), true
	case editorReadyMsg:
		return runEditor(msg), true
	case views.ExternalEditedMsg:
		// A form over the page asked for it: while the form is open its
		// keys never reach the page, so only the form can have pressed it.
		if f, ok := a.overlay.(*views.Form); ok {
			_, cmd := f.Update(msg)
			return cmd, true
		}
		if a.detail != nil {
			_, cmd := a.detail.view.Update(msg)
			return cmd, true
		}
		return nil, true
	case views.NewRecordMsg:
		return a.newRecordCmd(msg), true
	case formOpenMsg:
		return a.onFormOpen(msg), true
	case views.FormSaveMsg:
		return a.formSaveCmd(msg), true
	case formSavedMsg:
		return a.onFormSaved(msg), true
	case views.FormClosedMsg:
		return nil, true
	case writeMsg:
		// Undo and the list's writes may change the open record.
		return tea.Batch(a.onWrite(msg), a.reloadDetail()), true
	case views.OpenObjectMsg, views.GoToViewMsg:
		// Another list was chosen: the page gives way to it.
		a.detail = nil
		return nil, false
	case tea.KeyPressMsg, tea.WindowSizeMsg, tea.BackgroundColorMsg, tea.MouseMsg:
		return nil, false
	}
	// Timer and cursor messages of an open editor (picker debounce,
	// textarea): hand them over, and let the list see them too.
	var cmds []tea.Cmd
	if f, ok := a.overlay.(*views.Form); ok {
		_, c := f.Update(msg)
		cmds = append(cmds, c)
	}
	if a.detail != nil && a.detail.view.CapturesKeys() {
		_, c := a.detail.view.Update(msg)
		cmds = append(cmds, c)
	}
	if len(cmds) == 0 {
		return nil, false
	}
	_, c := a.list.Update(msg)
	return tea.Batch(append(cmds, c)...), true
}

// errorText makes a notice an error for the status bar.
type errorText string

func (e errorText) Error() string { return string(e) }
