/* Cartesi HTIF as seen from the firmware (spec/cartesi-machine.md §9). */
#ifndef CARTI_FW_HTIF_H
#define CARTI_FW_HTIF_H
#include "riscv.h"

#define HTIF_BASE 0x40008000UL
#define HTIF_DEV_HALT 0UL
#define HTIF_DEV_CONSOLE 1UL
#define HTIF_DEV_YIELD 2UL
#define HTIF_CONSOLE_GETCHAR 0UL
#define HTIF_CONSOLE_PUTCHAR 1UL

/* Sends one request (DEV in bits 63..56, the rest already laid out) and returns the host's reply. */
u64 htif_request(u64 request);
void htif_putchar(u8 byte);
/* The next console byte, or -1 when GETCHAR is disabled (iconsole bit 0 clear) or nothing is available. */
s64 htif_getchar(void);
/* Halts the machine with `code` as the halt payload (exit status); never returns. */
void htif_halt(u64 code) __attribute__((noreturn));
/* Cartesi yield (legacy SBI EID 0x09): `command` = CMD << 48 | REASON << 32 | DATA; returns fromhost. */
u64 htif_yield(u64 command);
void htif_puts(const char *text);
void htif_put_hex(u64 value);
#endif
