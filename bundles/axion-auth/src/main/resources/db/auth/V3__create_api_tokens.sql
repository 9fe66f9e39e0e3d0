-- API tokens for scripts and automation: a random 256-bit secret shown once, kept only as its SHA-256; found by a
-- short public prefix. A token acts as its owner (that very account: a name deleted and made again is another
-- owner_id), capped by its scopes.
CREATE TABLE auth_api_token (
    id              TEXT    PRIMARY KEY,
    prefix          TEXT    NOT NULL UNIQUE,
    secret_sha256   TEXT    NOT NULL,
    owner           TEXT    NOT NULL,
    owner_id        TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    scopes          TEXT    NOT NULL,
    tenant          TEXT,
    created_at_ms   BIGINT  NOT NULL,
    expires_at_ms   BIGINT,
    last_used_ms    BIGINT
);
CREATE INDEX auth_api_token_by_owner ON auth_api_token (owner);
