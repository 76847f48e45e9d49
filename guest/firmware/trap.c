/* M-mode trap dispatch: SBI calls, the machine timer, misaligned accesses; everything else that reaches
 * M from S or U is handed to S-mode; a trap from M itself halts with a message. */
#include "trap.h"
#include "htif.h"
#include "misaligned.h"
#include "sbi.h"

/* Halt payload for firmware failures; chosen far from small shell exit codes (guest/README.md). */
#define FIRMWARE_FAILURE_EXIT_CODE 0x7ffffffUL

static u64 previous_privilege(const struct trap_frame *frame) {
  return (frame->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
}

void redirect_to_supervisor(struct trap_frame *frame, u64 cause, u64 tval) {
  /* What the hardware does when it takes a trap into S (privileged spec §4.1.1): sepc, scause, stval;
   * SPP = the trapped mode; SPIE = SIE; SIE = 0; continue at stvec in S. stvec is direct mode (§3.2). */
  u64 from = previous_privilege(frame);
  u64 status = frame->mstatus;
  csr_write(sepc, frame->mepc);
  csr_write(scause, cause);
  csr_write(stval, tval);
  status &= ~(MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE | MSTATUS_MPP);
  if (from == PRV_S) status |= MSTATUS_SPP;
  if (frame->mstatus & MSTATUS_SIE) status |= MSTATUS_SPIE;
  status |= PRV_S << MSTATUS_MPP_SHIFT;
  frame->mstatus = status;
  frame->mepc = csr_read(stvec);
}

static void halt_with_report(const char *what, u64 cause, u64 epc, u64 tval) {
  htif_puts("\r\ncarti-firmware: ");
  htif_puts(what);
  htif_puts(": mcause=");
  htif_put_hex(cause);
  htif_puts(" mepc=");
  htif_put_hex(epc);
  htif_puts(" mtval=");
  htif_put_hex(tval);
  htif_puts("\r\n");
  htif_halt(FIRMWARE_FAILURE_EXIT_CODE);
}

/* Called from entry.S when a trap arrives while the firmware itself runs. */
void firmware_fatal_trap(u64 cause, u64 epc, u64 tval) {
  halt_with_report("trap inside the firmware", cause, epc, tval);
}

#ifdef CARTI_FW_EMULATE_RDTIME
/* Test builds only (guest/qemu-test/run.sh): qemu's spike machine has no `time` CSR, a Cartesi machine has one
 * (spec/cartesi-machine.md §3.3), so linux.bin never contains this. Emulates `csrr rd, time` from mtval
 * (which holds the instruction bits) with the CLINT's mtime. */
#define CSR_TIME 0xc01
#define CLINT_MTIME ((volatile u64 *)0x200bff8UL)
static int emulate_rdtime(struct trap_frame *frame, u64 insn) {
  /* csrrs rd, time, x0: opcode SYSTEM (0x73), funct3 2, rs1 0. */
  if ((insn & 0x7f) != 0x73 || ((insn >> 12) & 7) != 2 || ((insn >> 15) & 31) != 0) return 0;
  if ((insn >> 20) != CSR_TIME) return 0;
  u64 rd = (insn >> 7) & 31;
  if (rd != 0) frame->regs[rd] = *CLINT_MTIME;
  frame->mepc += 4;
  return 1;
}
#endif

static void handle_interrupt(u64 code) {
  if (code == IRQ_M_TIMER) {
    /* The S timer is emulated (no Sstc, §2): pass the event on as STIP, and mask MTIP until the kernel
     * programs the next deadline through sbi_set_timer (MTIP stays set until mtimecmp is written, §10). */
    csr_set(mip, MIP_STIP);
    csr_clear(mie, MIE_MTIE);
    return;
  }
  /* Nothing else is enabled in mie; an unexpected one is masked so it cannot repeat forever. */
  csr_clear(mie, 1UL << code);
}

void trap_handler(struct trap_frame *frame) {
  u64 cause = csr_read(mcause);
  u64 tval = csr_read(mtval);
  if (cause & MCAUSE_INTERRUPT) {
    handle_interrupt(cause & ~MCAUSE_INTERRUPT);
    return;
  }
  if (previous_privilege(frame) == PRV_M) {
    halt_with_report("exception in M-mode", cause, frame->mepc, tval);
  }
  switch (cause) {
    case CAUSE_SUPERVISOR_ECALL:
      sbi_handle_ecall(frame);
      return;
    case CAUSE_MISALIGNED_LOAD:
    case CAUSE_MISALIGNED_STORE:
      emulate_misaligned(frame, cause, tval);
      return;
#ifdef CARTI_FW_EMULATE_RDTIME
    case CAUSE_ILLEGAL_INSTRUCTION:
      if (emulate_rdtime(frame, tval)) return;
      redirect_to_supervisor(frame, cause, tval);
      return;
#endif
    default:
      /* Not delegated but Linux knows what to do with it (access faults, illegal instructions, ...). */
      redirect_to_supervisor(frame, cause, tval);
      return;
  }
}
