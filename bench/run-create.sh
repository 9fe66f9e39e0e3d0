#!/usr/bin/env bash
# Prints how long N busybox creates to Running take through Axion (POST /api/v1/instances, its job polled every
# 10 ms) against straight through LXD's REST API, C at a time, alternating rounds in one run, and their ratio.
# Builds the distribution when it is missing, starts it on free ports in an LXD project of its own, and deletes
# everything afterwards. Extra Maven flags pass through, e.g. bench/run-create.sh -o -Dbench.rounds=5
set -euo pipefail
cd "$(dirname "$0")/.."
tarballs=(karaf-distribution/target/axion-distribution-*.tar.gz)
if [[ ! -f ${tarballs[0]} ]]; then
  mvn -q -pl karaf-distribution -am package -DskipTests "$@"
fi
exec mvn -q -pl bench verify -Pbench-create -DskipTests "$@"
