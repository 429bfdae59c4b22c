package views

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// OverlayCache draws a box over a screen that stays the same while the box
// changes: the palette over the list, redrawn on every keystroke. Overlay
// composes the whole screen each time, which costs milliseconds at large
// sizes; here the screen is cut once into the parts left and right of
// where the box goes, and each frame only joins strings. The box is placed
// as Overlay places it (centred, a third of the way down), and a box of
// another size (or another screen) recuts.
type OverlayCache struct {
	base               string
	w, h, x, y, tw, th int
	lines, left, right []string
}

// Render draws top over base (both w×h).
func (c *OverlayCache) Render(base, top string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	tl := strings.Split(top, "\n")
	tw, th := 0, len(tl)
	for _, l := range tl {
		tw = max(tw, Width(l))
	}
	if tw > w || th > h {
		return Overlay(base, top, w, h)
	}
	if base != c.base || w != c.w || h != c.h || tw != c.tw || th != c.th {
		c.cut(base, w, h, tw, th)
	}
	var b strings.Builder
	b.Grow(len(base) + len(top))
	for i, l := range c.lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		j := i - c.y
		if j < 0 || j >= th {
			b.WriteString(l)
			continue
		}
		b.WriteString(c.left[j])
		b.WriteString(tl[j])
		if pad := tw - Width(tl[j]); pad > 0 {
			b.WriteString(strings.Repeat(" ", pad))
		}
		b.WriteString("\x1b[m")
		b.WriteString(c.right[j])
	}
	return b.String()
}

func (c *OverlayCache) cut(base string, w, h, tw, th int) {
	c.base, c.w, c.h, c.tw, c.th = base, w, h, tw, th
	c.x, c.y = max((w-tw)/2, 0), max((h-th)/3, 0)
	c.lines = strings.Split(padBlock(base, w, h), "\n")
	c.left, c.right = make([]string, th), make([]string, th)
	for j := range th {
		l := c.lines[c.y+j]
		left := ansi.Truncate(l, c.x, "")
		if pad := c.x - ansi.StringWidth(left); pad > 0 {
			left += "\x1b[m" + strings.Repeat(" ", pad) // a wide rune cut at the edge
		}
		c.left[j] = left + "\x1b[m"
		cut := c.x + tw
		right := ansi.TruncateLeft(l, cut, "")
		if ansi.StringWidth(right) > w-cut { // a wide rune straddles the edge
			right = " " + ansi.TruncateLeft(l, cut+1, "")
		}
		c.right[j] = right
	}
}
