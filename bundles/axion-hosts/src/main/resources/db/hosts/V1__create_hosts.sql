-- The cluster's LXD hosts. endpoint_key (the URL or unix:<socket>, then #project) makes an endpoint unique, so one
-- LXD project is never two hosts. The client key is a secret: the API never shows it.
CREATE TABLE hosts (
    name               TEXT   PRIMARY KEY,
    endpoint_key       TEXT   NOT NULL UNIQUE,
    url                TEXT,
    socket             TEXT,
    project            TEXT   NOT NULL,
    client_certificate TEXT,
    client_key         TEXT,
    server_certificate TEXT,
    home_node          TEXT,
    created_at         BIGINT NOT NULL
);

-- Nodes that have brought the hosts of their settings once: a node does so at its first boot only, so a host an
-- admin removed does not come back when its node restarts.
CREATE TABLE host_bootstrap (
    node TEXT   PRIMARY KEY,
    at   BIGINT NOT NULL
);
