-- Remote bounces and complaints naming no IP are attributed by Message-ID through the GIN index
-- ingest_chunk_messages (JdbcIngestStore.MESSAGE_ORIGINS). The partial index of V7 (the chunks
-- holding Message-IDs, for the hourly forgetting) served that lookup too, as a list of every
-- candidate chunk: message_hashes && ... implies message_hashes IS NOT NULL, and with no statistics
-- for random hashes the planner found it cheaper than the GIN index, reading every chunk of the
-- retention for each batch holding such records. A predicate the lookup does not imply keeps it to
-- the forgetting (JdbcIngestStore.FORGET_ORIGINS); chunks without Message-IDs hold NULL, never an
-- empty array, so it selects the same chunks.
DROP INDEX ingest_chunk_origins_age;
CREATE INDEX ingest_chunk_origins_age ON ingest_chunk (ingested_at) WHERE cardinality(message_hashes) > 0;

-- The GIN index collects new entries in a pending list and merges them into the tree in bulk; every
-- lookup reads the whole list. With the default 4 MB that cost 18 ms per batch holding remote
-- bounces; 1 MB bounds it at a few milliseconds. (Without a list, inserts cost twice as much.)
ALTER INDEX ingest_chunk_messages SET (gin_pending_list_limit = 1024);
