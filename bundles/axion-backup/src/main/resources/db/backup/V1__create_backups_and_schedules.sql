-- A backup is listed as good only once its archive is complete in the target and its checksum recorded.
CREATE TABLE backups (
    id          TEXT PRIMARY KEY,
    instance    TEXT NOT NULL,
    host        TEXT,
    target      TEXT NOT NULL,
    state       TEXT NOT NULL,
    location    TEXT,
    sha256      TEXT,
    size_bytes  BIGINT,
    scheduled   INTEGER NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX backups_instance ON backups (instance, created_at);

CREATE TABLE backup_schedules (
    instance    TEXT PRIMARY KEY,
    body        TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);
