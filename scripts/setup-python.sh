#!/usr/bin/env bash
# Usage: scripts/setup-python.sh
#
# Installs Debian's python3 and python3-hypothesis (for itests/fuzz/fuzz_api.py, the OpenAPI-driven fuzzer that
# ApiFuzzIT and bench/run-fuzz.sh run) when /usr/bin/python3 cannot import hypothesis. Idempotent; quiet on
# success; clear error and non-zero exit on failure. Runs `apt-get update` only when a package is unknown to apt
# or the first install attempt fails. Checks /usr/bin/python3, not the first python3 on PATH: a pyenv or venv
# interpreter with a pip-installed hypothesis says nothing about the Debian package the fuzzer is run with.
set -euo pipefail

readonly PACKAGES=(python3 python3-hypothesis)
readonly PYTHON=/usr/bin/python3

# shellcheck source=scripts/lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

die() { echo "setup-python: ERROR: $*" >&2; exit 1; }

has_hypothesis() { [[ -x $PYTHON ]] && "$PYTHON" -c 'import hypothesis' >/dev/null 2>&1; }

has_hypothesis && exit 0
[[ $(id -u) -eq 0 ]] || die "must run as root"

apt_install "${PACKAGES[@]}" || die "cannot install ${PACKAGES[*]}"
has_hypothesis || die "$PYTHON still cannot import hypothesis after install"
