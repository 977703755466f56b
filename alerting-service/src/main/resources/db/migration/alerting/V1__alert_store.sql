-- One row per alert fingerprint: the deduplicated state of an alert across all its events.
CREATE TABLE alert (
    fingerprint   VARCHAR(128) PRIMARY KEY,
    tenant_id     VARCHAR(63),
    severity      VARCHAR(16)  NOT NULL,
    source        VARCHAR(128) NOT NULL,
    summary       TEXT         NOT NULL,
    details       TEXT,
    labels        TEXT         NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    first_seen    TIMESTAMPTZ  NOT NULL,
    last_seen     TIMESTAMPTZ  NOT NULL,
    occurrences   BIGINT       NOT NULL
);
CREATE INDEX alert_tenant_status ON alert (tenant_id, status);
