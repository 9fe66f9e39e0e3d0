-- One row per job. Times are epoch milliseconds (UTC). seq orders jobs: per instance they run in seq order.
CREATE TABLE jobs (
    seq              INTEGER PRIMARY KEY,
    id               TEXT    NOT NULL UNIQUE,
    type             TEXT    NOT NULL,
    instance         TEXT,
    payload          TEXT    NOT NULL DEFAULT '{}',
    state            TEXT    NOT NULL CHECK (state IN ('PENDING', 'IN_PROGRESS', 'COMPLETED', 'FAILED')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL CHECK (max_attempts >= 1),
    next_run_at      INTEGER NOT NULL,
    lease_owner      TEXT,
    lease_expires_at INTEGER,
    error            TEXT,
    log              TEXT    NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER,
    node             TEXT,
    idempotency_key  TEXT UNIQUE
);

-- Boot loads the unfinished jobs in order, recovery finds IN_PROGRESS ones, ?state= lists newest first.
CREATE INDEX jobs_by_state ON jobs (state, seq);
-- GET /api/v1/jobs?instance= newest first.
CREATE INDEX jobs_by_instance ON jobs (instance, seq);
-- Pruning of old finished jobs.
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
