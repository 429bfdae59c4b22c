-- Reference, select and owner indexes gain (deleted_at, active), so counts
-- of live records filtered on them read the index alone. Object tables are
-- per workspace, so the work is the Go step (liveIndexes in
-- migrate_indexes.go); this file only numbers the version.
SELECT 1;
