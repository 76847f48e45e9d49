#!/usr/bin/env bash
# guest/build.sh: builds the default machine (guest/README.md) from Debian packages and our own sources:
#   guest/out/linux.bin     our M-mode SBI firmware, zero-padded to 2 MiB, then the Linux 6.1 `Image`
#   guest/out/rootfs.ext2   static busybox + cartesi-init, xhalt, flashdrive
#   guest/out/versions.json Debian package versions used, SOURCE_DATE_EPOCH, output sha256s
#   guest/out/rootfs-inputs the built busybox, its applet list and xhalt (to rebuild only the rootfs)
# Outputs are cached under guest/cache/<key>/, key = sha256 over every file of guest/ (but out/, cache/, tests
# and *.md) and the versions of the Debian packages that go into the build. Run from anywhere: bash guest/build.sh
# (`bash guest/build.sh --print-key` only prints the key).
set -euo pipefail

guest_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out_dir=$guest_dir/out
cache_dir=$guest_dir/cache
build_dir=$cache_dir/build
jobs=2

# Reproducibility: fixed time, user, host and locale for every step (kernel: Documentation/kbuild/reproducible-builds.rst).
export SOURCE_DATE_EPOCH=0
export KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 1970'
export KBUILD_BUILD_USER=carti
export KBUILD_BUILD_HOST=carti-studio
export KBUILD_BUILD_VERSION=1
export TZ=UTC LC_ALL=C
umask 022

step() { printf '[guest] %s\n' "$*"; }
fail() { printf '[guest] error: %s\n' "$*" >&2; exit 1; }

