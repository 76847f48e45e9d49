// The fast loop of the interpreter (interpret.ts): pre-decoded entries (decode.ts) of the common integer
// instructions, of loads and stores that hit the TLB, and of jumps within and across decoded pages, run with
// no calls so that V8 keeps the loop's few values in host registers. It stops only between instructions,
// leaving high multiplies, divisions and atomics to runOutOfLoop and the rest to the general path (step.ts).
import {
  TLB_FAST, TLB_FAST_SET_BYTES, ILRSC, X_BASE, DECODE_TAGS, RI_CODE_PAGE, RI_CODE_ADDEND, RI_DECODE_BASE,
} from '../layout';
import { op, op32 } from './alu';
import { amoCompute } from './amo';
import {
  DECODE_MASK, decodeSlotBase, codeWritten, H_UNDECODED, H_SLOW, H_NOP, H_LI, H_ADDI,
  H_SLTI, H_SLTIU, H_XORI, H_ORI, H_ANDI, H_SLLI, H_SRLI, H_SRAI, H_AUIPC, H_ADDIW, H_SLLIW, H_SRLIW, H_SRAIW,
  H_ADD, H_SUB, H_SLL, H_SLT, H_SLTU, H_XOR, H_SRL, H_SRA, H_OR, H_AND, H_MUL, H_MULH, H_MULHSU, H_MULHU,
  H_DIV, H_DIVU, H_REM, H_REMU, H_ADDW, H_SUBW, H_SLLW, H_SRLW, H_SRAW, H_MULW, H_DIVW, H_DIVUW, H_REMW,
  H_REMUW, H_LB, H_LH, H_LW, H_LD, H_LBU, H_LHU, H_LWU, H_SB, H_SH, H_SW, H_SD, H_JAL, H_J, H_JALR, H_JR,
  H_BEQ, H_BNE, H_BLT, H_BGE, H_BLTU, H_BGEU, H_LR_W, H_LR_D, H_SC_W, H_SC_D, H_AMO_W, H_AMO_D,
} from './decode';

const TLB_READ_FAST: usize = TLB_FAST + TLB_FAST_SET_BYTES;
const TLB_WRITE_FAST: usize = TLB_FAST + 2 * TLB_FAST_SET_BYTES;
const PAGE_MASK: u64 = ~(<u64>0xfff);
/** No code page known: pc - NO_PAGE < 0x1000 only for pc in [2, 0x1000], whose entries (DECODE_SLOW) are slow. */
export const NO_PAGE: u64 = 1;
const RESERVATION_NONE: u64 = 0xffffffffffffffff;

/** Where fastLoop stopped (module globals: a function returns one value). */
export let g_pc: u64 = 0;
export let g_mcycle: u64 = 0;

/** fastLoop results: the tick block's end was reached, an instruction needs stepSlow, or an entry decoding. */
export const RUN_TICK_END: u32 = 0;
export const RUN_SLOW: u32 = 1;
export const RUN_DECODE: u32 = 2;
/** fastLoop result: an instruction for runOutOfLoop (a high multiply, a division or an atomic). */
export const RUN_OUT_OF_LOOP: u32 = 3;

// Register access by byte offset (entries hold index × 8); X_BASE goes in the instruction's offset field.
@inline function rx(offset: u32): u64 { return load<u64>(<usize>offset, X_BASE); }
@inline function wx(offset: u32, v: u64): void { store<u64>(<usize>offset, v, X_BASE); }

@inline export function currentPage(): u64 { return load<u64>(RI_CODE_PAGE); }

/** Leaves fastLoop (the code page, its addend and entries are already in memory). */
@inline function leave(status: u32, pc: u64, mcycle: u64): u32 {
  g_pc = pc;
  g_mcycle = mcycle;
  return status;
}

@inline function sext32(v: u64): u64 { return <u64><i64><i32>v; }

