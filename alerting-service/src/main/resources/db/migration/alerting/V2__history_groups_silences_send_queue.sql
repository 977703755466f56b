-- When this service received the latest event of an alert (its own clock, unlike last_seen which is the
-- producer's), and the notification group the alert belongs to (computed from tenant, route and alertname).
ALTER TABLE alert ADD COLUMN received_at TIMESTAMPTZ;
ALTER TABLE alert ADD COLUMN group_key VARCHAR(64);
CREATE INDEX alert_group_member ON alert (group_key, received_at);

-- Every AlertRaised occurrence, kept for history (the alert table only holds the latest state).
CREATE TABLE alert_history (
    id           BIGSERIAL    PRIMARY KEY,
    event_id     UUID         NOT NULL,
    fingerprint  VARCHAR(128) NOT NULL,
    tenant_id    VARCHAR(63),
    severity     VARCHAR(16)  NOT NULL,
    source       VARCHAR(128) NOT NULL,
    summary      TEXT         NOT NULL,
    details      TEXT,
    labels       TEXT         NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX alert_history_tenant ON alert_history (tenant_id, id);
CREATE INDEX alert_history_fingerprint ON alert_history (fingerprint, id);

-- One notification group (Alertmanager's aggregation group): alerts of one tenant, one route and one
-- alertname share one message. An episode starts when the first alert fires and ends with the resolve message.
CREATE TABLE alert_group (
    group_key           VARCHAR(64)  PRIMARY KEY,
    tenant_id           VARCHAR(63),
    group_value         VARCHAR(256) NOT NULL,
    severity            VARCHAR(16)  NOT NULL,
    chat_id             BIGINT       NOT NULL,
    thread_id           BIGINT,
    silent              BOOLEAN      NOT NULL,
    open                BOOLEAN      NOT NULL,
    episode_started_at  TIMESTAMPTZ  NOT NULL,
    last_notified_at    TIMESTAMPTZ,
    notified_digest     VARCHAR(64),
    notification_seq    INTEGER      NOT NULL DEFAULT 0,
    next_evaluation_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX alert_group_due ON alert_group (next_evaluation_at) WHERE open;

-- Silences: time-boxed label matchers (JSON list) created over the API, with who and why.
CREATE TABLE silence (
    id          UUID         PRIMARY KEY,
    tenant_id   VARCHAR(63),
    matchers    TEXT         NOT NULL,
    starts_at   TIMESTAMPTZ  NOT NULL,
    ends_at     TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    comment     TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX silence_tenant ON silence (tenant_id, ends_at);

-- The persistent send queue: one row per message to Telegram. (group_key, seq) is unique, so an
-- evaluation that runs twice can never enqueue the same notification twice.
CREATE TABLE notification (
    id                   BIGSERIAL    PRIMARY KEY,
    group_key            VARCHAR(64)  NOT NULL,
    seq                  INTEGER      NOT NULL,
    tenant_id            VARCHAR(63),
    kind                 VARCHAR(16)  NOT NULL,
    chat_id              BIGINT       NOT NULL,
    thread_id            BIGINT,
    silent               BOOLEAN      NOT NULL,
    text                 TEXT         NOT NULL,
    status               VARCHAR(16)  NOT NULL,
    attempts             INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at      TIMESTAMPTZ  NOT NULL,
    lease_until          TIMESTAMPTZ,
    created_at           TIMESTAMPTZ  NOT NULL,
    sent_at              TIMESTAMPTZ,
    telegram_message_id  BIGINT,
    error_code           INTEGER,
    last_error           TEXT,
    CONSTRAINT notification_once UNIQUE (group_key, seq)
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status IN ('pending', 'sending');

-- Telegram moved a group to a supergroup (400 with migrate_to_chat_id): later messages follow.
CREATE TABLE chat_migration (
    from_chat_id  BIGINT       PRIMARY KEY,
    to_chat_id    BIGINT       NOT NULL,
    migrated_at   TIMESTAMPTZ  NOT NULL
);
