#!/usr/bin/env bash
# Issue 18's scale figures in one run: the instance list at 200 instances beside LXD's recursion=2, then 800 more
# made straight through LXD, the list at 1,000 (with the JVM's GC pauses meanwhile) against LXD's figure at 200, and
# /ws/events delivery lag with 200 clients at 1,000 instances. Takes about half an hour on two cores, most of it
# making and deleting the instances. Extra Maven flags pass through, e.g. bench/run-scale.sh -o -Dbench.total=500
set -euo pipefail
cd "$(dirname "$0")/.."
exec bench/run-instances.sh -Dbench.instances=200 -Dbench.total=1000 -Dbench.eventClients=200 "$@"
