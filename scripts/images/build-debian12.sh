#!/usr/bin/env bash
# Usage: scripts/images/build-debian12.sh [--force | --rebuild]
#
# Builds a Debian 12 (bookworm) minbase container image with systemd + cloud-init using mmdebstrap and the
# host's configured mirror (/etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list), and imports it
# into the default project as alias `axion/debian-12`.
#   (no option)  skip entirely when the alias exists;
#   --force      re-import even when the alias exists (reusing the cached rootfs);
#   --rebuild    ignore the cache, rebuild the rootfs and re-import.
# The rootfs tarball is cached in $CACHE_DIR (default /var/cache/axion-images) together with a hash of the
# recipe (these scripts + sources), so a rebuild after deleting the alias only re-imports.
# Per instance without a NIC set `cloud-init.network-config: "config: disabled"`.
# Requires: root, running LXD (scripts/setup-lxd.sh), network access to the mirror on the first build.
set -euo pipefail

readonly ALIAS=axion/debian-12
readonly CACHE_DIR=${CACHE_DIR:-/var/cache/axion-images}
readonly ROOTFS_TAR=$CACHE_DIR/debian-12.rootfs.tar.gz
readonly RECIPE_FILE=$CACHE_DIR/debian-12.recipe
readonly BUILD_LOG=$CACHE_DIR/debian-12.build.log
readonly INCLUDE=systemd,systemd-sysv,dbus,cloud-init,iproute2,ifupdown,netbase,procps
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly CUSTOMIZE=$here/debian12-customize.sh

# shellcheck source=scripts/lib/apt.sh
source "$here/../lib/apt.sh"

die() { echo "build-debian12: ERROR: $*" >&2; exit 1; }

force=false rebuild=false
case "${1:-}" in
  "") ;;
  --force) force=true ;;
  --rebuild) force=true rebuild=true ;;
  *) echo "usage: $0 [--force | --rebuild]" >&2; exit 2 ;;
esac

lxc_default() { lxc --project default "$@"; }

if lxc_default image show "$ALIAS" >/dev/null 2>&1 && ! $force; then
  exit 0
fi

sources=
for candidate in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
  [[ -s $candidate ]] && { sources=$candidate; break; }
done

# The cache is valid while what goes into the rootfs (suite, variant, packages, customize hook, mirror config)
# is unchanged.
recipe=$( { echo "bookworm minbase $INCLUDE"; cat "$CUSTOMIZE" ${sources:+"$sources"}; } | sha256sum | cut -d' ' -f1)

build_rootfs() {
  command -v mmdebstrap >/dev/null || apt_install mmdebstrap || die "cannot install mmdebstrap"
  mkdir -p "$CACHE_DIR"
  rm -f "$ROOTFS_TAR" "$RECIPE_FILE"
  # tar.gz rather than squashfs: xz squashfs saves ~20 MB but costs a minute of CPU.
  mmdebstrap --variant=minbase --include="$INCLUDE" \
      --customize-hook="\"$CUSTOMIZE\" \"\$1\"" \
      bookworm "$ROOTFS_TAR.tmp.tar.gz" ${sources:+"$sources"} >"$BUILD_LOG" 2>&1 \
    || { rm -f "$ROOTFS_TAR.tmp.tar.gz"; tail -n 30 "$BUILD_LOG" >&2; die "mmdebstrap failed; full log: $BUILD_LOG"; }
  mv "$ROOTFS_TAR.tmp.tar.gz" "$ROOTFS_TAR"
  echo "$recipe" > "$RECIPE_FILE"
}

if $rebuild || [[ ! -s $ROOTFS_TAR ]] || [[ $(cat "$RECIPE_FILE" 2>/dev/null) != "$recipe" ]]; then
  build_rootfs
fi

# --- metadata (small: rebuilt on every import) ----------------------------------------------------------
work=$(mktemp -d /tmp/axion-debian12.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/templates"
cat > "$work/metadata.yaml" <<YAML
architecture: x86_64
creation_date: $(date +%s)
properties:
  architecture: x86_64
  description: Axion Debian 12 (bookworm) minbase with systemd and cloud-init
  os: debian
  release: bookworm
  variant: cloud
templates:
  /etc/hostname:
    when: [create, copy, rename]
    template: hostname.tpl
  /etc/hosts:
    when: [create, copy, rename]
    template: hosts.tpl
  /var/lib/cloud/seed/nocloud-net/meta-data:
    when: [create, copy, rename]
    template: cloud-init-meta.tpl
  /var/lib/cloud/seed/nocloud-net/user-data:
    when: [create, copy]
    template: cloud-init-user.tpl
    properties:
      default: |
        #cloud-config
        {}
  /var/lib/cloud/seed/nocloud-net/vendor-data:
    when: [create, copy]
    template: cloud-init-vendor.tpl
    properties:
      default: |
        #cloud-config
        {}
  /var/lib/cloud/seed/nocloud-net/network-config:
    when: [create, copy]
    template: cloud-init-network.tpl
YAML
t=$work/templates
echo '{{ container.name }}' > "$t/hostname.tpl"
cat > "$t/hosts.tpl" <<'TPL'
127.0.0.1	localhost
127.0.1.1	{{ container.name }}
::1	localhost ip6-localhost ip6-loopback
ff02::1	ip6-allnodes
ff02::2	ip6-allrouters
TPL
cat > "$t/cloud-init-meta.tpl" <<'TPL'
instance-id: {{ container.name }}
local-hostname: {{ container.name }}
{{ config_get("user.meta-data", "") }}
TPL
# Both key spellings: cloud-init.* (current) and user.* (older LXD).
for kind in user vendor network; do
  default='properties.default'
  [[ $kind == network ]] && default='""'
  printf '{%% if config_get("cloud-init.%s-data", "") != "" %%}{{ config_get("cloud-init.%s-data", "") }}{%% else %%}{{ config_get("user.%s-data", %s) }}{%% endif %%}\n' \
    "$kind" "$kind" "$kind" "$default" > "$t/cloud-init-$kind.tpl"
done
sed -i 's/network-data/network-config/g' "$t/cloud-init-network.tpl"
tar --numeric-owner --owner=0 --group=0 -C "$work" -czf "$work/meta.tar.gz" metadata.yaml templates

# --- import ---------------------------------------------------------------------------------------------
if lxc_default image show "$ALIAS" >/dev/null 2>&1; then
  out=$(lxc_default image delete "$ALIAS" 2>&1) || die "cannot delete old $ALIAS:"$'\n'"$out"
fi
out=$(lxc_default image import "$work/meta.tar.gz" "$ROOTFS_TAR" --alias "$ALIAS" 2>&1) \
  || die "lxc image import failed:"$'\n'"$out"
