#!/usr/bin/env bash
# Usage: scripts/test-deb.sh [path/to/axion_<version>_all.deb]
#
# Tests the Debian package that `mvn package` builds (karaf-distribution/target/axion_<version>_all.deb) on this
# machine, as root, without a running systemd: installs it with dpkg -i, checks its files, user and rights,
# verifies its unit with systemd-analyze, starts the unit's ExecStart the way systemd would (as the unit's user and
# groups, with its Environment= lines, its EnvironmentFile and its UMask, standard input from /dev/null) until the
# health is ready, writes a user through the API, stops it, upgrades to a copy of the package with a higher
# version, checks that data and changed conffiles survived and that the new one starts with them, then removes
# (data and settings kept) and purges it (data, settings and user gone). One line per step, ok or FAILED;
# stops at the first failure and exits non-zero. Cleans up after itself on any exit (stops what it started,
# purges the package, deletes its LXD project).
#
# Its Axion gets ports of its own (AXION_HTTP_PORT, AXION_CLUSTER_PORT, AXION_SSH_PORT, AXION_JMX_*), its own
# cluster name and the LXD project axion-deb-<pid>, so it runs beside other tests. LXD must be local: the
# package's user reaches it through the group lxd, so for the duration of the test the socket is given to that
# group, as Debian's lxd.service does (scripts/setup-lxd.sh starts LXD with --group root), and given back after.
# Refuses to run where the package axion is already installed (it would purge it).
# AXION_DEB_HEALTH_DEADLINE_S (default 300): how long a start may take to be ready.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
# shellcheck source=lib/apt.sh
. "$here/lib/apt.sh"

readonly UNIT=/lib/systemd/system/axion.service
readonly LXD_SOCKET=/var/lib/lxd/unix.socket
readonly HEALTH_DEADLINE_S=${AXION_DEB_HEALTH_DEADLINE_S:-300}
readonly STOP_DEADLINE_S=90 # the unit's TimeoutStopSec
readonly ID=$$
readonly PROJECT=axion-deb-$ID
readonly TEST_USER=debtest
readonly TEST_PASSWORD=deb-test-$ID-long-enough-password

tmp="" # made once the checks below pass
installed_by_us=false

die() { echo "test-deb: $*" >&2; exit 1; }
note() { printf '%s' "$*" >"$tmp/note"; }

# One step: its function runs in a subshell with errexit on (a function called from `||` would run without it).
step() {
  local name=$1; shift
  local start=$SECONDS rc=0
  : >"$tmp/note"
  set +e
  ( set -euo pipefail; "$@" )
  rc=$?
  set -e
  if ((rc != 0)); then
    printf '%-10s FAILED after %ds (exit %d)\n' "$name" $((SECONDS - start)) "$rc" >&2
    exit "$rc"
  fi
  local text
  text=$(<"$tmp/note")
  printf '%-10s ok in %ds%s\n' "$name" $((SECONDS - start)) "${text:+ ($text)}"
}

# --- Axion started the way systemd starts the unit ----------------------------------------------------------------

# The [Service] lines of the installed unit, KEY=VALUE each.
service_lines() {
  awk '/^[[:space:]]*\[/ { in_service = ($0 ~ /^\[Service\][[:space:]]*$/); next }
       in_service && /^[A-Za-z]+=/ { print }' "$UNIT"
}

# Splits a unit value into the caller's array `words`, as systemd does for Environment= and ExecStart= (quotes;
# specifiers and variables are refused rather than misread: this test does not expand them).
split_words() {
  [[ $1 != *'%'* && $1 != *'$'* ]] || die "unit value with a specifier or variable, which this test does not expand: $1"
  mapfile -t words < <(xargs -n1 printf '%s\n' <<<"$1")
}

