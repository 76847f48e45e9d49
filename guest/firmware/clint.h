/* Cartesi CLINT (spec/cartesi-machine.md §10): mtimecmp is 64-bit only, at 0x2004000. */
#ifndef CARTI_FW_CLINT_H
#define CARTI_FW_CLINT_H
#include "riscv.h"
#define CLINT_MTIMECMP ((volatile u64 *)0x2004000UL)
static inline void clint_set_mtimecmp(u64 value) { *CLINT_MTIMECMP = value; }
#endif
