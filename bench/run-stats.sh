#!/usr/bin/env bash
# Prints the statistics figures: CPU cost of keeping every tier for 500 instances (simulated 1 s samples against a
# real SQLite file; target <= 2% of one core) and a one-year query (target <= 50 ms). Extra Maven flags pass
# through, e.g. bench/run-stats.sh -o -Dbench.statsSeconds=7200
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -pl bench -am verify -Pbench-stats -DskipTests "$@"
