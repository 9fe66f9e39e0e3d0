-- Statistics in fixed rings (see io.axion.telemetry.internal.stats.Tier): a bucket overwrites the row of its slot,
-- so a series never holds more than 31,800 rows. WITHOUT ROWID keeps each row in the primary key's b-tree only.
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
    data    BLOB    NOT NULL,
    PRIMARY KEY (series, tier, slot)
) WITHOUT ROWID;
