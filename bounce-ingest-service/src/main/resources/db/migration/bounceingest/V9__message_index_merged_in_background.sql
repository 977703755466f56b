-- The Message-ID index's pending list is merged into its tree by a scheduled job several times a
-- second (JdbcIngestStore.MERGE_PENDING_MESSAGE_IDS), apart from the ingesting batches. V8's 1 MB
-- limit (about 130 chunks, a quarter of a second of a busy stream) made the batches merge it
-- themselves between two runs of the job, inside their transactions; 4 MB (PostgreSQL's default)
-- is left for when the job falls behind. A lookup reads the list as the job leaves it: short.
ALTER INDEX ingest_chunk_messages SET (gin_pending_list_limit = 4096);