# Appends the KEY=VALUE lines of an EnvironmentFile to the caller's array `env_args`, as systemd reads them
# (comments, blank lines, quotes).
read_env_file() {
  local line key value
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line#"${line%%[![:space:]]*}"}
    [[ -z $line || $line == '#'* || $line == ';'* ]] && continue
    [[ $line =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || die "$1: not an assignment: $line"
    key=${BASH_REMATCH[1]}
    value=${BASH_REMATCH[2]}
    if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then
      value=${BASH_REMATCH[1]}
    fi
    env_args+=("$key=$value")
  done <"$1"
}

# Starts the unit's ExecStart in the background, in a session of its own whose id goes to $tmp/pgid; output to
# $tmp/axion.log (what would go to the journal).
start_as_unit() {
  local line key value user="" group="" umask_value=0022 workdir=/ exec_start=""
  local -a supplementary=() environment=() env_files=() argv=() words=()
  while IFS= read -r line; do
    key=${line%%=*}
    value=${line#*=}
    case "$key" in
      User) user=$value ;;
      Group) group=$value ;;
      SupplementaryGroups) split_words "$value"; supplementary+=("${words[@]}") ;;
      Environment) split_words "$value"; environment+=("${words[@]}") ;;
      EnvironmentFile) env_files+=("$value") ;;
      ExecStart) [[ -z $exec_start ]] || die "several ExecStart= lines"; exec_start=$value ;;
      UMask) umask_value=$value ;;
      WorkingDirectory) workdir=$value ;;
      ExecStartPre | ExecStartPost | ExecCondition | RootDirectory | DynamicUser | StateDirectory | RuntimeDirectory)
        die "the unit uses $key=, which this test does not do as systemd would: teach it" ;;
    esac
  done < <(service_lines)
  [[ -n $user && -n $exec_start ]] || die "the unit has no User= or no ExecStart="
  [[ $exec_start == /* ]] || die "ExecStart= with a prefix or a relative path, which this test does not do: $exec_start"
  split_words "$exec_start"
  argv=("${words[@]}")
  local assignment
  for assignment in "${environment[@]}"; do
    [[ $assignment =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "Environment= item is not an assignment: $assignment"
  done

  # What systemd puts in every service's environment, then the unit's, then its files' (later ones win).
  local passwd_entry home shell
  passwd_entry=$(getent passwd "$user") || die "no user $user"
  home=$(cut -d: -f6 <<<"$passwd_entry")
  shell=$(cut -d: -f7 <<<"$passwd_entry")
  local -a env_args=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "HOME=$home" "USER=$user"
    "LOGNAME=$user" "SHELL=$shell" "${environment[@]}")
  local file optional
  for file in "${env_files[@]}"; do
    optional=false
    if [[ $file == -* ]]; then optional=true; file=${file#-}; fi
    if [[ ! -e $file ]]; then
      $optional || die "EnvironmentFile $file is missing"
      continue
    fi
    read_env_file "$file"
  done

  local -a runuser_args=(-u "$user")
  [[ -z $group ]] || runuser_args+=(-g "$group")
  local extra
  for extra in "${supplementary[@]}"; do runuser_args+=(-G "$extra"); done

  rm -f "$tmp/pgid"
  (
    exec 9>&- # not the test's lock
    umask "$umask_value"
    cd "$workdir"
    exec setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$tmp/pgid" \
      runuser "${runuser_args[@]}" -- env -i "${env_args[@]}" "${argv[@]}"
  ) </dev/null >>"$tmp/axion.log" 2>&1 &
  local deadline=$((SECONDS + 10))
  until [[ -s $tmp/pgid ]]; do
    ((SECONDS < deadline)) || die "the service did not start"
    sleep 0.1
  done
}

running() { [[ -s $tmp/pgid ]] && kill -0 -- "-$(<"$tmp/pgid")" 2>/dev/null; }

# What systemctl stop does: SIGTERM to every process of the service, SIGKILL after TimeoutStopSec.
stop_service() {
  [[ -s $tmp/pgid ]] || return 0
  local pgid
  pgid=$(<"$tmp/pgid")
  kill -TERM -- "-$pgid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_DEADLINE_S))
  while kill -0 -- "-$pgid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      kill -KILL -- "-$pgid" 2>/dev/null || true
      echo "test-deb: Axion did not stop within ${STOP_DEADLINE_S} s of SIGTERM; killed" >&2
      return 1
    fi
    sleep 0.2
  done
  rm -f "$tmp/pgid"
}

log_tail() { echo "--- last lines of its output ($tmp/axion.log):" >&2; tail -n 40 "$tmp/axion.log" >&2 || true; }

wait_ready() {
  local url="http://127.0.0.1:$HTTP_PORT/api/v1/health" code="" deadline=$((SECONDS + HEALTH_DEADLINE_S))
  while :; do
    code=$(curl -s -o "$tmp/health.json" -w '%{http_code}' --max-time 3 "$url" 2>/dev/null || true)
    [[ $code == 200 ]] && return 0
    if ! running; then
      echo "test-deb: Axion exited before it was ready" >&2; log_tail; return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "test-deb: $url not 200 after ${HEALTH_DEADLINE_S} s (last: HTTP $code)" >&2
      cat "$tmp/health.json" >&2 2>/dev/null || true; echo >&2; log_tail; return 1
    fi
    sleep 0.5
  done
}

# POST/GET with JSON; prints the body, sets the HTTP status in $tmp/status.
api() {
  local method=$1 path=$2 data=${3:-} token=${4:-}
  local -a args=(-s -X "$method" --max-time 30 -o "$tmp/body.json" -w '%{http_code}' -H 'Content-Type: application/json')
  [[ -z $token ]] || args+=(-H "Authorization: Bearer $token")
  [[ -z $data ]] || args+=(--data "$data")
  curl "${args[@]}" "http://127.0.0.1:$HTTP_PORT$path" >"$tmp/status" || echo 000 >"$tmp/status"
  cat "$tmp/body.json" 2>/dev/null || true
}

login() {
  local body
  body=$(api POST /api/v1/auth/login "{\"username\":\"$1\",\"password\":\"$2\"}")
  [[ $(<"$tmp/status") == 200 && $body =~ \"token\":\"([^\"]+)\" ]] \
    || die "login as $1: HTTP $(<"$tmp/status") $body"
  printf '%s' "${BASH_REMATCH[1]}"
}

# --- checks -------------------------------------------------------------------------------------------------------

status_of() { dpkg-query -W -f='${Status}' axion 2>/dev/null || true; }

# owner:group mode of a path, e.g. "axion:axion 750".
owner_mode() { stat -c '%U:%G %a' "$1"; }

expect_owner_mode() {
  local got
  got=$(owner_mode "$1") || die "$1 is missing"
  [[ $got == "$2" ]] || die "$1 is $got, expected $2"
}

conffile_md5() { # path -> md5 dpkg recorded for that conffile
  local line
  while IFS= read -r line; do
    read -r -a words <<<"$line"
    [[ ${words[0]:-} == "$1" ]] && { printf '%s' "${words[1]}"; return 0; }
  done < <(dpkg-query -W -f='${Conffiles}\n' axion)
  return 1
}

# --- the steps ----------------------------------------------------------------------------------------------------

step_tools() {
  local -a missing=()
  command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd) # the tool only; nothing boots systemd here
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
  if ((${#missing[@]} > 0)); then
    apt_install "${missing[@]}"
    note "installed ${missing[*]}"
  fi
  "$here/setup-lxd.sh"
}

step_package() {
  local -a found=()
  if [[ -n ${1:-} ]]; then
    found=("$1")
  else
    shopt -s nullglob
    found=("$top"/karaf-distribution/target/axion_*_all.deb)
  fi
  ((${#found[@]} == 1)) || die "expected one package karaf-distribution/target/axion_*_all.deb, found ${#found[@]}: build it (mvn -B package -pl karaf-distribution -am -DskipTests)"
  [[ -f ${found[0]} ]] || die "${found[0]} does not exist"
  local fields
  fields=$(dpkg-deb -f "${found[0]}" Package Architecture Version) || die "${found[0]} is not a Debian package"
  local package arch version
  package=$(sed -n 's/^Package: //p' <<<"$fields")
  arch=$(sed -n 's/^Architecture: //p' <<<"$fields")
  version=$(sed -n 's/^Version: //p' <<<"$fields")
  [[ $package == axion && $arch == all ]] || die "${found[0]}: package $package for $arch, expected axion for all"
  [[ $(basename "${found[0]}") == "axion_${version}_all.deb" ]] || die "${found[0]} is not named after its version $version"
  cp "${found[0]}" "$tmp/axion.deb"
  printf '%s' "$version" >"$tmp/version"
  note "$(basename "${found[0]}")"
}

step_install() {
  local out
  if ! out=$(dpkg -i "$tmp/axion.deb" </dev/null 2>&1); then
    # Missing dependencies: dpkg leaves the package unconfigured; apt brings them and configures it.
    echo "$out" >"$tmp/dpkg-install.log"
    apt-get update -q -o "DPkg::Lock::Timeout=600" >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get -f install -y -q --no-install-recommends \
      -o "DPkg::Lock::Timeout=600" </dev/null >>"$tmp/dpkg-install.log" 2>&1 \
      || { cat "$tmp/dpkg-install.log" >&2; die "dpkg -i failed and apt-get -f install could not fix it"; }
  fi
  [[ $(status_of) == 'install ok installed' ]] || die "axion is '$(status_of)' after dpkg -i"
  [[ $(dpkg-query -W -f='${Version}' axion) == "$(<"$tmp/version")" ]] || die "installed version differs"
  note "axion $(<"$tmp/version")"
}

step_files() {
  # The user: a system account, no login, home = the data folder, in group lxd where there is one.
  local entry uid
  entry=$(getent passwd axion) || die "no user axion"
  uid=$(cut -d: -f3 <<<"$entry")
  ((uid < 1000)) || die "axion has uid $uid: not a system user"
  [[ $(cut -d: -f6- <<<"$entry") == /var/lib/axion:/usr/sbin/nologin ]] || die "axion: home and shell are $(cut -d: -f6- <<<"$entry")"
  local groups
  groups=$(id -Gn axion)
  [[ " $groups " == *" axion "* ]] || die "axion is not in group axion: $groups"
  if getent group lxd >/dev/null; then
    [[ " $groups " == *" lxd "* ]] || die "axion is not in group lxd: $groups"
  fi
  [[ -z $(passwd -S axion 2>/dev/null | awk '$2 == "P"') ]] || die "axion has a usable password"

  # Program, settings, data.
  [[ -x /usr/share/axion/bin/karaf ]] || die "/usr/share/axion/bin/karaf is missing or not executable"
  [[ $(readlink /usr/share/axion/etc) == /etc/axion ]] || die "/usr/share/axion/etc is not a link to /etc/axion"
  [[ $(readlink /usr/share/axion/data) == /var/lib/axion ]] || die "/usr/share/axion/data is not a link to /var/lib/axion"
  expect_owner_mode /var/lib/axion "axion:axion 750"
  expect_owner_mode /etc/axion "root:axion 750"
  expect_owner_mode /etc/axion/io.axion.web.cfg "root:axion 640"
  expect_owner_mode /etc/default/axion "root:root 600"
  expect_owner_mode "$UNIT" "root:root 644"
  local bad
  bad=$(find /etc/axion \( -type f ! -perm 640 \) -o \( -type d ! -perm 750 \) -o ! -user root -o ! -group axion)
  [[ -z $bad ]] || die "in /etc/axion, not root:axion 640 (directories 750): $bad"

  # Every file in /etc/axion, and /etc/default/axion, is a conffile; nothing else is.
  local conffiles expected
  conffiles=$(dpkg-query -W -f='${Conffiles}\n' axion | awk 'NF { print $1 }' | sort)
  expected=$( (find /etc/axion -type f; echo /etc/default/axion) | sort)
  [[ $conffiles == "$expected" ]] || die "conffiles are not /etc/axion's files and /etc/default/axion:"$'\n'"$(diff <(echo "$expected") <(echo "$conffiles"))"
  # The package's etc, for journald and a read-only /etc/axion.
  grep -qxF 'hostKey = ${karaf.data}/host.key' /etc/axion/org.apache.karaf.shell.cfg || die "host key not in the data folder"
  grep -qxF 'log4j2.rootLogger.appenderRef.Journal.ref = Journal' /etc/axion/org.ops4j.pax.logging.cfg || die "no journal logging"

  # Not enabled, not started, on install.
  [[ ! -e /etc/systemd/system/multi-user.target.wants/axion.service ]] || die "the package enabled axion.service"
  note "user axion uid $uid in $groups; $(wc -l <<<"$conffiles") conffiles"
}

step_unit() {
  # The unit as the issue asks for it.
  local directive
  for directive in 'Type=simple' 'User=axion' 'Group=axion' 'SupplementaryGroups=lxd' \
    'Environment=AXION_DATA=/var/lib/axion' 'EnvironmentFile=-/etc/default/axion' \
    'ExecStart=/usr/share/axion/bin/karaf server' 'Restart=on-failure' 'NoNewPrivileges=yes' \
    'ProtectSystem=full' 'ReadWritePaths=/var/lib/axion' 'WantedBy=multi-user.target'; do
    grep -qxF "$directive" "$UNIT" || die "$UNIT has no line $directive"
  done
  # systemd-analyze verify reads the unit offline: an error fails it, and so does any warning it prints.
  local out rc=0
  out=$(systemd-analyze verify --man=no "$UNIT" 2>&1) || rc=$?
  [[ $rc -eq 0 && -z $out ]] || die "systemd-analyze verify $UNIT (exit $rc):"$'\n'"$out"
  # ...and it does catch errors here (a relative ExecStart is one).
  sed 's|^ExecStart=/|ExecStart=|' "$UNIT" >"$tmp/axion-broken.service"
  if systemd-analyze verify --man=no "$tmp/axion-broken.service" >/dev/null 2>&1; then
    die "systemd-analyze verify accepts a broken unit here: it checks nothing"
  fi
  note "systemd-analyze verify: clean"
}

step_lxd_socket() {
  [[ -S $LXD_SOCKET ]] || die "no LXD socket at $LXD_SOCKET"
  local group
  group=$(stat -c %G "$LXD_SOCKET")
  if [[ $group != lxd ]]; then
    chgrp lxd "$LXD_SOCKET"
    printf '%s' "$group" >"$tmp/socket-group"
    note "socket group $group -> lxd for the test, as Debian's lxd.service has it"
  else
    note "socket group lxd"
  fi
}

# Settings of the test's own, where an admin puts them: /etc/default/axion (a conffile, changed), and a line in a
# conffile of /etc/axion. Both must survive the upgrade and the remove.
step_configure() {
  cat >>/etc/default/axion <<EOF

# scripts/test-deb.sh $ID: ports, cluster and LXD project of its own
AXION_HTTP_PORT=$HTTP_PORT
AXION_CLUSTER_NAME=axion-deb-$ID
AXION_CLUSTER_PORT=$CLUSTER_PORT
AXION_CLUSTER_MEMBERS=127.0.0.1:$CLUSTER_PORT
AXION_SSH_PORT=$SSH_PORT
AXION_JMX_REGISTRY_PORT=$JMX_REGISTRY_PORT
AXION_JMX_SERVER_PORT=$JMX_SERVER_PORT
AXION_LXD_PROJECT=$PROJECT
EOF
  printf '\n# scripts/test-deb.sh %s was here\n' "$ID" >>/etc/axion/io.axion.quota.cfg
  note "HTTP $HTTP_PORT, cluster $CLUSTER_PORT, SSH $SSH_PORT, JMX $JMX_REGISTRY_PORT/$JMX_SERVER_PORT, LXD project $PROJECT"
}

step_start() {
  start_as_unit
  wait_ready
  # The JVM runs as the unit's user, in its groups.
  local pgid java_pid who
  pgid=$(<"$tmp/pgid")
  java_pid=$(pgrep -g "$pgid" -f org.apache.karaf.main.Main) || die "no Karaf JVM in the service's processes"
  who=$(ps -o user=,group=,supgrp= -p "$java_pid")
  read -r -a words <<<"$who"
  [[ ${words[0]} == axion && ${words[1]} == axion && ,${words[2]}, == *,lxd,* ]] || die "the JVM runs as: $who"
  note "ready; JVM $java_pid as ${words[0]}:${words[1]} (groups ${words[2]})"
}

step_running() {
  # Logs: to standard output with syslog priorities (journald's), no log file.
  grep -q '^<6>INFO ' "$tmp/axion.log" || { log_tail; die "no <6>INFO lines on standard output"; }
  local logs
  logs=$(find /var/lib/axion -name '*.log' -size +0c)
  [[ -z $logs ]] || die "log files in the data folder: $logs"
  # Data: owned by the service, private.
  expect_owner_mode /var/lib/axion/axion.db "axion:axion 600"
  expect_owner_mode /var/lib/axion/initial-admin-password "axion:axion 600"
  # The settings are untouched by the service (only what this test changed differs from the package).
  local changed
  changed=$(dpkg --verify axion 2>&1 | awk '{ print $NF }' | sort)
  [[ $changed == $'/etc/axion/io.axion.quota.cfg\n/etc/default/axion' ]] || die "dpkg --verify axion:"$'\n'"$(dpkg --verify axion 2>&1)"
  # Karaf's SSH host key pair goes to the data folder when the first client says hello.
  exec 3<>"/dev/tcp/127.0.0.1/$SSH_PORT" || die "no SSH server on $SSH_PORT"
  printf 'SSH-2.0-axion-test-deb\r\n' >&3
  local banner=""
  IFS= read -r -t 30 banner <&3 || true
  local deadline=$((SECONDS + 30))
  until [[ -s /var/lib/axion/host.key && -s /var/lib/axion/host.key.pub ]]; do
    ((SECONDS < deadline)) || { exec 3<&-; log_tail; die "no SSH host key in /var/lib/axion (banner: $banner)"; }
    sleep 0.2
  done
  exec 3<&-
  expect_owner_mode /var/lib/axion/host.key "axion:axion 600"
  note "log to stdout; data private; etc untouched; SSH host key in /var/lib/axion"
}

step_write() {
  local password token body
  password=$(</var/lib/axion/initial-admin-password)
  token=$(login admin "$password")
  body=$(api POST /api/v1/users "{\"username\":\"$TEST_USER\",\"password\":\"$TEST_PASSWORD\",\"role\":\"viewer\"}" "$token")
  [[ $(<"$tmp/status") == 201 ]] || die "create user $TEST_USER: HTTP $(<"$tmp/status") $body"
  note "admin (initial-admin-password) created user $TEST_USER"
}

step_stop() {
  stop_service || { log_tail; return 1; }
  note "SIGTERM, gone"
}

# A second build of the package: the same files, a higher version.
step_upgrade() {
  local version new_version
  version=$(<"$tmp/version")
  new_version="$version+debtest1"
  dpkg --compare-versions "$new_version" gt "$version" || die "$new_version is not above $version"
  rm -rf "$tmp/repack"
  dpkg-deb -R "$tmp/axion.deb" "$tmp/repack"
  sed -i "s/^Version: .*/Version: $new_version/" "$tmp/repack/DEBIAN/control"
  dpkg-deb -Znone -b "$tmp/repack" "$tmp/axion-new.deb" >/dev/null # uncompressed: built in seconds
  rm -rf "$tmp/repack"
  local db_before
  db_before=$(stat -c %i /var/lib/axion/axion.db)
  [[ -d /var/lib/axion/cache ]] || die "no Karaf cache before the upgrade"
  # A conffile question would fail here (no terminal); confold answers it and leaves a .dpkg-dist, checked below.
  dpkg -i --force-confdef --force-confold "$tmp/axion-new.deb" </dev/null >"$tmp/dpkg-upgrade.log" 2>&1 \
    || { cat "$tmp/dpkg-upgrade.log" >&2; die "dpkg -i of $new_version failed"; }
  [[ $(dpkg-query -W -f='${Version}' axion) == "$new_version" ]] || die "not upgraded to $new_version"
  [[ $(stat -c %i /var/lib/axion/axion.db) == "$db_before" ]] || die "the database was replaced"
  grep -qx "AXION_LXD_PROJECT=$PROJECT" /etc/default/axion || die "/etc/default/axion lost its change"
  grep -qx "# scripts/test-deb.sh $ID was here" /etc/axion/io.axion.quota.cfg || die "io.axion.quota.cfg lost its change"
  local leftovers
  leftovers=$(find /etc/axion /etc/default -name 'axion*.dpkg-*' -o -path '/etc/axion/*.dpkg-*')
  [[ -z $leftovers ]] || die "dpkg met a conffile conflict: $leftovers"
  [[ ! -e /var/lib/axion/cache ]] || die "Karaf's cache survived the upgrade (it would start the old bundles)"
  expect_owner_mode /var/lib/axion "axion:axion 750"
  expect_owner_mode /etc/axion/io.axion.quota.cfg "root:axion 640"
  note "$version -> $new_version; data and changed conffiles kept, Karaf's cache dropped"
}

step_restart() {
  start_as_unit
  wait_ready
  local token body
  token=$(login "$TEST_USER" "$TEST_PASSWORD")
  body=$(api GET /api/v1/auth/me "" "$token")
  [[ $(<"$tmp/status") == 200 && $body == *"\"$TEST_USER\""* ]] || die "GET /api/v1/auth/me: HTTP $(<"$tmp/status") $body"
  stop_service || { log_tail; return 1; }
  note "ready again; $TEST_USER logs in; stopped"
}

step_remove() {
  dpkg -r axion </dev/null >"$tmp/dpkg-remove.log" 2>&1 || { cat "$tmp/dpkg-remove.log" >&2; die "dpkg -r failed"; }
  [[ $(status_of) == 'deinstall ok config-files' ]] || die "axion is '$(status_of)' after dpkg -r"
  [[ ! -e /usr/share/axion && ! -e $UNIT ]] || die "the program or the unit is still there"
  [[ -s /var/lib/axion/axion.db ]] || die "dpkg -r deleted the data"
  grep -qx "AXION_LXD_PROJECT=$PROJECT" /etc/default/axion || die "dpkg -r deleted /etc/default/axion's change"
  grep -qx "# scripts/test-deb.sh $ID was here" /etc/axion/io.axion.quota.cfg || die "dpkg -r deleted the settings"
  getent passwd axion >/dev/null || die "dpkg -r deleted the user"
  note "program and unit gone; data, settings and user kept"
}

step_purge() {
  dpkg -P axion </dev/null >"$tmp/dpkg-purge.log" 2>&1 || { cat "$tmp/dpkg-purge.log" >&2; die "dpkg -P failed"; }
  [[ -z $(status_of) || $(status_of) == 'unknown ok not-installed' ]] || die "axion is '$(status_of)' after dpkg -P"
  local path
  for path in /var/lib/axion /etc/axion /etc/default/axion /etc/systemd/system/axion.service \
    /etc/systemd/system/multi-user.target.wants/axion.service \
    /var/lib/systemd/deb-systemd-helper-enabled/axion.service.dsh-also; do
    [[ ! -e $path && ! -L $path ]] || die "$path is still there after dpkg -P"
  done
  ! getent passwd axion >/dev/null || die "user axion is still there"
  ! getent group axion >/dev/null || die "group axion is still there"
  note "data, settings, user and group gone"
}

step_project() {
  delete_project
  note "LXD project $PROJECT deleted"
}

delete_project() {
  local projects
  projects=$(lxc project list -f csv 2>/dev/null | cut -d, -f1 | sed 's/ (current)$//') || return 0
  grep -qx "$PROJECT" <<<"$projects" || return 0
  local instance
  for instance in $(lxc list --project "$PROJECT" -f csv -c n </dev/null 2>/dev/null); do
    timeout 60 lxc delete --project "$PROJECT" --force "$instance" </dev/null >/dev/null 2>&1 || true
  done
  timeout 60 lxc project delete "$PROJECT" </dev/null >/dev/null
}

# --- cleanup on any exit ------------------------------------------------------------------------------------------

cleanup() {
  local rc=$?
  set +e
  running && stop_service
  if [[ -s $tmp/socket-group ]]; then chgrp "$(<"$tmp/socket-group")" "$LXD_SOCKET" 2>/dev/null; fi
  if $installed_by_us && [[ -n $(status_of) && $(status_of) != 'unknown ok not-installed' ]]; then
    dpkg -P axion </dev/null >/dev/null 2>&1 || echo "test-deb: cleanup: dpkg -P axion failed" >&2
  fi
  delete_project 2>/dev/null || echo "test-deb: cleanup: cannot delete LXD project $PROJECT" >&2
  if ((rc == 0)); then
    rm -rf "$tmp"
  else
    echo "test-deb: its files are in $tmp" >&2
  fi
  exit "$rc"
}

# --- main ---------------------------------------------------------------------------------------------------------

[[ $(id -u) -eq 0 ]] || die "must run as root (it installs a package)"
exec 9>/run/lock/axion-test-deb.lock
flock -n 9 || die "another scripts/test-deb.sh is running"
case "$(status_of)" in
  '' | 'unknown ok not-installed') ;;
  *) die "the package axion is installed here ('$(status_of)'); this test installs and purges it: dpkg -P axion first" ;;
