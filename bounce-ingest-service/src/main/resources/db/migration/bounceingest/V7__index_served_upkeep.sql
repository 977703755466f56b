-- Statements that ran often (or hourly) over whole tables, given an index each; and counter cells
-- no longer kept once reported.

-- Reported counter cells are deleted instead of zeroed and kept: the table holds only what is still
-- to be reported (about a hundred cells per 5-minute window per hundred IPs), not every cell ever.
-- A record arriving after its window was reported starts the cell again and is reported as a delta,
-- as before. The signal rows of reported cells were deleted when they were reported. The columns
-- pending and reported_at stay for the previous release (which zeroes reported cells instead).
DELETE FROM delivery_signal_counter s USING delivery_counter c
WHERE s.tenant_id = c.tenant_id AND s.ip = c.ip AND s.provider = c.provider AND s.window_start = c.window_start
  AND NOT c.pending;
DELETE FROM delivery_counter WHERE NOT pending;

-- Records naming no IP are released by their virtual MTA when its owner is learnt
-- (ip = ? OR (ip IS NULL AND vmta = ?): each side of the OR gets an index).
CREATE INDEX unattributed_record_vmta ON unattributed_record (vmta) WHERE ip IS NULL;

-- The hourly forgetting of Message-ID origins reads only the chunks that still hold some (the BRIN
-- index on ingested_at matched every chunk between the two retentions).
CREATE INDEX ingest_chunk_origins_age ON ingest_chunk (ingested_at) WHERE message_hashes IS NOT NULL;

-- Forgetting keys deletes the oldest chunks every hour and new chunks reuse their pages, so a BRIN
-- range soon spans old and new times (its summary only widens) and would match the whole table:
-- a B-tree, one entry per chunk.
CREATE INDEX ingest_chunk_ingested ON ingest_chunk (ingested_at);
DROP INDEX ingest_chunk_age;
