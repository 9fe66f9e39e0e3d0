#!/usr/bin/env bash
# Usage: bench/run-fuzz.sh [extra Maven flags]
#
# The long run of the API fuzzer (itests/fuzz/fuzz_api.py): ApiFuzzIT boots the built distribution on free ports,
# in a cluster and an LXD project of its own, and sends it AXION_FUZZ_CASES generated requests (default 50000,
# about half an hour) from a seed that changes daily (AXION_FUZZ_SEED, default today's date), so that each day
# explores other requests while a failure still replays with the seed it prints. The bounded CI run is the same
# test with 2,000 cases and a fixed seed.
# Builds nothing: it fuzzes karaf-distribution/target as it stands (build it with
# `mvn -pl karaf-distribution -am package -DskipTests`). Extra Maven flags pass through, e.g. -o.
# The fuzzer's summary is printed at the end; the whole output is in
# itests/target/failsafe-reports/io.axion.itests.ApiFuzzIT-output.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

cases=${AXION_FUZZ_CASES:-50000}
seed=${AXION_FUZZ_SEED:-$(date +%Y%m%d)}
output=itests/target/failsafe-reports/io.axion.itests.ApiFuzzIT-output.txt

die() { echo "run-fuzz: ERROR: $*" >&2; exit 1; }

shopt -s nullglob
distributions=(karaf-distribution/target/axion-distribution-*.tar.gz)
((${#distributions[@]} > 0)) || die "no distribution in karaf-distribution/target: mvn -pl karaf-distribution -am package -DskipTests"
scripts/setup-python.sh

echo "run-fuzz: $cases cases, seed $seed"
rm -f "$output"
status=0
mvn -B -pl itests verify -Dit.test=ApiFuzzIT -Daxion.fuzz.cases="$cases" -Daxion.fuzz.seed="$seed" "$@" || status=$?
if [[ -f $output ]]; then
  grep -E '^\[api-fuzz\] ' "$output" || true
fi
exit "$status"