esac
tmp=$(mktemp -d /tmp/axion-test-deb.XXXXXX)
trap cleanup EXIT
trap 'exit 130' INT TERM

# Ports nobody listens on (outside the ephemeral range), one per setting.
listening=$(ss -Htln | awk '{ print $4 }' | sed 's/.*://' | sort -u)
taken=" "
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 10000))
    grep -qx "$port" <<<"$listening" && continue
    [[ $taken == *" $port "* ]] && continue
    printf '%s' "$port"
    return 0
  done
}
HTTP_PORT=$(free_port); taken+="$HTTP_PORT "
CLUSTER_PORT=$(free_port); taken+="$CLUSTER_PORT "
SSH_PORT=$(free_port); taken+="$SSH_PORT "
JMX_REGISTRY_PORT=$(free_port); taken+="$JMX_REGISTRY_PORT "
JMX_SERVER_PORT=$(free_port); taken+="$JMX_SERVER_PORT "

step tools step_tools
step package step_package "${1:-}"
installed_by_us=true
step install step_install
step files step_files
step unit step_unit
step lxd step_lxd_socket
step configure step_configure
step start step_start
step running step_running
step write step_write
step stop step_stop
step upgrade step_upgrade
step restart step_restart
step remove step_remove
step purge step_purge
installed_by_us=false
step project step_project
echo "test-deb: the package installs, runs as its unit would, upgrades, removes and purges"
