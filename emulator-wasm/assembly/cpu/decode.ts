// Pre-decoded instruction cache (browser-emulation.md §3.5). Each code page that runs gets a slot, keyed by
// its host page number, that holds one 8-byte entry per 2-byte offset: the fast loop (interpret.ts) then
// dispatches on a handler number with register offsets and the immediate already extracted. Entries are
// decoded lazily (handler 0 = not decoded yet) from the bytes in memory at that time, and every write to
// guest memory that may hit a cached page (fast-loop stores, storeSlow and so AMOs and FP stores, page-table
// A/D updates, host writes) clears the entries covering the written bytes, so a later fetch decodes the new
// bytes. Keying by host page makes satp, sfence.vma and remappings irrelevant: the virtual page is resolved
// through the code TLB exactly as before, and only the decoding of the bytes found there is cached.
//
// Entry layout (little-endian): byte 0 handler; byte 1 rd × 8 plus the instruction's length (2 or 4); byte 2
// rs2 × 8; byte 3 rs1 × 8 (the most used: a shift, with no mask, extracts it); bytes 4–7 the immediate (i32,
// sign-extended when used).
import {
  DECODE_TAGS, DECODE_SLOTS, DECODE_BASE, DECODE_PAGE_BYTES, DECODE_STRIDE, DECODE_SLOW, RVC_TABLE,
} from '../layout';
import { immI, immS, immU, immJ, immB, opImmValid, opValid, opImm32Valid, op32Valid, branchValid } from './alu';
import * as O from './opcodes';

export const DECODE_MASK: u32 = DECODE_SLOTS - 1;
const TAG_EMPTY: u32 = 0xffffffff;

// Handlers. Only instructions the fast loop completes without a call get one; the rest are H_SLOW.
export const H_UNDECODED: u32 = 0;
export const H_SLOW: u32 = 1;
export const H_NOP: u32 = 2; // no architectural effect besides pc and mcycle (writes to x0, fence, fence.i)
export const H_LI: u32 = 3; // rd = imm (lui, addi rd, x0, imm)
export const H_ADDI: u32 = 4;
export const H_SLTI: u32 = 5;
export const H_SLTIU: u32 = 6;
export const H_XORI: u32 = 7;
export const H_ORI: u32 = 8;
export const H_ANDI: u32 = 9;
export const H_SLLI: u32 = 10;
export const H_SRLI: u32 = 11;
export const H_SRAI: u32 = 12;
export const H_AUIPC: u32 = 13;
export const H_ADDIW: u32 = 14;
export const H_SLLIW: u32 = 15;
export const H_SRLIW: u32 = 16;
export const H_SRAIW: u32 = 17;
export const H_ADD: u32 = 18;
export const H_SUB: u32 = 19;
export const H_SLL: u32 = 20;
export const H_SLT: u32 = 21;
export const H_SLTU: u32 = 22;
export const H_XOR: u32 = 23;
export const H_SRL: u32 = 24;
export const H_SRA: u32 = 25;
export const H_OR: u32 = 26;
export const H_AND: u32 = 27;
export const H_MUL: u32 = 28;
export const H_MULH: u32 = 29;
export const H_MULHSU: u32 = 30;
export const H_MULHU: u32 = 31;
export const H_DIV: u32 = 32;
export const H_DIVU: u32 = 33;
export const H_REM: u32 = 34;
export const H_REMU: u32 = 35;
export const H_ADDW: u32 = 36;
export const H_SUBW: u32 = 37;
export const H_SLLW: u32 = 38;
export const H_SRLW: u32 = 39;
export const H_SRAW: u32 = 40;
export const H_MULW: u32 = 41;
export const H_DIVW: u32 = 42;
export const H_DIVUW: u32 = 43;
export const H_REMW: u32 = 44;
export const H_REMUW: u32 = 45;
export const H_LB: u32 = 46;
export const H_LH: u32 = 47;
export const H_LW: u32 = 48;
export const H_LD: u32 = 49;
export const H_LBU: u32 = 50;
export const H_LHU: u32 = 51;
export const H_LWU: u32 = 52;
export const H_SB: u32 = 53;
export const H_SH: u32 = 54;
export const H_SW: u32 = 55;
export const H_SD: u32 = 56;
export const H_JAL: u32 = 57;
export const H_J: u32 = 58; // jal x0
export const H_JALR: u32 = 59;
export const H_JR: u32 = 60; // jalr x0
export const H_BEQ: u32 = 61;
export const H_BNE: u32 = 62;
export const H_BLT: u32 = 63;
export const H_BGE: u32 = 64;
export const H_BLTU: u32 = 65;
export const H_BGEU: u32 = 66;
export const H_LR_W: u32 = 67;
export const H_LR_D: u32 = 68;
export const H_SC_W: u32 = 69;
export const H_SC_D: u32 = 70;
export const H_AMO_W: u32 = 71; // immediate = funct5
export const H_AMO_D: u32 = 72;

