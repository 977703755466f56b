-- Which MailWizz delivery server sends for a sending IP or virtual MTA (configured, discovered or set by
-- an operator), and how far each desired quota got on its way into MailWizz's delivery_server table.
CREATE TABLE delivery_server_mapping (
    tenant_id   VARCHAR(63)  NOT NULL,
    subject     VARCHAR(64)  NOT NULL,   -- a sending IP or a virtual MTA name
    server_id   BIGINT       NOT NULL CHECK (server_id > 0),
    source      VARCHAR(16)  NOT NULL,   -- configured | discovered | operator
    mapped_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, subject)
);

ALTER TABLE desired_quota
    ADD COLUMN apply_state       VARCHAR(24)  NOT NULL DEFAULT 'pending',
    ADD COLUMN server_id         BIGINT,
    ADD COLUMN applied_daily     BIGINT,
    ADD COLUMN applied_hourly    BIGINT,
    ADD COLUMN applied_at        TIMESTAMPTZ,
    ADD COLUMN attempts          INT          NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at   TIMESTAMPTZ,
    ADD COLUMN last_error        VARCHAR(500),
    ADD COLUMN alerted_problem   VARCHAR(24);

CREATE INDEX desired_quota_due ON desired_quota (apply_state, next_attempt_at);
