-- Finished suppressions (done, not-found, failed) are purged once older than the retention. The index on
-- (state, next_attempt_at) serves the worker's claims but not an age: without this one every purge read
-- every finished row. Partial, so the pending rows the worker is busy with stay out of it; the predicate
-- must stay identical to the purge statement's state condition, or the planner cannot use it.
CREATE INDEX pending_suppression_finished_age ON pending_suppression (finished_at)
    WHERE state IN ('done', 'not-found', 'failed');
