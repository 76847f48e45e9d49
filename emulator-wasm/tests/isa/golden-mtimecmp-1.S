// Golden (cartesi-machine.md §3.4, observed on v0.21.0): mtimecmp = 1 fires at mcycle 8192.
#define MTIMECMP_VALUE 1
#define FIRES_AT 8192
#include "golden-mtimecmp.inc"
