#!/usr/bin/env bash
# Prints, for 3 real Axion nodes (scripts/cluster.sh up 3, node I owning host lxd-I) and 3 x N stopped busybox
# instances all on lxd-1 and lxd-2: GET /api/v1/instances p50/p99/max on node 3, which owns none of them, and the
# median extra time from POST to COMPLETED of a create on lxd-1 sent to node 2 rather than to its owner node 1.
# The nodes run with their own run id, ports, cluster name, LXD projects and database; scripts/cluster.sh clean
# deletes all of it at the end, also after a failure or Ctrl-C.
# Needs LXD with the axion/busybox image and PostgreSQL (scripts/setup-postgres.sh, run here: it is idempotent).
# Builds only the bench module: the distribution and the other modules as they are (built and installed) are used,
# and everything is built and installed only when there is no distribution yet.
# Extra Maven flags pass through, e.g. bench/run-cluster.sh -o -Dbench.instances=10 -Dbench.creates=6
set -euo pipefail
cd "$(dirname "$0")/.."
if ! compgen -G 'karaf-distribution/target/axion-distribution-*.tar.gz' >/dev/null; then
  mvn -q install -DskipTests "$@"
fi
scripts/setup-postgres.sh
exec mvn -q -pl bench verify -Pbench-cluster -DskipTests "$@"
