// Golden (cartesi-machine.md §3.4, observed on v0.21.0): mtimecmp = 2^51 + 1 wraps (x 8192 mod 2^64) to 8192
// and fires at mcycle 8192.
#define MTIMECMP_VALUE 0x8000000000001
#define FIRES_AT 8192
#include "golden-mtimecmp.inc"
