#!/usr/bin/env bash
# Usage: scripts/images/build-busybox.sh [--force]
#
# Builds, offline, a tiny LXD container image from the host's busybox-static (/bin/busybox) and imports it
# into the default project as alias `axion/busybox`. Skips when the alias exists and is of this script's
# revision (the image property axion.revision), unless --force; otherwise the new image is imported and the
# alias moved to it in one LXD call (so a concurrent create never finds the alias missing), then the old one goes.
# Inside the image: /bin/busybox with all applet links (sh, httpd, ip, ...), /sbin/init -> busybox,
# /etc/inittab that brings `lo` up and keeps a respawned sleeper (so the container stays Running), and, when
# the container has an eth0 (Axion's bridge), a udhcpc that takes a DHCP lease and keeps it renewed,
# /etc/passwd + /etc/group with root, /root, /tmp, /www, and hostname/hosts templates.
# Requires: root, running LXD (scripts/setup-lxd.sh), busybox-static installed.
set -euo pipefail

readonly ALIAS=axion/busybox
# Bump when the image's content changes: an existing image of another revision is rebuilt.
readonly REVISION=3
readonly BUSYBOX=/bin/busybox

die() { echo "build-busybox: ERROR: $*" >&2; exit 1; }

force=false
case "${1:-}" in
  "") ;;
  --force) force=true ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

lxc_default() { lxc --project default "$@"; }

old_fingerprint=$(lxc_default image info "$ALIAS" 2>/dev/null | sed -n 's/^Fingerprint: *//p' || true)
if [[ -n $old_fingerprint ]] && ! $force; then
  old_revision=$(lxc_default image get-property "$ALIAS" axion.revision 2>/dev/null || true)
  [[ $old_revision == "$REVISION" ]] && exit 0
fi

# The applet list is read whole into a variable: `busybox --list | grep -q` fails under pipefail whenever grep
# quits at its match before busybox has written the rest (SIGPIPE).
applets=$([[ -x $BUSYBOX ]] && "$BUSYBOX" --list 2>/dev/null || true)
if ! grep -qx httpd <<<"$applets"; then
  die "$BUSYBOX with the httpd applet is missing: apt-get install busybox-static (scripts/setup-lxd.sh does)"
fi
ldd_out=$(LC_ALL=C ldd "$BUSYBOX" 2>&1 || true)
[[ $ldd_out == *"not a dynamic executable"* || $ldd_out == *"statically linked"* ]] \
  || die "$BUSYBOX is not statically linked; install busybox-static"

work=$(mktemp -d /tmp/axion-busybox.XXXXXX)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
meta=$work/meta

# --- rootfs -------------------------------------------------------------------------------------------
mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,www,proc,sys,dev,run,var/log,var/run}
chmod 1777 "$rootfs/tmp"
chmod 0700 "$rootfs/root"
install -m 0755 "$BUSYBOX" "$rootfs/bin/busybox"
# One process for all applet links (a mkdir + ln per applet costs seconds on a loaded machine): busybox
# links each applet at its usual path (bin/sh, sbin/init, usr/sbin/httpd, ...) -> /bin/busybox.
chroot "$rootfs" /bin/busybox --install -s \
  || die "busybox --install failed in $rootfs"
[[ -L $rootfs/sbin/init && -L $rootfs/bin/sh && -L $rootfs/usr/sbin/httpd ]] || die "applet links missing"

