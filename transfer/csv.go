package transfer

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// sniffBytes is how much of a CSV file is examined to detect the
// delimiter and the encoding; it is also the read buffer size.
const sniffBytes = 64 << 10

// csvReader reads delimited text with encoding/csv, adding what that
// package leaves out: delimiter sniffing, BOM and encoding checks, a row
// size cap and messages a person can act on.
type csvReader struct {
	name     string
	closer   io.Closer
	cr       *csv.Reader
	count    *countingReader
	header   []string
	format   string
	maxRow   int
	lastLine int   // line of the last record returned, for error messages
	err      error // sticky fatal error
}

// NewCSVReader reads CSV or TSV from r; name is used in messages. When r
// is an io.Closer, Close closes it (on error NewCSVReader leaves r open
// for the caller). opt.Delimiter 0 sniffs comma, semicolon or tab from
// the first lines. Use it for stdin or other streams; Open for files.
func NewCSVReader(r io.Reader, name string, opt ReadOptions) (Reader, error) {
	cnt := &countingReader{r: r}
	br := bufio.NewReaderSize(cnt, sniffBytes)
	c := &csvReader{name: name, count: cnt, maxRow: opt.maxRow()}
	if cl, ok := r.(io.Closer); ok {
		c.closer = cl
	}

	sample, err := br.Peek(sniffBytes)
	complete := err != nil // EOF (or an error Read will report again)
	if len(sample) >= 3 && sample[0] == 0xEF && sample[1] == 0xBB && sample[2] == 0xBF {
		br.Discard(3)
		sample = sample[3:]
	}
	if err := checkSignature(name, sample); err != nil {
		return nil, err
	}
	if complete && strings.TrimSpace(string(sample)) == "" {
		return nil, fmt.Errorf("%s is empty: %w", name, ErrEmpty)
	}
	if err := checkUTF8Sample(name, sample, complete); err != nil {
		return nil, err
	}

	delim := opt.Delimiter
	if delim == 0 {
		delim = sniffDelimiter(sample, complete)
	}
	c.format = "csv"
	if delim == '\t' {
		c.format = "tsv"
	}

	cr := csv.NewReader(br)
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	c.cr = cr
	cnt.limit = c.maxRow + 2*sniffBytes
	cnt.n = 0

	for {
		rec, line, err := c.read()
		if err == io.EOF {
			return nil, fmt.Errorf("%s is empty (no header row): %w", name, ErrEmpty)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: header: %w", name, err)
		}
		if isBlank(rec) {
			continue
		}
		c.lastLine = line
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		c.header = rec
		return c, nil
	}
}

func (c *csvReader) Header() []string { return c.header }
func (c *csvReader) Format() string   { return c.format }

func (c *csvReader) Close() error {
	if c.closer != nil {
		err := c.closer.Close()
		c.closer = nil
		return err
	}
	return nil
}

func (c *csvReader) Next() ([]string, int, error) {
	for {
		if c.err != nil {
			return nil, 0, c.err
		}
		rec, line, err := c.read()
		if err != nil {
			var re *RowError
			if errors.As(err, &re) {
				return nil, re.Line, err
			}
			c.err = err
			return nil, 0, err
		}
		c.lastLine = line
		if isBlank(rec) {
			continue
		}
		if len(rec) != len(c.header) {
			return rec, line, &RowError{Line: line, Ragged: true,
				Msg: fmt.Sprintf("has %d columns, the header has %d", len(rec), len(c.header))}
		}
		return rec, line, nil
	}
}

