-- Which tenant, virtual MTA and host a sending IP belongs to, learnt from the inventory-bearing
-- events other services publish; accounting records are attributed with it.
CREATE TABLE ip_attribution (
    ip          VARCHAR(45)  PRIMARY KEY,
    tenant_id   VARCHAR(63),
    vmta        VARCHAR(64)  NOT NULL,
    host_id     VARCHAR(63)  NOT NULL,
    pool        VARCHAR(64),
    learned_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ip_attribution_vmta ON ip_attribution (vmta);
