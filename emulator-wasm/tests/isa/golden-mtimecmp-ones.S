// Golden (cartesi-machine.md §3.4, observed on v0.21.0): mtimecmp = all ones (Linux's "disarm") wraps to
// 2^64 - 8192 and never fires in practice.
#define MTIMECMP_VALUE -1
#define FIRES_AT 0
#include "golden-mtimecmp.inc"
