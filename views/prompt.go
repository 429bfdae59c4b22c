package views

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
)

// Prompt asks for one line of text (a view's name). Enter accepts, esc
// cancels; Result reads the outcome once Closed.
type Prompt struct {
	keys   keymap.Dialog
	styles Styles
	title  string
	input  textinput.Model
	w, h   int
	closed bool
	ok     bool
	err    string
}

// NewPrompt returns a focused prompt holding value.
func NewPrompt(keys keymap.Dialog, st Styles, title, value string) *Prompt {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = 80
	ist := in.Styles()
	ist.Cursor.Blink = false // steady, as in the filter bar
	in.SetStyles(ist)
	in.SetValue(value)
	in.CursorEnd()
	in.Focus()
	return &Prompt{keys: keys, styles: st, title: title, input: in}
}

func (p *Prompt) SetSize(w, h int) {
	p.w, p.h = w, h
	p.input.SetWidth(max(min(w-8, 40), 1))
}

func (p *Prompt) Update(msg tea.Msg) (Component, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, p.keys.Confirm):
			if strings.TrimSpace(p.input.Value()) == "" {
				p.err = "a name is required"
				return p, nil
			}
			p.closed, p.ok = true, true
			return p, nil
		case key.Matches(k, p.keys.Cancel):
			p.closed = true
			return p, nil
		}
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return p, cmd
}

func (p *Prompt) View() string {
	body := p.input.View()
	if p.err != "" {
		body += "\n" + p.styles.Error.Render(p.err)
	}
	return dialogBox(p.styles, p.title, body, "enter save · esc cancel", min(p.w, 50))
}

func (p *Prompt) Closed() bool { return p.closed }

// Result is the trimmed, sanitized text and whether it was accepted.
func (p *Prompt) Result() (string, bool) {
	return strings.TrimSpace(Sanitize(p.input.Value())), p.ok
}

// Confirm asks a yes/no question; y or enter says yes, n or esc no.
type Confirm struct {
	keys     keymap.Dialog
	styles   Styles
	question string
	w, h     int
	closed   bool
	yes      bool
}

// NewConfirm returns a confirmation dialog.
func NewConfirm(keys keymap.Dialog, st Styles, question string) *Confirm {
	return &Confirm{keys: keys, styles: st, question: question}
}

func (c *Confirm) SetSize(w, h int) { c.w, c.h = w, h }

func (c *Confirm) Update(msg tea.Msg) (Component, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, c.keys.Yes, c.keys.Confirm):
			c.closed, c.yes = true, true
		case key.Matches(k, c.keys.No, c.keys.Cancel):
			c.closed = true
		}
	}
	return c, nil
}

func (c *Confirm) View() string {
	return dialogBox(c.styles, "Confirm", Sanitize(c.question), "y yes · n no", min(c.w, 60))
}

func (c *Confirm) Closed() bool { return c.closed }

// Result reports whether the user said yes.
func (c *Confirm) Result() bool { return c.yes }
