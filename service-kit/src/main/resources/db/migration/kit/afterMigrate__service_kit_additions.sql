-- What the kit added to its tables after V0_1: the table of outbox rows holding many events, the
-- table their unreadable ones are set aside in, and
-- indexes for the hourly retention purges (OutboxRelay.purgePublished, IdempotentConsumer.purgeExpired).
--
-- A Flyway callback, not a migration: every service's database already has versions of its own
-- above the kit's 0.1, so Flyway would refuse a kit V0_2 below them. A repeatable R__ script
-- would be applied, but once in the schema history, the previous release no longer starts
-- ("Detected applied migration not resolved locally"), so redeploying it to roll back would fail.
-- This callback runs after every migrate, in every service (they all migrate
-- classpath:db/migration), leaves no history entry, and builds only an index that is missing or
-- invalid (and the table when missing): a start-up that finds them all in place takes no lock on the tables.
--
-- Building an index blocks writes to its table until it is done (the build runs in Flyway's
-- transaction), and on Kubernetes a start-up has 3 minutes before its probe restarts it. On a large
-- database, build them before deploying, without blocking writes:
--   CREATE INDEX CONCURRENTLY outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;
--   CREATE INDEX CONCURRENTLY processed_event_age ON processed_event (processed_at);
-- A concurrent build that failed leaves an invalid index behind, which this script replaces.
--
-- outbox_event_batch: rows of many events each (OutboxPublisher.publishAllPacked), relayed with the
-- rows of outbox_event in one id order: its ids are drawn from outbox_event's sequence. Created here,
-- with its indexes, when missing; an earlier release ignores it (roll back only once it has no pending
-- rows). A row holds up to 8000 bytes of events and stays in its page (toast_tuple_target 8160): moved
-- out of line, its events would be cut into TOAST chunks of 2 KB, a row and an index entry each. A
-- larger single event is moved out of line uncompressed (EXTERNAL): a row is relayed and deleted
-- within seconds, and compressing it first would cost more than writing it.
-- outbox_event_parked: batch rows the relay could not decode (only a bug or a hand edit makes one),
-- moved aside as they were, with the reason, so they do not hold back the events committed after them
-- (OutboxRelay.park; metric email_engine_outbox_parked, alert EmailEngineOutboxRowParked).
-- outbox_event_published, outbox_event_batch_published: relayed rows by age; pending ones (no
-- published_at) are not in them.
-- processed_event_age: a B-tree, although the table is insert-only. The purge empties the oldest
-- pages and new rows refill them, while a BRIN range keeps the minimum of the rows it held before
-- (a summary only ever widens): within one retention every range looks old, and the purge reads the
-- whole table again. Records arrive in processed_at order, so the B-tree grows at its right edge.
DO $$
DECLARE
    index_name text;
    definition text;
    valid      boolean;
BEGIN
    -- Replicas starting together take turns: the second one finds the index the first one built.
    -- (The lock's key is arbitrary but fixed.)
    PERFORM pg_advisory_xact_lock(5002761866494698616);
    IF to_regclass('outbox_event_batch') IS NULL THEN
        CREATE TABLE outbox_event_batch (
            id            BIGINT       PRIMARY KEY DEFAULT nextval('outbox_event_id_seq'),
            events        BYTEA        NOT NULL,
            event_count   INT          NOT NULL CHECK (event_count > 0),
            created_at    TIMESTAMPTZ  NOT NULL,
            published_at  TIMESTAMPTZ,
            attempts      INT          NOT NULL DEFAULT 0,
            last_error    TEXT
        ) WITH (toast_tuple_target = 8160);
        ALTER TABLE outbox_event_batch ALTER COLUMN events SET STORAGE EXTERNAL;
        CREATE INDEX outbox_event_batch_unpublished ON outbox_event_batch (id) WHERE published_at IS NULL;
    END IF;
    IF to_regclass('outbox_event_parked') IS NULL THEN
        CREATE TABLE outbox_event_parked (
            id            BIGINT       PRIMARY KEY,
            events        BYTEA        NOT NULL,
            event_count   INT          NOT NULL,
            created_at    TIMESTAMPTZ  NOT NULL,
            attempts      INT          NOT NULL,
            reason        TEXT         NOT NULL,
            parked_at     TIMESTAMPTZ  NOT NULL
        );
    END IF;
    FOR index_name, definition IN VALUES
        ('outbox_event_published',
         'CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL'),
        ('outbox_event_batch_published',
         'CREATE INDEX outbox_event_batch_published ON outbox_event_batch (published_at) WHERE published_at IS NOT NULL'),
        ('processed_event_age',
         'CREATE INDEX processed_event_age ON processed_event (processed_at)')
    LOOP
        SELECT indisvalid INTO valid FROM pg_index WHERE indexrelid = to_regclass(index_name);
        IF valid IS FALSE THEN
            EXECUTE format('DROP INDEX %I', index_name);
        END IF;
        IF valid IS NOT TRUE THEN
            EXECUTE definition;
        END IF;
    END LOOP;
END
$$;
