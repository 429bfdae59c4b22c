package store

import "rolo/model"

// activeCond hides inactive records (active = false, set by hand or by a
// bulk-edit sheet) from lists and counts unless the filter says something
// about "active" itself: `active:false` shows only them, `active!=empty`
// shows everything. Deleted-record lists show every deleted record.
func activeCond(f model.Filter, deleted bool) string {
	if deleted {
		return ""
	}
	for _, t := range f.Terms {
		if t.Field == model.FieldActive {
			return ""
		}
	}
	return ` AND "active" = 1`
}