/** Marks every slot empty and fills the slow page (setup and reset). */
export function decodeResetAll(): void {
  memory.fill(DECODE_TAGS, 0xff, <usize>DECODE_SLOTS << 2);
  // Every 4-byte word, not just every entry: with no page known the fast loop may index it at odd offsets.
  for (let off: usize = 0; off < DECODE_PAGE_BYTES; off += 4) store<u32>(DECODE_SLOW + off, H_SLOW);
}

/** Host writes into guest memory (the host does not say which bytes may be code): forget every page. */
export function decodeFlushAll(): void {
  memory.fill(DECODE_TAGS, 0xff, <usize>DECODE_SLOTS << 2);
}

@inline export function decodeSlotBase(hostPage: u32): usize {
  return DECODE_BASE + <usize>(hostPage & DECODE_MASK) * DECODE_STRIDE;
}

/** Entries of the host page `hostPage`, claiming (and emptying) its slot if another page held it. */
export function decodePage(hostPage: u32): usize {
  const tag = DECODE_TAGS + (<usize>(hostPage & DECODE_MASK) << 2);
  const base = decodeSlotBase(hostPage);
  if (load<u32>(tag) != hostPage) {
    memory.fill(base, 0, DECODE_PAGE_BYTES);
    store<u32>(tag, hostPage);
  }
  return base;
}

/**
 * A guest-memory write of `size` bytes at host offset `host` (size ≤ 8): if its page has a slot, clear the
 * entries that may cover those bytes (a 32-bit instruction may start 2 bytes before them). The slot
 * layout has guard bytes, so the first and last entries need no special case.
 */
@inline export function codeWritten(host: usize): void {
  const hostPage = <u32>(host >> 12);
  if (load<u32>(DECODE_TAGS + (<usize>(hostPage & DECODE_MASK) << 2)) == hostPage) {
    const e = decodeSlotBase(hostPage) + ((host & 0xffe) << 2) - 8;
    store<u64>(e, 0);
    store<u64>(e, 0, 8);
    store<u64>(e, 0, 16);
    store<u64>(e, 0, 24);
    store<u64>(e, 0, 32);
  }
}

/** Out-of-line form for the slow paths. */
export function codeWrittenSlow(host: usize): void {
  codeWritten(host);
}

@inline function entry(handler: u32, rd: u32, rs1: u32, rs2: u32, compressed: bool, imm: u64): u64 {
  const length: u32 = compressed ? 2 : 4;
  return <u64>handler | (<u64>((rd << 3) | length) << 8) | (<u64>(rs2 << 3) << 16) | (<u64>(rs1 << 3) << 24) |
    ((imm & 0xffffffff) << 32);
}

