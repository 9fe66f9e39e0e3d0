-- Statistics in fixed rings (see io.axion.telemetry.internal.stats.Tier): a bucket overwrites the row of its slot,
-- so a series never holds more than 31,800 rows.
CREATE TABLE stats_series (
    id      BIGINT NOT NULL PRIMARY KEY,
    kind    TEXT   NOT NULL,
    name    TEXT   NOT NULL,
    last_t  BIGINT NOT NULL
);
CREATE INDEX stats_series_kind ON stats_series (kind);

CREATE TABLE stats_buckets (
    series  BIGINT  NOT NULL,
    tier    INTEGER NOT NULL,
    slot    INTEGER NOT NULL,
    t       BIGINT  NOT NULL,
    data    BYTEA   NOT NULL,
    PRIMARY KEY (series, tier, slot)
);