/**
 * Runs pre-decoded instructions (cpu/decode.ts) until tickEnd or one that needs the general path (returned
 * untouched at g_pc). The code page, its host addend and its entries are in RI_CODE_PAGE, RI_CODE_ADDEND and
 * RI_DECODE_BASE; a jump to another page switches through the code TLB when that page is already decoded,
 * which is exactly what stepSlow's fetch would find (a TLB hit has no side effect). It makes no calls, so V8
 * keeps its state in registers; it is exported only so that binaryen does not inline it into interpret.
 */
export function fastLoop(pc: u64, mcycle: u64, tickEnd: u64): u32 {
  // Few loop-carried values, so that V8 keeps them all in registers: pc is kept as its offset in the code
  // page (wrapping: sequential code and branches only add to it), the page itself stays in memory
  // (RI_CODE_PAGE), and mcycle is kept as the count of cycles left in the tick block.
  let offset = pc - currentPage();
  let decodeBase = load<usize>(RI_DECODE_BASE);
  let left = tickEnd - mcycle;
  // Two loops: the outer one switches pages. It runs again only after a jump or a branch (which `break` out
  // of the switch, then out of the inner loop) or when sequential code runs off the page's end onto the zero
  // entry past it (layout.ts: DECODE_STRIDE). Every other instruction `continue`s the inner loop, with no
  // page test.
  while (true) {
    if (offset >= 0x1000) {
      const pc = currentPage() + offset;
      const vpage = pc & PAGE_MASK;
      const tlbSlot = TLB_FAST + ((<usize>(pc >> 12) & 255) << 4); // code set
      if (load<u64>(tlbSlot) != vpage) return leave(RUN_SLOW, pc, tickEnd - left);
      const addend = load<u64>(tlbSlot, 8);
      const hostPage = <u32>((addend + vpage) >> 12);
      const tag = load<u32>(<usize>(hostPage & DECODE_MASK) << 2, DECODE_TAGS);
      if (tag != hostPage) return leave(RUN_SLOW, pc, tickEnd - left); // stepSlow then claims its slot
      decodeBase = decodeSlotBase(hostPage);
      store<u64>(RI_CODE_PAGE, vpage);
      store<u64>(RI_CODE_ADDEND, addend);
      store<usize>(RI_DECODE_BASE, decodeBase);
      offset = pc - vpage;
    }
    while (true) {
      if (left == 0) return leave(RUN_TICK_END, currentPage() + offset, tickEnd);
      const p = decodeBase + (<usize>offset << 2);
      const entry = load<u64>(p);
      const e = <u32>entry;
      const imm = <u64>(<i64>entry >> 32);
      const rd = (e >> 8) & 0xf8;
      const a = rx(e >> 24);
      const rs2 = (e >> 16) & 0xff;
      let next = offset + <u64>((e >> 8) & 7);
      switch (e & 0xff) {
        case H_UNDECODED: {
          if (offset >= 0x1000) break; // the entry past the page's end: switch pages (outer loop)
          return leave(RUN_DECODE, currentPage() + offset, tickEnd - left);
        }
        case H_SLOW: return leave(RUN_SLOW, currentPage() + offset, tickEnd - left);
        case H_NOP: offset = next; left--; continue;
        case H_LI: wx(rd, imm); offset = next; left--; continue;
        case H_ADDI: wx(rd, a + imm); offset = next; left--; continue;
        case H_SLTI: wx(rd, <i64>a < <i64>imm ? 1 : 0); offset = next; left--; continue;
        case H_SLTIU: wx(rd, a < imm ? 1 : 0); offset = next; left--; continue;
        case H_XORI: wx(rd, a ^ imm); offset = next; left--; continue;
        case H_ORI: wx(rd, a | imm); offset = next; left--; continue;
        case H_ANDI: wx(rd, a & imm); offset = next; left--; continue;
        case H_SLLI: wx(rd, a << imm); offset = next; left--; continue;
        case H_SRLI: wx(rd, a >> imm); offset = next; left--; continue;
        case H_SRAI: wx(rd, <u64>(<i64>a >> <i64>imm)); offset = next; left--; continue;
        case H_AUIPC: wx(rd, currentPage() + offset + imm); offset = next; left--; continue;
        case H_ADDIW: wx(rd, sext32(a + imm)); offset = next; left--; continue;
        case H_SLLIW: wx(rd, sext32(a << imm)); offset = next; left--; continue;
        case H_SRLIW: wx(rd, sext32(<u64>(<u32>a >> <u32>imm))); offset = next; left--; continue;
        case H_SRAIW: wx(rd, <u64><i64>(<i32>a >> <i32>imm)); offset = next; left--; continue;
        case H_ADD: wx(rd, a + rx(rs2)); offset = next; left--; continue;
        case H_SUB: wx(rd, a - rx(rs2)); offset = next; left--; continue;
        case H_SLL: wx(rd, a << (rx(rs2) & 63)); offset = next; left--; continue;
        case H_SLT: wx(rd, <i64>a < <i64>rx(rs2) ? 1 : 0); offset = next; left--; continue;
        case H_SLTU: wx(rd, a < rx(rs2) ? 1 : 0); offset = next; left--; continue;
        case H_XOR: wx(rd, a ^ rx(rs2)); offset = next; left--; continue;
        case H_SRL: wx(rd, a >> (rx(rs2) & 63)); offset = next; left--; continue;
        case H_SRA: wx(rd, <u64>(<i64>a >> <i64>(rx(rs2) & 63))); offset = next; left--; continue;
        case H_OR: wx(rd, a | rx(rs2)); offset = next; left--; continue;
        case H_AND: wx(rd, a & rx(rs2)); offset = next; left--; continue;
        case H_MUL: wx(rd, a * rx(rs2)); offset = next; left--; continue;
        // High multiplies, divisions and atomics run out of the loop (runOutOfLoop, from interpret.ts): their
        // bodies, or a call, here would make V8 keep the loop's values on the stack for every instruction (35
        // host instructions per guest instruction on the compute loop, instead of 30).
        case H_MULH: case H_MULHSU: case H_MULHU: case H_DIV: case H_DIVU: case H_REM: case H_REMU:
        case H_DIVW: case H_DIVUW: case H_REMW: case H_REMUW:
        case H_LR_W: case H_LR_D: case H_SC_W: case H_SC_D: case H_AMO_W: case H_AMO_D:
          return leave(RUN_OUT_OF_LOOP, currentPage() + offset, tickEnd - left);
        case H_ADDW: wx(rd, sext32(a + rx(rs2))); offset = next; left--; continue;
        case H_SUBW: wx(rd, sext32(a - rx(rs2))); offset = next; left--; continue;
        case H_SLLW: wx(rd, op32(0, 1, a, rx(rs2))); offset = next; left--; continue;
        case H_SRLW: wx(rd, op32(0, 5, a, rx(rs2))); offset = next; left--; continue;
        case H_SRAW: wx(rd, op32(0x20, 5, a, rx(rs2))); offset = next; left--; continue;
        case H_MULW: wx(rd, op32(1, 0, a, rx(rs2))); offset = next; left--; continue;
        // Loads and stores: one compare checks the TLB page and the alignment (§6: misaligned accesses, like
        // misses, go to the general path), so the tag is compared with the address keeping its low bits.
        case H_LB: {
          const addr = a + imm;
          const slot = TLB_READ_FAST + ((<usize>(addr >> 12) & 255) << 4);
          if (load<u64>(slot) != (addr & (PAGE_MASK | 0))) {
            return leave(RUN_SLOW, currentPage() + offset, tickEnd - left);
          }
          const h = <usize>(load<u64>(slot, 8) + addr);
          wx(rd, <u64><i64>load<i8>(h));
          offset = next; left--; continue;
        }
        case H_LH: {
          const addr = a + imm;
          const slot = TLB_READ_FAST + ((<usize>(addr >> 12) & 255) << 4);
          if (load<u64>(slot) != (addr & (PAGE_MASK | 1))) {
            return leave(RUN_SLOW, currentPage() + offset, tickEnd - left);
          }
          const h = <usize>(load<u64>(slot, 8) + addr);
          wx(rd, <u64><i64>load<i16>(h));
          offset = next; left--; continue;
        }
        case H_LW: {
          const addr = a + imm;
          const slot = TLB_READ_FAST + ((<usize>(addr >> 12) & 255) << 4);
          if (load<u64>(slot) != (addr & (PAGE_MASK | 3))) {
            return leave(RUN_SLOW, currentPage() + offset, tickEnd - left);
          }
          const h = <usize>(load<u64>(slot, 8) + addr);
          wx(rd, <u64><i64>load<i32>(h));
          offset = next; left--; continue;
        }
        case H_LD: {
          const addr = a + imm;
          const slot = TLB_READ_FAST + ((<usize>(addr >> 12) & 255) << 4);
          if (load<u64>(slot) != (addr & (PAGE_MASK | 7))) {
            return leave(RUN_SLOW, currentPage() + offset, tickEnd - left);
          }
          const h = <usize>(load<u64>(slot, 8) + addr);
          wx(rd, load<u64>(h));
          offset = next; left--; continue;
        }
        case H_LBU: {
          const addr = a + imm;
          const slot = TLB_READ_FAST + ((<usize>(addr >> 12) & 255) << 4);
          if (load<u64>(slot) != (addr & (PAGE_MASK | 0))) {
            return leave(RUN_SLOW, currentPage() + offset, tickEnd - left);
          }
          const h = <usize>(load<u64>(slot, 8) + addr);
          wx(rd, <u64>load<u8>(h));
          offset = next; left--; continue;
        }
        case H_LHU: {
          const addr = a + imm;
          const slot = TLB_READ_FAST + ((<usize>(addr >> 12) & 255) << 4);
          if (load<u64>(slot) != (addr & (PAGE_MASK | 1))) {
            return leave(RUN_SLOW, currentPage() + offset, tickEnd - left);
          }
          const h = <usize>(load<u64>(slot, 8) + addr);
          wx(rd, <u64>load<u16>(h));
          offset = next; left--; continue;
        }
        case H_LWU: {
          const addr = a + imm;
          const slot = TLB_READ_FAST + ((<usize>(addr >> 12) & 255) << 4);
          if (load<u64>(slot) != (addr & (PAGE_MASK | 3))) {
            return leave(RUN_SLOW, currentPage() + offset, tickEnd - left);
          }
          const h = <usize>(load<u64>(slot, 8) + addr);
          wx(rd, <u64>load<u32>(h));
          offset = next; left--; continue;
        }
        case H_SB: {
          const addr = a + imm;
          const slot = TLB_WRITE_FAST + ((<usize>(addr >> 12) & 255) << 4);
          if (load<u64>(slot) != (addr & (PAGE_MASK | 0))) {
            return leave(RUN_SLOW, currentPage() + offset, tickEnd - left);
          }
          const h = <usize>(load<u64>(slot, 8) + addr);
          store<u8>(h, <u8>rx(rs2));
          codeWritten(h); // self-modifying code: drop decoded entries over these bytes
          offset = next; left--; continue;
        }
        case H_SH: {
          const addr = a + imm;
          const slot = TLB_WRITE_FAST + ((<usize>(addr >> 12) & 255) << 4);
          if (load<u64>(slot) != (addr & (PAGE_MASK | 1))) {
            return leave(RUN_SLOW, currentPage() + offset, tickEnd - left);
          }
          const h = <usize>(load<u64>(slot, 8) + addr);
          store<u16>(h, <u16>rx(rs2));
          codeWritten(h); // self-modifying code: drop decoded entries over these bytes
          offset = next; left--; continue;
        }
        case H_SW: {
          const addr = a + imm;
          const slot = TLB_WRITE_FAST + ((<usize>(addr >> 12) & 255) << 4);
          if (load<u64>(slot) != (addr & (PAGE_MASK | 3))) {
            return leave(RUN_SLOW, currentPage() + offset, tickEnd - left);
          }
          const h = <usize>(load<u64>(slot, 8) + addr);
          store<u32>(h, <u32>rx(rs2));
          codeWritten(h); // self-modifying code: drop decoded entries over these bytes
          offset = next; left--; continue;
        }
        case H_SD: {
          const addr = a + imm;
          const slot = TLB_WRITE_FAST + ((<usize>(addr >> 12) & 255) << 4);
          if (load<u64>(slot) != (addr & (PAGE_MASK | 7))) {
            return leave(RUN_SLOW, currentPage() + offset, tickEnd - left);
          }
          const h = <usize>(load<u64>(slot, 8) + addr);
          store<u64>(h, rx(rs2));
          codeWritten(h); // self-modifying code: drop decoded entries over these bytes
          offset = next; left--; continue;
        }
        case H_JAL: wx(rd, currentPage() + next); next = offset + imm; offset = next; left--; break;
        case H_J: next = offset + imm; offset = next; left--; break;
        case H_JALR: {
          const target = (a + imm) & ~(<u64>1);
          wx(rd, currentPage() + next);
          next = target - currentPage();
          offset = next; left--; break;
        }
        case H_JR: next = ((a + imm) & ~(<u64>1)) - currentPage(); offset = next; left--; break;
        case H_BEQ: if (a == rx(rs2)) next = offset + imm; offset = next; left--; break;
        case H_BNE: if (a != rx(rs2)) next = offset + imm; offset = next; left--; break;
        case H_BLT: if (<i64>a < <i64>rx(rs2)) next = offset + imm; offset = next; left--; break;
        case H_BGE: if (<i64>a >= <i64>rx(rs2)) next = offset + imm; offset = next; left--; break;
        case H_BLTU: if (a < rx(rs2)) next = offset + imm; offset = next; left--; break;
        case H_BGEU: if (a >= rx(rs2)) next = offset + imm; offset = next; left--; break;
        default: return leave(RUN_SLOW, currentPage() + offset, tickEnd - left);
      }
      break; // a control transfer or the page's end: back to the outer loop's page test
    }
  }
}

