/* Host-side harness for guest/firmware/misaligned.c (run by guest/firmware.test.ts).
 * qemu never traps misaligned accesses, so the emulation is checked here instead: misaligned.c is compiled
 * for the host together with fakes for the M-mode accessors (guarded.S, fpregs.S) and for
 * redirect_to_supervisor (trap.c). Instruction words were checked against riscv64-linux-gnu-as
 * (`objdump -d -M no-aliases`); the Zcb ones (binutils 2.40 has no Zcb) are encoded by hand from the spec.
 * Usage: misaligned-harness --list | misaligned-harness CASE   (exit 0 = the case holds) */
#include <stdio.h>
#include <string.h>
#include "misaligned.h"
#include "guarded.h"

#define DATA_BASE 0x1000UL
#define CODE_BASE 0x2000UL
#define NO_FAULT (~0UL)

static u8 data[64];
static u8 code[8];
static u64 data_fault_address = NO_FAULT;
static u64 fetch_fault_address = NO_FAULT;
static u64 fregs[32];
static struct { int count; u64 cause; u64 tval; } redirected;
static struct trap_frame frame;

u64 guest_load_u8(u64 vaddr, struct guard_fault *fault) {
  if (vaddr == data_fault_address) {
    fault->faulted = 1; fault->cause = CAUSE_LOAD_PAGE_FAULT; fault->tval = vaddr;
    return 0;
  }
  return data[vaddr - DATA_BASE];
}

void guest_store_u8(u64 vaddr, u64 value, struct guard_fault *fault) {
  if (vaddr == data_fault_address) {
    fault->faulted = 1; fault->cause = CAUSE_STORE_PAGE_FAULT; fault->tval = vaddr;
    return;
  }
  data[vaddr - DATA_BASE] = (u8)value;
}

u64 guest_fetch_u16(u64 vaddr, struct guard_fault *fault) {
  if (vaddr == fetch_fault_address) {
    fault->faulted = 1; fault->cause = CAUSE_LOAD_PAGE_FAULT; fault->tval = vaddr;
    return 0;
  }
  return (u64)code[vaddr - CODE_BASE] | (u64)code[vaddr - CODE_BASE + 1] << 8;
}

u64 phys_load_u8(u64 paddr, struct guard_fault *fault) { return guest_load_u8(paddr, fault); }
void phys_store_u8(u64 paddr, u64 value, struct guard_fault *fault) { guest_store_u8(paddr, value, fault); }

/* F and D semantics: a single is NaN-boxed in the 64-bit register; fmv.x.w sign-extends. */
void fp_write_s(u64 reg, u64 bits) { fregs[reg] = 0xffffffff00000000UL | (bits & 0xffffffffUL); }
void fp_write_d(u64 reg, u64 bits) { fregs[reg] = bits; }
u64 fp_read_s(u64 reg) { return (u64)(s64)(int)(fregs[reg] & 0xffffffffUL); }
u64 fp_read_d(u64 reg) { return fregs[reg]; }

void redirect_to_supervisor(struct trap_frame *f, u64 cause, u64 tval) {
  (void)f;
  redirected.count++;
  redirected.cause = cause;
  redirected.tval = tval;
}

static void place_instruction(u32 insn, int bytes) {
  memcpy(code, &insn, (size_t)bytes);
  frame.mepc = CODE_BASE;
}

static void place_data(u64 offset, const void *bytes, size_t length) { memcpy(&data[offset], bytes, length); }

static int expect_u64(const char *what, u64 actual, u64 expected) {
  if (actual == expected) return 1;
  fprintf(stderr, "%s: got 0x%016lx, expected 0x%016lx\n", what, actual, expected);
  return 0;
}

static int expect_bytes(u64 offset, const void *expected, size_t length) {
  if (memcmp(&data[offset], expected, length) == 0) return 1;
  fprintf(stderr, "memory at +%lu differs\n", offset);
  return 0;
}

static int emulated(void) { return expect_u64("redirects", (u64)redirected.count, 0); }

#define X_A0 10
#define X_A2 12
#define X_S1 9
#define X_SP 2
#define X_A1 11

/* Loads: the data at DATA_BASE + offset, the base register pointing at it. */
static int load_case(u32 insn, int bytes, int base_reg, int rd, u64 offset, const void *value, size_t length,
                     u64 expected, u64 cause) {
  place_instruction(insn, bytes);
  place_data(offset, value, length);
  frame.regs[base_reg] = DATA_BASE + offset;
  emulate_misaligned(&frame, cause, DATA_BASE + offset);
  return emulated() && expect_u64("rd", frame.regs[rd], expected) &&
         expect_u64("mepc", frame.mepc, CODE_BASE + (u64)bytes);
}

