#!/usr/bin/env bash
# Usage: scripts/cluster.sh up N | down | status | kill I | start I | stop I | clean
#
# N Axion nodes side by side on this machine, one control plane: each node unpacks the built distribution into a
# folder of its own, listens on its own ports, owns one LXD project of the local daemon as its host, and all share
# one local PostgreSQL database (scripts/setup-postgres.sh makes it). Build first (scripts/run.sh, or
# `mvn -B -ntp install -DskipTests`).
#
#   up N      start nodes 1..N (those already running are left alone); waits until each answers ready
#   down      stop every node gracefully
#   status    each node: running or not, its URL, and what its health says
#   kill I    kill -9 node I (what the failover tests do)
#   start I   start node I again (its folder, settings and data are kept)
#   stop I    stop node I gracefully
#   clean     stop every node, delete their folders, LXD projects and the shared database
#
# Node I: HTTP 127.0.0.1:$((HTTP_BASE+I)) (8081, 8082, ...), Hazelcast $((HZ_BASE+I)) (5701, ...), SSH
# $((SSH_BASE+I)), JMX $((JMX_BASE+I)) and $((JMX_SERVER_BASE+I)); its host `lxd-I` is LXD project
# ${PROJECT_PREFIX}-I. Every one of these can be set in the environment, as can:
#   AXION_CLUSTER_DIR   where the node folders live (default /tmp/axion-cluster)
#   AXION_CLUSTER_DB    the PostgreSQL database (default axion_cluster), AXION_DB_USER / AXION_DB_PASSWORD
#   AXION_CLUSTER_NAME  the cluster's name (default axion-local); the shared secret is made once per folder
#   AXION_ADMIN_PASSWORD the first admin's password (default: made once per folder, in admin-password)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)

readonly DIR=${AXION_CLUSTER_DIR:-/tmp/axion-cluster}
readonly HTTP_BASE=${HTTP_BASE:-8080}
readonly HZ_BASE=${HZ_BASE:-5700}
readonly SSH_BASE=${SSH_BASE:-8100}
readonly JMX_BASE=${JMX_BASE:-1100}
readonly JMX_SERVER_BASE=${JMX_SERVER_BASE:-44450}
readonly PROJECT_PREFIX=${PROJECT_PREFIX:-axion-node}
readonly DB=${AXION_CLUSTER_DB:-axion_cluster}
readonly DB_USER=${AXION_DB_USER:-axion}
readonly DB_PASSWORD=${AXION_DB_PASSWORD:-axion}
readonly NAME=${AXION_CLUSTER_NAME:-axion-local}
readonly SOCKET=${AXION_LXD_SOCKET:-/var/lib/lxd/unix.socket}
readonly READY_SECONDS=${READY_SECONDS:-120}

die() { echo "cluster: $*" >&2; exit 1; }

node_dir() { echo "$DIR/node-$1"; }
http_port() { echo $((HTTP_BASE + $1)); }

distribution() {
  local tarballs=("$top"/karaf-distribution/target/axion-distribution-*.tar.gz)
  [[ -f ${tarballs[0]} ]] || die "no distribution: build it first (mvn -B -ntp install -DskipTests)"
  echo "${tarballs[0]}"
}

# The members every node joins: all of 1..N, so that any of them may be the first up.
members() {
  local n=$1 list="" i
  for ((i = 1; i <= n; i++)); do list+="${list:+,}127.0.0.1:$((HZ_BASE + i))"; done
  echo "$list"
}

secret_file() { echo "$DIR/cluster-secret"; }
admin_file() { echo "$DIR/admin-password"; }

