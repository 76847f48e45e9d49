/* One-time machine setup before entering Linux (spec/cartesi-machine.md §3, §13). */
#include "riscv.h"

/* The kernel Image sits at RAM + 2 MiB in linux.bin (guest/README.md), like Cartesi's FW_PAYLOAD_OFFSET. */
#define KERNEL_ENTRY 0x80200000UL

/* Exceptions Linux handles itself (arch/riscv/kernel/entry.S, traps.c): straight to S, no M round trip.
 * Misaligned loads and stores (4, 6) stay here: Cartesi traps them all (§6) and the firmware emulates them.
 * ecall from S (9) is the SBI; ecall from M (11) cannot be delegated. */
#define DELEGATED_EXCEPTIONS                                                                             \
  ((1UL << CAUSE_MISALIGNED_FETCH) | (1UL << CAUSE_FETCH_ACCESS) | (1UL << CAUSE_ILLEGAL_INSTRUCTION) | \
   (1UL << CAUSE_BREAKPOINT) | (1UL << CAUSE_LOAD_ACCESS) | (1UL << CAUSE_STORE_ACCESS) |               \
   (1UL << CAUSE_USER_ECALL) | (1UL << CAUSE_FETCH_PAGE_FAULT) | (1UL << CAUSE_LOAD_PAGE_FAULT) |       \
   (1UL << CAUSE_STORE_PAGE_FAULT))

#ifdef CARTI_FW_EMULATE_RDTIME
/* Test builds only: illegal instructions come here so that trap.c can emulate `time` (see there). */
#define MEDELEG_VALUE (DELEGATED_EXCEPTIONS & ~(1UL << CAUSE_ILLEGAL_INSTRUCTION))
#else
#define MEDELEG_VALUE DELEGATED_EXCEPTIONS
#endif

/* S-level interrupts: the only writable bits of mideleg on Cartesi (§3.2). */
#define DELEGATED_INTERRUPTS (MIP_SSIP | MIP_STIP | MIP_SEIP)

/* Counter enables: CY, TM, IR (§3.2), so S and U read cycle/time/instret without trapping. */
#define COUNTERS_ALL 7UL

void firmware_setup(u64 device_tree) {
  (void)device_tree; /* Passed through unchanged: Cartesi's tree needs no fix-ups for this firmware. */
  csr_write(medeleg, MEDELEG_VALUE);
  csr_write(mideleg, DELEGATED_INTERRUPTS);
  csr_write(mcounteren, COUNTERS_ALL);
  csr_write(scounteren, COUNTERS_ALL);
  /* Nothing may fire before Linux asks: the timer is armed by the first sbi_set_timer. No PMP on Cartesi
   * (no PMP CSRs at all), so S already has access to all memory. */
  csr_write(mie, 0);
  csr_write(satp, 0);
  csr_write(stvec, 0);
  u64 status = csr_read(mstatus);
  status &= ~(MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MPRV | MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP |
              MSTATUS_FS);
  /* FS on for the kernel (reset leaves it Off, §13); MPP = S so mret enters Linux in S-mode. */
  status |= MSTATUS_FS_INITIAL | PRV_S << MSTATUS_MPP_SHIFT;
  csr_write(mstatus, status);
  csr_write(mepc, KERNEL_ENTRY);
}