require_tools() {
  local tool missing=()
  for tool in riscv64-linux-gnu-gcc riscv64-linux-gnu-objcopy make tar xz bc flex bison genext2fs \
    dpkg-query dpkg-source apt-get apt-cache sha256sum truncate find awk; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  [ ${#missing[@]} -eq 0 ] || fail "missing tools: ${missing[*]} (run scripts/setup-debian.sh as root)"
  [ -f /usr/src/linux-source-6.1.tar.xz ] || fail "/usr/src/linux-source-6.1.tar.xz not found (Debian package linux-source-6.1)"
}

package_version() {
  dpkg-query -W -f='${Version}' "$1" 2>/dev/null || fail "Debian package $1 is not installed (run scripts/setup-debian.sh)"
}

# The busybox source version: the one already unpacked here, else the newest that apt offers.
busybox_source_version() {
  local dsc
  dsc=$(find "$build_dir/busybox-src" -maxdepth 1 -name 'busybox_*.dsc' 2>/dev/null | sort | tail -n 1)
  if [ -n "$dsc" ]; then
    awk '/^Version:/ { print $2; exit }' "$dsc"
    return
  fi
  local versions
  versions=$(apt-cache showsrc busybox 2>/dev/null | awk '/^Version:/ { print $2 }')
  [ -n "$versions" ] || fail "no source package for busybox: add the bookworm deb-src entry and apt-get update (scripts/setup-debian.sh)"
  local best= version
  for version in $versions; do
    if [ -z "$best" ] || dpkg --compare-versions "$version" gt "$best"; then best=$version; fi
  done
  echo "$best"
}

compute_key() {
  {
    # Tests and documentation do not change the outputs: editing them must not cost a rebuild.
    (cd "$guest_dir" && find . -path ./out -prune -o -path ./cache -prune -o -path ./test -prune \
      -o -type f ! -name '*.test.ts' ! -name '*.md' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    printf 'linux-source-6.1 %s\n' "$linux_version"
    printf 'gcc-riscv64-linux-gnu %s\n' "$gcc_version"
    printf 'binutils-riscv64-linux-gnu %s\n' "$binutils_version"
    printf 'genext2fs %s\n' "$genext2fs_version"
    printf 'busybox-source %s\n' "$busybox_version"
  } | sha256sum | awk '{ print $1 }'
}

publish_from_cache() {
  local from=$1
  rm -rf "$out_dir"
  mkdir -p "$out_dir"
  cp -a "$from/." "$out_dir/"
}

build_kernel() {
  local source=$build_dir/linux-source-6.1
  local marker=$source/.carti-unpacked-version
  if [ ! -f "$marker" ] || [ "$(cat "$marker")" != "$linux_version" ]; then
    step "unpacking /usr/src/linux-source-6.1.tar.xz ($linux_version)"
    rm -rf "$source"
    tar -C "$build_dir" -xf /usr/src/linux-source-6.1.tar.xz
    echo "$linux_version" > "$marker"
  fi
  step "configuring Linux: tinyconfig + guest/kernel/config-fragment"
  local kmake=(make -C "$source" ARCH=riscv CROSS_COMPILE=riscv64-linux-gnu-)
  "${kmake[@]}" -s tinyconfig >/dev/null
  (cd "$source" && scripts/kconfig/merge_config.sh -m .config "$guest_dir/kernel/config-fragment" >/dev/null)
  "${kmake[@]}" -s olddefconfig
  local line missing=()
  while IFS= read -r line; do
    case $line in CONFIG_*|"# CONFIG_"*" is not set") grep -qxF "$line" "$source/.config" || missing+=("$line") ;; esac
  done < "$guest_dir/kernel/config-fragment"
  [ ${#missing[@]} -eq 0 ] || fail "kernel config did not take: ${missing[*]} (unmet dependencies?)"
  step "building Linux Image (make -j$jobs, about 3 minutes from scratch)"
  "${kmake[@]}" -j"$jobs" Image > "$build_dir/kernel-build.log" 2>&1 ||
    { tail -n 30 "$build_dir/kernel-build.log" >&2; fail "kernel build failed (log: $build_dir/kernel-build.log)"; }
  kernel_release=$("${kmake[@]}" -s kernelrelease)
}

build_firmware() {
  step "building the M-mode SBI firmware"
  make -s -C "$guest_dir/firmware" OUT="$build_dir/firmware" >/dev/null
  local size
  size=$(stat -c %s "$build_dir/firmware/firmware.bin")
  # It must fit the device tree's fw_resv (512 KiB, spec §12.2); linker.ld also enforces it.
  [ "$size" -le $((512 * 1024)) ] || fail "firmware.bin is $size bytes, more than the 512 KiB reserved for it"
}

assemble_linux_bin() {
  local target=$1
  step "assembling linux.bin (firmware at 0, Image at 2 MiB)"
  cp "$build_dir/firmware/firmware.bin" "$target"
  truncate -s $((2 * 1024 * 1024)) "$target"
  cat "$build_dir/linux-source-6.1/arch/riscv/boot/Image" >> "$target"
}

build_busybox() {
  local src_root=$build_dir/busybox-src
  local source=$src_root/busybox-${busybox_version#*:}
  local objects=$build_dir/busybox-obj
  if [ ! -d "$source" ]; then
    step "fetching busybox $busybox_version source (apt-get source)"
    rm -rf "$src_root"
    mkdir -p "$src_root"
    (cd "$src_root" && apt-get source --download-only "busybox=$busybox_version" >/dev/null 2>&1) ||
      fail "apt-get source busybox=$busybox_version failed (deb-src entry? network?)"
    local dsc
    dsc=$(find "$src_root" -maxdepth 1 -name 'busybox_*.dsc' | head -n 1)
    (cd "$src_root" && dpkg-source -x "$(basename "$dsc")" "$(basename "$source")" >"$build_dir/busybox-unpack.log" 2>&1) ||
      fail "dpkg-source -x failed for $dsc"
    rm -rf "$objects"
  fi
  step "configuring busybox: defconfig + guest/busybox/config-fragment"
  mkdir -p "$objects"
  make -s -C "$source" O="$objects" defconfig >/dev/null
  "$guest_dir/scripts/apply-config.sh" "$guest_dir/busybox/config-fragment" "$objects/.config"
  yes "" | make -s -C "$objects" oldconfig >/dev/null 2>&1 || true
  grep -qx 'CONFIG_STATIC=y' "$objects/.config" || fail "busybox config is not static"
  step "building busybox (make -j$jobs, about 1 minute from scratch)"
  make -C "$objects" -j"$jobs" busybox busybox.links > "$build_dir/busybox-build.log" 2>&1 ||
    { tail -n 30 "$build_dir/busybox-build.log" >&2; fail "busybox build failed (log: $build_dir/busybox-build.log)"; }
}

build_xhalt() {
  step "building xhalt"
  make -s -C "$guest_dir/xhalt" OUT="$build_dir/xhalt" >/dev/null
}

write_versions() {
  local target=$1 linux_sha rootfs_sha
  linux_sha=$(sha256sum "$target/linux.bin" | awk '{ print $1 }')
  rootfs_sha=$(sha256sum "$target/rootfs.ext2" | awk '{ print $1 }')
  cat > "$target/versions.json" <<JSON
{
  "sourceDateEpoch": $SOURCE_DATE_EPOCH,
  "kernelRelease": "$kernel_release",
  "debianPackages": {
    "linux-source-6.1": "$linux_version",
    "gcc-riscv64-linux-gnu": "$gcc_version",
    "binutils-riscv64-linux-gnu": "$binutils_version",
    "genext2fs": "$genext2fs_version",
    "busybox (source)": "$busybox_version"
  },
  "sha256": {
    "linux.bin": "$linux_sha",
    "rootfs.ext2": "$rootfs_sha"
  },
  "cacheKey": "$key"
}
JSON
}

require_tools
linux_version=$(package_version linux-source-6.1)
gcc_version=$(package_version gcc-riscv64-linux-gnu)
binutils_version=$(package_version binutils-riscv64-linux-gnu)
genext2fs_version=$(package_version genext2fs)
mkdir -p "$build_dir"
# One build at a time per clone: two would share build_dir (the kernel tree) and break each other's make.
# A second caller waits, then finds the first one's outputs in the cache.
exec 8>"$cache_dir/.build.lock"
flock 8
busybox_version=$(busybox_source_version)
key=$(compute_key)
if [ "${1:-}" = --print-key ]; then
  echo "$key"
  exit 0
fi

# A machine-wide cache (outside the clone) lets a fresh clone on the same machine skip the build; the key
# covers every input, so a hit is always the same bytes.
shared_cache=${CARTI_STUDIO_CACHE:-${HOME:-/root}/.cache/carti-studio}/guest
if [ ! -f "$cache_dir/$key/versions.json" ] && [ -f "$shared_cache/$key/versions.json" ]; then
  mkdir -p "$cache_dir/$key"
  cp "$shared_cache/$key/linux.bin" "$shared_cache/$key/rootfs.ext2" "$shared_cache/$key/versions.json" "$cache_dir/$key/"
  [ -d "$shared_cache/$key/rootfs-inputs" ] && cp -r "$shared_cache/$key/rootfs-inputs" "$cache_dir/$key/"
fi
if [ -f "$cache_dir/$key/linux.bin" ] && [ -f "$cache_dir/$key/rootfs.ext2" ] && [ -f "$cache_dir/$key/versions.json" ]; then
  publish_from_cache "$cache_dir/$key"
  step "up to date (cache $key)"
  exit 0
fi

step "building the default machine (cache key $key)"
staging=$cache_dir/.staging-$$
rm -rf "$staging"
mkdir -p "$staging/rootfs-inputs"
trap 'rm -rf "$staging"' EXIT

build_kernel
build_firmware
assemble_linux_bin "$staging/linux.bin"
build_busybox
build_xhalt
cp "$build_dir/busybox-obj/busybox" "$build_dir/busybox-obj/busybox.links" "$build_dir/xhalt/xhalt" \
  "$staging/rootfs-inputs/"
step "building rootfs.ext2 (lib/ext2)"
"$guest_dir/scripts/build-rootfs.sh" "$staging/rootfs-inputs" "$staging/rootfs-inputs/xhalt" "$staging/rootfs.ext2"
write_versions "$staging"

rm -rf "${cache_dir:?}/$key"
mv "$staging" "$cache_dir/$key"
trap - EXIT
mkdir -p "$shared_cache" && rm -rf "${shared_cache:?}/$key" && cp -r "$cache_dir/$key" "$shared_cache/$key" || true
publish_from_cache "$cache_dir/$key"
step "done: $out_dir/linux.bin, $out_dir/rootfs.ext2 (cache $key)"
