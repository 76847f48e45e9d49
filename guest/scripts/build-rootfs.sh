#!/usr/bin/env bash
# Usage: build-rootfs.sh BUSYBOX_DIR XHALT OUTPUT
#   BUSYBOX_DIR holds `busybox` (static riscv64) and `busybox.links` (its applet paths, from its build);
#   XHALT is the built /usr/sbin/xhalt; OUTPUT is the ext2 image to write.
# Written with the project's own deterministic ext2 writer (lib/ext2, issue 5) by build-rootfs.ts, which holds
# the tree: fixed modes and timestamps (SOURCE_DATE_EPOCH, default 0), owners root except what
# guest/rootfs/device-table says, size = content + 8 MiB rounded up to 2 MiB (Linux pmem, spec §8).
# Needs the repository's node_modules (tsx); guest/build.sh runs after `npm ci` in setup.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 BUSYBOX_DIR XHALT OUTPUT" >&2; exit 2; }
guest_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repo_dir=$(cd "$guest_dir/.." && pwd)
tsx=$repo_dir/node_modules/.bin/tsx
[ -x "$tsx" ] || { echo "build-rootfs: $tsx not found (run npm ci first)" >&2; exit 1; }
for input in "$1/busybox" "$1/busybox.links" "$2"; do
  [ -f "$input" ] || { echo "build-rootfs: missing input $input" >&2; exit 1; }
done
rm -f "$3"
exec "$tsx" "$guest_dir/scripts/build-rootfs.ts" "$@"
