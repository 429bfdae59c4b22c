package model

// CardMove says where a card goes on a board: the store writes it
// (store.MoveCard), the board view asks for it (views.MoveCardMsg).
type CardMove struct {
	Object string
	ID     int64
	// Field is the grouping field: a stage or a select field.
	Field string
	// To is the destination column: a stage (Int = stage id) or an option
	// (Str = option value); the zero Value is the column of records with
	// no value (select fields only).
	To Value
	// After and Before are the destination neighbours the card goes
	// between (ids, 0 for none). With only After the card goes right after
	// it, with only Before right before it, with neither at the top.
	After, Before int64
	// Position, if set, is the exact position to take (undo puts a card
	// back where it was); After and Before are then ignored.
	Position *float64
	// Set holds more fields written in the same transaction, such as the
	// loss reason of a deal marked lost.
	Set map[string]Value
}
