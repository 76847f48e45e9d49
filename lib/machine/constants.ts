/**
 * Cartesi Machine v0.21 address map, reset values and defaults (cartesi-machine.md §1, §7.1, §8, §10, §12,
 * §13, §14). Addresses and lengths are `bigint` so that every 64-bit value stays exact.
 */

export const KiB = 1n << 10n;
export const MiB = 1n << 20n;
export const GiB = 1n << 30n;
export const TiB = 1n << 40n;

export const UINT64_MAX = (1n << 64n) - 1n;

/** Granularity of every memory range (§8). */
export const PAGE_SIZE = 4n * KiB;

// §7.1 address ranges (v0.20–v0.21, src/address-range-defines.h)
export const SHADOW_STATE_START = 0x0n;
export const SHADOW_STATE_LENGTH = 0x8000n;
export const PMA_ARRAY_START = 0x10000n;
export const PMA_ARRAY_LENGTH = 0x1000n;
export const UARCH_SHADOW_START = 0x400000n;
export const UARCH_SHADOW_LENGTH = 0x1000n;
export const UARCH_RAM_START = 0x600000n;
export const UARCH_RAM_LENGTH = 0x200000n;
export const CLINT_START = 0x2000000n;
export const CLINT_LENGTH = 0xc0000n;
export const HTIF_START = 0x40008000n;
export const HTIF_LENGTH = 0x1000n;
export const VIRTIO_START = 0x40010000n;
export const VIRTIO_LENGTH = 0x1000n;
export const PLIC_START = 0x40100000n;
export const PLIC_LENGTH = 0x400000n;
export const CMIO_RX_BUFFER_START = 0x60000000n;
export const CMIO_RX_BUFFER_LENGTH = 2n * MiB;
export const CMIO_TX_BUFFER_START = 0x60800000n;
export const CMIO_TX_BUFFER_LENGTH = 2n * MiB;
export const DTB_START = 0x7ff00000n;
export const DTB_LENGTH = 1n * MiB;
export const RAM_START = 0x80000000n;

/** The CLI's default RAM length (§15; `get_default_config` itself says 0). */
export const DEFAULT_RAM_LENGTH = 128n * MiB;
/** RAM is fixed at 2 GiB and must be aligned to bit_ceil(length), hence at most 2 GiB (§8). */
export const MAX_RAM_LENGTH = 2n * GiB;

// §8 flash drives and NVRAM
export const MAX_FLASH_DRIVES = 8;
export const MAX_NVRAMS = 8;
/** Ranges must lie below 2^56 (`AR_ADDRESSABLE_MASK`). */
export const ADDRESSABLE_LIMIT = 1n << 56n;
/** Linux's pmem driver wants 2 MiB multiples and an end below RAM start + 64 TiB (§8). */
export const PMEM_ALIGNMENT = 2n * MiB;
export const PMEM_END_LIMIT = RAM_START + 64n * TiB;
/** Labels: lower-case letters, digits and '-', at most 31 characters, starting with a letter (§8). */
export const LABEL_PATTERN = /^[a-z][a-z0-9-]{0,30}$/;
export const ROOT_LABEL = 'root';

// §1, §2, §13 identification and reset values
export const MVENDORID = 0x6361727465736920n; // ASCII "cartesi "
export const MARCHID = 0x15n;
export const MIMPID = 0x15n;
export const MISA = 0x800000000014112dn;
export const MSTATUS_INIT = 0xa00000000n;
export const PC_INIT = RAM_START;
/** a1 holds the DTB address at boot (§13). */
export const X11_INIT = DTB_START;
export const IPRV_INIT = 3n;

// §9.1 HTIF masks and defaults
export const HTIF_CONSOLE_GETCHAR_MASK = 1n;
export const HTIF_CONSOLE_PUTCHAR_MASK = 2n;
export const HTIF_YIELD_AUTOMATIC_MASK = 1n;
export const HTIF_YIELD_MANUAL_MASK = 2n;
export const HTIF_IHALT_DEFAULT = 1n;
export const HTIF_ICONSOLE_DEFAULT = HTIF_CONSOLE_PUTCHAR_MASK;
export const HTIF_IYIELD_DEFAULT = HTIF_YIELD_AUTOMATIC_MASK | HTIF_YIELD_MANUAL_MASK;

// §10 time
export const RTC_FREQ_DIV = 8192n;
export const RTC_CLOCK_FREQ = 128_000_000;
export const TIMEBASE_FREQUENCY = RTC_CLOCK_FREQ / Number(RTC_FREQ_DIV); // 15625 Hz

// §12 device tree
export const DTB_VERSION_STRING = '0.21';
export const ISA_STRING = 'rv64acdfimsu';
export const MMU_TYPE = 'riscv,sv39';
/** `/reserved-memory/fw_resv` length: 512 KiB in v0.21 (256 KiB in v0.16–v0.20). */
export const FW_RESV_LENGTH = 512n * KiB;
export const MAX_BOOTARGS_LENGTH = 4096;
/** §12.3, v0.21 row. */
export const DEFAULT_BOOTARGS =
  'quiet earlycon=sbi console=hvc0 uio_pdrv_genirq.of_id=generic-uio root=/dev/pmem0 rw init=/usr/sbin/cartesi-init';
/** §12.3, ROM era (v0.5–v0.10), the base of carti 1.7's prefix (carti-formats.md §7.1). */
export const ROM_ERA_BOOTARGS = 'console=hvc0 rootfstype=ext2 root=/dev/mtdblock0 rw quiet';

/** `--max-mcycle` default in v0.21 (§15). */
export const MCYCLE_MAX = UINT64_MAX;