// read returns one record with escaping undone, or a *RowError for a
// malformed one, or a fatal error (already phrased for a person).
func (c *csvReader) read() ([]string, int, error) {
	rec, err := c.cr.Read()
	c.count.n = 0
	if err != nil {
		if err == io.EOF {
			return nil, 0, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && pe.Err != nil && !errors.Is(pe.Err, errRowTooLarge) {
			return nil, pe.StartLine, &RowError{Line: pe.StartLine, Msg: describeParseError(pe)}
		}
		if errors.Is(err, errRowTooLarge) {
			return nil, 0, fmt.Errorf("%s: line %d: a row is larger than %s (an unbalanced quote may have swallowed the rest of the file, or a cell is too large): %w",
				c.name, c.lastLine+1, byteSize(c.maxRow), ErrTooLarge)
		}
		return nil, 0, fmt.Errorf("%s: %w", c.name, err)
	}
	line, _ := c.cr.FieldPos(0)
	for i, cell := range rec {
		if !utf8.ValidString(cell) {
			return nil, 0, encodingError(c.name, line)
		}
		if strings.IndexByte(cell, 0) >= 0 {
			return nil, 0, fmt.Errorf("%s: line %d contains a NUL byte; the file looks binary, not text: %w", c.name, line, ErrBinary)
		}
		rec[i] = UnescapeCell(cell)
	}
	return rec, line, nil
}

func describeParseError(pe *csv.ParseError) string {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Sprintf("stray quote in an unquoted cell (column %d); quote the whole cell and double the quotes inside it", pe.Column)
	case errors.Is(pe.Err, csv.ErrQuote):
		if pe.Line != pe.StartLine {
			return fmt.Sprintf("unbalanced quote: the quoted cell opened on line %d is not closed properly (trouble found on line %d)", pe.StartLine, pe.Line)
		}
		return fmt.Sprintf("unbalanced quote (column %d): a quoted cell must end with a quote followed by the delimiter or the end of the line", pe.Column)
	}
	return pe.Err.Error()
}

func encodingError(name string, line int) error {
	return fmt.Errorf("%s is not UTF-8 (line %d; looks like UTF-16/Latin-1?); save it as UTF-8 CSV: %w", name, line, ErrEncoding)
}

// checkUTF8Sample fails fast on a file in another encoding, naming the
// first offending line. An incomplete sample may end inside a character.
func checkUTF8Sample(name string, b []byte, complete bool) error {
	if !complete {
		for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
			if utf8.Valid(b) {
				return nil
			}
			b = b[:len(b)-1]
		}
	}
	if utf8.Valid(b) {
		return nil
	}
	line := 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line++
		}
		b = b[size:]
	}
	return encodingError(name, line)
}

// sniffDelimiter picks comma, semicolon or tab: the candidate that occurs
// (outside quotes) the same, non-zero number of times on every sampled
// line wins; failing that, the one most frequent on the header line;
// failing that, comma.
func sniffDelimiter(sample []byte, complete bool) rune {
	cands := []byte{',', ';', '\t'}
	const maxLines = 20
	var counts [][3]int
	var cur [3]int
	inQuote, any := false, false
	for _, b := range sample {
		switch {
		case b == '"':
			inQuote = !inQuote
			any = true
		case b == '\n' && !inQuote:
			if any {
				counts = append(counts, cur)
			}
			cur, any = [3]int{}, false
		case !inQuote:
			for i, d := range cands {
				if b == d {
					cur[i]++
				}
			}
			if b != '\r' {
				any = true
			}
		default:
			any = true
		}
		if len(counts) == maxLines {
			break
		}
	}
	if any && complete && len(counts) < maxLines {
		counts = append(counts, cur) // last line without a newline
	}
	if len(counts) == 0 {
		counts = append(counts, cur) // one huge partial line: use what we have
	}
	best, bestN := -1, 0
	for i := range cands {
		n := counts[0][i]
		if n == 0 {
			continue
		}
		consistent := true
		for _, c := range counts[1:] {
			if c[i] != n {
				consistent = false
				break
			}
		}
		if consistent && n > bestN {
			best, bestN = i, n
		}
	}
	if best < 0 {
		for i := range cands {
			if counts[0][i] > bestN {
				best, bestN = i, counts[0][i]
			}
		}
	}
	if best < 0 {
		return ','
	}
	return rune(cands[best])
}

// errRowTooLarge is returned by countingReader through encoding/csv when
// one record grows past the cap.
var errRowTooLarge = errors.New("row too large")

// countingReader counts bytes pulled since the last record so a runaway
// record fails instead of growing without bound. The count is exact up to
// the read-ahead buffer, which the limit allows for.
type countingReader struct {
	r        io.Reader
	n, limit int
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.limit > 0 && c.n > c.limit {
		return 0, errRowTooLarge
	}
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func byteSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
