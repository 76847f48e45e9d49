// A extension: LR/SC and AMOs with Cartesi's fault rules (spec/cartesi-machine.md §6): LR faults like a
// load, SC makes no access without a matching reservation, AMOs fault with store-type causes.
import { ILRSC, MCYCLE } from '../layout';
import { CAUSE_ILLEGAL_INSN } from './constants';
import { getX, setX } from './state';
import { loadSlow, storeSlow, g_value, g_faultCause, g_faultTval } from './mmu';
import { raiseException } from './trap';

/** The value an AMO stores (funct5 as in the instruction; `word` for .w, whose values are sign-extended). */
@inline export function amoCompute(funct5: u32, a: u64, b: u64, word: bool): u64 {
  switch (funct5) {
    case 0x00: return a + b;
    case 0x01: return b;
    case 0x04: return a ^ b;
    case 0x08: return a | b;
    case 0x0c: return a & b;
    case 0x10: return word ? (<i32>a < <i32>b ? a : b) : (<i64>a < <i64>b ? a : b);
    case 0x14: return word ? (<i32>a > <i32>b ? a : b) : (<i64>a > <i64>b ? a : b);
    case 0x18: return word ? (<u32>a < <u32>b ? a : b) : (a < b ? a : b);
    default: return word ? (<u32>a > <u32>b ? a : b) : (a > b ? a : b); // 0x1c amomaxu
  }
}

/** Executes an AMO-opcode instruction; returns the next pc. */
export function executeAmo(insn: u32, pc: u64, mcycle: u64): u64 {
  const funct3 = (insn >> 12) & 7;
  const funct5 = insn >> 27;
  const rd = (insn >> 7) & 31;
  const rs1 = (insn >> 15) & 31;
  const rs2 = (insn >> 20) & 31;
  if (funct3 != 2 && funct3 != 3) return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>insn);
  const word = funct3 == 2;
  const size: u32 = word ? 4 : 8;
  const addr = getX(rs1);
  store<u64>(MCYCLE, mcycle); // devices read mcycle
  if (funct5 == 0x02) { // LR
    if (rs2 != 0) return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>insn);
    if (!loadSlow(addr, funct3, false)) return raiseException(pc, g_faultCause, g_faultTval);
    store<u64>(ILRSC, addr);
    setX(rd, g_value);
    return pc + 4;
  }
  if (funct5 == 0x03) { // SC
    if (load<u64>(ILRSC) != addr) {
      store<u64>(ILRSC, 0xffffffffffffffff);
      setX(rd, 1);
      return pc + 4;
    }
    if (!storeSlow(addr, size, getX(rs2))) return raiseException(pc, g_faultCause, g_faultTval);
    store<u64>(ILRSC, 0xffffffffffffffff);
    setX(rd, 0);
    return pc + 4;
  }
  switch (funct5) {
    case 0x00: case 0x01: case 0x04: case 0x08: case 0x0c: case 0x10: case 0x14: case 0x18: case 0x1c: break;
    default: return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>insn);
  }
  if (!loadSlow(addr, funct3, true)) return raiseException(pc, g_faultCause, g_faultTval);
  const old = g_value; // sign-extended for .w
  const result = amoCompute(funct5, old, getX(rs2), word);
  if (!storeSlow(addr, size, result)) return raiseException(pc, g_faultCause, g_faultTval);
  setX(rd, old);
  return pc + 4;
}
