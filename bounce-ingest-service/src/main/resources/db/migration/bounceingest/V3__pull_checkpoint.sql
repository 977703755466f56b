-- How far each accounting file of each PowerMTA host has been pulled. file_id is a fingerprint of
-- the file's header and first record, so a rotation rename keeps the checkpoint.
CREATE TABLE pull_checkpoint (
    host         VARCHAR(64)   NOT NULL,
    file_id      CHAR(64)      NOT NULL,
    file_name    VARCHAR(255)  NOT NULL,
    size_seen    BIGINT        NOT NULL,
    byte_offset  BIGINT        NOT NULL,
    next_line    BIGINT        NOT NULL,
    header       TEXT,
    updated_at   TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (host, file_id)
);
CREATE INDEX pull_checkpoint_name ON pull_checkpoint (host, file_name);
