/* Misaligned load/store emulation (spec/cartesi-machine.md §6).
 * The faulting instruction is fetched and the data moved byte by byte with MPRV accesses, so translation,
 * permissions and SUM are those of the interrupted mode. A page or access fault met on the way is delivered
 * to S-mode as the fault itself (cause and address of the byte), exactly as an aligned access would have
 * reported it; anything that is not a plain load or store (AMOs, LR/SC) is delivered unchanged. */
#include "misaligned.h"
#include "guarded.h"

enum access_kind { ACCESS_NONE, ACCESS_LOAD, ACCESS_STORE };
enum register_file { FILE_X, FILE_F };

struct decoded_access {
  enum access_kind kind;
  enum register_file file;
  u64 width;        /* bytes */
  int sign_extend;  /* integer loads only */
  u64 reg;          /* rd for loads, rs2 for stores */
  u64 length;       /* instruction length in bytes */
};

/* Opcodes and compressed quadrants (unprivileged spec, chapters 2, 12, 13 and 16; Zcb for c.lh/c.lhu/c.sh). */
#define OPCODE_LOAD 0x03
#define OPCODE_LOAD_FP 0x07
#define OPCODE_STORE 0x23
#define OPCODE_STORE_FP 0x27

static void set_access(struct decoded_access *a, enum access_kind kind, enum register_file file, u64 width,
                       int sign_extend, u64 reg) {
  a->kind = kind;
  a->file = file;
  a->width = width;
  a->sign_extend = sign_extend;
  a->reg = reg;
}

static void decode_standard(u32 insn, struct decoded_access *a) {
  u32 opcode = insn & 0x7f;
  u32 funct3 = (insn >> 12) & 7;
  u64 rd = (insn >> 7) & 31;
  u64 rs2 = (insn >> 20) & 31;
  a->length = 4;
  if (opcode == OPCODE_LOAD) {
    /* LB LH LW LD LBU LHU LWU */
    static const u8 widths[8] = {1, 2, 4, 8, 1, 2, 4, 0};
    if (widths[funct3] != 0) set_access(a, ACCESS_LOAD, FILE_X, widths[funct3], funct3 < 4, rd);
  } else if (opcode == OPCODE_STORE) {
    if (funct3 < 4) set_access(a, ACCESS_STORE, FILE_X, 1UL << funct3, 0, rs2);
  } else if (opcode == OPCODE_LOAD_FP) {
    if (funct3 == 2 || funct3 == 3) set_access(a, ACCESS_LOAD, FILE_F, funct3 == 2 ? 4 : 8, 0, rd);
  } else if (opcode == OPCODE_STORE_FP) {
    if (funct3 == 2 || funct3 == 3) set_access(a, ACCESS_STORE, FILE_F, funct3 == 2 ? 4 : 8, 0, rs2);
  }
}

static void decode_compressed(u32 insn, struct decoded_access *a) {
  u32 quadrant = insn & 3;
  u32 funct3 = (insn >> 13) & 7;
  u64 rd_prime = ((insn >> 2) & 7) + 8; /* rd' / rs2' */
  u64 rd_full = (insn >> 7) & 31;       /* rd of c.*sp loads */
  u64 rs2_full = (insn >> 2) & 31;      /* rs2 of c.*sp stores */
  a->length = 2;
  if (quadrant == 0) {
    switch (funct3) {
      case 1: set_access(a, ACCESS_LOAD, FILE_F, 8, 0, rd_prime); break;   /* c.fld */
      case 2: set_access(a, ACCESS_LOAD, FILE_X, 4, 1, rd_prime); break;   /* c.lw */
      case 3: set_access(a, ACCESS_LOAD, FILE_X, 8, 1, rd_prime); break;   /* c.ld */
      case 5: set_access(a, ACCESS_STORE, FILE_F, 8, 0, rd_prime); break;  /* c.fsd */
      case 6: set_access(a, ACCESS_STORE, FILE_X, 4, 0, rd_prime); break;  /* c.sw */
      case 7: set_access(a, ACCESS_STORE, FILE_X, 8, 0, rd_prime); break;  /* c.sd */
      case 4: {
        /* Zcb: funct6 100001 = c.lhu (bit 6 clear) / c.lh (bit 6 set); 100011 with bit 6 clear = c.sh. */
        u32 funct6 = (insn >> 10) & 0x3f;
        u32 bit6 = (insn >> 6) & 1;
        if (funct6 == 0x21) set_access(a, ACCESS_LOAD, FILE_X, 2, bit6, rd_prime);
        else if (funct6 == 0x23 && bit6 == 0) set_access(a, ACCESS_STORE, FILE_X, 2, 0, rd_prime);
        break;
      }
      default: break;
    }
  } else if (quadrant == 2) {
    switch (funct3) {
      case 1: set_access(a, ACCESS_LOAD, FILE_F, 8, 0, rd_full); break;    /* c.fldsp */
      case 2: if (rd_full != 0) set_access(a, ACCESS_LOAD, FILE_X, 4, 1, rd_full); break; /* c.lwsp */
      case 3: if (rd_full != 0) set_access(a, ACCESS_LOAD, FILE_X, 8, 1, rd_full); break; /* c.ldsp */
      case 5: set_access(a, ACCESS_STORE, FILE_F, 8, 0, rs2_full); break;  /* c.fsdsp */
      case 6: set_access(a, ACCESS_STORE, FILE_X, 4, 0, rs2_full); break;  /* c.swsp */
      case 7: set_access(a, ACCESS_STORE, FILE_X, 8, 0, rs2_full); break;  /* c.sdsp */
      default: break;
    }
  }
}

