/* Fault-tolerant memory accessors (guarded.S) and f-register accessors (fpregs.S). */
#ifndef CARTI_FW_GUARDED_H
#define CARTI_FW_GUARDED_H
#include "riscv.h"

struct guard_fault {
  u64 faulted; /* set to 1 by guard_catch; callers start it at 0 */
  u64 cause;
  u64 tval;
};

/* Virtual accesses with the interrupted mode's privilege and translation (mstatus.MPRV). */
u64 guest_load_u8(u64 vaddr, struct guard_fault *fault);
void guest_store_u8(u64 vaddr, u64 value, struct guard_fault *fault);
u64 guest_fetch_u16(u64 vaddr, struct guard_fault *fault);
/* Physical accesses (M-mode, no translation). */
u64 phys_load_u8(u64 paddr, struct guard_fault *fault);
void phys_store_u8(u64 paddr, u64 value, struct guard_fault *fault);

void fp_write_s(u64 reg, u64 bits);
void fp_write_d(u64 reg, u64 bits);
u64 fp_read_s(u64 reg);
u64 fp_read_d(u64 reg);
#endif
