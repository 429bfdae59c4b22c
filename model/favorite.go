package model

// Favorite is a record or a saved view a member pinned to the sidebar.
// Exactly one of RecordID (with Object) and ViewID is set.
type Favorite struct {
	ID       int64
	MemberID int64
	Object   string
	RecordID int64
	ViewID   int64
	// Folder groups favorites in the sidebar; "" is the top level.
	Folder   string
	Position float64
	// Label is the record's label or the view's name, read with the
	// favorite (favorites of deleted records are not returned at all).
	Label string
}

// IsView reports whether the favorite is a saved view.
func (f Favorite) IsView() bool { return f.ViewID != 0 }