/* Fetches the instruction at `pc` in the interrupted mode; returns 0 and fills `fault` on failure. */
static int fetch_instruction(u64 pc, u32 *insn, struct guard_fault *fault) {
  u64 low = guest_fetch_u16(pc, fault);
  if (fault->faulted) return 0;
  if ((low & 3) != 3) {
    *insn = (u32)low;
    return 1;
  }
  u64 high = guest_fetch_u16(pc + 2, fault);
  if (fault->faulted) return 0;
  *insn = (u32)(low | high << 16);
  return 1;
}

/* A fault while reading the instruction is an instruction fault for the same address. */
static u64 fetch_fault_cause(u64 data_cause) {
  if (data_cause == CAUSE_LOAD_PAGE_FAULT) return CAUSE_FETCH_PAGE_FAULT;
  return CAUSE_FETCH_ACCESS;
}

static u64 read_source(struct trap_frame *frame, const struct decoded_access *a) {
  if (a->file == FILE_X) return frame->regs[a->reg];
  return a->width == 4 ? fp_read_s(a->reg) : fp_read_d(a->reg);
}

static void write_destination(struct trap_frame *frame, const struct decoded_access *a, u64 value) {
  if (a->file == FILE_F) {
    if (a->width == 4) fp_write_s(a->reg, value);
    else fp_write_d(a->reg, value);
    /* We changed an f register behind the kernel's back: report it as dirty (privileged spec §3.1.6.6). */
    frame->mstatus |= MSTATUS_FS_DIRTY;
    return;
  }
  if (a->sign_extend && a->width < 8) {
    u64 shift = 64 - 8 * a->width;
    value = (u64)((s64)(value << shift) >> shift);
  }
  if (a->reg != 0) frame->regs[a->reg] = value;
}

void emulate_misaligned(struct trap_frame *frame, u64 cause, u64 tval) {
  struct guard_fault fault = {0, 0, 0};
  u32 insn = 0;
  if (!fetch_instruction(frame->mepc, &insn, &fault)) {
    redirect_to_supervisor(frame, fetch_fault_cause(fault.cause), fault.tval);
    return;
  }
  struct decoded_access access = {ACCESS_NONE, FILE_X, 0, 0, 0, 4};
  if ((insn & 3) == 3) decode_standard(insn, &access);
  else decode_compressed(insn, &access);
  u64 expected = cause == CAUSE_MISALIGNED_LOAD ? ACCESS_LOAD : ACCESS_STORE;
  if (access.kind != expected) {
    /* An AMO, LR/SC or something we do not know: Linux decides what to do with it. */
    redirect_to_supervisor(frame, cause, tval);
    return;
  }
  if (access.kind == ACCESS_LOAD) {
    u64 value = 0;
    for (u64 i = 0; i < access.width; i++) {
      u64 byte = guest_load_u8(tval + i, &fault);
      if (fault.faulted) {
        redirect_to_supervisor(frame, fault.cause, fault.tval);
        return;
      }
      value |= byte << (8 * i);
    }
    write_destination(frame, &access, value);
  } else {
    u64 value = read_source(frame, &access);
    for (u64 i = 0; i < access.width; i++) {
      guest_store_u8(tval + i, (value >> (8 * i)) & 0xff, &fault);
      if (fault.faulted) {
        redirect_to_supervisor(frame, fault.cause, fault.tval);
        return;
      }
    }
  }
  frame->mepc += access.length;
}
