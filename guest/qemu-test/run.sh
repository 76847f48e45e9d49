#!/usr/bin/env bash
# Usage: run.sh LINUX_BIN ROOTFS ENTRYPOINT [INIT]
# Boots the default machine's kernel (taken from LINUX_BIN at offset 2 MiB) and ROOTFS under
# qemu-system-riscv64 -M spike, with our firmware (test build: see Makefile and prelude.S) and a device tree
# shaped like a Cartesi machine's (machine.dts.in). Prints the console; exits with the machine's halt payload
# (qemu's HTIF exits with DATA >> 1, like cartesi-machine, spec §9.4), or 124 on timeout.
# Environment: QEMU_TIMEOUT seconds (default 120), WORK_DIR for intermediate files (default: a temp dir),
# BOOTARGS (default: Cartesi v0.21's, spec §12.3, without the UIO option).
set -euo pipefail
linux_bin=$1
rootfs=$2
entrypoint=$3
init=${4:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for tool in qemu-system-riscv64 dtc riscv64-linux-gnu-gcc; do
  command -v "$tool" >/dev/null || { echo "run.sh: '$tool' not found" >&2; exit 1; }
done
work=${WORK_DIR:-$(mktemp -d)}
[ -n "${WORK_DIR:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"

make -s -C "$here" OUT="$work" "$work/firmware-spike.elf" >/dev/null
tail -c +$((2 * 1024 * 1024 + 1)) "$linux_bin" > "$work/Image"

# A dtc byte array ([68 69]) for a string without its NUL; an empty string gives an empty property.
byte_array() {
  if [ -z "$1" ]; then echo '[]'; return; fi
  echo "[$(printf '%s' "$1" | od -An -v -tx1 | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')]"
}
root_bytes=$(printf '0x%x' "$(stat -c %s "$rootfs")")
bootargs=${BOOTARGS:-quiet earlycon=sbi console=hvc0 root=/dev/pmem0 rw init=/usr/sbin/cartesi-init}
sed -e "s|@BOOTARGS@|$bootargs|" -e "s|@ROOT_BYTES@|$root_bytes|" -e "s|@INIT@|$(byte_array "$init")|" \
  -e "s|@ENTRYPOINT@|$(byte_array "$entrypoint")|" "$here/machine.dts.in" > "$work/machine.dts"
dtc -q -I dts -O dtb -o "$work/machine.dtb" "$work/machine.dts"

# RAM is 256 MiB for qemu so that the "drive" at 0x88000000 and the tree at 0x8f000000 (prelude.S) are backed;
# Linux sees only the 128 MiB of the tree.
set +e
timeout "${QEMU_TIMEOUT:-120}" qemu-system-riscv64 -M spike -m 256M -nographic -no-reboot \
  -bios "$work/firmware-spike.elf" -kernel "$work/Image" \
  -device loader,file="$work/machine.dtb",addr=0x8f000000,force-raw=on \
  -device loader,file="$rootfs",addr=0x88000000,force-raw=on </dev/null
status=$?
set -e
exit $status
