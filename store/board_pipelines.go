package store

import (
	"context"
	"database/sql"
	"fmt"
)

// MovePipeline moves a pipeline to position (0-based, clamped) in the
// order boards and pickers list pipelines.
func (s *Store) MovePipeline(ctx context.Context, pipelineID int64, position int) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		ps, err := loadPipelines(ctx, tx, "", nil)
		if err != nil {
			return err
		}
		from := -1
		for i, p := range ps {
			if p.ID == pipelineID {
				from = i
			}
		}
		if from < 0 {
			return notFound("pipeline #%d", pipelineID)
		}
		p := ps[from]
		rest := append(ps[:from:from], ps[from+1:]...)
		position = max(0, min(position, len(rest)))
		order := append(append(rest[:position:position], p), rest[position:]...)
		for i, x := range order {
			if x.Position == i {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE pipelines SET position = ? WHERE id = ?`, i, x.ID); err != nil {
				return fmt.Errorf("reordering pipelines: %w", err)
			}
		}
		return nil
	})
}
