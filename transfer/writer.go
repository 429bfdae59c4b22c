package transfer

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
)

// Writer writes exported rows: WriteHeader once with the column names
// (field names, so the file imports back without --map), then WriteRow per
// record with cells in canonical text form (model.FormatText). Close
// flushes; it does not close the underlying io.Writer.
type Writer interface {
	WriteHeader(header []string) error
	WriteRow(row []string) error
	Close() error
}

// WriteOptions tune NewWriter.
type WriteOptions struct {
	// Format is one of Formats.
	Format string
	// Sheet names the XLSX worksheet (default "Sheet1"), e.g. the object.
	Sheet string
	// BOM starts CSV/TSV output with a UTF-8 byte order mark, which Excel
	// needs to detect UTF-8 on double-click. The readers strip it.
	BOM bool
}

// NewWriter returns a Writer for opt.Format on w.
func NewWriter(w io.Writer, opt WriteOptions) (Writer, error) {
	format, err := normalizeFormat(opt.Format)
	if err != nil {
		return nil, err
	}
	switch format {
	case "csv", "":
		return newCSVWriter(w, ',', opt.BOM), nil
	case "tsv":
		return newCSVWriter(w, '\t', opt.BOM), nil
	case "xlsx":
		return newXLSXWriter(w, opt)
	case "json":
		return newJSONWriter(w), nil
	case "vcf":
		return newVCardWriter(w), nil
	}
	return nil, fmt.Errorf("%w %q", ErrFormat, opt.Format)
}

type csvWriter struct {
	bw     *bufio.Writer
	cw     *csv.Writer
	bom    bool
	width  int
	buf    []string
	closed bool
}

func newCSVWriter(w io.Writer, comma rune, bom bool) *csvWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	cw.Comma = comma
	return &csvWriter{bw: bw, cw: cw, bom: bom}
}

func (c *csvWriter) WriteHeader(h []string) error {
	if c.bom {
		if _, err := c.bw.Write(utf8BOM); err != nil {
			return err
		}
	}
	c.width = len(h)
	return c.WriteRow(h)
}

func (c *csvWriter) WriteRow(row []string) error {
	if c.width > 0 && len(row) != c.width {
		return fmt.Errorf("row has %d cells, the header has %d", len(row), c.width)
	}
	c.buf = c.buf[:0]
	for _, s := range row {
		c.buf = append(c.buf, EscapeCell(s))
	}
	return c.cw.Write(c.buf)
}

func (c *csvWriter) Close() error {
	if c.closed {
		return nil
	}
	c.closed = true
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}
