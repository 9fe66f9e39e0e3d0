#!/usr/bin/env bash
# Usage: scripts/setup-test-env.sh
#
# Makes this machine (Debian 12, root, systemd not required) ready for Axion's tests. Idempotent: a second
# run changes nothing and takes a second or two. Steps, each timed on one line:
#   tools    scripts/setup-toolchain.sh       JDK 17, Maven, Node.js and npm when missing
#   lxd      scripts/setup-lxd.sh             install + start LXD, dir pool `default`, NIC-less default profile
#   images   scripts/images/import-all.sh     axion/busybox and axion/debian-12 images
#   leftover scripts/clean-test-projects.sh   LXD projects an interrupted test run left behind
#   browser  scripts/setup-browser.sh         Debian's chromium
#   python   scripts/setup-python.sh          Debian's python3 and python3-hypothesis (the API fuzzer)
#   postgres scripts/setup-postgres.sh        PostgreSQL on 127.0.0.1, role and database `axion` (password `axion`)
#   restic   scripts/setup-restic.sh          Debian's restic (the backup bundle's restic target)
#   prometheus scripts/setup-prometheus.sh    Debian's prometheus and promtool (StatsIT runs its own server)
# Stops at the first failing step (its error is printed) and exits non-zero.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

step() {
  local name=$1; shift
  local start=$SECONDS rc=0
  "$@" || rc=$?
  if ((rc != 0)); then
    printf '%-8s FAILED after %ds (exit %d)\n' "$name" $((SECONDS - start)) "$rc" >&2
    exit "$rc"
  fi
  printf '%-8s ok in %ds\n' "$name" $((SECONDS - start))
}

step tools "$here/setup-toolchain.sh"
step lxd "$here/setup-lxd.sh"
step images "$here/images/import-all.sh"
step leftover "$here/clean-test-projects.sh"
step browser "$here/setup-browser.sh"
step python "$here/setup-python.sh"
step postgres "$here/setup-postgres.sh"
step restic "$here/setup-restic.sh"
step prometheus "$here/setup-prometheus.sh"
