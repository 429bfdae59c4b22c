package store

import (
	"context"
	"fmt"
	"strings"
)

// LabelHit is one record found by its label.
type LabelHit struct {
	ID    int64
	Label string
}

// lookupScan bounds the rows a contains-search examines, so a rare
// substring on a million-row table costs a bounded scan, not a full one.
const lookupScan = 200_000

// LookupLabels finds live records of object whose label starts with text
// (first, walking the label index: fast on any size) or contains it, in
// label order, at most limit. It serves relation pickers, which ask on
// every pause in typing. Empty text lists the first records by label.
func (s *Store) LookupLabels(ctx context.Context, object, text string, limit int) ([]LabelHit, error) {
	st, err := s.state(object)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 20
	}
	o := st.obj
	label, table := q(o.LabelField), q(o.Table())
	text = strings.TrimSpace(text)
	var out []LabelHit
	seen := map[int64]bool{}
	scan := func(query string, args ...any) error {
		rows, err := s.db.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h LabelHit
			var l *string
			if err := rows.Scan(&h.ID, &l); err != nil {
				return err
			}
			if l != nil {
				h.Label = *l
			}
			if !seen[h.ID] {
				seen[h.ID] = true
				out = append(out, h)
			}
		}
		return rows.Err()
	}
	if text == "" {
		err := scan(fmt.Sprintf(`SELECT "id", %s FROM %s WHERE "deleted_at" IS NULL ORDER BY %s, "id" LIMIT ?`, label, table, label), limit)
		return out, err
	}
	// Prefix: a range on the NOCASE label index ("jan" ≤ label < "jan\uffff").
	err = scan(fmt.Sprintf(`SELECT "id", %s FROM %s WHERE %s >= ? AND %s < ? AND "deleted_at" IS NULL ORDER BY %s, "id" LIMIT ?`,
		label, table, label, label, label), text, text+"\U0010FFFF", limit)
	if err != nil || len(out) >= limit {
		return out, err
	}
	// Contains, over a bounded slice of the table.
	err = scan(fmt.Sprintf(`SELECT "id", l FROM (SELECT "id", %s AS l, "deleted_at" FROM %s LIMIT ?) WHERE l LIKE ? ESCAPE '\' AND "deleted_at" IS NULL ORDER BY l, "id" LIMIT ?`,
		label, table), lookupScan, "%"+likeEscape(text)+"%", limit)
	return out, err
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
