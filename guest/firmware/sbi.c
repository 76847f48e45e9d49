/* The SBI services the kernel calls (RISC-V SBI specification v2.0), on a single hart, with Cartesi's
 * HTIF for console and halt (spec/cartesi-machine.md §9) and its CLINT for the timer (§10). */
#include "sbi.h"
#include "clint.h"
#include "guarded.h"
#include "htif.h"

struct sbi_result {
  s64 error;
  u64 value;
};

static struct sbi_result sbi_ok(u64 value) {
  struct sbi_result r = {SBI_SUCCESS, value};
  return r;
}

static struct sbi_result sbi_error(s64 error) {
  struct sbi_result r = {error, 0};
  return r;
}

void sbi_set_timer(u64 stime_value) {
  /* A write to mtimecmp clears MTIP (§10); the pending S timer interrupt is ours to withdraw, and the
   * M timer interrupt (MTIE) will raise STIP again when the new deadline passes. */
  clint_set_mtimecmp(stime_value);
  csr_clear(mip, MIP_STIP);
  csr_set(mie, MIE_MTIE);
}

/* Hart masks (SBI v2.0 §3.1): base -1 means every hart; otherwise bit i names hart base + i. */
static int hart_mask_has_hart0(u64 mask, u64 base) {
  if (base == (u64)-1) return 1;
  if (base != 0) return 0;
  return (int)(mask & 1);
}

static int hart_mask_is_valid(u64 mask, u64 base) {
  if (base == (u64)-1) return 1;
  /* Only hart 0 exists. */
  return base == 0 && (mask & ~1UL) == 0;
}

static int extension_is_present(u64 extension) {
  switch (extension) {
    case SBI_EXT_LEGACY_SET_TIMER:
    case SBI_EXT_LEGACY_CONSOLE_PUTCHAR:
    case SBI_EXT_LEGACY_CONSOLE_GETCHAR:
    case SBI_EXT_LEGACY_CLEAR_IPI:
    case SBI_EXT_LEGACY_SEND_IPI:
    case SBI_EXT_LEGACY_REMOTE_FENCE_I:
    case SBI_EXT_LEGACY_REMOTE_SFENCE_VMA:
    case SBI_EXT_LEGACY_REMOTE_SFENCE_VMA_ASID:
    case SBI_EXT_LEGACY_SHUTDOWN:
    case SBI_EXT_CARTESI_YIELD:
    case SBI_EXT_BASE:
    case SBI_EXT_TIME:
    case SBI_EXT_IPI:
    case SBI_EXT_RFENCE:
    case SBI_EXT_HSM:
    case SBI_EXT_SRST:
    case SBI_EXT_DBCN:
      return 1;
    default:
      return 0;
  }
}

static struct sbi_result base_call(u64 function, u64 arg0) {
  switch (function) {
    case 0: return sbi_ok(SBI_SPEC_VERSION);
    case 1: return sbi_ok(SBI_IMPL_ID);
    case 2: return sbi_ok(SBI_IMPL_VERSION);
    case 3: return sbi_ok((u64)extension_is_present(arg0));
    case 4: return sbi_ok(csr_read(mvendorid));
    case 5: return sbi_ok(csr_read(marchid));
    case 6: return sbi_ok(csr_read(mimpid));
    default: return sbi_error(SBI_ERR_NOT_SUPPORTED);
  }
}

static void local_sfence_vma(void) { __asm__ volatile("sfence.vma" ::: "memory"); }
static void local_fence_i(void) { __asm__ volatile("fence.i" ::: "memory"); }

static struct sbi_result rfence_call(u64 function, u64 mask, u64 base) {
  if (function > 2) return sbi_error(SBI_ERR_NOT_SUPPORTED); /* hypervisor fences: no H extension (§2) */
  if (!hart_mask_is_valid(mask, base)) return sbi_error(SBI_ERR_INVALID_PARAM);
  if (hart_mask_has_hart0(mask, base)) {
    /* A full flush is always a correct (if larger) answer to a ranged or ASID-specific request. */
    if (function == 0) local_fence_i();
    else local_sfence_vma();
  }
  return sbi_ok(0);
}

static struct sbi_result hsm_call(u64 function, u64 hartid) {
  switch (function) {
    case 0: /* hart_start: hart 0 is already running, no other hart exists */
      return sbi_error(hartid == 0 ? SBI_ERR_ALREADY_AVAILABLE : SBI_ERR_INVALID_PARAM);
    case 1: /* hart_stop: the only hart cannot stop */
      return sbi_error(SBI_ERR_FAILED);
    case 2: /* hart_get_status: 0 = STARTED */
      return hartid == 0 ? sbi_ok(0) : sbi_error(SBI_ERR_INVALID_PARAM);
    default:
      return sbi_error(SBI_ERR_NOT_SUPPORTED);
  }
}

static struct sbi_result srst_call(u64 function, u64 reset_type, u64 reset_reason) {
  if (function != 0) return sbi_error(SBI_ERR_NOT_SUPPORTED);
  /* Types: 0 shutdown, 1 cold reboot, 2 warm reboot. A Cartesi machine cannot reboot: every reset halts,
   * with the reason as the halt payload (0 = normal power-off), as Cartesi's own firmware does (§9.4). */
  if ((reset_type & 0xffffffffUL) > 2) return sbi_error(SBI_ERR_INVALID_PARAM);
  htif_halt(reset_reason & 0xffffffffUL);
}

