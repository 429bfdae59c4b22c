package tui

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"rolo/model"
	"rolo/search"
	"rolo/views"
)

// Go-to targets and actions live in their own small index (a few dozen
// items), rebuilt from the metadata, saved views and pipelines whenever
// the palette opens or a view changes. Their keys say what to do:
//
//	goto:object:<object>            the object's list
//	goto:view:<object>:<view name>  a saved view
//	goto:board:<pipeline id>        a pipeline's board
//	goto:favorites, goto:home
//	action:new:<object>             create a record (Arg: the name typed)
//	action:field:<object>           add a custom field
//	action:pipeline, action:favorite, action:favorite-view, action:export,
//	action:theme, action:quit

type paletteCmdsMsg struct {
	ix  *search.Index
	err error
}

func viewKey(object, name string) string { return "goto:view:" + object + ":" + name }

// paletteCmdsCmd reads the saved views and pipelines and builds the
// commands index in a command.
func (a *App) paletteCmdsCmd() tea.Cmd {
	if a.st == nil {
		return nil
	}
	st := a.st
	objs := append([]model.Object(nil), a.objects...)
	prefix := ""
	if ks := a.keys.GoTo.Prefix.Keys(); len(ks) > 0 {
		prefix = ks[0] + " "
	}
	board, favs, home := firstKey(a.keys.GoTo.Board), firstKey(a.keys.GoTo.Favorites), firstKey(a.keys.GoTo.Home)
	return a.run("reading views", 0, func(ctx context.Context) tea.Msg {
		vs, err := st.PaletteViews(ctx)
		if err != nil {
			return paletteCmdsMsg{err: err}
		}
		ps, err := st.Pipelines(ctx)
		if err != nil {
			return paletteCmdsMsg{err: err}
		}
		var items []search.Item
		add := func(kind search.Kind, key, object, label, secondary string) {
			items = append(items, search.Item{Key: key, Kind: kind, Object: object, Label: label, Secondary: secondary})
		}
		plural := map[string]string{}
		for _, o := range objs {
			plural[o.Name] = o.Plural
			hint := "list"
			if o.Shortcut != "" {
				hint = prefix + o.Shortcut
			}
			add(search.GoTo, "goto:object:"+o.Name, o.Name, o.Plural, hint)
			add(search.Action, "action:new:"+o.Name, o.Name, "Create "+strings.ToLower(o.Singular), "new "+strings.ToLower(o.Singular))
			add(search.Action, "action:field:"+o.Name, o.Name, "Add a custom field to "+o.Plural, "new field column")
		}
		for _, v := range vs {
			if v.Default {
				continue // the object's list already goes there
			}
			if _, ok := plural[v.Object]; ok {
				add(search.GoTo, viewKey(v.Object, v.Name), v.Object, v.Name, plural[v.Object]+" view")
			}
		}
		for i, pl := range ps {
			hint := "board"
			if i == 0 && board != "" {
				hint = prefix + board
			}
			add(search.GoTo, "goto:board:"+strconv.FormatInt(pl.ID, 10), "", pl.Name+" board", hint)
		}
		add(search.GoTo, "goto:favorites", "", "My favorites", prefix+favs)
		add(search.GoTo, "goto:home", "", "Home", prefix+home)
		add(search.Action, "action:pipeline", "", "Switch pipeline", "board")
		add(search.Action, "action:favorite", "", "Toggle favorite", "star pin this record")
		add(search.Action, "action:favorite-view", "", "Toggle favorite: this view", "star pin view")
		add(search.Action, "action:export", "", "Export view", "csv download save")
		add(search.Action, "action:theme", "", "Switch theme", "dark light colour color")
		add(search.Action, "action:quit", "", "Quit", "exit")
		ix := search.New()
		ix.Add(items...)
		return paletteCmdsMsg{ix: ix}
	})
}

func firstKey(b interface{ Keys() []string }) string {
	if ks := b.Keys(); len(ks) > 0 {
		return ks[0]
	}
	return ""
}

func (a *App) onPaletteCmds(m paletteCmdsMsg) {
	if m.err != nil {
		a.status.SetError(m.err)
		return
	}
	a.palState().cmds = m.ix
}

// newRecordRe reads ">new person Jane Doe" (also "create", any object's
// singular, plural or name).
var newRecordRe = regexp.MustCompile(`(?i)^(?:new|create|add)\s+(\S+)(?:\s+(.*))?$`)

// createEntries are the "Create person “Jane Doe”" entries offered after
// the results: with ">new person Jane Doe" the one object named, first;
// with plain text (or a narrowing prefix) one per object, prefilled with
// the text.
func (a *App) createEntries(pq paletteQuery) []views.PaletteEntry {
	entry := func(o model.Object, name string) views.PaletteEntry {
		label := "Create " + strings.ToLower(o.Singular)
		if name != "" {
			label += " “" + name + "”"
		}
		return views.PaletteEntry{Key: "action:new:" + o.Name, Kind: views.PaletteAction, Group: "Actions",
			Object: o.Name, Label: label, Arg: name}
	}
	if pq.actionsOnly {
		m := newRecordRe.FindStringSubmatch(pq.text)
		if m == nil {
			return nil
		}
		for _, o := range a.objects {
			if strings.EqualFold(m[1], o.Singular) || strings.EqualFold(m[1], o.Plural) || strings.EqualFold(m[1], o.Name) {
				return []views.PaletteEntry{entry(o, strings.TrimSpace(m[2]))}
			}
		}
		return nil
	}
	if pq.text == "" {
		return nil
	}
	var out []views.PaletteEntry
	for _, o := range a.objects {
		if len(pq.objects) > 0 && o.Name != pq.objects[0] {
			continue
		}
		e := entry(o, pq.text)
		e.Group = "Create"
		out = append(out, e)
	}
	return out
}
