#!/usr/bin/env bash
# Usage: scripts/setup-browser.sh
#
# Installs Debian's chromium (for the web console's browser tests) when /usr/bin/chromium is missing.
# Idempotent; quiet on success; clear error and non-zero exit on failure. Runs `apt-get update` only
# when the package is unknown to apt or the first install attempt fails.
set -euo pipefail

readonly PACKAGES=(chromium fonts-liberation)

# shellcheck source=scripts/lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

die() { echo "setup-browser: ERROR: $*" >&2; exit 1; }

[[ -x /usr/bin/chromium ]] && exit 0
[[ $(id -u) -eq 0 ]] || die "must run as root"

apt_install "${PACKAGES[@]}" || die "cannot install ${PACKAGES[*]}"
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium still missing after install"
