// Package importer is rolo's import engine: it reads a file through
// transfer (CSV, TSV, XLSX, JSON, vCard), maps its columns onto an
// object's fields, parses and validates every cell, resolves references
// (relations by unique field or name, members by login, email or name,
// pipelines and stages by name), matches rows to existing records (by id or
// a unique field) and writes creates and updates in ONE store.Batch
// transaction: any bad row means nothing is written, unless SkipInvalid
// imports the good rows and sets the bad ones aside.
//
// The engine has no terminal: Plan returns the column mapping for a
// wizard to show, Run reports progress through a callback and returns a
// Report (counts, mapping, every bad row, duplicates within the file) as
// data, for the CLI to print or a TUI to draw. Export, the reverse
// direction, lives in package exporter.
//
// # Speed
//
// A million-row file streams: one goroutine reads and parses rows while
// the caller's goroutine holds the transaction and writes, chunk by
// chunk. References are resolved once per distinct name (per-import
// caches); matches are looked up 500 keys per query; new records go in
// through store.Inserter's multi-row INSERTs with their created events
// written by INSERT ... SELECT. Memory is bounded by the chunk size plus one
// small map entry (a 64-bit hash and a row number) per distinct key of
// the file, which duplicate detection needs.
package importer