static int store_case(u32 insn, int bytes, int base_reg, int rs2, u64 offset, u64 value, const void *expected,
                      size_t length) {
  place_instruction(insn, bytes);
  frame.regs[base_reg] = DATA_BASE + offset;
  frame.regs[rs2] = value;
  emulate_misaligned(&frame, CAUSE_MISALIGNED_STORE, DATA_BASE + offset);
  static const u8 untouched = 0xee;
  return emulated() && expect_bytes(offset, expected, length) && expect_bytes(offset - 1, &untouched, 1) &&
         expect_bytes(offset + length, &untouched, 1) && expect_u64("mepc", frame.mepc, CODE_BASE + (u64)bytes);
}

static const u8 bytes_8[8] = {0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x81};

static int lh_sign_extends(void) { return load_case(0x00059503, 4, X_A1, X_A0, 1, bytes_8 + 2, 2, 0xffffffffffff89abUL, CAUSE_MISALIGNED_LOAD); }
static int lhu_zero_extends(void) { return load_case(0x0005d503, 4, X_A1, X_A0, 1, bytes_8 + 2, 2, 0x89abUL, CAUSE_MISALIGNED_LOAD); }
static int lw_sign_extends(void) { return load_case(0x0005a503, 4, X_A1, X_A0, 3, bytes_8 + 4, 4, 0xffffffff81234567UL, CAUSE_MISALIGNED_LOAD); }
static int lwu_zero_extends(void) { return load_case(0x0005e503, 4, X_A1, X_A0, 3, bytes_8 + 4, 4, 0x81234567UL, CAUSE_MISALIGNED_LOAD); }
static int ld_reads_eight_bytes(void) { return load_case(0x0005b503, 4, X_A1, X_A0, 5, bytes_8, 8, 0x8123456789abcdefUL, CAUSE_MISALIGNED_LOAD); }

static int load_into_x0_is_discarded(void) {
  /* lw x0, 0(a1) */
  return load_case(0x0005a003, 4, X_A1, 0, 3, bytes_8, 4, 0, CAUSE_MISALIGNED_LOAD);
}

static int sh_writes_two_bytes(void) { const u8 e[2] = {0x22, 0x11}; return store_case(0x00c59023, 4, X_A1, X_A2, 3, 0x1122, e, 2); }
static int sw_writes_four_bytes(void) { const u8 e[4] = {0x44, 0x33, 0x22, 0x11}; return store_case(0x00c5a023, 4, X_A1, X_A2, 5, 0x11223344, e, 4); }
static int sd_writes_eight_bytes(void) { return store_case(0x00c5b023, 4, X_A1, X_A2, 7, 0x8123456789abcdefUL, bytes_8, 8); }

static int c_lw_uses_prime_registers(void) { return load_case(0x4088, 2, X_S1, X_A0, 3, bytes_8 + 4, 4, 0xffffffff81234567UL, CAUSE_MISALIGNED_LOAD); }
static int c_ld_uses_prime_registers(void) { return load_case(0x6088, 2, X_S1, X_A0, 3, bytes_8, 8, 0x8123456789abcdefUL, CAUSE_MISALIGNED_LOAD); }
static int c_sw_uses_prime_registers(void) { const u8 e[4] = {0x44, 0x33, 0x22, 0x11}; return store_case(0xc090, 2, X_S1, X_A2, 3, 0x11223344, e, 4); }
static int c_sd_uses_prime_registers(void) { return store_case(0xe090, 2, X_S1, X_A2, 9, 0x8123456789abcdefUL, bytes_8, 8); }
static int c_lwsp_uses_sp(void) { return load_case(0x4502, 2, X_SP, X_A0, 1, bytes_8 + 4, 4, 0xffffffff81234567UL, CAUSE_MISALIGNED_LOAD); }
static int c_ldsp_uses_sp(void) { return load_case(0x6502, 2, X_SP, X_A0, 1, bytes_8, 8, 0x8123456789abcdefUL, CAUSE_MISALIGNED_LOAD); }
static int c_swsp_uses_sp(void) { const u8 e[4] = {0x44, 0x33, 0x22, 0x11}; return store_case(0xc032, 2, X_SP, X_A2, 3, 0x11223344, e, 4); }
static int c_sdsp_uses_sp(void) { return store_case(0xe032, 2, X_SP, X_A2, 9, 0x8123456789abcdefUL, bytes_8, 8); }