ensure_secrets() {
  mkdir -p "$DIR"
  [[ -s $(secret_file) ]] || (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n=/+' >"$(secret_file)")
  if [[ -n ${AXION_ADMIN_PASSWORD:-} ]]; then
    (umask 077 && printf '%s' "$AXION_ADMIN_PASSWORD" >"$(admin_file)")
  fi
  [[ -s $(admin_file) ]] || (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '\n=/+' >"$(admin_file)")
}

ensure_database() {
  local sql="SELECT 1 FROM pg_database WHERE datname = '$DB'"
  local exists
  exists=$(PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -U "$DB_USER" -d postgres -tAc "$sql" 2>/dev/null) \
    || die "PostgreSQL on 127.0.0.1 does not answer for role $DB_USER: run scripts/setup-postgres.sh"
  [[ $exists == 1 ]] || PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -U "$DB_USER" -d postgres -qc "CREATE DATABASE $DB" \
    || die "cannot create database $DB"
}

pid_of() {
  local file
  file="$(node_dir "$1")/karaf.pid"
  [[ -s $file ]] || return 1
  local pid
  pid=$(cat "$file")
  alive "$pid" || return 1
  echo "$pid"
}

# A JVM that exited stays a zombie until its parent (here PID 1, once bin/start has exited) reaps it, which can
# take seconds on a busy machine. kill -0 still succeeds on a zombie, yet it is gone: a start right after a kill -9
# must not take it for a running node.
alive() {
  kill -0 "$1" 2>/dev/null && [[ $(ps -o stat= -p "$1" 2>/dev/null) != Z* ]]
}

running() { pid_of "$1" >/dev/null; }

health() {
  curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(http_port "$1")/api/v1/health" 2>/dev/null || true
}

start_node() {
  local i=$1 n=$2 dir
  dir=$(node_dir "$i")
  if running "$i"; then
    return 0
  fi
  if [[ ! -x $dir/bin/start ]]; then
    mkdir -p "$dir"
    tar -xzf "$(distribution)" -C "$dir" --strip-components=1
  fi
  (
    export AXION_NODE_NAME="node-$i"
    export AXION_HTTP_PORT AXION_PUBLIC_URL AXION_CLUSTER_PORT AXION_SSH_PORT AXION_JMX_REGISTRY_PORT AXION_JMX_SERVER_PORT
    AXION_HTTP_PORT=$(http_port "$i")
    AXION_PUBLIC_URL="http://127.0.0.1:$AXION_HTTP_PORT"
    AXION_CLUSTER_PORT=$((HZ_BASE + i))
    AXION_SSH_PORT=$((SSH_BASE + i))
    AXION_JMX_REGISTRY_PORT=$((JMX_BASE + i))
    AXION_JMX_SERVER_PORT=$((JMX_SERVER_BASE + i))
    export AXION_CLUSTER_MEMBERS AXION_CLUSTER_NAME="$NAME" AXION_CLUSTER_SECRET
    AXION_CLUSTER_MEMBERS=$(members "$n")
    AXION_CLUSTER_SECRET=$(cat "$(secret_file)")
    export AXION_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" AXION_DB_USER="$DB_USER" AXION_DB_PASSWORD="$DB_PASSWORD"
    export AXION_HOSTS="lxd-$i=unix:$SOCKET?project=$PROJECT_PREFIX-$i"
    # Any node may run a host's backup (after a take-over) or verify, download and restore it: the directory
    # target is one folder for the whole cluster (here the nodes share a machine; elsewhere a mounted share).
    export AXION_BACKUP_DIRECTORY="${AXION_BACKUP_DIRECTORY:-$DIR/backups}"
    export AXION_ADMIN_PASSWORD
    AXION_ADMIN_PASSWORD=$(cat "$(admin_file)")
    cd "$dir"
    bin/start >/dev/null 2>&1 </dev/null
  )
}

wait_ready() {
  local i=$1 deadline=$((SECONDS + READY_SECONDS))
  until [[ $(health "$i") == 200 ]]; do
    ((SECONDS < deadline)) || die "node $i did not answer ready within ${READY_SECONDS}s; see $(node_dir "$i")/data/log/karaf.log"
    running "$i" || [[ -s $(node_dir "$i")/karaf.pid ]] || sleep 0.5
    sleep 0.5
  done
}

stop_node() {
  local i=$1 pid
  pid=$(pid_of "$i") || return 0
  (cd "$(node_dir "$i")" && bin/stop >/dev/null 2>&1) || kill "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 60))
  while alive "$pid"; do
    if ((SECONDS >= deadline)); then
      kill -9 "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
}

all_nodes() {
  local d
  for d in "$DIR"/node-*; do
    [[ -d $d ]] && echo "${d##*-}"
  done | sort -n
}

case ${1:-} in
  up)
    n=${2:-3}
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "up takes a node count"
    command -v psql >/dev/null || die "psql is missing: run scripts/setup-postgres.sh"
    ensure_secrets
    ensure_database
    for ((i = 1; i <= n; i++)); do start_node "$i" "$n"; done
    for ((i = 1; i <= n; i++)); do wait_ready "$i"; done
    for ((i = 1; i <= n; i++)); do echo "node-$i http://127.0.0.1:$(http_port "$i")"; done
    echo "admin password: $(admin_file)"
    ;;
  start)
    [[ -n ${2:-} ]] || die "start takes a node number"
    n=$(all_nodes | tail -n 1)
    ((${2} <= ${n:-0})) || n=$2
    ensure_secrets
    start_node "$2" "$n"
    wait_ready "$2"
    ;;
  stop)
    [[ -n ${2:-} ]] || die "stop takes a node number"
    stop_node "$2"
    ;;
  kill)
    [[ -n ${2:-} ]] || die "kill takes a node number"
    pid=$(pid_of "$2") || die "node $2 is not running"
    kill -9 "$pid"
    deadline=$((SECONDS + 30))
    while running "$2"; do
      ((SECONDS < deadline)) || die "node $2 (pid $pid) still runs 30 s after kill -9"
      sleep 0.1
    done
    ;;
  down)
    for i in $(all_nodes); do stop_node "$i"; done
    ;;
  status)
    for i in $(all_nodes); do
      if running "$i"; then
        echo "node-$i running (pid $(pid_of "$i")) http://127.0.0.1:$(http_port "$i") health $(health "$i")"
      else
        echo "node-$i stopped"
      fi
    done
    ;;
  clean)
    # Every node first: a node still running would take a stopped node's host over and make its project again.
    for i in $(all_nodes); do
      stop_node "$i"
    done
    for i in $(all_nodes); do
      project="$PROJECT_PREFIX-$i"
      if lxc project show "$project" >/dev/null 2>&1 </dev/null; then
        # lxc must not read the loop's input: each one's stdin is /dev/null.
        lxc list --project "$project" -c n -f csv </dev/null | while read -r name; do
          lxc delete --project "$project" --force "$name" </dev/null
        done
        lxc project delete "$project" </dev/null >/dev/null || true
      fi
    done
    rm -rf "$DIR"
    PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -U "$DB_USER" -d postgres -qc "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true
    ;;
  *)
    sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
