-- Names being created, cluster-wide: a create claims its name here before any job exists, so two creates of one
-- name on any nodes cannot both be accepted. expires_at is 0 while the claim holds ("until released"), else when
-- it lapses (epoch milliseconds): a successful create keeps it for a grace period while views catch up.
CREATE TABLE instance_names (
    name       TEXT   PRIMARY KEY,
    owner      TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);
