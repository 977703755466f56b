-- Rolling delivery statistics per tenant x IP x provider x window: the denominators of the
-- warmup rules, summed from DeliveryReport events.
CREATE TABLE delivery_window (
    tenant_id     VARCHAR(63)  NOT NULL,
    ip            VARCHAR(45)  NOT NULL,
    provider      VARCHAR(32)  NOT NULL,
    window_start  TIMESTAMPTZ  NOT NULL,
    window_end    TIMESTAMPTZ  NOT NULL,
    delivered     BIGINT       NOT NULL,
    hard_bounces  BIGINT       NOT NULL,
    soft_bounces  BIGINT       NOT NULL,
    deferrals     BIGINT       NOT NULL,
    complaints    BIGINT       NOT NULL,
    reports       INT          NOT NULL,
    PRIMARY KEY (tenant_id, ip, provider, window_start)
);
