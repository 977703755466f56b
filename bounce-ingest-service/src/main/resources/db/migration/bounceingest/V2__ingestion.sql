-- One row per ingested input (an HTTP post or one SFTP pull of a file).
CREATE TABLE ingest_batch (
    id            BIGSERIAL    PRIMARY KEY,
    source        VARCHAR(64)  NOT NULL,
    channel       VARCHAR(32)  NOT NULL,
    started_at    TIMESTAMPTZ  NOT NULL,
    finished_at   TIMESTAMPTZ,
    accepted      BIGINT       NOT NULL DEFAULT 0,
    duplicates    BIGINT       NOT NULL DEFAULT 0,
    rejected      BIGINT       NOT NULL DEFAULT 0,
    unattributed  BIGINT       NOT NULL DEFAULT 0
);

-- Dedupe: the key of every record ingested (hash of its columns); a record is counted once.
CREATE TABLE ingested_record (
    record_key   UUID         PRIMARY KEY,
    ingested_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ingested_record_age ON ingested_record (ingested_at);

-- Lines that could not be read as accounting records, with where and why.
CREATE TABLE quarantined_line (
    id           BIGSERIAL    PRIMARY KEY,
    source       VARCHAR(64)  NOT NULL,
    batch_id     BIGINT       NOT NULL REFERENCES ingest_batch (id),
    line_no      BIGINT       NOT NULL,
    reason       TEXT         NOT NULL,
    excerpt      TEXT,
    received_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX quarantined_line_source ON quarantined_line (source, id);

-- Records whose IP no tenant owns (or that name none): kept, not published, until attributed.
CREATE TABLE unattributed_record (
    record_key   UUID         PRIMARY KEY,
    source       VARCHAR(64)  NOT NULL,
    batch_id     BIGINT       NOT NULL REFERENCES ingest_batch (id),
    line_no      BIGINT       NOT NULL,
    record_type  VARCHAR(16)  NOT NULL,
    outcome      VARCHAR(16)  NOT NULL,
    ip           VARCHAR(45),
    vmta         VARCHAR(64),
    provider     VARCHAR(32)  NOT NULL,
    logged_at    TIMESTAMPTZ  NOT NULL,
    reason       TEXT         NOT NULL,
    fields       TEXT         NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX unattributed_record_ip ON unattributed_record (ip);

-- Counters per tenant x IP x provider x window not yet published as DeliveryReport (deltas).
CREATE TABLE delivery_counter (
    tenant_id     VARCHAR(63)  NOT NULL,
    ip            VARCHAR(45)  NOT NULL,
    provider      VARCHAR(32)  NOT NULL,
    window_start  TIMESTAMPTZ  NOT NULL,
    window_end    TIMESTAMPTZ  NOT NULL,
    vmta          VARCHAR(64),
    delivered     BIGINT       NOT NULL DEFAULT 0,
    hard          BIGINT       NOT NULL DEFAULT 0,
    soft          BIGINT       NOT NULL DEFAULT 0,
    deferred      BIGINT       NOT NULL DEFAULT 0,
    complaints    BIGINT       NOT NULL DEFAULT 0,
    pending       BOOLEAN      NOT NULL DEFAULT TRUE,
    reported_at   TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, ip, provider, window_start)
);
CREATE INDEX delivery_counter_pending ON delivery_counter (window_end) WHERE pending;

CREATE TABLE delivery_signal_counter (
    tenant_id     VARCHAR(63)  NOT NULL,
    ip            VARCHAR(45)  NOT NULL,
    provider      VARCHAR(32)  NOT NULL,
    window_start  TIMESTAMPTZ  NOT NULL,
    code          VARCHAR(64)  NOT NULL,
    count         BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, ip, provider, window_start, code),
    FOREIGN KEY (tenant_id, ip, provider, window_start) REFERENCES delivery_counter (tenant_id, ip, provider, window_start)
);
