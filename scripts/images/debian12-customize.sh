#!/usr/bin/env bash
# Usage: debian12-customize.sh ROOTFS
#
# mmdebstrap --customize-hook for the axion/debian-12 image (called by build-debian12.sh): makes a NIC-less
# systemd + cloud-init container boot quietly and cleanly.
set -euo pipefail

root=${1:?usage: $0 ROOTFS}

# Every container gets its own machine id on first boot.
echo -n > "$root/etc/machine-id"
rm -f "$root/var/lib/dbus/machine-id"

# binfmt_misc cannot be mounted in an unprivileged container: the unit would fail on every boot.
ln -sf /dev/null "$root/etc/systemd/system/systemd-binfmt.service"

# No openssh in the image: the ssh module would only report an error.
sed -i '/^cloud_init_modules:/,/^[^ ]/{/^ *- *ssh *$/d}' "$root/etc/cloud/cloud.cfg"

# LXD renders the NoCloud seed from the instance config (see the templates in build-debian12.sh).
# C.UTF-8 exists without the locales package; the default (en_US.UTF-8) makes cloud-init report an error.
mkdir -p "$root/var/lib/cloud/seed/nocloud-net"
cat > "$root/etc/cloud/cloud.cfg.d/90-axion.cfg" <<'CFG'
# Axion image: configuration comes from LXD through the NoCloud seed; no other datasource to probe.
datasource_list: [NoCloud, None]
locale: C.UTF-8
CFG
