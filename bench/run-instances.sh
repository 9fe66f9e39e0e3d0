#!/usr/bin/env bash
# Prints Axion's GET /api/v1/instances p50/p99 beside LXD's GET /1.0/instances?recursion=2 for 200 running busybox
# instances. Builds the distribution, starts it on free ports with its own cluster name and LXD project, creates
# the instances through Axion, measures, then deletes the instances and the project and stops Axion.
# Needs LXD with the axion/busybox image. Extra Maven flags pass through, e.g. bench/run-instances.sh -o -Dbench.instances=50
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl karaf-distribution -am package -DskipTests "$@"
exec mvn -q -pl bench -am verify -Pbench-instances -DskipTests "$@"
