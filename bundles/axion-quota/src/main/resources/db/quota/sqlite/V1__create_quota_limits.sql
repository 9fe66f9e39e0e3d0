-- The admin's quota limits (one row); absent until the first PUT /api/v1/quota, defaults apply until then.
CREATE TABLE quota_limits (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    cpu           INTEGER NOT NULL,
    memory_mib    INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
);
