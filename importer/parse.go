package importer

import (
	"context"
	"errors"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"rolo/model"
	"rolo/transfer"
)

// chunkRows is how many rows travel from the parser to the writer at once:
// large enough for 500-key lookups, small enough to keep memory flat.
const chunkRows = 1000

// row is one data row on its way to the database.
type row struct {
	line  int
	cells []string      // as read, for the errors file
	text  []string      // per plan field: the normalized cell text
	vals  []model.Value // per plan field: the parsed value
	// deferred marks fields whose value the writer parses (select options
	// that --create-missing may have to add first).
	deferred []bool
	probs    []RowProblem
}

func (r *row) bad() bool { return len(r.probs) > 0 }

func (r *row) problem(column, value, reason string) {
	r.probs = append(r.probs, RowProblem{Row: r.line, Column: column, Value: value, Reason: reason})
}

// chunk is a batch of rows or the error that ended reading. ready is
// closed once a worker has parsed the rows.
type chunk struct {
	rows  []*row
	err   error
	ready chan struct{}
}

// parser turns file rows into typed values. It needs only metadata, so it
// runs beside the writer, which holds the transaction: one goroutine
// reads the file, and as many workers as there are CPUs parse chunks,
// which the writer takes in file order.
type parser struct {
	p    *Plan
	norm *transfer.Normalizer
	env  model.ParseEnv
}

// run reads the whole file, sending chunks (in order) until EOF, a fatal
// error or cancellation, and closes out when every chunk is parsed.
func (ps *parser) run(ctx context.Context, out chan<- *chunk) {
	workers := max(1, runtime.GOMAXPROCS(0))
	jobs := make(chan *chunk, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			texts := make(map[string]string, len(ps.p.fields))
			cache := newParseCache()
			for c := range jobs {
				for _, r := range c.rows {
					if !r.bad() {
						ps.parse(r, texts, cache)
					}
				}
				close(c.ready)
			}
		}()
	}
	defer func() {
		close(jobs)
		wg.Wait()
		close(out)
	}()
	send := func(c *chunk) bool {
		if c.ready == nil {
			c.ready = make(chan struct{})
			if c.err != nil {
				close(c.ready)
			}
		}
		select {
		case out <- c:
		case <-ctx.Done():
			return false
		}
		if c.err != nil {
			return true
		}
		select {
		case jobs <- c:
			return true
		case <-ctx.Done():
			close(c.ready)
			return false
		}
	}
	rows := make([]*row, 0, chunkRows)
	for {
		cells, line, err := ps.p.Reader.Next()
		if err == io.EOF {
			break
		}
		var re *transfer.RowError
		if err != nil && !errors.As(err, &re) {
			send(&chunk{err: err})
			return
		}
		r := &row{line: line, cells: cells}
		if re != nil {
			r.line = re.Line
			r.problem("", "", re.Msg)
		}
		rows = append(rows, r)
		if len(rows) == chunkRows {
			if !send(&chunk{rows: rows}) {
				return
			}
			rows = make([]*row, 0, chunkRows)
		}
	}
	if len(rows) > 0 {
		send(&chunk{rows: rows})
	}
}

// parseCache remembers parsed cells of the types whose parsing is slow
// (phone numbers go through libphonenumber's regular expressions) for
// files that repeat them: an office switchboard on every row. It is
// bounded: when full it starts over.
type parseCache struct {
	m map[string]cached
}

type cached struct {
	v   model.Value
	err error
}

const parseCacheMax = 1 << 16

func newParseCache() *parseCache { return &parseCache{m: map[string]cached{}} }

func (c *parseCache) parse(f model.Field, s string, env model.ParseEnv) (model.Value, error) {
	if f.Type != model.TypePhones {
		return model.ParseValue(f, s, env)
	}
	key := f.Name + "\x00" + s
	if e, ok := c.m[key]; ok {
		v := e.v
		v.List = append([]string(nil), v.List...) // values are not shared between rows
		return v, e.err
	}
	v, err := model.ParseValue(f, s, env)
	if len(c.m) >= parseCacheMax {
		clear(c.m)
	}
	c.m[key] = cached{v, err}
	return v, err
}

// parse fills r.text and r.vals, recording a problem per bad cell.
func (ps *parser) parse(r *row, texts map[string]string, cache *parseCache) {
	ps.p.Mapping.Apply(r.cells, texts)
	n := len(ps.p.fields)
	r.text = make([]string, n)
	r.vals = make([]model.Value, n)
	for i, f := range ps.p.fields {
		s := texts[f.Name]
		col := ps.p.header[f.Name]
		if f.Name == model.FieldID {
			id, ok := parseID(s)
			if !ok {
				r.problem(col, s, "expected a rolo record id (a positive whole number)")
				continue
			}
			r.text[i] = s
			if id > 0 {
				r.vals[i] = model.Value{Valid: true, Int: id, Num: float64(id)}
			}
			continue
		}
		t, err := ps.norm.Cell(f, s)
		if err != nil {
			ps.fieldProblem(r, col, s, err)
			continue
		}
		r.text[i] = t
		if ps.p.opt.CreateMissing && (f.Type == model.TypeSelect || f.Type == model.TypeMultiSelect) {
			if r.deferred == nil {
				r.deferred = make([]bool, n)
			}
			r.deferred[i] = true
			continue
		}
		v, err := cache.parse(f, t, ps.env)
		if err != nil {
			ps.fieldProblem(r, col, s, err)
			continue
		}
		r.vals[i] = v
	}
}

func (ps *parser) fieldProblem(r *row, col, s string, err error) {
	var fe *model.FieldError
	if errors.As(err, &fe) {
		v := fe.Value
		if v == "" {
			v = s
		}
		r.problem(col, v, "expected "+fe.Expected)
		return
	}
	r.problem(col, s, err.Error())
}

// parseID reads an id cell: empty (0, ok), "42" or "#42".
func parseID(s string) (int64, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if s == "" {
		return 0, true
	}
	s = strings.TrimSuffix(s, ".0") // spreadsheets turn 42 into 42.0
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}
