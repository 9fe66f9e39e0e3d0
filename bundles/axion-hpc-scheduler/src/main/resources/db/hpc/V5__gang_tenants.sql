-- Gangs belong to a tenant: the request's, where their members are created and counted against its quota. Gangs
-- from before tenants belong to default, as instances without a tenant do. Names stay the primary key (unique
-- across the cluster, like the members' instance names). The same SQL runs on SQLite and PostgreSQL.
ALTER TABLE hpc_gangs ADD COLUMN tenant TEXT NOT NULL DEFAULT 'default';

CREATE INDEX hpc_gangs_tenant ON hpc_gangs (tenant, created_at);
