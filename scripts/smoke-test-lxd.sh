#!/usr/bin/env bash
# Usage: scripts/smoke-test-lxd.sh [--no-debian]
#
# Checks that this machine is ready for Axion's tests (run after scripts/setup-test-env.sh), in a throw-away
# LXD project (features.images=false, features.profiles=false) that is deleted at the end:
#   - axion/busybox launches without a NIC, reaches Running, `lxc exec ... sh` works, busybox httpd serves
#     a file reached from the host through a proxy device on 127.0.0.1;
#   - axion/debian-12 launched with cloud-init user-data + `cloud-init.network-config: "config: disabled"`
#     finishes cloud-init (`status: done`) and wrote the file (skipped with --no-debian).
# Prints one line per check with its duration; exits non-zero at the first failure.
set -euo pipefail

project=axion-smoke-$$
port=$((20000 + $$ % 20000))

die() { echo "smoke-test-lxd: FAILED: $*" >&2; exit 1; }
lxcp() { lxc --project "$project" "$@"; }
now() { date +%s.%N; }
report() { printf '%-34s %.2fs\n' "$1" "$(echo "$(now) - $2" | bc)"; }

cleanup() { lxc project show "$project" >/dev/null 2>&1 || return 0
  local i; for i in $(lxcp list --format csv -c n); do lxcp delete -f "$i" >/dev/null 2>&1 || true; done
  lxc project delete "$project" >/dev/null 2>&1 || true; }
trap cleanup EXIT

lxc project create "$project" -c features.images=false -c features.profiles=false >/dev/null

t=$(now)
lxcp launch axion/busybox bb >/dev/null 2>&1 || die "launch axion/busybox"
[[ $(lxcp list bb --format csv -c s) == RUNNING ]] || die "busybox container not Running"
report "busybox launch (Running)" "$t"

t=$(now)
[[ $(lxcp exec bb -- sh -c 'echo hi') == hi ]] || die "exec sh in busybox"
report "busybox exec sh" "$t"

t=$(now)
lxcp exec bb -- sh -c 'mkdir -p /www && echo axion-smoke > /www/index.html && busybox httpd -p 127.0.0.1:80 -h /www' \
  || die "start busybox httpd"
lxcp config device add bb web proxy listen=tcp:127.0.0.1:$port connect=tcp:127.0.0.1:80 >/dev/null \
  || die "add proxy device"
body=$(curl -fsS --max-time 5 --retry 5 --retry-connrefused --retry-delay 0 "http://127.0.0.1:$port/index.html") \
  || die "curl through the proxy device"
[[ $body == axion-smoke ]] || die "unexpected body through the proxy: $body"
report "busybox httpd via proxy device" "$t"

[[ ${1:-} == --no-debian ]] && exit 0

t=$(now)
lxcp init axion/debian-12 deb \
    -c cloud-init.user-data=$'#cloud-config\nwrite_files:\n- path: /root/axion-smoke\n  content: "ok\\n"\n' \
    -c cloud-init.network-config='config: disabled' >/dev/null 2>&1 || die "init axion/debian-12"
report "debian-12 init" "$t"
t=$(now)
lxcp start deb >/dev/null 2>&1 || die "start debian-12"
report "debian-12 start" "$t"
t=$(now)
status=$(lxcp exec deb -- cloud-init status --wait 2>&1) || die "cloud-init: $status"
[[ $status == *"status: done"* ]] || die "cloud-init: $status"
[[ $(lxcp exec deb -- cat /root/axion-smoke) == ok ]] || die "cloud-init did not write /root/axion-smoke"
report "debian-12 start -> cloud-init done" "$t"
