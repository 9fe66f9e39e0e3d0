-- Tenants: groups sharing the cluster, each with a quota carved out of the global ceiling (a null figure: no limit
-- of its own). Written in SQL both dialects run. Every installation that existed before tenants gets the tenant
-- 'default', holding every user (with the tenant role of their global role) and, through instances without a
-- user.axion.tenant key, every instance.
CREATE TABLE auth_tenant (
    name            TEXT    PRIMARY KEY,
    cpu             BIGINT,
    memory_mib      BIGINT,
    disk_gib        BIGINT,
    instances       BIGINT,
    created_at_ms   BIGINT  NOT NULL
);

CREATE TABLE auth_tenant_member (
    tenant      TEXT    NOT NULL,
    username    TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    PRIMARY KEY (tenant, username)
);
CREATE INDEX auth_tenant_member_by_user ON auth_tenant_member (username);

INSERT INTO auth_tenant (name, created_at_ms) VALUES ('default', 0);

INSERT INTO auth_tenant_member (tenant, username, role)
    SELECT 'default', username, CASE role WHEN 'admin' THEN 'tenant-admin' WHEN 'operator' THEN 'operator'
        ELSE 'viewer' END
    FROM auth_user;
