#!/usr/bin/env bash
# Usage: scripts/measure-boot.sh [assembly-dir]
#
# Prints the distribution's boot-to-healthy time (cold: fresh data folder; warm: second start) and the JVM's
# resident memory after 30 s idle, and the addresses it listens on (all loopback by default). Stops the instance
# it started. Needs a built karaf-distribution. AXION_HTTP_PORT (default 8080) moves the HTTP port.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
assembly=${1:-"$here/../karaf-distribution/target/assembly"}
assembly=$(cd "$assembly" && pwd)
port=${AXION_HTTP_PORT:-8080}
export AXION_HTTP_PORT=$port

jvm_pid() { pgrep -f "karaf.base=$assembly" || true; }

stop_karaf() {
  "$assembly/bin/stop" >/dev/null 2>&1 || true
  local deadline=$((SECONDS + 60))
  while [ -n "$(jvm_pid)" ] && ((SECONDS < deadline)); do sleep 0.2; done
}

time_to_healthy() {
  local start end
  start=$(date +%s%N)
  "$assembly/bin/start"
  local deadline=$((SECONDS + 120))
  until curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { echo "not healthy after 120 s" >&2; return 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  echo "scale=2; ($end - $start) / 1000000000" | bc
}

stop_karaf
rm -rf "$assembly/data"
echo "cold boot to healthy: $(time_to_healthy) s"
stop_karaf
echo "warm boot to healthy: $(time_to_healthy) s"
sleep 30
echo "idle RSS after 30 s: $(( $(awk '/VmRSS/{print $2}' "/proc/$(jvm_pid)/status") / 1024 )) MiB"
echo "listening on: $(ss -Htlnp | grep "pid=$(jvm_pid)," | awk '{print $4}' | sort -u | tr '\n' ' ')"
stop_karaf
