-- CPU and memory held for pending creates, resizes and moves, by instance: the ledger the governor checks every
-- reservation against, cluster-wide (the store is shared by every node). host is where the instance goes (null:
-- counted against the cluster's limits only); expires_at is 0 while the job that holds it runs, else the end of the
-- grace period after its success (epoch milliseconds).
CREATE TABLE quota_reservations (
    instance   TEXT   PRIMARY KEY,
    host       TEXT,
    cpu        BIGINT NOT NULL,
    memory_mib BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
