-- Arrival order under the queue's cluster lock: two creates queued in the same millisecond (or on nodes whose
-- clocks disagree) still start first come, first served. Rows from before keep 0 and sort by their time.
ALTER TABLE hpc_queue ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
