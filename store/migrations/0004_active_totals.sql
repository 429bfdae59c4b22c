-- Board totals count only active opportunities, as the board's cards do.
-- The triggers are built from Go (totalsDDL), so the work is the Go step
-- (activeTotals in totals.go); this file only numbers the version.
SELECT 1;
