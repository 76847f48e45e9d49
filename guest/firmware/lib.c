/* GCC may emit calls to these even in freestanding code (struct copies and zeroing). */
#include "riscv.h"

void *memset(void *dst, int value, unsigned long n) {
  u8 *d = dst;
  while (n--) *d++ = (u8)value;
  return dst;
}

void *memcpy(void *dst, const void *src, unsigned long n) {
  u8 *d = dst;
  const u8 *s = src;
  while (n--) *d++ = *s++;
  return dst;
}
