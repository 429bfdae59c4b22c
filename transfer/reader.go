package transfer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Reader streams the rows of an import file. Header is known once the
// reader is open; Next returns one data row at a time with the line (or
// sheet row) it started on, and io.EOF after the last one. Rows that are
// entirely blank are skipped.
//
// An error from Next is either a *RowError, which concerns that row only
// (the row, when there is one, is returned beside it and reading may
// continue), or a fatal error that Next keeps returning.
type Reader interface {
	Header() []string
	Next() (row []string, line int, err error)
	// Format is the format actually read: "csv", "tsv", "xlsx", "json" or
	// "vcf". Normalizers use it, e.g. only XLSX has serial-number dates.
	Format() string
	Close() error
}

// ReadOptions tune Open. The zero value detects everything.
type ReadOptions struct {
	// Format is "csv", "tsv", "xlsx", "json", "vcf", or "" / "auto" to
	// decide by extension and content.
	Format string
	// Sheet selects an XLSX worksheet by name; empty means the first.
	Sheet string
	// Delimiter forces the CSV field separator; 0 sniffs it.
	Delimiter rune
	// MaxRowBytes caps the size of one row (CSV, JSON) or one vCard line so
	// a broken quote or a giant cell cannot eat memory. 0 means 1 MiB.
	MaxRowBytes int
}

// DefaultMaxRowBytes is the row size cap when ReadOptions.MaxRowBytes is 0.
const DefaultMaxRowBytes = 1 << 20

func (o ReadOptions) maxRow() int {
	if o.MaxRowBytes > 0 {
		return o.MaxRowBytes
	}
	return DefaultMaxRowBytes
}

// Errors that Open and Next wrap, for errors.Is.
var (
	ErrEmpty    = errors.New("file is empty")
	ErrEncoding = errors.New("file is not UTF-8")
	ErrBinary   = errors.New("file is binary")
	ErrTooLarge = errors.New("row too large")
	ErrFormat   = errors.New("unknown format")
)

// RowError is a problem with one row: the reader stays usable and the
// caller decides whether to skip the row (--skip-invalid) or stop.
type RowError struct {
	Line int
	Msg  string
	// Ragged is set when the row has a different number of cells than the
	// header; the row is returned as read so a caller may still use it.
	Ragged bool
}

func (e *RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Formats lists the formats Open and NewWriter accept.
var Formats = []string{"csv", "tsv", "xlsx", "json", "vcf"}

// FormatFromPath guesses a format from a file name's extension; "" when
// the extension says nothing.
func FormatFromPath(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return "csv"
	case ".tsv", ".tab":
		return "tsv"
	case ".xlsx", ".xlsm":
		return "xlsx"
	case ".json":
		return "json"
	case ".vcf", ".vcard":
		return "vcf"
	}
	return ""
}

func normalizeFormat(f string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(f)) {
	case "", "auto":
		return "", nil
	case "csv", "txt":
		return "csv", nil
	case "tsv", "tab":
		return "tsv", nil
	case "xlsx", "excel":
		return "xlsx", nil
	case "json":
		return "json", nil
	case "vcf", "vcard":
		return "vcf", nil
	}
	return "", fmt.Errorf("%w %q (expected one of %s)", ErrFormat, f, strings.Join(Formats, ", "))
}

// Open opens an import file. The format comes from opt.Format, else from
// the file's content when it is unmistakable (a ZIP is XLSX, BEGIN:VCARD is
// vCard), else from the extension, else CSV with a sniffed delimiter.
func Open(path string, opt ReadOptions) (Reader, error) {
	format, err := normalizeFormat(opt.Format)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		f.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	head = head[:n]
	if n == 0 {
		f.Close()
		return nil, fmt.Errorf("%s is empty: %w", name, ErrEmpty)
	}
	if format == "" {
		format = sniffFormat(head)
		if format == "" {
			format = FormatFromPath(path)
		}
		if format == "" {
			format = "csv"
		}
	}
	if format != "xlsx" {
		if err := checkSignature(name, head); err != nil {
			f.Close()
			return nil, err
		}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	switch format {
	case "xlsx":
		f.Close()
		return openXLSX(path, name, opt)
	case "vcf":
		return newVCardReader(f, name, opt)
	case "json":
		return newJSONReader(f, name, opt)
	case "tsv":
		if opt.Delimiter == 0 {
			opt.Delimiter = '\t'
		}
	}
	r, err := NewCSVReader(f, name, opt)
	if err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

// sniffFormat recognizes formats by their first bytes.
func sniffFormat(head []byte) string {
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return "xlsx"
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	if len(t) >= 11 && strings.EqualFold(string(t[:11]), "BEGIN:VCARD") {
		return "vcf"
	}
	return ""
}

// checkSignature turns well-known binary formats into advice instead of a
// parse error deep inside the file.
func checkSignature(name string, head []byte) error {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return fmt.Errorf("%s is a ZIP archive (an XLSX workbook?), not text; use --format xlsx: %w", name, ErrBinary)
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0")):
		return fmt.Errorf("%s is an old Excel .xls workbook; save it as .xlsx or UTF-8 CSV: %w", name, ErrBinary)
	case bytes.HasPrefix(head, []byte("%PDF")):
		return fmt.Errorf("%s is a PDF document, not a table: %w", name, ErrBinary)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return fmt.Errorf("%s is not UTF-8 (looks like UTF-16); save it as UTF-8 CSV: %w", name, ErrEncoding)
	}
	if looksUTF16(head) {
		return fmt.Errorf("%s is not UTF-8 (looks like UTF-16 without a byte order mark); save it as UTF-8 CSV: %w", name, ErrEncoding)
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return fmt.Errorf("%s looks like a binary file, not text (NUL byte at offset %d): %w", name, i, ErrBinary)
	}
	return nil
}

// looksUTF16 spots BOM-less UTF-16 of mostly ASCII text: NULs in every
// other byte.
func looksUTF16(b []byte) bool {
	if len(b) < 8 {
		return false
	}
	even, odd := 0, 0
	for i, c := range b {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := len(b) / 2
	return even > half*3/4 || odd > half*3/4
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// isBlank reports whether every cell is empty or spaces.
func isBlank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
