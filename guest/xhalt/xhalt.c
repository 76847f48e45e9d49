/* /usr/sbin/xhalt CODE: halts the Cartesi machine with CODE as the halt payload (exit status).
 *
 * Why not reboot(2)/poweroff: a stock kernel powers off through the SBI SRST call with reason 0, so the
 * status would be lost. Instead we write the HTIF halt command ourselves (spec/cartesi-machine.md §9.4):
 * tohost = DEV 0 | CMD 0 | DATA = (CODE << 1) | 1, through a /dev/mem mapping of the HTIF page at
 * physical 0x40008000 (kernel: DEVMEM=y, STRICT_DEVMEM=n). The machine stops at that store.
 *
 * Static, no libc: raw Linux riscv64 system calls, so the binary is tiny and has no dependencies. */

typedef unsigned long u64;
typedef long s64;

#define SYS_openat 56
#define SYS_write 64
#define SYS_exit 93
#define SYS_sync 81
#define SYS_mmap 222
#define AT_FDCWD -100
#define O_RDWR 02
#define O_SYNC 04010000
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_SHARED 1

#define HTIF_PAGE 0x40008000UL
#define HTIF_TOHOST_OFFSET 0
#define HTIF_DATA_MASK 0xffffffffUL
#define EXIT_USAGE 2
#define EXIT_NO_HTIF 1

static s64 syscall6(s64 number, s64 a0, s64 a1, s64 a2, s64 a3, s64 a4, s64 a5) {
  register s64 r_a0 __asm__("a0") = a0;
  register s64 r_a1 __asm__("a1") = a1;
  register s64 r_a2 __asm__("a2") = a2;
  register s64 r_a3 __asm__("a3") = a3;
  register s64 r_a4 __asm__("a4") = a4;
  register s64 r_a5 __asm__("a5") = a5;
  register s64 r_a7 __asm__("a7") = number;
  __asm__ volatile("ecall"
                   : "+r"(r_a0)
                   : "r"(r_a1), "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a5), "r"(r_a7)
                   : "memory");
  return r_a0;
}

static u64 length(const char *text) {
  u64 n = 0;
  while (text[n]) n++;
  return n;
}

static void print_error(const char *text) { syscall6(SYS_write, 2, (s64)text, (s64)length(text), 0, 0, 0); }

__attribute__((noreturn)) static void exit_with(s64 code) {
  for (;;) syscall6(SYS_exit, code, 0, 0, 0, 0, 0);
}

/* Decimal 0..2^31-1 (the halt payload has 31 bits); returns -1 for anything else. */
static s64 parse_code(const char *text) {
  if (*text == 0) return -1;
  s64 value = 0;
  for (; *text; text++) {
    if (*text < '0' || *text > '9') return -1;
    value = value * 10 + (*text - '0');
    if (value > 0x7fffffffL) return -1;
  }
  return value;
}

static void xhalt_main(s64 argc, char **argv) {
  if (argc != 2) {
    print_error("usage: xhalt CODE   (halts the Cartesi machine with exit status CODE, 0..2147483647)\n");
    exit_with(EXIT_USAGE);
  }
  s64 code = parse_code(argv[1]);
  if (code < 0) {
    print_error("xhalt: CODE must be a decimal number from 0 to 2147483647\n");
    exit_with(EXIT_USAGE);
  }
  syscall6(SYS_sync, 0, 0, 0, 0, 0, 0);
  s64 fd = syscall6(SYS_openat, AT_FDCWD, (s64) "/dev/mem", O_RDWR | O_SYNC, 0, 0, 0);
  if (fd < 0) {
    print_error("xhalt: cannot open /dev/mem (needs root and a kernel with CONFIG_DEVMEM)\n");
    exit_with(EXIT_NO_HTIF);
  }
  s64 page = syscall6(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (s64)HTIF_PAGE);
  if (page < 0 && page > -4096) {
    print_error("xhalt: cannot map the HTIF page at 0x40008000 through /dev/mem\n");
    exit_with(EXIT_NO_HTIF);
  }
  volatile u64 *tohost = (volatile u64 *)(page + HTIF_TOHOST_OFFSET);
  /* One aligned 64-bit store: HTIF accepts no other width (§9.1). */
  *tohost = (((u64)code << 1) | 1) & HTIF_DATA_MASK;
  /* Still here: the store did not halt the machine (not a Cartesi machine). */
  print_error("xhalt: the machine did not halt (no Cartesi HTIF at 0x40008000?)\n");
  exit_with(EXIT_NO_HTIF);
}

/* Process entry: sp points at argc, then the argv pointers (Linux ELF ABI). */
__attribute__((noreturn, used)) void xhalt_start_c(u64 *stack) {
  xhalt_main((s64)stack[0], (char **)&stack[1]);
  exit_with(EXIT_NO_HTIF);
}

__asm__(".section .text._start,\"ax\"\n"
        ".globl _start\n"
        "_start:\n"
        "  mv a0, sp\n"
        "  andi sp, sp, -16\n"
        "  call xhalt_start_c\n");
