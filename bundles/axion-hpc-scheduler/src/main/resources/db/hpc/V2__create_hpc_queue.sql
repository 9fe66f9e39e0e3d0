-- Creates waiting for room (queue: true), and for a while those that left: started ones name their job. The
-- request is the create's JSON. At most one waiting entry per instance name; the same SQL runs on SQLite and
-- PostgreSQL (both have partial indexes).
CREATE TABLE hpc_queue (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    owner       TEXT,
    priority    INTEGER NOT NULL,
    request     TEXT    NOT NULL,
    queued_at   BIGINT  NOT NULL,
    state       TEXT    NOT NULL,
    job_id      TEXT,
    reason      TEXT,
    left_at     BIGINT
);

CREATE UNIQUE INDEX hpc_queue_waiting_name ON hpc_queue (name) WHERE state = 'queued';
CREATE INDEX hpc_queue_state ON hpc_queue (state, priority, queued_at);
