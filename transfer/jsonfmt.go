package transfer

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// jsonWriter streams an array of flat objects, one per line, keys in
// header order and every value a string: the canonical text import reads
// back. It never holds more than one row.
type jsonWriter struct {
	bw     *bufio.Writer
	keys   [][]byte // header names, pre-encoded
	n      int
	closed bool
}

func newJSONWriter(w io.Writer) *jsonWriter {
	return &jsonWriter{bw: bufio.NewWriterSize(w, 64<<10)}
}

func (j *jsonWriter) WriteHeader(h []string) error {
	j.keys = j.keys[:0]
	for _, k := range h {
		b, err := json.Marshal(k)
		if err != nil {
			return err
		}
		j.keys = append(j.keys, b)
	}
	_, err := j.bw.WriteString("[")
	return err
}

func (j *jsonWriter) WriteRow(row []string) error {
	if len(row) != len(j.keys) {
		return fmt.Errorf("row has %d cells, the header has %d", len(row), len(j.keys))
	}
	if j.n > 0 {
		j.bw.WriteString(",")
	}
	j.n++
	j.bw.WriteString("\n  {")
	for i, v := range row {
		if i > 0 {
			j.bw.WriteString(", ")
		}
		j.bw.Write(j.keys[i])
		j.bw.WriteString(": ")
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if _, err := j.bw.Write(b); err != nil {
			return err
		}
	}
	_, err := j.bw.WriteString("}")
	return err
}

func (j *jsonWriter) Close() error {
	if j.closed {
		return nil
	}
	j.closed = true
	if j.keys == nil {
		j.bw.WriteString("[")
	}
	if j.n > 0 {
		j.bw.WriteString("\n")
	}
	j.bw.WriteString("]\n")
	return j.bw.Flush()
}

// jsonReader reads what jsonWriter writes, and any array of flat objects:
// the first object's keys are the header; strings, numbers, booleans and
// null become cells, arrays of scalars become lists joined with ListSep.
// It streams token by token, one object in memory at a time.
type jsonReader struct {
	name   string
	closer io.Closer
	dec    *json.Decoder
	count  *countingReader
	maxRow int
	header []string
	index  map[string]int
	first  []string // first row, read to learn the header
	n      int
	err    error
}

func newJSONReader(r io.ReadCloser, name string, opt ReadOptions) (Reader, error) {
	cnt := &countingReader{r: r}
	j := &jsonReader{name: name, closer: r, count: cnt, maxRow: opt.maxRow()}
	br := bufio.NewReaderSize(cnt, sniffBytes)
	if b, err := br.Peek(3); err == nil && string(b) == string(utf8BOM) {
		br.Discard(3)
	}
	j.dec = json.NewDecoder(br)
	j.dec.UseNumber()
	cnt.limit = j.maxRow + 2*sniffBytes
	tok, err := j.dec.Token()
	if err == io.EOF {
		r.Close()
		return nil, fmt.Errorf("%s is empty: %w", name, ErrEmpty)
	}
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("%s: %w", name, j.describe(err))
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		r.Close()
		return nil, fmt.Errorf("%s: expected a JSON array of objects", name)
	}
	keys, vals, err := j.object()
	if err == io.EOF {
		r.Close()
		return nil, fmt.Errorf("%s is empty (an empty array): %w", name, ErrEmpty)
	}
	if err != nil {
		r.Close()
		return nil, err
	}
	j.header = keys
	j.index = make(map[string]int, len(keys))
	for i, k := range keys {
		j.index[k] = i
	}
	j.first = vals
	return j, nil
}

// object reads the next object of the array as parallel keys and values;
// io.EOF at the closing bracket.
func (j *jsonReader) object() ([]string, []string, error) {
	j.count.n = 0
	if !j.dec.More() {
		if _, err := j.dec.Token(); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", j.name, j.describe(err))
		}
		return nil, nil, io.EOF
	}
	j.n++
	tok, err := j.dec.Token()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: object %d: %w", j.name, j.n, j.describe(err))
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, fmt.Errorf("%s: item %d is not an object", j.name, j.n)
	}
	var keys, vals []string
	for j.dec.More() {
		kt, err := j.dec.Token()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: object %d: %w", j.name, j.n, j.describe(err))
		}
		var raw json.RawMessage
		if err := j.dec.Decode(&raw); err != nil {
			return nil, nil, fmt.Errorf("%s: object %d: %w", j.name, j.n, j.describe(err))
		}
		v, err := jsonCell(raw)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: object %d, key %q: %w", j.name, j.n, kt, err)
		}
		keys = append(keys, kt.(string))
		vals = append(vals, v)
	}
	if _, err := j.dec.Token(); err != nil { // the closing brace
		return nil, nil, fmt.Errorf("%s: object %d: %w", j.name, j.n, j.describe(err))
	}
	return keys, vals, nil
}

func (j *jsonReader) describe(err error) error {
	if errors.Is(err, errRowTooLarge) {
		return fmt.Errorf("an object is larger than %s: %w", byteSize(j.maxRow), ErrTooLarge)
	}
	return err
}

func jsonCell(raw json.RawMessage) (string, error) {
	var v any
	d := json.NewDecoder(strings.NewReader(string(raw)))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return "", err
	}
	switch t := v.(type) {
	case nil:
		return "", nil
	case string:
		return t, nil
	case json.Number:
		return t.String(), nil
	case bool:
		if t {
			return "true", nil
		}
		return "false", nil
	case []any:
		parts := make([]string, 0, len(t))
		for _, e := range t {
			switch e := e.(type) {
			case string:
				parts = append(parts, e)
			case json.Number:
				parts = append(parts, e.String())
			default:
				return "", errors.New("arrays may hold only strings and numbers")
			}
		}
		return strings.Join(parts, ListSep), nil
	}
	return "", errors.New("nested objects are not supported; export flat rows")
}

func (j *jsonReader) Header() []string { return j.header }
func (j *jsonReader) Format() string   { return "json" }

func (j *jsonReader) Close() error {
	if j.closer != nil {
		err := j.closer.Close()
		j.closer = nil
		return err
	}
	return nil
}

// Next returns rows in header order. The "line" is the object's 1-based
// position in the array, which is what a person can find in the file.
func (j *jsonReader) Next() ([]string, int, error) {
	if j.first != nil {
		row := j.first
		j.first = nil
		return row, 1, nil
	}
	if j.err != nil {
		return nil, 0, j.err
	}
	keys, vals, err := j.object()
	if err != nil {
		j.err = err
		return nil, 0, err
	}
	row := make([]string, len(j.header))
	for i, k := range keys {
		c, ok := j.index[k]
		if !ok {
			return nil, j.n, &RowError{Line: j.n, Msg: fmt.Sprintf("object has key %q which the first object lacks", k)}
		}
		row[c] = vals[i]
	}
	return row, j.n, nil
}
