#!/usr/bin/env bash
# Prints how long POST /api/v1/auth/login takes for the right password, a wrong password and an unknown user
# (p50/p90/p99 and the ratios of the medians): a failed login must cost as much as a successful one. Builds the
# distribution, starts it on free ports with its own cluster name and LXD project, measures, stops it.
# Extra Maven flags pass through, e.g. bench/run-auth.sh -o -Dbench.rounds=100
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl karaf-distribution -am package -DskipTests "$@"
exec mvn -q -pl bench -am verify -Pbench-auth -DskipTests "$@"
