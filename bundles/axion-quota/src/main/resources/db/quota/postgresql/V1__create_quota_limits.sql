-- The admin's quota limits (one row); absent until the first PUT /api/v1/quota, defaults apply until then.
CREATE TABLE quota_limits (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    cpu           BIGINT  NOT NULL,
    memory_mib    BIGINT  NOT NULL,
    updated_at_ms BIGINT  NOT NULL
);
