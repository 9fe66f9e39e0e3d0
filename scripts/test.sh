#!/usr/bin/env bash
# Usage: scripts/test.sh [extra Maven arguments]
#
# The README's test command. Prepares this machine (JDK, Maven, Node, LXD with its test images, Chromium;
# idempotent), then builds everything and runs every test: unit tests (JUnit 5, Vitest), the itests that boot
# the built Karaf distribution against the real LXD, the console's browser tests, and the Debian package
# (scripts/test-deb.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."

# No script may fail by chance: every one parses, none reads a pipe with an early-exiting reader under pipefail.
"$here/check-scripts.sh"
"$here/setup-test-env.sh"
# Integration tests drive a real, shared LXD daemon whose operations can stall under load: a failing integration
# test gets one more run, and Maven reports it as a flake rather than hiding it.
status=0
mvn -B -ntp verify -Dfailsafe.rerunFailingTestsCount=1 "$@" || status=$?
# Each test class deletes its LXD project; an Axion still running while that happens may re-create it empty
# (it creates its project when missing), so sweep what is left once every JVM is gone.
"$here/clean-test-projects.sh" || true
# The Debian package that the Maven run built: installed with dpkg, started as its systemd unit would start it,
# upgraded, removed and purged. Runs after a failed Maven run too (the package is built before the itests);
# the first failure decides the exit status.
deb_status=0
"$here/test-deb.sh" || deb_status=$?
if ((status == 0)); then
  status=$deb_status
fi
exit "$status"
