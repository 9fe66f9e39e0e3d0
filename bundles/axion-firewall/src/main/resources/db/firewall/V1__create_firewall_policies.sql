-- An instance's firewall, by instance name (names are unique across hosts), so it follows a migrated instance.
CREATE TABLE firewall_policies (
    instance    TEXT PRIMARY KEY,
    body        TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);
