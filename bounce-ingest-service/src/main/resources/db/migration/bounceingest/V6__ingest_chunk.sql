-- What was ingested, one row per committed batch and sending lane (the source IP and virtual MTA
-- the records name), instead of one row per record: at 100k records/s a row and two index entries
-- per record were most of the database's work.
--   record_keys     the lane's new record keys in that batch, sorted (16 bytes each): the dedupe
--                   memory. A batch locks its lanes, reads the chunks of those lanes whose key
--                   range overlaps its own (keys start with the log time, so a stream only overlaps
--                   its own latest chunk) and keeps the keys found in none.
--   message_hashes  64-bit hashes of the Message-IDs of the lane's new d/b/t records: who sent a
--                   message (tenant_id, ip, vmta of the row), for remote bounces and complaints
--                   that name no IP. Looked up through a GIN index; cleared after its retention.
CREATE TABLE ingest_chunk (
    id              BIGSERIAL     PRIMARY KEY,
    lane            VARCHAR(120)  NOT NULL,
    first_key       UUID          NOT NULL,
    last_key        UUID          NOT NULL,
    record_keys     BYTEA         NOT NULL,
    tenant_id       VARCHAR(63),
    ip              VARCHAR(45),
    vmta            VARCHAR(64),
    message_hashes  BIGINT[],
    ingested_at     TIMESTAMPTZ   NOT NULL
);
-- Random bytes do not compress: stored out of line as they are.
ALTER TABLE ingest_chunk ALTER COLUMN record_keys SET STORAGE EXTERNAL;
CREATE INDEX ingest_chunk_lane ON ingest_chunk (lane, last_key);
CREATE INDEX ingest_chunk_age ON ingest_chunk USING brin (ingested_at);
CREATE INDEX ingest_chunk_messages ON ingest_chunk USING gin (message_hashes);

-- The per-record tables they replace. Keys remembered by them are not carried over: the dedupe
-- memory starts afresh with this version (records ingested before it and sent again would count
-- again), as does the Message-ID map.
DROP TABLE ingested_record;
DROP TABLE message_origin;
