// Golden (cartesi-machine.md §3.4, observed on v0.21.0): mtimecmp = 2^51 wraps to 0 and never fires.
#define MTIMECMP_VALUE 0x8000000000000
#define FIRES_AT 0
#include "golden-mtimecmp.inc"
