-- An operator rollback to an older version holds the host there: the reconciler leaves a held host
-- alone until the operator releases it, then converges it to the desired state again.
ALTER TABLE host_convergence ADD COLUMN held_version BIGINT;

-- Last probe result per host, so "unreachable" alerts fire and resolve once per transition.
CREATE TABLE host_health (
    host_id     VARCHAR(63)  PRIMARY KEY,
    reachable   BOOLEAN      NOT NULL,
    detail      VARCHAR(500),
    changed_at  TIMESTAMPTZ  NOT NULL,
    probed_at   TIMESTAMPTZ  NOT NULL
);
