package transfer

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxReader streams one worksheet with excelize's row iterator, which
// parses the sheet XML incrementally instead of loading every cell.
type xlsxReader struct {
	name   string
	file   *excelize.File
	rows   *excelize.Rows
	header []string
	row    int // sheet row number of the last row read (1-based)
	err    error
}

func openXLSX(path, name string, opt ReadOptions) (Reader, error) {
	// Raw values: numbers as stored (no thousands separators or rounding
	// from the cell's display format) and dates as serial day numbers,
	// which Normalizer turns into ISO dates for date fields.
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("%s is not a readable XLSX workbook: %w", name, err)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, fmt.Errorf("%s has no worksheets: %w", name, ErrEmpty)
	}
	sheet := sheets[0]
	if opt.Sheet != "" {
		sheet = ""
		for _, s := range sheets {
			if s == opt.Sheet {
				sheet = s
				break
			}
		}
		if sheet == "" {
			for _, s := range sheets {
				if strings.EqualFold(s, opt.Sheet) {
					sheet = s
					break
				}
			}
		}
		if sheet == "" {
			f.Close()
			return nil, fmt.Errorf("%s has no sheet %q (sheets: %s)", name, opt.Sheet, strings.Join(sheets, ", "))
		}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: sheet %q: %w", name, sheet, err)
	}
	x := &xlsxReader{name: name, file: f, rows: rows}
	for {
		cells, err := x.read()
		if err == io.EOF {
			x.Close()
			return nil, fmt.Errorf("%s: sheet %q is empty: %w", name, sheet, ErrEmpty)
		}
		if err != nil {
			x.Close()
			return nil, err
		}
		if isBlank(cells) {
			continue
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		x.header = trimTrailingEmpty(cells)
		return x, nil
	}
}

func (x *xlsxReader) read() ([]string, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, fmt.Errorf("%s: row %d: %w", x.name, x.row+1, err)
		}
		return nil, io.EOF
	}
	x.row++
	cells, err := x.rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("%s: row %d: %w", x.name, x.row, err)
	}
	for i, c := range cells {
		cells[i] = cleanFloat(UnescapeCell(c))
	}
	return cells, nil
}

func (x *xlsxReader) Header() []string { return x.header }
func (x *xlsxReader) Format() string   { return "xlsx" }

func (x *xlsxReader) Next() ([]string, int, error) {
	for {
		if x.err != nil {
			return nil, 0, x.err
		}
		cells, err := x.read()
		if err != nil {
			x.err = err
			return nil, 0, err
		}
		if isBlank(cells) {
			continue
		}
		// Spreadsheets drop trailing empty cells, so short rows are normal:
		// pad them. Extra non-empty cells beyond the header are ragged.
		cells = trimTrailingEmpty(cells)
		if len(cells) > len(x.header) {
			return cells, x.row, &RowError{Line: x.row, Ragged: true,
				Msg: fmt.Sprintf("has %d columns, the header has %d", len(cells), len(x.header))}
		}
		for len(cells) < len(x.header) {
			cells = append(cells, "")
		}
		return cells, x.row, nil
	}
}

func (x *xlsxReader) Close() error {
	var errs []error
	if x.rows != nil {
		errs = append(errs, x.rows.Close())
		x.rows = nil
	}
	if x.file != nil {
		errs = append(errs, x.file.Close())
		x.file = nil
	}
	return errors.Join(errs...)
}

func trimTrailingEmpty(cells []string) []string {
	n := len(cells)
	for n > 0 && cells[n-1] == "" {
		n--
	}
	return cells[:n]
}

// cleanFloat undoes binary floating point noise in raw XLSX numbers
// ("0.30000000000000004" → "0.3"): Excel itself shows 15 significant
// digits. Only strings with a fraction or exponent are touched, so long
// digit strings such as phone numbers stay exact.
func cleanFloat(s string) string {
	if len(s) < 16 || !strings.ContainsAny(s, ".eE") || !isPlainNumber(s) {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	g, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	return strconv.FormatFloat(g, 'f', -1, 64)
}

// xlsxWriter writes one worksheet with excelize's StreamWriter, which
// spools rows to a temporary file rather than keeping them in memory.
type xlsxWriter struct {
	out    io.Writer
	file   *excelize.File
	sw     *excelize.StreamWriter
	row    int
	buf    []any
	closed bool
}

func newXLSXWriter(w io.Writer, opt WriteOptions) (*xlsxWriter, error) {
	f := excelize.NewFile()
	sheet := opt.Sheet
	if sheet == "" {
		sheet = "Sheet1"
	}
	if len(sheet) > 31 {
		sheet = sheet[:31]
	}
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			f.Close()
			return nil, fmt.Errorf("sheet name %q: %w", sheet, err)
		}
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &xlsxWriter{out: w, file: f, sw: sw}, nil
}

func (x *xlsxWriter) WriteHeader(h []string) error { return x.WriteRow(h) }

func (x *xlsxWriter) WriteRow(row []string) error {
	x.row++
	x.buf = x.buf[:0]
	for _, c := range row {
		x.buf = append(x.buf, xlsxCell(c))
	}
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	if err := x.sw.SetRow(cell, x.buf); err != nil {
		return fmt.Errorf("xlsx row %d: %w", x.row, err)
	}
	return nil
}

// xlsxCell stores canonical numbers as numbers, so sums work in the
// spreadsheet, and everything else as escaped text. "007", "1e5" or
// "1.50" stay text: written as numbers they would not read back the same.
func xlsxCell(s string) any {
	if isPlainNumber(s) && len(s) <= 15 {
		if f, err := strconv.ParseFloat(s, 64); err == nil && strconv.FormatFloat(f, 'f', -1, 64) == s {
			return f
		}
	}
	return EscapeCell(s)
}

func (x *xlsxWriter) Close() error {
	if x.closed {
		return nil
	}
	x.closed = true
	defer x.file.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	_, err := x.file.WriteTo(x.out)
	return err
}
