#!/usr/bin/env bash
# Prints the HPC scheduler's placement decisions per second: 1,000 dedicated creates over 50 simulated hosts, with
# the pins in memory and in SQLite; then 1,000 QUEUED creates started by one dispatch pass (queue order + placement,
# in memory, and the real QueueDispatcher over the queue and pins in SQLite). No Axion and no LXD needed. Extra Maven flags pass through, e.g.
# bench/run-hpc.sh -o -Dbench.requests=5000
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -pl bench -am verify -Pbench-hpc -DskipTests "$@"
