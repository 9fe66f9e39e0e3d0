-- The host a job acts on: only the node that owns the host runs it (null: any node may). Each node sweeps its
-- hosts' unfinished jobs.
ALTER TABLE jobs ADD COLUMN host TEXT;
CREATE INDEX jobs_by_host ON jobs (host, state, seq);
