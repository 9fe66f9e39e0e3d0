#!/usr/bin/env bash
# Usage: scripts/setup-prometheus.sh
#
# Installs Debian's prometheus (with promtool) for StatsIT when it is not on PATH. It is never left running as a
# service: the test starts its own server with its own config, port and storage. Idempotent; quiet on success; clear error and non-zero exit on failure. Runs `apt-get update` only when the package is
# unknown to apt or the first install attempt fails.
set -euo pipefail

# shellcheck source=scripts/lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

die() { echo "setup-prometheus: ERROR: $*" >&2; exit 1; }

command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 && exit 0
[[ $(id -u) -eq 0 ]] || die "must run as root"

# Debian's package may start a service where systemd runs; StatsIT starts its own prometheus with its own config.
apt_install prometheus || die "cannot install prometheus"
command -v prometheus >/dev/null 2>&1 || die "prometheus not on PATH after install"
command -v promtool >/dev/null 2>&1 || die "promtool not on PATH after install"
# Where systemd runs, the package enables and starts its services: stop them (the test needs none of them).
if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
  systemctl disable --now prometheus.service prometheus-node-exporter.service >/dev/null 2>&1 || true
fi
