#!/usr/bin/env bash
# Prints the job engine's figures: persisted no-op jobs/s with 1 and 8 workers, enqueue latency p50/p99.
# Extra Maven flags pass through, e.g. bench/run-jobs.sh -o -Dbench.jobs=50000
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -pl bench -am verify -Pbench -DskipTests "$@"
