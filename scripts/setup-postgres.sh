#!/usr/bin/env bash
# Usage: scripts/setup-postgres.sh
#
# Makes a local PostgreSQL ready for Axion's PostgreSQL tests and scripts/cluster.sh, on a Debian 12 machine (root,
# no systemd needed). Idempotent:
#   1. installs `postgresql` with apt-get when missing (`apt-get update` only when needed, see lib/apt.sh);
#   2. creates a cluster `main` of the newest installed version when the machine has none;
#   3. makes the cluster listen on 127.0.0.1 only (conf.d/axion.conf), restarting it when that changed;
#   4. starts the cluster when it is not running (`pg_ctlcluster VERSION NAME start`) and waits for it;
#   5. creates the role (LOGIN, CREATEDB: every test class makes a database of its own) and its database, and
#      resets the role's password when logging in with it over TCP fails.
# Quiet on success; prints a clear error and exits non-zero on failure.
# Environment: AXION_PG_ROLE (default axion), AXION_PG_PASSWORD (axion), AXION_PG_DATABASE (axion).
# The tests connect to jdbc:postgresql://127.0.0.1:<the cluster's port, 5432 on a fresh machine>/axion.
set -euo pipefail

readonly ROLE=${AXION_PG_ROLE:-axion}
readonly PASSWORD=${AXION_PG_PASSWORD:-axion}
readonly DATABASE=${AXION_PG_DATABASE:-axion}
readonly LISTEN=127.0.0.1

# shellcheck source=scripts/lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

die() { echo "setup-postgres: ERROR: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root"
[[ $ROLE =~ ^[a-z_][a-z0-9_]*$ ]] || die "AXION_PG_ROLE must be a lower-case identifier: $ROLE"
[[ $DATABASE =~ ^[a-z_][a-z0-9_]*$ ]] || die "AXION_PG_DATABASE must be a lower-case identifier: $DATABASE"

install_postgres() {
  local status
  status=$(dpkg-query -W -f='${Status}' postgresql 2>/dev/null || true)
  [[ $status == *"install ok installed"* ]] && return 0
  apt_install postgresql || die "cannot install postgresql"
}

# Sets VERSION, NAME and PORT to the first cluster pg_lsclusters lists, creating one when there is none.
find_cluster() {
  local clusters newest
  clusters=$(pg_lsclusters -h) || die "pg_lsclusters failed"
  if [[ -z $clusters ]]; then
    newest=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    [[ -n $newest ]] || die "postgresql is installed but /usr/lib/postgresql holds no server version"
    pg_createcluster "$newest" main >/dev/null || die "pg_createcluster $newest main failed"
    clusters=$(pg_lsclusters -h)
  fi
  read -r VERSION NAME PORT _ <<<"${clusters%%$'\n'*}"
}

cluster_online() {
  local line
  line=$(pg_lsclusters -h "$VERSION" "$NAME") || return 1
  [[ $line == *" online"* ]]
}

# Writes conf.d/axion.conf; answers whether it changed (the cluster then needs a restart to listen anew).
configure_listen() {
  local conf_dir="/etc/postgresql/$VERSION/$NAME/conf.d"
  local wanted="# Written by Axion's scripts/setup-postgres.sh: loopback only."$'\n'"listen_addresses = '$LISTEN'"
  mkdir -p "$conf_dir"
  if [[ -f $conf_dir/axion.conf && $(<"$conf_dir/axion.conf") == "$wanted" ]]; then
    return 1
  fi
  printf '%s\n' "$wanted" >"$conf_dir/axion.conf"
  chown postgres:postgres "$conf_dir/axion.conf"
}

start_cluster() {
  local changed=$1 out
  if cluster_online; then
    ((changed)) || return 0
    out=$(pg_ctlcluster "$VERSION" "$NAME" restart 2>&1) || die "pg_ctlcluster $VERSION $NAME restart failed:"$'\n'"$out"
  else
    out=$(pg_ctlcluster "$VERSION" "$NAME" start 2>&1) \
      || die "pg_ctlcluster $VERSION $NAME start failed:"$'\n'"$out"$'\n'"see /var/log/postgresql/postgresql-$VERSION-$NAME.log"
  fi
  for _ in $(seq 1 150); do
    pg_isready -q -h "$LISTEN" -p "$PORT" && return 0
    sleep 0.2
  done
  die "PostgreSQL $VERSION/$NAME does not accept connections on $LISTEN:$PORT after 30 s;" \
    "see /var/log/postgresql/postgresql-$VERSION-$NAME.log"
}

# Runs SQL from standard input as the postgres superuser (peer authentication over the local socket).
as_superuser() {
  (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres -tA \
    -v role="$ROLE" -v password="$PASSWORD" -v database="$DATABASE" "$@")
}

can_log_in() {
  PGPASSWORD=$PASSWORD PGCONNECT_TIMEOUT=10 psql -X -q -h "$LISTEN" -p "$PORT" -U "$ROLE" -d "$DATABASE" -tA \
    -c 'SELECT 1' >/dev/null 2>&1
}

create_role_and_database() {
  local out
  # \gexec runs the statement only when the query returns it: nothing happens for what already exists.
  out=$(as_superuser 2>&1 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'role', :'password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB', :'role')
 WHERE EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role' AND NOT (rolcanlogin AND rolcreatedb)) \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'database', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'database') \gexec
SQL
) || die "creating role $ROLE and database $DATABASE failed:"$'\n'"$out"
  can_log_in && return 0
  # The role existed with another password: set the one the tests use.
  out=$(as_superuser 2>&1 <<<"SELECT format('ALTER ROLE %I PASSWORD %L', :'role', :'password') \gexec") \
    || die "setting the password of role $ROLE failed:"$'\n'"$out"
  can_log_in || die "role $ROLE cannot log in to database $DATABASE on $LISTEN:$PORT with its password;" \
    "check /etc/postgresql/$VERSION/$NAME/pg_hba.conf (host all all 127.0.0.1/32 scram-sha-256)"
}

install_postgres
command -v pg_lsclusters >/dev/null || die "pg_lsclusters not on PATH after installing postgresql"
find_cluster
changed=0
configure_listen && changed=1
start_cluster "$changed"
create_role_and_database