/* Zcb (spec: funct6 100001 c.lhu/c.lh by bit 6, 100011 c.sh): rs1' = s1, rd'/rs2' = a0/a2, offset 0. */
static int zcb_c_lh_sign_extends(void) { return load_case(0x84c8, 2, X_S1, X_A0, 1, bytes_8 + 2, 2, 0xffffffffffff89abUL, CAUSE_MISALIGNED_LOAD); }
static int zcb_c_lhu_zero_extends(void) { return load_case(0x8488, 2, X_S1, X_A0, 1, bytes_8 + 2, 2, 0x89abUL, CAUSE_MISALIGNED_LOAD); }
static int zcb_c_sh_writes_two_bytes(void) { const u8 e[2] = {0x22, 0x11}; return store_case(0x8c90, 2, X_S1, X_A2, 3, 0x1122, e, 2); }

static int fp_load_case(u32 insn, int bytes, int base_reg, int fd, u64 offset, size_t length, u64 expected) {
  place_instruction(insn, bytes);
  place_data(offset, bytes_8, length);
  frame.regs[base_reg] = DATA_BASE + offset;
  frame.mstatus = 0;
  emulate_misaligned(&frame, CAUSE_MISALIGNED_LOAD, DATA_BASE + offset);
  return emulated() && expect_u64("fd", fregs[fd], expected) && expect_u64("mepc", frame.mepc, CODE_BASE + (u64)bytes) &&
         expect_u64("mstatus.FS", frame.mstatus & MSTATUS_FS, MSTATUS_FS_DIRTY);
}

static int fp_store_case(u32 insn, int bytes, int base_reg, int fs, u64 offset, u64 value, const void *expected, size_t length) {
  place_instruction(insn, bytes);
  frame.regs[base_reg] = DATA_BASE + offset;
  fregs[fs] = value;
  emulate_misaligned(&frame, CAUSE_MISALIGNED_STORE, DATA_BASE + offset);
  return emulated() && expect_bytes(offset, expected, length) && expect_u64("mepc", frame.mepc, CODE_BASE + (u64)bytes);
}

static int flw_nan_boxes(void) { return fp_load_case(0x0005a187, 4, X_A1, 3, 3, 4, 0xffffffff89abcdefUL); }
static int fld_reads_eight_bytes(void) { return fp_load_case(0x0005b187, 4, X_A1, 3, 3, 8, 0x8123456789abcdefUL); }
static int c_fld_uses_prime_registers(void) { return fp_load_case(0x2084, 2, X_S1, 9, 3, 8, 0x8123456789abcdefUL); }
static int c_fldsp_uses_sp(void) { return fp_load_case(0x2182, 2, X_SP, 3, 3, 8, 0x8123456789abcdefUL); }
static int fsw_writes_the_low_word(void) { return fp_store_case(0x0035a027, 4, X_A1, 3, 3, 0xffffffff89abcdefUL, bytes_8, 4); }
static int fsd_writes_eight_bytes(void) { return fp_store_case(0x0035b027, 4, X_A1, 3, 3, 0x8123456789abcdefUL, bytes_8, 8); }
static int c_fsd_uses_prime_registers(void) { return fp_store_case(0xa084, 2, X_S1, 9, 5, 0x8123456789abcdefUL, bytes_8, 8); }
static int c_fsdsp_uses_sp(void) { return fp_store_case(0xa00e, 2, X_SP, 3, 5, 0x8123456789abcdefUL, bytes_8, 8); }

static int load_fault_is_delivered_with_the_byte_address(void) {
  place_instruction(0x0005b503, 4); /* ld a0, 0(a1) */
  frame.regs[X_A1] = DATA_BASE + 5;
  frame.regs[X_A0] = 0x5555;
  data_fault_address = DATA_BASE + 8;
  emulate_misaligned(&frame, CAUSE_MISALIGNED_LOAD, DATA_BASE + 5);
  return expect_u64("redirects", (u64)redirected.count, 1) && expect_u64("cause", redirected.cause, CAUSE_LOAD_PAGE_FAULT) &&
         expect_u64("tval", redirected.tval, DATA_BASE + 8) && expect_u64("a0", frame.regs[X_A0], 0x5555) &&
         expect_u64("mepc", frame.mepc, CODE_BASE);
}

