-- Hard bounces and complaints waiting to become MailWizz calls. Kept until MailWizz confirmed them
-- (or answered that the address or message is unknown), so an outage delays suppression, never loses it.
CREATE TABLE pending_suppression (
    id               BIGSERIAL     PRIMARY KEY,
    event_id         UUID          NOT NULL UNIQUE,
    tenant_id        VARCHAR(63)   NOT NULL,
    action           VARCHAR(16)   NOT NULL,   -- hard-bounce | complaint
    email            VARCHAR(320),
    message_id       VARCHAR(998),
    diagnostic       VARCHAR(1000),
    state            VARCHAR(16)   NOT NULL DEFAULT 'pending', -- pending | done | not-found | failed
    outcome          VARCHAR(64),
    attempts         INT           NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ   NOT NULL,
    last_error       VARCHAR(500),
    created_at       TIMESTAMPTZ   NOT NULL,
    finished_at      TIMESTAMPTZ
);

CREATE INDEX pending_suppression_due ON pending_suppression (state, next_attempt_at);
