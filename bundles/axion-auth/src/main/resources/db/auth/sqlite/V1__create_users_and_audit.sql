-- Axion's accounts. user_id changes when a name is deleted and created again, token_generation when the
-- password changes: a token names both, so either change revokes it.
CREATE TABLE auth_user (
    username            TEXT    PRIMARY KEY,
    user_id             TEXT    NOT NULL UNIQUE,
    password_hash       TEXT    NOT NULL,
    role                TEXT    NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
    token_generation    INTEGER NOT NULL DEFAULT 0,
    created_at_ms       INTEGER NOT NULL,
    password_changed_ms INTEGER NOT NULL
);

-- Who did what, when, from where, with which outcome. Never bodies or tokens.
CREATE TABLE auth_audit (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms    INTEGER NOT NULL,
    username TEXT,
    action   TEXT    NOT NULL,
    method   TEXT,
    path     TEXT,
    address  TEXT,
    status   INTEGER
);
CREATE INDEX auth_audit_by_user ON auth_audit (username, id);
CREATE INDEX auth_audit_by_time ON auth_audit (at_ms);
