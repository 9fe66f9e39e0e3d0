#!/usr/bin/env bash
# Usage: scripts/run.sh
#
# The README's run command. Prepares this machine (JDK, Maven, Node, LXD with the Axion images; idempotent),
# builds the Karaf distribution without running tests, and starts Axion in the foreground on 127.0.0.1:8080
# (Ctrl-D or `system:shutdown` stops it). Every setting can be overridden by environment variables
# (AXION_HTTP_HOST, AXION_HTTP_PORT, AXION_ADMIN_PASSWORD, AXION_LXD_PROJECT, ...): see README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

"$here/setup-toolchain.sh"
"$here/setup-lxd.sh"
"$here/images/import-all.sh"
mvn -B -ntp -q package -DskipTests -pl karaf-distribution -am
exec karaf-distribution/target/assembly/bin/karaf