static int store_fault_is_delivered_as_a_store_fault(void) {
  place_instruction(0x00c5b023, 4); /* sd a2, 0(a1) */
  frame.regs[X_A1] = DATA_BASE + 5;
  data_fault_address = DATA_BASE + 9;
  emulate_misaligned(&frame, CAUSE_MISALIGNED_STORE, DATA_BASE + 5);
  return expect_u64("redirects", (u64)redirected.count, 1) && expect_u64("cause", redirected.cause, CAUSE_STORE_PAGE_FAULT) &&
         expect_u64("tval", redirected.tval, DATA_BASE + 9) && expect_u64("mepc", frame.mepc, CODE_BASE);
}

static int fetch_fault_is_delivered_as_an_instruction_page_fault(void) {
  place_instruction(0x0005b503, 4);
  fetch_fault_address = CODE_BASE + 2;
  emulate_misaligned(&frame, CAUSE_MISALIGNED_LOAD, DATA_BASE + 5);
  return expect_u64("redirects", (u64)redirected.count, 1) && expect_u64("cause", redirected.cause, CAUSE_FETCH_PAGE_FAULT) &&
         expect_u64("tval", redirected.tval, CODE_BASE + 2);
}

static int amo_is_delivered_unchanged(void) {
  place_instruction(0x00c5a52f, 4); /* amoadd.w a0, a2, (a1) */
  emulate_misaligned(&frame, CAUSE_MISALIGNED_STORE, DATA_BASE + 3);
  return expect_u64("redirects", (u64)redirected.count, 1) && expect_u64("cause", redirected.cause, CAUSE_MISALIGNED_STORE) &&
         expect_u64("tval", redirected.tval, DATA_BASE + 3) && expect_u64("mepc", frame.mepc, CODE_BASE);
}

static int store_trap_on_a_load_instruction_is_delivered_unchanged(void) {
  place_instruction(0x0005b503, 4); /* ld: cannot raise a store-misaligned trap */
  emulate_misaligned(&frame, CAUSE_MISALIGNED_STORE, DATA_BASE + 5);
  return expect_u64("redirects", (u64)redirected.count, 1) && expect_u64("cause", redirected.cause, CAUSE_MISALIGNED_STORE);
}

struct test_case { const char *name; int (*run)(void); };
#define CASE(fn) { #fn, fn }
static const struct test_case cases[] = {
  CASE(lh_sign_extends), CASE(lhu_zero_extends), CASE(lw_sign_extends), CASE(lwu_zero_extends),
  CASE(ld_reads_eight_bytes), CASE(load_into_x0_is_discarded), CASE(sh_writes_two_bytes),
  CASE(sw_writes_four_bytes), CASE(sd_writes_eight_bytes), CASE(c_lw_uses_prime_registers),
  CASE(c_ld_uses_prime_registers), CASE(c_sw_uses_prime_registers), CASE(c_sd_uses_prime_registers),
  CASE(c_lwsp_uses_sp), CASE(c_ldsp_uses_sp), CASE(c_swsp_uses_sp), CASE(c_sdsp_uses_sp),
  CASE(zcb_c_lh_sign_extends), CASE(zcb_c_lhu_zero_extends), CASE(zcb_c_sh_writes_two_bytes),
  CASE(flw_nan_boxes), CASE(fld_reads_eight_bytes), CASE(c_fld_uses_prime_registers), CASE(c_fldsp_uses_sp),
  CASE(fsw_writes_the_low_word), CASE(fsd_writes_eight_bytes), CASE(c_fsd_uses_prime_registers),
  CASE(c_fsdsp_uses_sp), CASE(load_fault_is_delivered_with_the_byte_address),
  CASE(store_fault_is_delivered_as_a_store_fault), CASE(fetch_fault_is_delivered_as_an_instruction_page_fault),
  CASE(amo_is_delivered_unchanged), CASE(store_trap_on_a_load_instruction_is_delivered_unchanged),
};

int main(int argc, char **argv) {
  size_t count = sizeof(cases) / sizeof(cases[0]);
  if (argc == 2 && strcmp(argv[1], "--list") == 0) {
    for (size_t i = 0; i < count; i++) puts(cases[i].name);
    return 0;
  }
  if (argc != 2) { fprintf(stderr, "usage: %s --list | CASE\n", argv[0]); return 2; }
  memset(data, 0xee, sizeof(data));
  for (size_t i = 0; i < count; i++) {
    if (strcmp(argv[1], cases[i].name) == 0) return cases[i].run() ? 0 : 1;
  }
  fprintf(stderr, "unknown case %s\n", argv[1]);
  return 2;
}
