-- The Message-ID map moves out of the GIN index on ingest_chunk.message_hashes: an index entry per
-- delivered message, plus the merges of its pending list, cost PostgreSQL more per record than
-- everything else ingestion does. Instead each batch writes its Message-ID hashes as one sorted run,
-- split into buckets of about a hundred entries (a row each), and runs are merged in the background
-- into fewer, larger runs with finer buckets (MessageOriginMap: a log-structured merge).

-- Who sent messages; the runs' entries name a sender by id (vmta '' when the records named none).
CREATE TABLE message_sender (
    id         SERIAL       PRIMARY KEY,
    tenant_id  VARCHAR(63)  NOT NULL,
    ip         VARCHAR(45)  NOT NULL,
    vmta       VARCHAR(64)  NOT NULL,
    UNIQUE (tenant_id, ip, vmta)
);

-- Numbers runs in the order their batches committed (first_seq .. last_seq: the batches a merged
-- run holds; of two runs holding a hash the one with the higher last_seq wins) and names them.
CREATE SEQUENCE message_origin_seq;

-- One row per run: its level (0: one batch's; n + 1: merged from runs of level n), its bucket size
-- (bits: buckets hold the hashes sharing their first bits), its entries, and when its entries were
-- learnt (it is forgotten whole once learned_to is older than the retention).
CREATE TABLE message_origin_run (
    run           BIGINT       PRIMARY KEY,
    first_seq     BIGINT       NOT NULL,
    last_seq      BIGINT       NOT NULL,
    level         SMALLINT     NOT NULL,
    bits          SMALLINT     NOT NULL,
    entries       BIGINT       NOT NULL,
    learned_from  TIMESTAMPTZ  NOT NULL,
    learned_to    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX message_origin_run_learned ON message_origin_run (learned_to);

-- The buckets of each run: bucket = (1 << bits) | the first bits of its hashes, so that ids of
-- different bucket sizes never collide; entries = 12 bytes each (hash, sender id; big-endian),
-- sorted by hash as unsigned numbers. A lookup reads by bucket, a merge by run and bucket range.
CREATE TABLE message_origin_bucket (
    run       BIGINT  NOT NULL,
    bucket    INT     NOT NULL,
    last_seq  BIGINT  NOT NULL,
    entries   BYTEA   NOT NULL,
    PRIMARY KEY (run, bucket)
);
CREATE INDEX message_origin_bucket_lookup ON message_origin_bucket (bucket);
-- Hashes do not compress: never tried.
ALTER TABLE message_origin_bucket ALTER COLUMN entries SET STORAGE EXTERNAL;

-- What the chunks taught is carried over as one run (the newest sender of each hash), of a level of
-- its own (100: nothing is merged with it); it is forgotten whole one retention after its newest chunk.
INSERT INTO message_sender (tenant_id, ip, vmta)
SELECT DISTINCT tenant_id, ip, COALESCE(vmta, '') FROM ingest_chunk
WHERE cardinality(message_hashes) > 0 AND tenant_id IS NOT NULL AND ip IS NOT NULL;

CREATE TEMPORARY TABLE carried_origin ON COMMIT DROP AS
SELECT DISTINCT ON (h) h, s.id AS sender, c.ingested_at
FROM ingest_chunk c
CROSS JOIN LATERAL unnest(c.message_hashes) AS h
JOIN message_sender s ON s.tenant_id = c.tenant_id AND s.ip = c.ip AND s.vmta = COALESCE(c.vmta, '')
WHERE cardinality(c.message_hashes) > 0
ORDER BY h, c.id DESC;

DO $$
DECLARE
    total  BIGINT;
    b      INT := 0;
    seq    BIGINT;
BEGIN
    SELECT count(*) INTO total FROM carried_origin;
    IF total = 0 THEN
        RETURN;
    END IF;
    WHILE b < 24 AND (total >> b) > 96 LOOP
        b := b + 1;
    END LOOP;
    seq := nextval('message_origin_seq');
    INSERT INTO message_origin_run (run, first_seq, last_seq, level, bits, entries, learned_from, learned_to)
    SELECT seq, seq, seq, 100, b, total, min(ingested_at), max(ingested_at) FROM carried_origin;
    INSERT INTO message_origin_bucket (run, bucket, last_seq, entries)
    SELECT seq, e.bucket, seq, string_agg(int8send(e.h) || int4send(e.sender), ''::bytea ORDER BY e.h # (-9223372036854775807 - 1))
    FROM (SELECT h, sender,
                 CASE WHEN b = 0 THEN 1 ELSE ((1::bigint << b) | ((h >> (64 - b)) & ((1::bigint << b) - 1)))::int END AS bucket
          FROM carried_origin) e
    GROUP BY e.bucket;
END
$$;

-- The chunks' Message-ID column is no longer written nor read (kept for the previous release
-- during an upgrade; what it holds goes with its chunks after the dedupe retention).
DROP INDEX ingest_chunk_messages;
DROP INDEX ingest_chunk_origins_age;
