#!/usr/bin/env bash
# Prints the telemetry figures: CPU cost of one cgroup sweep over 100, 500 and 1,000 instances (fake trees, v1 and
# v2, and the real kernel files of running containers), and /ws/events delivery lag p50/p99 for 200 clients with
# 500 instances at 1 Hz. Extra Maven flags pass through, e.g. bench/run-telemetry.sh -o -Dbench.eventSeconds=60
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -pl bench -am verify -Pbench-telemetry -DskipTests "$@"
