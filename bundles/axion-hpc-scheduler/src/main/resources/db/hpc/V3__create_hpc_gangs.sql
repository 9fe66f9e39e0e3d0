-- Gangs: all-or-nothing groups of instances named <gang>-<index>. The request is the gang's JSON; a queued gang has
-- no members yet. Members keep the host their pin was reserved on; their pins are in hpc_reservations. Batch runs
-- keep each member's exit code and capped output as JSON. The same SQL runs on SQLite and PostgreSQL.
CREATE TABLE hpc_gangs (
    name        TEXT    NOT NULL PRIMARY KEY,
    owner       TEXT,
    state       TEXT    NOT NULL,
    request     TEXT    NOT NULL,
    job_id      TEXT,
    reason      TEXT,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);

CREATE TABLE hpc_gang_members (
    name        TEXT    NOT NULL PRIMARY KEY,
    gang        TEXT    NOT NULL,
    member      INTEGER NOT NULL,
    host        TEXT    NOT NULL
);

CREATE INDEX hpc_gang_members_gang ON hpc_gang_members (gang, member);

CREATE TABLE hpc_gang_runs (
    id          TEXT    NOT NULL PRIMARY KEY,
    gang        TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    request     TEXT    NOT NULL,
    members     TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    finished_at BIGINT
);

CREATE INDEX hpc_gang_runs_gang ON hpc_gang_runs (gang, created_at);
