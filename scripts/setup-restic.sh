#!/usr/bin/env bash
# Usage: scripts/setup-restic.sh
#
# Installs Debian's restic (the backup bundle's restic target, and BackupIT) when it is not on PATH. Idempotent;
# quiet on success; clear error and non-zero exit on failure. Runs `apt-get update` only when the package is
# unknown to apt or the first install attempt fails.
set -euo pipefail

# shellcheck source=scripts/lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

die() { echo "setup-restic: ERROR: $*" >&2; exit 1; }

command -v restic >/dev/null 2>&1 && exit 0
[[ $(id -u) -eq 0 ]] || die "must run as root"

apt_install restic || die "cannot install restic"
command -v restic >/dev/null 2>&1 || die "restic not on PATH after install"
