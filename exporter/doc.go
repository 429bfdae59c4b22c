// Package exporter writes an object's records to a file in a form the
// import engine (package importer) reads back unchanged: ids, relation
// names (or #id where a name would not find the same record again),
// member logins, and every value in model.FormatText's canonical text.
// transfer's writers do the formats and escape cells that a spreadsheet
// would run as formulas.
//
// Template "edit" is the bulk-edit sheet: id, name, active and the
// responsible members' logins. A team edits it and imports it back with
// --update-only to reassign or deactivate records in bulk.
package exporter
