#!/usr/bin/env bash
# Usage: scripts/images/import-all.sh [--force]
#
# Builds and imports every Axion test image (axion/busybox, axion/debian-12) into LXD's default project.
# Idempotent: an image whose alias exists is skipped, unless --force (re-import; the Debian rootfs comes from
# the cache in /var/cache/axion-images when its recipe is unchanged).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$here/build-busybox.sh" "$@"
"$here/build-debian12.sh" "$@"
