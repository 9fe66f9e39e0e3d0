#!/usr/bin/env bash
# Usage: scripts/setup-toolchain.sh
#
# Installs what builds Axion when it is missing: a Java 17 JDK, Maven, Node.js and npm (Debian's packages).
# Idempotent and quiet when everything is there.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/apt.sh
. "$here/lib/apt.sh"

missing=()
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]} > 0)); then
  apt_install "${missing[@]}"
fi
