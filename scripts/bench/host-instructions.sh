#!/bin/bash
# Load-independent emulator speed: host (x86) instructions per guest instruction on the compute-bound loop
# (compute-loop.S), counted by valgrind's callgrind on Node with TurboFan only (--no-liftoff) and one thread.
# Two runs with different instruction counts cancel Node's start-up: (I2 - I1) / (N2 - N1).
# Usage: scripts/bench/host-instructions.sh [emulator.wasm] (default: emulator-wasm/build/emulator.wasm)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
wasm=${1:-$root/emulator-wasm/build/emulator.wasm}
n1=${N1:-2000000}
n2=${N2:-12000000}
for tool in valgrind riscv64-linux-gnu-gcc riscv64-linux-gnu-objcopy; do
  command -v "$tool" > /dev/null || { echo "host-instructions.sh: $tool is not installed" >&2; exit 1; }
done
[ -f "$wasm" ] || { echo "host-instructions.sh: $wasm not found (run: npm run build:wasm)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
riscv64-linux-gnu-gcc -nostdlib -nostartfiles -march=rv64gc -mabi=lp64d -T "$here/link.ld" -Wl,--build-id=none \
  -Wl,--no-warn-rwx-segments -o "$work/loop.elf" "$here/compute-loop.S"
riscv64-linux-gnu-objcopy -O binary "$work/loop.elf" "$work/loop.bin"
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null node --no-liftoff --single-threaded \
    "$here/compute-run.mjs" "$wasm" "$work/loop.bin" "$1" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
i1=$(count "$n1")
i2=$(count "$n2")
awk -v i1="$i1" -v i2="$i2" -v n1="$n1" -v n2="$n2" 'BEGIN {
  printf "host instructions per guest instruction: %.1f (%d for %d, %d for %d guest instructions)\n", (i2 - i1) / (n2 - n1), i1, n1, i2, n2
}'
