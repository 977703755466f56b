-- The latest desired spec of every virtual MTA, per PowerMTA host. Deployment converges the host
-- to this table (level-triggered), so only the newest request per VMTA is kept.
CREATE TABLE desired_vmta (
    host_id       VARCHAR(63)  NOT NULL,
    vmta          VARCHAR(64)  NOT NULL,
    tenant_id     VARCHAR(63),
    spec          TEXT         NOT NULL,
    requested_at  TIMESTAMPTZ  NOT NULL,
    event_id      UUID         NOT NULL,
    PRIMARY KEY (host_id, vmta)
);
