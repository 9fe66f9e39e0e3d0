-- Two-factor logins (TOTP, RFC 6238). One row per account that enrolled: the secret (Base32, as authenticator apps
-- take it), when it was confirmed (NULL while the enrolment is pending), and the last time step a code was accepted
-- for, so that a code works once on every node. Keyed by the account's user_id: a name deleted and made again is
-- another account, without the old one's second factor.
CREATE TABLE auth_totp (
    user_id        TEXT    PRIMARY KEY,
    username       TEXT    NOT NULL,
    secret         TEXT    NOT NULL,
    created_at_ms  BIGINT  NOT NULL,
    enabled_at_ms  BIGINT,
    last_step      BIGINT
);

-- Single-use recovery codes, kept as Argon2id hashes only; a used code's row is deleted.
CREATE TABLE auth_totp_recovery (
    user_id    TEXT    NOT NULL,
    code_hash  TEXT    NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);
