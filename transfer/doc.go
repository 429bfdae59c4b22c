// Package transfer moves records in and out of rolo as files: it reads CSV,
// TSV, XLSX, JSON and vCard files row by row behind one Reader interface,
// maps their columns onto an object's fields (AutoMap), normalizes
// spreadsheet-style values (dates, grouped numbers, currency symbols) into
// the text model.ParseValue reads, and writes the same formats back.
//
// The package knows nothing of the store: the import command combines a
// Reader, a Mapping and a Normalizer with store upserts, and the export
// command feeds canonical value text (model.FormatText) to a Writer.
//
// # Rows, not files
//
// Every reader streams: memory stays bounded by the largest row (capped by
// ReadOptions.MaxRowBytes), never by the file, so a million-row CSV costs
// what one row costs.
//
// # Formula escaping
//
// Spreadsheet programs run a cell that begins with = + - or @ as a formula
// ("CSV injection"). Writers for csv, tsv and xlsx therefore prefix such a
// cell with a single quote ('), and the readers for those formats undo
// exactly that, so export → import is lossless:
//
//   - A cell is escaped when it starts with = + - @ and is not a plain
//     number: "-300", "+1.5" and "-1e3" stay as they are, so amounts survive
//     and a spreadsheet still sees numbers; "=SUM(A1)", "@home", "+1 555 0100"
//     and "-foo" become "'=SUM(A1)", "'@home", "'+1 555 0100", "'-foo".
//   - A cell that already starts with a quote followed by one of those
//     characters or by another quote gets one more quote (a cell "'=x" is written with two leading quotes),
//     so a value that merely looks escaped survives the round trip.
//   - On reading, a cell that starts with a quote followed by = + - @ or a
//     quote loses its first quote. Anything else is left untouched, so "'90s
//     music" and "rock 'n' roll" pass through unchanged.
//
// JSON and vCard are not opened by spreadsheets and are never escaped.
package transfer
