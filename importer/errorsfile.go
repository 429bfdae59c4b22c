package importer

import (
	"bytes"
	"os"
	"strconv"
	"strings"

	"rolo/transfer"
)

// errorsFile receives the rejected rows: the file's own columns, so the
// user can fix them and import the file again, then "row" and "reason".
type errorsFile struct {
	f     *os.File
	w     transfer.Writer
	width int
	cells []string
}

func newErrorsFile(path string, header []string) (*errorsFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w, err := transfer.NewWriter(f, transfer.WriteOptions{Format: "csv"})
	if err != nil {
		f.Close()
		return nil, err
	}
	h := append(append([]string(nil), header...), "row", "reason")
	if err := w.WriteHeader(h); err != nil {
		f.Close()
		return nil, err
	}
	return &errorsFile{f: f, w: w, width: len(header)}, nil
}

func (e *errorsFile) write(r *row) error {
	e.cells = e.cells[:0]
	for i := 0; i < e.width; i++ {
		c := ""
		if i < len(r.cells) {
			c = r.cells[i]
		}
		e.cells = append(e.cells, c)
	}
	reasons := make([]string, len(r.probs))
	for i, p := range r.probs {
		reasons[i] = p.String()
	}
	e.cells = append(e.cells, strconv.Itoa(r.line), strings.Join(reasons, "; "))
	return e.w.WriteRow(e.cells)
}

func (e *errorsFile) close() error {
	err := e.w.Close()
	if cerr := e.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// estimateRows guesses the number of data rows for the progress bar by
// counting line breaks (CSV, TSV, JSON as rolo writes it, one record a
// line) or cards; 0 when the format does not say cheaply (XLSX).
func estimateRows(path, format string) int64 {
	var sep []byte
	switch format {
	case "csv", "tsv", "json":
		sep = []byte{'\n'}
	case "vcf":
		sep = []byte("BEGIN:VCARD")
	default:
		return 0
	}
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	var n int64
	keep := len(sep) - 1 // bytes carried over so a card split across reads counts once
	have := 0
	for {
		k, err := f.Read(buf[have:])
		data := buf[:have+k]
		n += int64(bytes.Count(data, sep))
		if keep > 0 && len(data) > keep {
			have = copy(buf, data[len(data)-keep:])
		}
		if err != nil {
			break
		}
	}
	if len(sep) == 1 && n > 0 {
		n-- // the header line
	}
	return n
}
