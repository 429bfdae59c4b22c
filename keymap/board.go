package keymap

import "charm.land/bubbles/v2/key"

// Board is the kanban board: columns are stages (or select options), rows
// are cards. Lower-case keys move the cursor; their upper-case twins move
// the card, so a move is the same gesture with shift held.
type Board struct {
	Left, Right        key.Binding // column cursor
	Up, Down           key.Binding // card cursor
	First, Last        key.Binding
	MovePrev, MoveNext key.Binding // card to the previous/next stage
	MoveUp, MoveDown   key.Binding // card up/down inside its column
	MoveTo             key.Binding // card to any stage (picker)
	Won, Lost          key.Binding
	Open, New          key.Binding
	Pipeline           key.Binding // switch pipeline
	Filter             key.Binding
	Undo               key.Binding
	Collapse           key.Binding
	Stages             key.Binding // manage pipelines and stages
	// In the stages dialog, beside the dialog keys (a add, r rename,
	// J/K move, d delete): recolour a stage, add/rename/delete a pipeline.
	StageColor                                  key.Binding
	PipelineNew, PipelineRename, PipelineDelete key.Binding
	// Toggle opens the board from a list (and closes it again); Pick
	// chooses which object and field the board groups by.
	Toggle, Pick key.Binding
	Back         key.Binding
}

func defaultBoard() Board {
	return Board{
		Left:           bind("h/←", "column left", "h", "left"),
		Right:          bind("l/→", "column right", "l", "right"),
		Up:             bind("k/↑", "card up", "k", "up"),
		Down:           bind("j/↓", "card down", "j", "down"),
		First:          bind("g g/home", "first card", "g", "home"), // g g: a lone g starts a go-to chord
		Last:           bind("G", "last card", "G", "end"),
		MovePrev:       bind("H", "move to previous stage", "H", "shift+left"),
		MoveNext:       bind("L", "move to next stage", "L", "shift+right"),
		MoveUp:         bind("K", "move card up", "K", "shift+up"),
		MoveDown:       bind("J", "move card down", "J", "shift+down"),
		MoveTo:         bind("m", "move to stage…", "m"),
		Won:            bind("W", "mark won", "W"),
		Lost:           bind("X", "mark lost", "X"),
		Open:           bind("enter", "open card", "enter"),
		New:            bind("n", "new card", "n"),
		Pipeline:       bind("p", "switch pipeline", "p"),
		Filter:         bind("/", "filter", "/"),
		Undo:           bind("u/ctrl+z", "undo move", "u", "ctrl+z"),
		Collapse:       bind("z", "collapse column", "z"),
		Stages:         bind("S", "pipelines & stages", "S"),
		StageColor:     bind("c", "stage colour", "c"),
		PipelineNew:    bind("N", "new pipeline", "N"),
		PipelineRename: bind("R", "rename pipeline", "R"),
		PipelineDelete: bind("D", "delete pipeline", "D"),
		Toggle:         bind("b", "board", "b"),
		Pick:           bind("B", "board of…", "B"),
		Back:           bind("esc/q", "back to list", "esc", "q"),
	}
}

func (b *Board) actions() []Action {
	return []Action{
		{"left", &b.Left}, {"right", &b.Right}, {"up", &b.Up}, {"down", &b.Down},
		{"first", &b.First}, {"last", &b.Last},
		{"move_prev", &b.MovePrev}, {"move_next", &b.MoveNext}, {"move_up", &b.MoveUp}, {"move_down", &b.MoveDown},
		{"move_to", &b.MoveTo}, {"won", &b.Won}, {"lost", &b.Lost}, {"open", &b.Open}, {"new", &b.New},
		{"pipeline", &b.Pipeline}, {"filter", &b.Filter}, {"undo", &b.Undo}, {"collapse", &b.Collapse},
		{"stages", &b.Stages}, {"toggle", &b.Toggle}, {"pick", &b.Pick}, {"back", &b.Back},
		{"stage_color", &b.StageColor}, {"pipeline_new", &b.PipelineNew},
		{"pipeline_rename", &b.PipelineRename}, {"pipeline_delete", &b.PipelineDelete},
	}
}

// ShortHelp implements help.KeyMap.
func (b Board) ShortHelp() []key.Binding {
	return []key.Binding{b.MoveNext, b.MovePrev, b.MoveTo, b.Won, b.Lost, b.Open, b.Filter, b.Undo, b.Back}
}

// FullHelp implements help.KeyMap.
func (b Board) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{b.Left, b.Right, b.Up, b.Down, b.First, b.Last, b.Collapse},
		{b.MovePrev, b.MoveNext, b.MoveUp, b.MoveDown, b.MoveTo, b.Won, b.Lost, b.Undo},
		{b.Open, b.New, b.Filter, b.Pipeline, b.Pick, b.Stages, b.Toggle, b.Back},
		{b.StageColor, b.PipelineNew, b.PipelineRename, b.PipelineDelete},
	}
}
