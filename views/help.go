package views

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
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
	text   string // the laid-out keys for this size (see body)
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
	h.text = h.body()
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
	if h.text == "" { // not sized yet
		h.text = h.body()
	}
	return dialogBox(h.styles, h.title, h.text, "esc close", h.w)
}

// body lays the key columns out in as many bands as the width needs. The
// help model puts every column side by side and cuts what does not fit,
// which at 80 columns lost the go-to chords; here a column that would not
// fit starts a new band below.
func (h *HelpOverlay) body() string {
	width := h.model.Width()
	sep := lipgloss.Width(h.model.FullSeparator)
	var bands []string
	var band [][]key.Binding
	used := 0
	flush := func() {
		if len(band) > 0 {
			bands = append(bands, h.model.FullHelpView(band))
		}
		band, used = nil, 0
	}
	for _, g := range h.keys.FullHelp() {
		w := lipgloss.Width(h.model.FullHelpView([][]key.Binding{g}))
		if w == 0 {
			continue // nothing enabled
		}
		if len(band) > 0 && used+sep+w > width {
			flush()
		}
		if len(band) > 0 {
			used += sep
		}
		band = append(band, g)
		used += w
	}
	flush()
	out := strings.Join(bands, "\n\n")
	// Too tall for the screen (a short terminal): side by side, cut at the
	// right, loses less than rows cut at the bottom would.
	if h.h > 0 && lipgloss.Height(out) > h.h-4 && len(bands) > 1 {
		return h.model.View(h.keys)
	}
	return out
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
