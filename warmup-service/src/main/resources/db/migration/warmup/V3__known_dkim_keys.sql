-- DKIM public keys pmta-config-service generated (DkimKeyPublished), latest state per DNS name: the
-- DNS readiness check compares the TXT record's p= value with the active key when one is known.
CREATE TABLE known_dkim_key (
    domain        VARCHAR(253) NOT NULL,
    selector      VARCHAR(64)  NOT NULL,
    public_key    TEXT         NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    tenant_id     VARCHAR(63),
    occurred_at   TIMESTAMPTZ  NOT NULL,
    event_id      UUID         NOT NULL,
    PRIMARY KEY (domain, selector)
);
