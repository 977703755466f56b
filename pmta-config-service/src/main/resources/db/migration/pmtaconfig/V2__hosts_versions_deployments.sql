-- PowerMTA hosts the engine deploys to. The SSH private key is only referenced (mounted file or
-- environment variable), never stored.
CREATE TABLE pmta_host (
    host_id           VARCHAR(63)   PRIMARY KEY,
    address           VARCHAR(253)  NOT NULL,
    port              INT           NOT NULL,
    ssh_user          VARCHAR(32)   NOT NULL,
    private_key_ref   VARCHAR(1100) NOT NULL,
    host_key_sha256   VARCHAR(60),
    known_hosts_path  VARCHAR(1024),
    include_path      VARCHAR(1024) NOT NULL,
    dkim_key_dir      VARCHAR(1024) NOT NULL,
    test_command      VARCHAR(600)  NOT NULL,
    reload_command    VARCHAR(600)  NOT NULL,
    verify_command    VARCHAR(600)  NOT NULL,
    created_at        TIMESTAMPTZ   NOT NULL,
    updated_at        TIMESTAMPTZ   NOT NULL
);

-- Level-triggered convergence per host: desired_generation counts desired changes; a host is due
-- when it has changes newer than the debounce window or a failed attempt whose retry time came.
CREATE TABLE host_convergence (
    host_id               VARCHAR(63)  PRIMARY KEY,
    desired_generation    BIGINT       NOT NULL DEFAULT 0,
    last_change_at        TIMESTAMPTZ,
    checked_generation    BIGINT       NOT NULL DEFAULT -1,
    deployed_generation   BIGINT       NOT NULL DEFAULT 0,
    next_attempt_at       TIMESTAMPTZ,
    consecutive_failures  INT          NOT NULL DEFAULT 0,
    last_checked_at       TIMESTAMPTZ,
    deployed_hash         VARCHAR(64),
    deployed_version      BIGINT,
    deployed_at           TIMESTAMPTZ
);

-- Every distinct rendered include file per host; a new version only when the content changes.
CREATE TABLE config_version (
    host_id       VARCHAR(63)  NOT NULL,
    version       BIGINT       NOT NULL,
    content_hash  VARCHAR(64)  NOT NULL,
    content       TEXT         NOT NULL,
    vmta_count    INT          NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (host_id, version)
);

CREATE TABLE deployment (
    id            BIGSERIAL    PRIMARY KEY,
    host_id       VARCHAR(63)  NOT NULL,
    version       BIGINT       NOT NULL,
    content_hash  VARCHAR(64)  NOT NULL,
    trigger       VARCHAR(32)  NOT NULL,
    outcome       VARCHAR(32)  NOT NULL,
    rolled_back   BOOLEAN      NOT NULL,
    started_at    TIMESTAMPTZ  NOT NULL,
    duration_ms   BIGINT       NOT NULL,
    diff          TEXT         NOT NULL,
    output        TEXT         NOT NULL
);
CREATE INDEX deployment_host_idx ON deployment (host_id, id DESC);

-- DKIM keys per (domain, selector); the private key is AES-GCM encrypted with a configured key.
CREATE TABLE dkim_key (
    domain             VARCHAR(253) NOT NULL,
    selector           VARCHAR(64)  NOT NULL,
    public_key         TEXT         NOT NULL,
    private_key_enc    BYTEA        NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL,
    retired_at         TIMESTAMPTZ,
    PRIMARY KEY (domain, selector)
);