/* DBCN addresses are physical (SBI v2.0 §12); the split base_lo/base_hi only matters on RV32. */
static struct sbi_result dbcn_call(u64 function, u64 arg0, u64 arg1) {
  struct guard_fault fault = {0, 0, 0};
  switch (function) {
    case 0: { /* console_write(num_bytes, base_lo, base_hi) */
      u64 written = 0;
      for (; written < arg0; written++) {
        u64 byte = phys_load_u8(arg1 + written, &fault);
        if (fault.faulted) break;
        htif_putchar((u8)byte);
      }
      if (fault.faulted && written == 0) return sbi_error(SBI_ERR_INVALID_PARAM);
      return sbi_ok(written);
    }
    case 1: { /* console_read(num_bytes, base_lo, base_hi): what is available now, possibly nothing */
      u64 read = 0;
      for (; read < arg0; read++) {
        s64 c = htif_getchar();
        if (c < 0) break;
        phys_store_u8(arg1 + read, (u64)c, &fault);
        if (fault.faulted) return sbi_error(SBI_ERR_INVALID_PARAM);
      }
      return sbi_ok(read);
    }
    case 2: /* console_write_byte(byte) */
      htif_putchar((u8)arg0);
      return sbi_ok(0);
    default:
      return sbi_error(SBI_ERR_NOT_SUPPORTED);
  }
}

/* Legacy extensions (SBI v0.1, EID 0x00..0x0F) return their value in a0 only. */
static int legacy_call(struct trap_frame *frame, u64 extension) {
  u64 arg0 = frame->regs[REG_A0];
  switch (extension) {
    case SBI_EXT_LEGACY_SET_TIMER: sbi_set_timer(arg0); frame->regs[REG_A0] = 0; return 1;
    case SBI_EXT_LEGACY_CONSOLE_PUTCHAR: htif_putchar((u8)arg0); frame->regs[REG_A0] = 0; return 1;
    case SBI_EXT_LEGACY_CONSOLE_GETCHAR: frame->regs[REG_A0] = (u64)htif_getchar(); return 1;
    case SBI_EXT_LEGACY_CLEAR_IPI: csr_clear(mip, MIP_SSIP); frame->regs[REG_A0] = 0; return 1;
    case SBI_EXT_LEGACY_SEND_IPI: /* the mask is a pointer into S memory; the only hart is the caller */
      csr_set(mip, MIP_SSIP); frame->regs[REG_A0] = 0; return 1;
    case SBI_EXT_LEGACY_REMOTE_FENCE_I: local_fence_i(); frame->regs[REG_A0] = 0; return 1;
    case SBI_EXT_LEGACY_REMOTE_SFENCE_VMA:
    case SBI_EXT_LEGACY_REMOTE_SFENCE_VMA_ASID: local_sfence_vma(); frame->regs[REG_A0] = 0; return 1;
    case SBI_EXT_LEGACY_SHUTDOWN: htif_halt(0);
    case SBI_EXT_CARTESI_YIELD: frame->regs[REG_A0] = htif_yield(arg0); return 1;
    default: return 0;
  }
}

static struct sbi_result standard_call(u64 extension, u64 function, const u64 *args) {
  switch (extension) {
    case SBI_EXT_BASE: return base_call(function, args[0]);
    case SBI_EXT_TIME:
      if (function != 0) return sbi_error(SBI_ERR_NOT_SUPPORTED);
      sbi_set_timer(args[0]);
      return sbi_ok(0);
    case SBI_EXT_IPI:
      if (function != 0) return sbi_error(SBI_ERR_NOT_SUPPORTED);
      if (!hart_mask_is_valid(args[0], args[1])) return sbi_error(SBI_ERR_INVALID_PARAM);
      if (hart_mask_has_hart0(args[0], args[1])) csr_set(mip, MIP_SSIP);
      return sbi_ok(0);
    case SBI_EXT_RFENCE: return rfence_call(function, args[0], args[1]);
    case SBI_EXT_HSM: return hsm_call(function, args[0]);
    case SBI_EXT_SRST: return srst_call(function, args[0], args[1]);
    case SBI_EXT_DBCN: return dbcn_call(function, args[0], args[1]);
    default: return sbi_error(SBI_ERR_NOT_SUPPORTED);
  }
}

void sbi_handle_ecall(struct trap_frame *frame) {
  u64 extension = frame->regs[REG_A7];
  u64 function = frame->regs[REG_A6];
  /* ecall is always 4 bytes (there is no compressed form). */
  frame->mepc += 4;
  if (extension <= 0x0f) {
    if (legacy_call(frame, extension)) return;
    frame->regs[REG_A0] = (u64)(s64)SBI_ERR_NOT_SUPPORTED;
    return;
  }
  struct sbi_result result = standard_call(extension, function, &frame->regs[REG_A0]);
  frame->regs[REG_A0] = (u64)result.error;
  frame->regs[REG_A1] = result.value;
}