cat > "$rootfs/etc/inittab" <<'INITTAB'
# A container without a NIC has `lo` down until something brings it up.
::sysinit:/bin/busybox ip link set lo up
::sysinit:/bin/busybox hostname -F /etc/hostname
# Something must keep running or init has nothing to supervise; respawn keeps the container Running.
::respawn:/bin/busybox sleep 2147483647
# Without an eth0 this ends at once; `once` does not hold up boot while the lease comes.
::once:/bin/sh /etc/net-up
::shutdown:/bin/busybox sync
INITTAB
cat > "$rootfs/etc/net-up" <<'NETUP'
#!/bin/sh
# eth0 exists only when the container is on Axion's bridge: take a DHCP lease and keep renewing it.
[ -e /sys/class/net/eth0 ] || exit 0
/bin/busybox ip link set eth0 up
exec /bin/busybox udhcpc -f -i eth0 -s /etc/udhcpc/default.script -x "hostname:$(/bin/busybox hostname)"
NETUP
# udhcpc's default script path: it only reports a lease; this applies it.
mkdir -p "$rootfs/etc/udhcpc"
cat > "$rootfs/etc/udhcpc/default.script" <<'DHCP'
#!/bin/sh
case "$1" in
  deconfig)
    ip -4 addr flush dev "$interface"
    ip link set "$interface" up
    ;;
  bound|renew)
    ip -4 addr flush dev "$interface"
    ip -4 addr add "$ip/${mask:-24}" dev "$interface"
    if [ -n "$router" ]; then ip -4 route replace default via "${router%% *}" dev "$interface"; fi
    ;;
esac
exit 0
DHCP
chmod 0755 "$rootfs/etc/net-up" "$rootfs/etc/udhcpc/default.script"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
  > "$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$rootfs/etc/group"
echo busybox > "$rootfs/etc/hostname"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$rootfs/etc/hosts"
ln -s /proc/self/mounts "$rootfs/etc/mtab"

# --- metadata -----------------------------------------------------------------------------------------
version=$("$BUSYBOX" 2>&1 | sed -n '1s/^BusyBox \(v[^ ]*\).*/\1/p')
mkdir -p "$meta/templates"
cat > "$meta/metadata.yaml" <<YAML
architecture: x86_64
creation_date: $(date +%s)
properties:
  architecture: x86_64
  description: Axion busybox ${version:-unknown} (static test image; DHCP on eth0 when it has one)
  os: busybox
  release: "${version:-unknown}"
  axion.revision: "$REVISION"
templates:
  /etc/hostname:
    when: [create, copy, rename]
    template: hostname.tpl
  /etc/hosts:
    when: [create, copy, rename]
    template: hosts.tpl
YAML
echo '{{ container.name }}' > "$meta/templates/hostname.tpl"
printf '127.0.0.1\tlocalhost {{ container.name }}\n::1\tlocalhost ip6-localhost ip6-loopback\n' \
  > "$meta/templates/hosts.tpl"

tar --numeric-owner --owner=0 --group=0 -C "$rootfs" -czf "$work/rootfs.tar.gz" .
tar --numeric-owner --owner=0 --group=0 -C "$meta" -czf "$work/meta.tar.gz" .

# --- import -------------------------------------------------------------------------------------------
if [[ -z $old_fingerprint ]]; then
  out=$(lxc_default image import "$work/meta.tar.gz" "$work/rootfs.tar.gz" --alias "$ALIAS" 2>&1) \
    || die "lxc image import failed:"$'\n'"$out"
else
  # LXD's fingerprint of a split image: sha256 of the metadata tarball followed by the rootfs tarball.
  new_fingerprint=$(cat "$work/meta.tar.gz" "$work/rootfs.tar.gz" | sha256sum | cut -d' ' -f1)
  if ! out=$(lxc_default image import "$work/meta.tar.gz" "$work/rootfs.tar.gz" 2>&1) \
      && [[ $out != *"same fingerprint already exists"* ]]; then
    die "lxc image import failed:"$'\n'"$out"
  fi
  out=$(lxc query -X PUT "/1.0/images/aliases/$ALIAS?project=default" \
      --data "{\"target\": \"$new_fingerprint\", \"description\": \"\"}" 2>&1) \
    || die "cannot move $ALIAS to $new_fingerprint:"$'\n'"$out"
  if [[ ${new_fingerprint:0:12} != "${old_fingerprint:0:12}" ]]; then
    lxc_default image delete "$old_fingerprint" >/dev/null 2>&1 || true
  fi
fi
