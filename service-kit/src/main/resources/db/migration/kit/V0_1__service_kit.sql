-- Tables of the shared service kit, present in every service's own database.
-- Service migrations start at V1; the kit's sort before them.

-- Transactional outbox: written in the business transaction, relayed to Kafka after commit.
CREATE TABLE outbox_event (
    id            BIGSERIAL PRIMARY KEY,
    event_id      UUID         NOT NULL UNIQUE,
    event_type    VARCHAR(64)  NOT NULL,
    topic         VARCHAR(249) NOT NULL,
    message_key   VARCHAR(255) NOT NULL,
    payload       TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    published_at  TIMESTAMPTZ,
    attempts      INT          NOT NULL DEFAULT 0,
    last_error    TEXT
);
CREATE INDEX outbox_event_unpublished ON outbox_event (id) WHERE published_at IS NULL;

-- Idempotent consumer: one row per (consumer, event) in the same transaction as the side effect.
CREATE TABLE processed_event (
    consumer      VARCHAR(128) NOT NULL,
    event_id      UUID         NOT NULL,
    processed_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (consumer, event_id)
);

-- Records that exhausted their retries (or could not be parsed) and went to the topic's DLT.
CREATE TABLE dead_letter (
    id                BIGSERIAL PRIMARY KEY,
    source_topic      VARCHAR(249) NOT NULL,
    source_partition  INT          NOT NULL,
    source_offset     BIGINT       NOT NULL,
    message_key       VARCHAR(255),
    event_id          UUID,
    exception_class   VARCHAR(255) NOT NULL,
    exception_message TEXT,
    dead_lettered_at  TIMESTAMPTZ  NOT NULL,
    UNIQUE (source_topic, source_partition, source_offset)
);
