package store

import (
	"errors"
	"fmt"
	"strings"

	"rolo/model"
)

// ErrNotFound is wrapped by every "no such record/member/pipeline/stage"
// error, so callers can test with errors.Is.
var ErrNotFound = errors.New("not found")

// UniqueError reports that a value of a unique field is already taken.
type UniqueError struct {
	Object   string // object name, e.g. "people"
	Singular string // the object's singular label, e.g. "Person"
	Field    string // field name
	Value    string // the colliding value as text
	ID       int64  // the record that holds the value
	Label    string // its label
}

func (e *UniqueError) Error() string {
	s := fmt.Sprintf("%s with %s exists: #%d", article(e.Singular), e.Value, e.ID)
	if e.Label != "" {
		s += " " + e.Label
	}
	return s
}

// ConflictError reports that a record changed since the caller read it
// (UpdateOptions.IfUpdatedAt). Current is the record as it is now.
type ConflictError struct {
	Current model.Record
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s #%d was changed by someone else since it was read", e.Current.Object, e.Current.ID)
}

// article returns "a person" / "an opportunity" for a singular label.
func article(singular string) string {
	s := strings.ToLower(singular)
	if s == "" {
		return "a record"
	}
	switch s[0] {
	case 'a', 'e', 'i', 'o', 'u':
		return "an " + s
	}
	return "a " + s
}

func notFound(format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, ErrNotFound)...)
}

// isConstraint reports an SQLite constraint violation (primary code 19,
// SQLITE_CONSTRAINT, whatever the extended code).
func isConstraint(err error) bool {
	var e interface{ Code() int }
	return errors.As(err, &e) && e.Code()&0xff == 19
}
