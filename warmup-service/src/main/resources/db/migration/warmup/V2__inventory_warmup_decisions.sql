-- Sending IPs per tenant. The address is the key: one IP belongs to at most one tenant.
CREATE TABLE sending_ip (
    ip              VARCHAR(45)  PRIMARY KEY,
    tenant_id       VARCHAR(63)  NOT NULL,
    helo_hostname   VARCHAR(253) NOT NULL,
    sending_domain  VARCHAR(253) NOT NULL,
    dkim_selector   VARCHAR(63)  NOT NULL,
    host_id         VARCHAR(63)  NOT NULL,
    vmta            VARCHAR(64)  NOT NULL,
    pool            VARCHAR(64),
    sending_hours   INT          NOT NULL CHECK (sending_hours BETWEEN 1 AND 24),
    status          VARCHAR(16)  NOT NULL,
    warmup_status   VARCHAR(16)  NOT NULL,
    plan_name       VARCHAR(64),
    last_tick_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX sending_ip_tenant ON sending_ip (tenant_id);
CREATE INDEX sending_ip_warming ON sending_ip (warmup_status) WHERE warmup_status = 'WARMING';

-- Warmup state per IP x provider.
CREATE TABLE warmup_state (
    ip                 VARCHAR(45)  NOT NULL REFERENCES sending_ip (ip),
    provider           VARCHAR(32)  NOT NULL,
    tenant_id          VARCHAR(63)  NOT NULL,
    phase              VARCHAR(16)  NOT NULL,
    stage              INT          NOT NULL,
    warmup_day         INT          NOT NULL,
    daily_quota        BIGINT       NOT NULL,
    day_started_at     TIMESTAMPTZ  NOT NULL,
    paused_until       TIMESTAMPTZ,
    pause_reason       VARCHAR(100),
    recovery_days_left INT          NOT NULL,
    alerting           BOOLEAN      NOT NULL,
    last_active_at     TIMESTAMPTZ  NOT NULL,
    last_decision_id   UUID,
    updated_at         TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (ip, provider)
);

-- The decision log: one decision id per IP evaluation, one row per provider it concerns,
-- with the numbers (rates, samples, thresholds) and signal codes that caused it.
CREATE TABLE decision_log (
    decision_id   UUID         NOT NULL,
    provider      VARCHAR(32)  NOT NULL,
    tenant_id     VARCHAR(63)  NOT NULL,
    ip            VARCHAR(45)  NOT NULL,
    decided_at    TIMESTAMPTZ  NOT NULL,
    cause         VARCHAR(120) NOT NULL,
    kind          VARCHAR(16)  NOT NULL,
    from_stage    INT          NOT NULL,
    to_stage      INT          NOT NULL,
    from_daily    BIGINT       NOT NULL,
    to_daily      BIGINT       NOT NULL,
    warmup_day    INT          NOT NULL,
    reason        TEXT         NOT NULL,
    numbers       JSONB        NOT NULL,
    signal_codes  TEXT[]       NOT NULL,
    alert         VARCHAR(16)  NOT NULL,
    PRIMARY KEY (decision_id, provider)
);
CREATE INDEX decision_log_ip ON decision_log (tenant_id, ip, decided_at DESC);

-- Provider signal codes per minute, from BounceReceived and DeliveryReport.signals (kept apart
-- because both report the same signal; readers take the larger).
CREATE TABLE provider_signal (
    tenant_id    VARCHAR(63)  NOT NULL,
    ip           VARCHAR(45)  NOT NULL,
    provider     VARCHAR(32)  NOT NULL,
    signal_code  VARCHAR(64)  NOT NULL,
    source       VARCHAR(8)   NOT NULL,
    bucket_start TIMESTAMPTZ  NOT NULL,
    count        BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, ip, provider, signal_code, source, bucket_start)
);
CREATE INDEX provider_signal_bucket ON provider_signal (bucket_start);

-- One row per emitted tick period: the unique key is what lets exactly one replica emit.
CREATE TABLE warmup_tick (
    period_start TIMESTAMPTZ PRIMARY KEY,
    tick_id      UUID        NOT NULL,
    emitted_at   TIMESTAMPTZ NOT NULL
);

-- Operators' own plan templates.
CREATE TABLE plan_template (
    tenant_id  VARCHAR(63) NOT NULL,
    name       VARCHAR(64) NOT NULL,
    schedules  JSONB       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

-- Who (API key name) did what, when.
CREATE TABLE audit_log (
    id        BIGSERIAL    PRIMARY KEY,
    at        TIMESTAMPTZ  NOT NULL,
    actor     VARCHAR(100) NOT NULL,
    tenant_id VARCHAR(63)  NOT NULL,
    action    VARCHAR(64)  NOT NULL,
    subject   VARCHAR(100) NOT NULL,
    details   TEXT
);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, at DESC);

-- Hourly roll-up of delivery_window, written in the same transaction: the tick reads 24 rows per
-- IP x provider and day instead of 288 five-minute windows.
CREATE TABLE delivery_hour (
    tenant_id     VARCHAR(63)  NOT NULL,
    ip            VARCHAR(45)  NOT NULL,
    provider      VARCHAR(32)  NOT NULL,
    hour_start    TIMESTAMPTZ  NOT NULL,
    delivered     BIGINT       NOT NULL,
    hard_bounces  BIGINT       NOT NULL,
    soft_bounces  BIGINT       NOT NULL,
    deferrals     BIGINT       NOT NULL,
    complaints    BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, ip, provider, hour_start)
);

-- Last DNS readiness result per IP, so the daily re-check can tell a regression from a known failure.
CREATE TABLE dns_readiness (
    ip         VARCHAR(45) PRIMARY KEY REFERENCES sending_ip (ip),
    passed     BOOLEAN     NOT NULL,
    checked_at TIMESTAMPTZ NOT NULL,
    report     TEXT        NOT NULL
);
