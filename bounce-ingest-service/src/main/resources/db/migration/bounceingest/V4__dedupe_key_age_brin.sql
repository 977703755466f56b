-- Dedupe keys are appended in ingestion order, so a BRIN index finds the expired ones as well as a
-- B-tree did, at almost no cost per inserted key (the B-tree was a second index write per record).
DROP INDEX ingested_record_age;
CREATE INDEX ingested_record_age ON ingested_record USING brin (ingested_at);
