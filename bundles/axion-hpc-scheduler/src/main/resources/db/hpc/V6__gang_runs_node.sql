-- A batch run remembers where it runs: the node's name and its Hazelcast member id (new at each start), so that a
-- run whose node left the cluster, or one from before this node crashed, is failed with a cause instead of staying
-- running. Runs from before this migration have neither and are left as they are. Same SQL on SQLite and PostgreSQL.
ALTER TABLE hpc_gang_runs ADD COLUMN node TEXT;
ALTER TABLE hpc_gang_runs ADD COLUMN member_id TEXT;
ALTER TABLE hpc_gang_runs ADD COLUMN cause TEXT;
