/* HTIF console, halt and yield (spec/cartesi-machine.md §9).
 * Registers are 64-bit and accessed only with aligned 64-bit loads and stores (§9.1). Cartesi answers
 * synchronously: the reply is in fromhost right after the tohost store, and tohost is never cleared, so
 * unlike a generic HTIF driver we never wait for tohost to read back zero (§13). */
#include "htif.h"

#define HTIF_TOHOST ((volatile u64 *)(HTIF_BASE + 0x00))
#define HTIF_FROMHOST ((volatile u64 *)(HTIF_BASE + 0x08))
#define HTIF_ICONSOLE ((volatile u64 *)(HTIF_BASE + 0x18))
#define HTIF_DEV_SHIFT 56
#define HTIF_CMD_SHIFT 48
#define HTIF_DATA_MASK 0xffffffffUL
#define HTIF_PAYLOAD_MASK 0x00ffffffffffffffUL

u64 htif_request(u64 request) {
  /* §9.1 protocol: clear fromhost, write the request, read the reply. */
  *HTIF_FROMHOST = 0;
  *HTIF_TOHOST = request;
  return *HTIF_FROMHOST;
}

void htif_putchar(u8 byte) {
  htif_request(HTIF_DEV_CONSOLE << HTIF_DEV_SHIFT | HTIF_CONSOLE_PUTCHAR << HTIF_CMD_SHIFT | byte);
}

static u64 htif_iconsole(void) {
#ifdef CARTI_FW_QEMU_HTIF
  /* Test builds only (guest/qemu-test): qemu's HTIF has just tohost and fromhost; reading +0x18 faults. */
  return 1UL << HTIF_CONSOLE_PUTCHAR;
#else
  return *HTIF_ICONSOLE;
#endif
}

s64 htif_getchar(void) {
  /* §9.3: a disabled GETCHAR is ignored by the host and leaves fromhost untouched, so do not issue it. */
  if ((htif_iconsole() & (1UL << HTIF_CONSOLE_GETCHAR)) == 0) return -1;
  u64 reply = htif_request(HTIF_DEV_CONSOLE << HTIF_DEV_SHIFT | HTIF_CONSOLE_GETCHAR << HTIF_CMD_SHIFT);
  /* §9.5: DATA = byte + 1; 0 means nothing available right now. */
  u64 data = reply & HTIF_DATA_MASK;
  if (data == 0) return -1;
  return (s64)((data - 1) & 0xff);
}

void htif_halt(u64 code) {
  /* §9.4: DEV 0, CMD 0, DATA bit 0 set; the payload is DATA >> 1 (31 bits). */
  u64 data = ((code << 1) | 1) & HTIF_DATA_MASK;
  for (;;) htif_request(HTIF_DEV_HALT << HTIF_DEV_SHIFT | data);
}

u64 htif_yield(u64 command) {
  return htif_request(HTIF_DEV_YIELD << HTIF_DEV_SHIFT | (command & HTIF_PAYLOAD_MASK));
}

void htif_puts(const char *text) {
  while (*text) htif_putchar((u8)*text++);
}

void htif_put_hex(u64 value) {
  htif_puts("0x");
  for (int shift = 60; shift >= 0; shift -= 4) htif_putchar((u8)"0123456789abcdef"[(value >> shift) & 0xf]);
}
