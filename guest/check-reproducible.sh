#!/usr/bin/env bash
# guest/check-reproducible.sh [--full]
# Rebuilds the root file system from guest/out/rootfs-inputs into a temporary directory and compares it byte
# for byte with guest/out/rootfs.ext2. With --full, also rebuilds everything (kernel, firmware, busybox,
# rootfs) from a copy of guest/'s sources in a temporary directory, without any cache, and compares
# linux.bin and rootfs.ext2 (takes as long as a first build: about 5 minutes on 2 cores).
# Exit status 0 when identical, 1 when any output differs or a build fails.
set -euo pipefail
guest_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out_dir=$guest_dir/out
full=0
case ${1:-} in
  --full) full=1 ;;
  "") ;;
  *) echo "usage: $0 [--full]" >&2; exit 2 ;;
esac
for file in linux.bin rootfs.ext2 rootfs-inputs/busybox rootfs-inputs/busybox.links rootfs-inputs/xhalt; do
  [ -e "$out_dir/$file" ] || { echo "check-reproducible: $out_dir/$file is missing: run bash guest/build.sh first" >&2; exit 1; }
done
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

compare() {
  local name=$1 expected=$2 actual=$3
  if cmp -s "$expected" "$actual"; then
    echo "identical: $name ($(sha256sum "$actual" | awk '{ print $1 }'))"
  else
    echo "DIFFERENT: $name: $expected vs $actual" >&2
    cmp "$expected" "$actual" | head -n 1 >&2 || true
    different=1
  fi
}

different=0
echo "rebuilding rootfs.ext2 from $out_dir/rootfs-inputs"
SOURCE_DATE_EPOCH=0 "$guest_dir/scripts/build-rootfs.sh" "$out_dir/rootfs-inputs" "$out_dir/rootfs-inputs/xhalt" \
  "$scratch/rootfs.ext2"
compare rootfs.ext2 "$out_dir/rootfs.ext2" "$scratch/rootfs.ext2"

if [ $full -eq 1 ]; then
  echo "rebuilding everything from a copy of $guest_dir in $scratch/repo/guest (no cache)"
  mkdir -p "$scratch/repo/guest"
  (cd "$guest_dir" && tar --exclude=./out --exclude=./cache -cf - .) | tar -C "$scratch/repo/guest" -xf -
  # The rootfs is written by the repository's lib/ext2 through tsx (scripts/build-rootfs.sh): link them in.
  for shared in lib node_modules package.json; do ln -s "$guest_dir/../$shared" "$scratch/repo/$shared"; done
  bash "$scratch/repo/guest/build.sh"
  compare linux.bin "$out_dir/linux.bin" "$scratch/repo/guest/out/linux.bin"
  compare rootfs.ext2 "$out_dir/rootfs.ext2" "$scratch/repo/guest/out/rootfs.ext2"
fi
exit $different
