// Package model holds rolo's domain types: objects and their typed fields,
// values, records, members, pipelines, events, and the filter language. It
// knows nothing of storage or terminals; store/ and views/ both build on it.
package model

import (
	"fmt"
	"regexp"
)

// FieldType is the kind of value a field holds. It decides how a value is
// parsed, validated, stored, filtered and shown.
type FieldType string

// The field types. Their storage columns are described by Field.Columns.
const (
	TypeText        FieldType = "text"
	TypeNumber      FieldType = "number"
	TypeCurrency    FieldType = "currency"    // exact amount in integer micros + ISO 4217 code
	TypeDate        FieldType = "date"        // calendar day, no time zone
	TypeDateTime    FieldType = "datetime"    // instant, unix milliseconds UTC
	TypeBoolean     FieldType = "boolean"     //
	TypeSelect      FieldType = "select"      // one option value
	TypeMultiSelect FieldType = "multiselect" // several option values
	TypeEmails      FieldType = "emails"      // primary + more
	TypePhones      FieldType = "phones"      // primary + more, E.164
	TypeLinks       FieldType = "links"       // primary + more, URLs
	TypeRating      FieldType = "rating"      // 1..5
	TypeRelation    FieldType = "relation"    // many-to-one reference to a record of Field.Target
	TypeMember      FieldType = "member"      // reference to a workspace member
	TypeRichText    FieldType = "richtext"    // Markdown
	// Pipeline and stage are the opportunity's place on a board (Kommo's
	// model): stages belong to a pipeline, so they are not select options.
	TypePipeline FieldType = "pipeline" // Int = pipeline id, Ref = its name
	TypeStage    FieldType = "stage"    // Int = stage id, Ref = its name
)

// FieldTypes lists every type in a stable order, for help and validation.
var FieldTypes = []FieldType{TypeText, TypeNumber, TypeCurrency, TypeDate, TypeDateTime, TypeBoolean,
	TypeSelect, TypeMultiSelect, TypeEmails, TypePhones, TypeLinks, TypeRating, TypeRelation, TypeMember, TypeRichText, TypePipeline, TypeStage}

// ParseFieldType turns a user-supplied type name into a FieldType.
func ParseFieldType(s string) (FieldType, error) {
	for _, t := range FieldTypes {
		if string(t) == s {
			return t, nil
		}
	}
	switch s { // friendly aliases
	case "date-time", "date_time", "timestamp":
		return TypeDateTime, nil
	case "multi-select", "multi_select", "tags":
		return TypeMultiSelect, nil
	case "rich-text", "rich_text", "markdown":
		return TypeRichText, nil
	case "bool":
		return TypeBoolean, nil
	case "email":
		return TypeEmails, nil
	case "phone":
		return TypePhones, nil
	case "link", "url":
		return TypeLinks, nil
	}
	return "", fmt.Errorf("unknown field type %q (expected one of %v)", s, FieldTypes)
}

// SelectOption is one choice of a select or multi-select field.
type SelectOption struct {
	Value    string // stored identifier, e.g. "negotiation"
	Label    string // shown name, e.g. "Negotiation"
	Color    string // "#RRGGBB" or a colour name
	Position int    // order among the field's options
}

// Field is one typed attribute of an object. System fields (id, created_at,
// owner, ...) are fields too, so filters, sorts and views treat them alike.
type Field struct {
	ID       int64
	Object   string // owning object's Name
	Name     string // identifier, also the column name
	Label    string
	Type     FieldType
	Position int
	Required bool
	Unique   bool
	Hidden   bool
	Standard bool // part of a standard object: may be renamed or hidden, not removed
	System   bool // id, created_at, ...: maintained by rolo, never set by users
	Options  []SelectOption
	// Target is the object a Relation field points at.
	Target string
	// InverseLabel names the one-to-many side as seen from Target
	// ("People" on companies for people.company).
	InverseLabel string
}

// Option returns the select option with the given value.
func (f Field) Option(value string) (SelectOption, bool) {
	for _, o := range f.Options {
		if o.Value == value {
			return o, true
		}
	}
	return SelectOption{}, false
}

// Columns lists the SQL columns that hold the field, main column first.
// Currency keeps its code beside the amount; list types keep entries after
// the primary as a JSON array, so the primary stays indexable and unique.
func (f Field) Columns() []string {
	switch f.Type {
	case TypeCurrency:
		return []string{f.Name, f.Name + "__code"}
	case TypeEmails, TypePhones, TypeLinks:
		return []string{f.Name, f.Name + "__more"}
	}
	return []string{f.Name}
}

// Object is a kind of record: a standard one (companies, people, ...) or a
// custom one. Each object is a real table.
type Object struct {
	ID         int64
	Name       string // identifier, plural: "people"
	Singular   string // label: "Person"
	Plural     string // label: "People"
	Standard   bool
	Hidden     bool
	LabelField string // the field that names a record: "name" or "title"
	Shortcut   string // go-to chord key, e.g. "p" for g p
	Fields     []Field
}

// Field returns the object's field with the given name.
func (o Object) Field(name string) (Field, bool) {
	for _, f := range o.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// FieldNames lists the field names, for error messages that offer choices.
func (o Object) FieldNames() []string {
	names := make([]string, 0, len(o.Fields))
	for _, f := range o.Fields {
		names = append(names, f.Name)
	}
	return names
}

// Table is the SQL table that holds the object's records. The prefix keeps
// user-named objects from colliding with rolo's own tables.
func (o Object) Table() string { return "obj_" + o.Name }

// System field names present on every object.
const (
	FieldID        = "id"
	FieldCreatedAt = "created_at"
	FieldUpdatedAt = "updated_at"
	FieldCreatedBy = "created_by"
	FieldOwner     = "owner"
	FieldPosition  = "position"
	FieldActive    = "active"
	FieldDeletedAt = "deleted_at"
)

var identRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,47}$`)

// reservedNames may not be used for user fields: they are system columns or
// would collide with the derived columns of list and currency fields.
var reservedNames = map[string]bool{
	FieldID: true, FieldCreatedAt: true, FieldUpdatedAt: true, FieldCreatedBy: true,
	FieldOwner: true, FieldPosition: true, FieldActive: true, FieldDeletedAt: true,
	"rowid": true, "oid": true, "_rowid_": true,
}

// ValidIdent reports whether s may name an object or field: lowercase
// letters, digits and underscores, starting with a letter, no "__" (which
// derived columns use), at most 48 characters.
func ValidIdent(s string) error {
	if !identRE.MatchString(s) {
		return fmt.Errorf("%q is not a valid name (expected lowercase letters, digits and _, starting with a letter, at most 48 characters)", s)
	}
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '_' && s[i+1] == '_' {
			return fmt.Errorf("%q is not a valid name (a double underscore is reserved)", s)
		}
	}
	return nil
}

// ValidFieldName is ValidIdent plus the reserved system names.
func ValidFieldName(s string) error {
	if err := ValidIdent(s); err != nil {
		return err
	}
	if reservedNames[s] {
		return fmt.Errorf("%q is a system field name and cannot be reused", s)
	}
	return nil
}
