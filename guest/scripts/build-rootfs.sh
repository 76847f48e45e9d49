#!/usr/bin/env bash
# Usage: build-rootfs.sh BUSYBOX_DIR XHALT OUTPUT
#   BUSYBOX_DIR holds `busybox` (static riscv64) and `busybox.links` (its applet paths, from its build);
#   XHALT is the built /usr/sbin/xhalt; OUTPUT is the ext2 image to write.
# Deterministic: fixed modes and timestamps (SOURCE_DATE_EPOCH, default 0), owners squashed to root except
# what guest/rootfs/device-table says, size = content + 8 MiB rounded up to 2 MiB (Linux pmem, spec §8).
set -euo pipefail
busybox_dir=$1
xhalt=$2
output=$3
guest_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
epoch=${SOURCE_DATE_EPOCH:-0}
free_bytes=$((8 * 1024 * 1024))
align_bytes=$((2 * 1024 * 1024))
block_bytes=4096

for tool in genext2fs find touch; do
  command -v "$tool" >/dev/null || { echo "build-rootfs: '$tool' not found (Debian package genext2fs / findutils / coreutils)" >&2; exit 1; }
done
for input in "$busybox_dir/busybox" "$busybox_dir/busybox.links" "$xhalt"; do
  [ -f "$input" ] || { echo "build-rootfs: missing input $input" >&2; exit 1; }
done

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
umask 022

for dir in bin sbin usr/bin usr/sbin etc dev proc sys tmp run mnt root home/dapp; do
  mkdir -p "$staging/$dir"
done
install -m 755 "$busybox_dir/busybox" "$staging/bin/busybox"
# Applet links, relative so that the image works wherever it is mounted.
while IFS= read -r applet; do
  [ -n "$applet" ] || continue
  applet=${applet#/}
  [ "$applet" = bin/busybox ] && continue
  case $applet in
    */*/*) target=../../bin/busybox ;;
    */*) target=../bin/busybox ;;
    *) continue ;;
  esac
  mkdir -p "$staging/$(dirname "$applet")"
  ln -sfn "$target" "$staging/$applet"
done < "$busybox_dir/busybox.links"
install -m 755 "$xhalt" "$staging/usr/sbin/xhalt"
install -m 755 "$guest_dir/rootfs/files/usr/sbin/cartesi-init" "$staging/usr/sbin/cartesi-init"
install -m 755 "$guest_dir/rootfs/files/usr/bin/flashdrive" "$staging/usr/bin/flashdrive"
for file in passwd group hostname profile; do
  install -m 644 "$guest_dir/rootfs/files/etc/$file" "$staging/etc/$file"
done
find "$staging" -type d -exec chmod 755 {} +
find "$staging" -exec touch -h -d "@$epoch" {} +

# Content size in whole blocks (apparent sizes, so the host file system does not matter), one block for
# every directory and symlink, then the free space, rounded up to 2 MiB.
content_bytes=$(find "$staging" -printf '%y %s\n' | awk -v b="$block_bytes" \
  '{ if ($1 == "f") n += int(($2 + b - 1) / b); else n += 1 } END { print n * b }')
image_bytes=$(( (content_bytes + free_bytes + align_bytes - 1) / align_bytes * align_bytes ))
# Inodes: everything in the image plus room for as many new files again (and at least 1024).
entries=$(find "$staging" | wc -l)
inodes=$(( entries * 2 > entries + 1024 ? entries * 2 : entries + 1024 ))

rm -f "$output"
# -U: every owner root (the device table then gives /home/dapp to 1000); -f: zero file-system timestamps;
# -m 0: no blocks reserved for root (the machine's user should get all the free space).
if ! log=$(genext2fs -B "$block_bytes" -b $((image_bytes / block_bytes)) -N "$inodes" -m 0 -L root -U -f \
  -d "$staging" -D "$guest_dir/rootfs/device-table" "$output" 2>&1); then
  echo "build-rootfs: genext2fs failed:" >&2
  echo "$log" >&2
  exit 1
fi
actual=$(stat -c %s "$output")
if [ "$actual" -ne "$image_bytes" ]; then
  echo "build-rootfs: $output is $actual bytes, expected $image_bytes" >&2
  exit 1
fi