/**
 * Runs the instruction of `entry` that fastLoop left with RUN_OUT_OF_LOOP (an H_MULH … H_REMUW, H_LR_*, H_SC_*
 * or H_AMO_* entry), when its accesses hit the TLB, as the fast loop would; false, with nothing done, when it
 * needs the general path.
 */
export function runOutOfLoop(entry: u64): bool {
  const e = <u32>entry;
  const imm = <u64>(<i64>entry >> 32);
  const rd = (e >> 8) & 0xf8;
  const a = rx(e >> 24);
  const rs2 = (e >> 16) & 0xff;
  switch (e & 0xff) {
    case H_LR_W: { // faults like a load (§6)
      const slot = TLB_READ_FAST + ((<usize>(a >> 12) & 255) << 4);
      if (load<u64>(slot) != (a & (PAGE_MASK | 3))) return false;
      const hr = <usize>(load<u64>(slot, 8) + a);
      store<u64>(ILRSC, a);
      if (rd != 0) wx(rd, <u64><i64>load<i32>(hr));
      return true;
    }
    case H_SC_W: { // without a matching reservation: no access at all
      if (load<u64>(ILRSC) == a) {
        const slot = TLB_WRITE_FAST + ((<usize>(a >> 12) & 255) << 4);
        if (load<u64>(slot) != (a & (PAGE_MASK | 3))) return false;
        const hw = <usize>(load<u64>(slot, 8) + a);
        const value = rx(rs2);
        store<u32>(hw, <u32>value);
        codeWritten(hw);
        store<u64>(ILRSC, RESERVATION_NONE);
        if (rd != 0) wx(rd, 0);
      } else {
        store<u64>(ILRSC, RESERVATION_NONE);
        if (rd != 0) wx(rd, 1);
      }
      return true;
    }
    case H_AMO_W: { // both halves must hit (read then write TLB), as the general path would find them
      const index = (<usize>(a >> 12) & 255) << 4;
      const tag = a & (PAGE_MASK | 3);
      if (load<u64>(TLB_READ_FAST + index) != tag || load<u64>(TLB_WRITE_FAST + index) != tag) {
        return false;
      }
      const hr = <usize>(load<u64>(TLB_READ_FAST + index, 8) + a);
      const hw = <usize>(load<u64>(TLB_WRITE_FAST + index, 8) + a);
      const old = <u64><i64>load<i32>(hr);
      const value = amoCompute(<u32>imm, old, rx(rs2), true);
      store<u32>(hw, <u32>value);
      codeWritten(hw);
      if (rd != 0) wx(rd, old);
      return true;
    }
    case H_LR_D: { // faults like a load (§6)
      const slot = TLB_READ_FAST + ((<usize>(a >> 12) & 255) << 4);
      if (load<u64>(slot) != (a & (PAGE_MASK | 7))) return false;
      const hr = <usize>(load<u64>(slot, 8) + a);
      store<u64>(ILRSC, a);
      if (rd != 0) wx(rd, load<u64>(hr));
      return true;
    }
    case H_SC_D: { // without a matching reservation: no access at all
      if (load<u64>(ILRSC) == a) {
        const slot = TLB_WRITE_FAST + ((<usize>(a >> 12) & 255) << 4);
        if (load<u64>(slot) != (a & (PAGE_MASK | 7))) return false;
        const hw = <usize>(load<u64>(slot, 8) + a);
        const value = rx(rs2);
        store<u64>(hw, value);
        codeWritten(hw);
        store<u64>(ILRSC, RESERVATION_NONE);
        if (rd != 0) wx(rd, 0);
      } else {
        store<u64>(ILRSC, RESERVATION_NONE);
        if (rd != 0) wx(rd, 1);
      }
      return true;
    }
    case H_AMO_D: { // both halves must hit (read then write TLB), as the general path would find them
      const index = (<usize>(a >> 12) & 255) << 4;
      const tag = a & (PAGE_MASK | 7);
      if (load<u64>(TLB_READ_FAST + index) != tag || load<u64>(TLB_WRITE_FAST + index) != tag) {
        return false;
      }
      const hr = <usize>(load<u64>(TLB_READ_FAST + index, 8) + a);
      const hw = <usize>(load<u64>(TLB_WRITE_FAST + index, 8) + a);
      const old = load<u64>(hr);
      const value = amoCompute(<u32>imm, old, rx(rs2), false);
      store<u64>(hw, value);
      codeWritten(hw);
      if (rd != 0) wx(rd, old);
      return true;
    }
    case H_MULH: case H_MULHSU: case H_MULHU: case H_DIV: case H_DIVU: case H_REM: case H_REMU:
    case H_DIVW: case H_DIVUW: case H_REMW: case H_REMUW:
      wx(rd, mulDiv(e & 0xff, a, rx(rs2)));
      return true;
    default: return false;
  }
}

/** M-extension operations with long bodies (high multiplies, divisions). */
export function mulDiv(handler: u32, a: u64, b: u64): u64 {
  switch (handler) {
    case H_MULH: return op(1, 1, a, b);
    case H_MULHSU: return op(1, 2, a, b);
    case H_MULHU: return op(1, 3, a, b);
    case H_DIV: return op(1, 4, a, b);
    case H_DIVU: return op(1, 5, a, b);
    case H_REM: return op(1, 6, a, b);
    case H_REMU: return op(1, 7, a, b);
    case H_DIVW: return op32(1, 4, a, b);
    case H_DIVUW: return op32(1, 5, a, b);
    case H_REMW: return op32(1, 6, a, b);
    default: return op32(1, 7, a, b);
  }
}
