-- The quota the warmup engine wants for each sending IP; applying it to MailWizz's
-- delivery_server table is reconciled against this desired state.
CREATE TABLE desired_quota (
    tenant_id     VARCHAR(63)  NOT NULL,
    ip            VARCHAR(45)  NOT NULL,
    vmta          VARCHAR(64)  NOT NULL,
    daily_quota   BIGINT       NOT NULL,
    hourly_quota  BIGINT       NOT NULL,
    decision_id   UUID         NOT NULL,
    changed_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, ip)
);
