package transfer

import "rolo/model"

// ImportableFields lists the fields a file may set, id first, in the
// object's order: what an import wizard offers when the user maps a column
// by hand. It is the same rule AutoMap applies to headers.
func ImportableFields(obj model.Object) []model.Field {
	m := newMapper(obj)
	out := []model.Field{m.idField}
	for _, f := range obj.Fields {
		if importable(f) && f.Name != model.FieldID {
			out = append(out, f)
		}
	}
	return out
}
