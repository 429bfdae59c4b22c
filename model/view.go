package model

// ViewColumn is one column of a saved view: a field name and a width in
// cells (0 = automatic, chosen from the field's type when drawn).
type ViewColumn struct {
	Field string
	Width int
}

// SavedView is a named filter + sort + column set of one object, kept in
// the workspace so every copy of rolo pointed at it sees the same views.
// Every object has exactly one default view, which cannot be deleted or
// renamed. Filter is filter-language source (see ParseFilter).
type SavedView struct {
	ID      int64
	Object  string
	Name    string
	Filter  string
	Sorts   []Sort
	Columns []ViewColumn
	Default bool
}
