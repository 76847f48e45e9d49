#ifndef CARTI_FW_MISALIGNED_H
#define CARTI_FW_MISALIGNED_H
#include "trap.h"
/* Emulates the load or store that raised a misaligned-address exception from S or U
 * (spec/cartesi-machine.md §6: Cartesi traps every misaligned access; the firmware emulates them). */
void emulate_misaligned(struct trap_frame *frame, u64 cause, u64 tval);
#endif
