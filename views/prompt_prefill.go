package views

// Prefill puts text in the prompt's input, cursor at the end: the palette
// opens "New person" with the name already typed.
func (p *Prompt) Prefill(text string) {
	p.input.SetValue(text)
	p.input.CursorEnd()
}
