package views

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rolo/keymap"
)

type sideKind int

const (
	sideHeader sideKind = iota
	sideObject
	sideFavorite
	sideView
)

type sideItem struct {
	kind sideKind
	idx  int
	text string
}

// Sidebar lists objects (with counts when known), favorites, and the saved
// views of the current object. Enter emits OpenObjectMsg, OpenRecordMsg or
// SwitchViewMsg.
type Sidebar struct {
	keys      keymap.Sidebar
	styles    Styles
	w, h      int
	objects   []ObjectItem
	favorites []Favorite
	viewObj   string
	views     []SavedView
	activeObj string
	activeVw  string
	items     []sideItem
	cursor    int // index into items, never a header
	offset    int
	focused   bool
}

// NewSidebar returns an empty sidebar.
func NewSidebar(keys keymap.Sidebar, st Styles) *Sidebar {
	s := &Sidebar{keys: keys, styles: st}
	s.rebuild()
	return s
}

func (s *Sidebar) SetStyles(st Styles) { s.styles = st }
func (s *Sidebar) SetSize(w, h int)    { s.w, s.h = max(w, 0), max(h, 0); s.scroll() }
func (s *Sidebar) Focus()              { s.focused = true }
func (s *Sidebar) Blur()               { s.focused = false }
func (s *Sidebar) Focused() bool       { return s.focused }

// SetObjects sets the object section; counts may be -1 (unknown).
func (s *Sidebar) SetObjects(objs []ObjectItem) { s.objects = objs; s.rebuild() }

// SetFavorites sets the favorites section.
func (s *Sidebar) SetFavorites(favs []Favorite) { s.favorites = favs; s.rebuild() }

// SetViews sets the saved views of object (the current one).
func (s *Sidebar) SetViews(object string, views []SavedView) {
	s.viewObj, s.views = object, views
	s.rebuild()
}

// SetActive marks the object and view being shown.
func (s *Sidebar) SetActive(object, view string) { s.activeObj, s.activeVw = object, view }

func (s *Sidebar) rebuild() {
	s.items = s.items[:0]
	s.items = append(s.items, sideItem{kind: sideHeader, text: "Objects"})
	for i := range s.objects {
		s.items = append(s.items, sideItem{kind: sideObject, idx: i})
	}
	if len(s.favorites) > 0 {
		s.items = append(s.items, sideItem{kind: sideHeader, text: "Favorites"})
		for i, f := range s.favorites {
			if f.Folder != "" && (i == 0 || s.favorites[i-1].Folder != f.Folder) {
				s.items = append(s.items, sideItem{kind: sideHeader, text: " ▾ " + Sanitize(f.Folder)})
			}
			s.items = append(s.items, sideItem{kind: sideFavorite, idx: i})
		}
	}
	if len(s.views) > 0 {
		s.items = append(s.items, sideItem{kind: sideHeader, text: "Views"})
		for i := range s.views {
			s.items = append(s.items, sideItem{kind: sideView, idx: i})
		}
	}
	s.cursor = min(s.cursor, len(s.items)-1)
	s.step(0)
	s.scroll()
}

// step moves the cursor by dir (±1, or 0 to settle) skipping headers.
func (s *Sidebar) step(dir int) {
	if dir == 0 {
		if s.cursor >= 0 && s.items[s.cursor].kind != sideHeader {
			return
		}
		dir = 1
	}
	for i := s.cursor + dir; i >= 0 && i < len(s.items); i += dir {
		if s.items[i].kind != sideHeader {
			s.cursor = i
			return
		}
	}
	if s.cursor >= 0 && s.items[s.cursor].kind == sideHeader {
		s.cursor = -1 // nothing selectable
		for i, it := range s.items {
			if it.kind != sideHeader {
				s.cursor = i
				break
			}
		}
	}
}

func (s *Sidebar) scroll() {
	// Before its size is known nothing is on screen to keep in view;
	// SetSize scrolls again once it is.
	if s.h <= 0 {
		return
	}
	h := s.h
	if s.cursor < s.offset {
		s.offset = max(s.cursor-1, 0) // show the section header too
	}
	if s.cursor >= s.offset+h {
		s.offset = s.cursor - h + 1
	}
}

func (s *Sidebar) Update(msg tea.Msg) (Component, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, s.keys.Down):
			s.step(1)
		case key.Matches(msg, s.keys.Up):
			s.step(-1)
		case key.Matches(msg, s.keys.Open):
			return s, s.open()
		}
		s.scroll()
	case tea.MouseClickMsg:
		if i := s.offset + msg.Y; msg.Button == tea.MouseLeft && msg.X >= 0 && msg.X < s.w && msg.Y >= 0 && i < len(s.items) && s.items[i].kind != sideHeader {
			s.cursor = i
			return s, s.open()
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			s.step(-1)
		case tea.MouseWheelDown:
			s.step(1)
		}
		s.scroll()
	}
	return s, nil
}

func (s *Sidebar) open() tea.Cmd {
	if s.cursor < 0 || s.cursor >= len(s.items) {
		return nil
	}
	it := s.items[s.cursor]
	switch it.kind {
	case sideObject:
		return emit(OpenObjectMsg{Object: s.objects[it.idx].Name})
	case sideFavorite:
		f := s.favorites[it.idx]
		if f.View != "" {
			return emit(GoToViewMsg{Object: f.Object, View: f.View})
		}
		return emit(OpenRecordMsg{Object: f.Object, ID: f.ID})
	case sideView:
		return emit(SwitchViewMsg{Object: s.viewObj, View: s.views[it.idx]})
	}
	return nil
}

// View draws w×h: the items, then a right border.
func (s *Sidebar) View() string {
	if s.w <= 0 || s.h <= 0 {
		return ""
	}
	inner := max(s.w-1, 0)
	lines := make([]string, 0, s.h)
	for i := s.offset; i < len(s.items) && len(lines) < s.h; i++ {
		lines = append(lines, s.itemLine(i, inner))
	}
	for len(lines) < s.h {
		lines = append(lines, Fit("", inner))
	}
	border := s.styles.Muted.Render("│")
	for i := range lines {
		lines[i] = Fit(lines[i], inner) + border
	}
	if s.w == 1 {
		for i := range lines {
			lines[i] = border
		}
	}
	return strings.Join(lines, "\n")
}

func (s *Sidebar) itemLine(i, w int) string {
	it := s.items[i]
	if it.kind == sideHeader {
		return s.styles.SidebarSection.Render(Fit(" "+it.text, w))
	}
	var name, count string
	active := false
	switch it.kind {
	case sideObject:
		o := s.objects[it.idx]
		name = o.Label
		if name == "" {
			name = o.Name
		}
		if o.Count >= 0 {
			count = groupThousands(o.Count)
		}
		active = o.Name == s.activeObj
	case sideFavorite:
		name = "★ " + s.favorites[it.idx].Label
	case sideView:
		name = s.views[it.idx].Name
		active = s.viewObj == s.activeObj && name == s.activeVw
	}
	name = Sanitize(name)
	cw := Width(count)
	nameW := w - 2 - cw - 1
	if cw == 0 || nameW < 4 {
		count, nameW = "", w-2
	}
	text := "  " + Fit(name, max(nameW, 0))
	if count != "" {
		text += " " + count
	}
	text = Fit(text, w)
	switch {
	case i == s.cursor && s.focused:
		return s.styles.SidebarCursor.Render(text)
	case active:
		return s.styles.SidebarActive.Render(text)
	}
	return s.styles.SidebarItem.Render(text)
}
