#!/usr/bin/env bash
# Usage: scripts/setup-lxd.sh
#
# Makes LXD ready for Axion's tests on a Debian 12 machine (root, no systemd needed). Idempotent:
#   1. installs lxd, lxd-client, busybox-static, dnsmasq-base (DHCP on Axion's bridge, run by LXD) and nftables
#      (axion-firewall's per-instance rules) with apt-get when missing
#      (runs `apt-get update` only when the packages are unknown to apt or the install fails);
#   2. starts the daemon detached (`lxd --group root --logfile $LXD_LOG`) when its socket does not answer;
#   3. waits until LXD is ready;
#   4. applies a dir storage pool `default` + a NIC-less default profile, only when no pool `default` exists
#      (`lxd init --auto` fails here: it cannot pick a bridge subnet).
# Quiet on success; prints a clear error and exits non-zero on failure.
# Environment: LXD_LOG (default /var/log/lxd-axion.log).
set -euo pipefail

readonly PACKAGES=(lxd lxd-client busybox-static dnsmasq-base nftables)
readonly LXD_SOCKET=/var/lib/lxd/unix.socket
readonly LXD_LOG=${LXD_LOG:-/var/log/lxd-axion.log}

# shellcheck source=scripts/lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

die() { echo "setup-lxd: ERROR: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root"

missing_packages() {
  local pkg
  for pkg in "${PACKAGES[@]}"; do
    # Compared whole, not piped into grep -q, which can end the pipe early under pipefail.
    [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true) == 'install ok installed' ]] || echo "$pkg"
  done
}

install_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  ((${#missing[@]} == 0)) && return 0
  apt_install "${missing[@]}" || die "cannot install ${missing[*]}"
}

lxd_answers() {
  # `lxc query` connects to the local unix socket; a stale socket file or a dead daemon fails fast.
  [[ -S $LXD_SOCKET ]] && timeout 10 lxc query /1.0 >/dev/null 2>&1
}

# A daemon that runs but no longer answers (LXD 5.0 has been seen to hang under heavy concurrent use) is ended, so
# that a fresh one can take over; its containers keep running under their own monitors.
end_unanswering_lxd() {
  local pids
  pids=$(pgrep -f '^lxd --group' || true)
  [[ -n $pids ]] || return 0
  echo "setup-lxd: LXD (pid $pids) does not answer; restarting it" >&2
  kill $pids 2>/dev/null || true
  for _ in $(seq 1 50); do
    pgrep -f '^lxd --group' >/dev/null || return 0
    sleep 0.2
  done
  kill -9 $pids 2>/dev/null || true
  sleep 1
}

start_lxd() {
  lxd_answers && return 0
  end_unanswering_lxd
  mkdir -p "$(dirname "$LXD_LOG")"
  # setsid + nohup: the daemon gets its own session and survives the calling shell.
  setsid nohup lxd --group root --logfile "$LXD_LOG" </dev/null >>"$LXD_LOG.out" 2>&1 &
  lxd waitready --timeout 60 >/dev/null 2>&1 \
    || die "LXD did not become ready within 60 s; see $LXD_LOG and $LXD_LOG.out"
}

preseed_storage() {
  # A pool `default` means this machine was initialised before (maybe with state): leave it alone.
  lxc storage show default >/dev/null 2>&1 && return 0
  local out
  out=$(lxd init --preseed 2>&1 <<'YAML'
storage_pools:
- name: default
  driver: dir
profiles:
- name: default
  devices:
    root: {path: /, pool: default, type: disk}
YAML
) || die "lxd init --preseed failed:"$'\n'"$out"
}

install_packages
command -v lxd >/dev/null || die "lxd not on PATH after install"
start_lxd
lxd waitready --timeout 60 >/dev/null 2>&1 || die "LXD is not ready; see $LXD_LOG"
preseed_storage
