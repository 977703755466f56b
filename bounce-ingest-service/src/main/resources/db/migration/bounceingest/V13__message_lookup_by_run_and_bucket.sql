-- A lookup of the Message-ID map now names the (run, bucket) rows it reads, skipping the runs whose
-- filter rules the hash out, and finds them through the primary key. The index by bucket alone
-- served the previous lookup only; every bucket row written paid an entry in it.
-- Rolling back to a release before this one: it still runs, but reads the whole bucket table for
-- each remote bounce looked up; build the index again first, without blocking writes:
--   CREATE INDEX CONCURRENTLY message_origin_bucket_lookup ON message_origin_bucket (bucket);
DROP INDEX IF EXISTS message_origin_bucket_lookup;
