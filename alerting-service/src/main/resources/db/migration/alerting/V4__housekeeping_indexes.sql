-- The hourly housekeeping deletes by age; without these indexes every purge read its whole table.

-- History entries older than the retention. A btree, not BRIN: the table is appended to but also purged
-- from its old end every hour, and vacuum hands the freed pages to new entries, so a block range soon
-- holds both old and new times; BRIN summaries only ever widen and would stop excluding anything.
CREATE INDEX alert_history_age ON alert_history (received_at);

-- Sent and failed messages older than the retention; unsent ones (the busy part) stay out of it. The
-- predicate must stay identical to the purge statement's status condition, or the planner cannot use it.
CREATE INDEX notification_finished_age ON notification (created_at) WHERE status IN ('sent', 'failed');

-- Resolved alerts not heard of for the resolved-alert retention are forgotten. Alerts stored before
-- received_at existed get their last event time, so they age like the others.
UPDATE alert SET received_at = last_seen WHERE received_at IS NULL;
CREATE INDEX alert_resolved_age ON alert (received_at) WHERE status = 'resolved';
