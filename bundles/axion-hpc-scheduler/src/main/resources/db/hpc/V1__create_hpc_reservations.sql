-- What dedicated instances hold, one row per CPU or GPU. The primary key makes a resource exclusive on its host
-- even if two nodes raced past the lock; the same SQL runs on SQLite and PostgreSQL.
CREATE TABLE hpc_reservations (
    host       TEXT   NOT NULL,
    kind       TEXT   NOT NULL,
    resource   TEXT   NOT NULL,
    instance   TEXT   NOT NULL,
    numa_node  INTEGER,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (host, kind, resource)
);

CREATE INDEX hpc_reservations_instance ON hpc_reservations (instance);
