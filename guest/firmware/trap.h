/* The register frame built by trap_entry (entry.S): x0..x31 (x0 slot unused), then mepc and mstatus,
 * which trap_entry writes back into the CSRs before mret, so handlers change them here. */
#ifndef CARTI_FW_TRAP_H
#define CARTI_FW_TRAP_H
#include "riscv.h"

struct trap_frame {
  u64 regs[32];
  u64 mepc;
  u64 mstatus;
};

#define REG_A0 10
#define REG_A1 11
#define REG_A2 12
#define REG_A3 13
#define REG_A4 14
#define REG_A5 15
#define REG_A6 16
#define REG_A7 17

void trap_handler(struct trap_frame *frame);
/* Delivers an exception to S-mode as if the hardware had delegated it (privileged spec §3.1.6.1 / §4.1.1). */
void redirect_to_supervisor(struct trap_frame *frame, u64 cause, u64 tval);
#endif
