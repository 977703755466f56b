-- Which tenant, IP and virtual MTA sent a message, learnt from the d/b/t records that carry its
-- Message-ID, so that remote bounces (rb/rs) and complaints that name no source IP can be attributed
-- by the Message-ID of the message they are about. Appended with COPY (no unique constraint: a
-- message has several records, e.g. a deferral then its delivery; the newest wins), looked up by a
-- 64-bit hash of the Message-ID and checked against the text, forgotten after the retention.
CREATE TABLE message_origin (
    message_hash  BIGINT       NOT NULL,
    message_id    TEXT         NOT NULL,
    tenant_id     VARCHAR(63)  NOT NULL,
    ip            VARCHAR(45)  NOT NULL,
    vmta          VARCHAR(64),
    learned_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX message_origin_hash ON message_origin (message_hash);
CREATE INDEX message_origin_age ON message_origin USING brin (learned_at);
