package views

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// HelpOverlay is the `?` screen: the full help of the focused context's
// key map (keymap.WithGlobal adds the global keys). Esc, ? or q close it.
type HelpOverlay struct {
	styles Styles
	model  help.Model
	title  string
	keys   help.KeyMap
	close  []key.Binding
	w, h   int
	closed bool
}

// NewHelpOverlay shows keys under title; closeKeys dismiss it.
func NewHelpOverlay(st Styles, title string, keys help.KeyMap, closeKeys ...key.Binding) *HelpOverlay {
	m := help.New()
	m.Styles = st.Help
	m.ShowAll = true
	if len(closeKeys) == 0 {
		closeKeys = []key.Binding{key.NewBinding(key.WithKeys("esc", "?", "q"))}
	}
	return &HelpOverlay{styles: st, model: m, title: title, keys: keys, close: closeKeys}
}

func (h *HelpOverlay) SetSize(w, ht int) {
	h.w, h.h = w, ht
	h.model.SetWidth(max(w-4, 1))
}

func (h *HelpOverlay) Closed() bool { return h.closed }

func (h *HelpOverlay) Update(msg tea.Msg) (Component, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, h.close...) {
		h.closed = true
		return h, emit(CloseHelpMsg{})
	}
	return h, nil
}

func (h *HelpOverlay) View() string {
	return dialogBox(h.styles, h.title, h.model.View(h.keys), "esc close", h.w)
}

// ShortHelpLine is the bottom line: the short help of keys, cut to w.
func ShortHelpLine(st Styles, keys help.KeyMap, w int) string {
	if w <= 0 {
		return ""
	}
	m := help.New()
	m.Styles = st.Help
	m.SetWidth(w)
	return Fit(m.View(keys), w)
}