/** Decodes the instruction at page offset `offset` whose bytes start at host offset `host`; returns the entry. */
function decodeOne(host: usize, offset: u64): u64 {
  let insn = load<u32>(host);
  const compressed = (insn & 3) != 3;
  if (compressed) {
    insn = load<u32>(RVC_TABLE + ((<usize>insn & 0xffff) << 2)); // RVC_ILLEGAL reaches no fast case
  } else if (offset == 0xffe) {
    return <u64>H_SLOW; // straddles into the next page: the general path fetches both halves (§6)
  }
  const rd = (insn >> 7) & 31;
  const rs1 = (insn >> 15) & 31;
  const rs2 = (insn >> 20) & 31;
  const funct3 = (insn >> 12) & 7;
  const f7 = insn >> 25;
  let h: u32 = H_SLOW;
  let imm: u64 = 0;
  switch ((insn >> 2) & 31) {
    case O.OP_IMM:
      if (!opImmValid(insn, funct3)) break;
      imm = immI(insn);
      if (rd == 0) { h = H_NOP; break; }
      switch (funct3) {
        case 0: h = rs1 == 0 ? H_LI : H_ADDI; break;
        case 1: h = H_SLLI; imm &= 63; break;
        case 2: h = H_SLTI; break;
        case 3: h = H_SLTIU; break;
        case 4: h = H_XORI; break;
        case 5: h = (insn >> 26) == 0 ? H_SRLI : H_SRAI; imm &= 63; break;
        case 6: h = H_ORI; break;
        default: h = H_ANDI; break;
      }
      break;
    case O.OP_IMM_32:
      if (!opImm32Valid(insn, funct3)) break;
      imm = immI(insn);
      if (rd == 0) { h = H_NOP; break; }
      if (funct3 == 0) h = H_ADDIW;
      else if (funct3 == 1) { h = H_SLLIW; imm &= 31; }
      else { h = (insn >> 25) == 0 ? H_SRLIW : H_SRAIW; imm &= 31; }
      break;
    case O.OP_LUI:
      imm = immU(insn);
      h = rd == 0 ? H_NOP : H_LI;
      break;
    case O.OP_AUIPC:
      imm = immU(insn);
      h = rd == 0 ? H_NOP : H_AUIPC;
      break;
    case O.OP_OP:
      if (!opValid(f7, funct3)) break;
      if (rd == 0) { h = H_NOP; break; }
      if (f7 == 1) h = H_MUL + funct3; // mul mulh mulhsu mulhu div divu rem remu
      else if (f7 == 0x20) h = funct3 == 0 ? H_SUB : H_SRA;
      else {
        switch (funct3) {
          case 0: h = H_ADD; break;
          case 1: h = H_SLL; break;
          case 2: h = H_SLT; break;
          case 3: h = H_SLTU; break;
          case 4: h = H_XOR; break;
          case 5: h = H_SRL; break;
          case 6: h = H_OR; break;
          default: h = H_AND; break;
        }
      }
      break;
    case O.OP_OP_32:
      if (!op32Valid(f7, funct3)) break;
      if (rd == 0) { h = H_NOP; break; }
      if (f7 == 0) h = funct3 == 0 ? H_ADDW : funct3 == 1 ? H_SLLW : H_SRLW;
      else if (f7 == 0x20) h = funct3 == 0 ? H_SUBW : H_SRAW;
      else h = funct3 == 0 ? H_MULW : H_DIVW + (funct3 - 4); // divw divuw remw remuw
      break;
    case O.OP_LOAD:
      // Loads into x0 still access memory (and may fault): rare, left to the general path.
      if (funct3 == 7 || rd == 0) break;
      imm = immI(insn);
      h = H_LB + funct3;
      break;
    case O.OP_STORE:
      if (funct3 > 3) break;
      imm = immS(insn);
      h = H_SB + funct3;
      break;
    case O.OP_JAL:
      imm = immJ(insn);
      h = rd == 0 ? H_J : H_JAL;
      break;
    case O.OP_JALR:
      if (funct3 != 0) break;
      imm = immI(insn);
      h = rd == 0 ? H_JR : H_JALR;
      break;
    case O.OP_BRANCH:
      if (!branchValid(funct3)) break;
      imm = immB(insn);
      h = funct3 < 2 ? H_BEQ + funct3 : H_BLT + (funct3 - 4);
      break;
    case O.OP_AMO: {
      if (funct3 != 2 && funct3 != 3) break;
      const funct5 = insn >> 27;
      const d: u32 = funct3 == 3 ? 1 : 0;
      if (funct5 == 0x02) { if (rs2 == 0) h = H_LR_W + d; break; }
      if (funct5 == 0x03) { h = H_SC_W + d; break; }
      switch (funct5) {
        case 0x00: case 0x01: case 0x04: case 0x08: case 0x0c: case 0x10: case 0x14: case 0x18: case 0x1c:
          h = H_AMO_W + d;
          imm = <u64>funct5;
          break;
        default: break;
      }
      break;
    }
    case O.OP_MISC_MEM:
      // fence and fence.i: one hart, and every store already clears the entries it overwrites.
      if (funct3 <= 1) h = H_NOP;
      break;
    default:
      break;
  }
  if (h == H_SLOW) return <u64>H_SLOW;
  return entry(h, rd, rs1, rs2, compressed, imm);
}

/** Decodes the entry for page offset `offset` of the slot at `base`, from the bytes at host offset `host`. */
export function decodeAt(base: usize, offset: u64, host: usize): void {
  store<u64>(base + (<usize>offset << 2), decodeOne(host, offset));
}
