-- What every node of a cluster must agree on besides the accounts: the one key that signs tokens (so a token from
-- any node works on all), and the login throttle's counters (so guessing on many nodes is no faster than on one).
CREATE TABLE auth_signing_key (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    secret        TEXT    NOT NULL,
    created_at_ms BIGINT  NOT NULL
);

-- One row per throttled username ('user:<name>') or client address ('addr:<address>').
CREATE TABLE auth_throttle (
    throttle_key    TEXT    PRIMARY KEY,
    failures        INTEGER NOT NULL,
    locks           INTEGER NOT NULL,
    locked_until_ms BIGINT,
    last_failure_ms BIGINT  NOT NULL,
    last_lock_ms    BIGINT
);
CREATE INDEX auth_throttle_by_last_failure ON auth_throttle (last_failure_ms);
