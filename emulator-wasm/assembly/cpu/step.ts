// The general path: executes exactly one instruction at pc with every slow path available (fetch through
// the code TLB, loads and stores through translation and devices, CSR, system, AMO, FP, traps). The fast
// loop in interpret.ts hands an instruction here whenever it cannot finish it without a call.
import { MCYCLE, RVC_TABLE } from '../layout';
import { CAUSE_ILLEGAL_INSN } from './constants';
import { getX, setX } from './state';
import { raiseException } from './trap';
import { fetchSlow, loadSlow, storeSlow, g_value, g_faultCause, g_faultTval, g_codeAddend } from './mmu';
import { executeCsr } from './csr';
import { executeSystem } from './system';
import { executeAmo } from './amo';
import { INTERNAL_SEXT_B, INTERNAL_SEXT_H, INTERNAL_ZEXT_H, RVC_ILLEGAL } from './compressed';
import { executeFp, executeFpLoad, executeFpStore, executeFpFused } from './fp';
import {
  immI, immS, immU, immJ, immB, opImm, opImmValid, op, opValid, opImm32, opImm32Valid, op32, op32Valid,
  branchValid, branchTaken,
} from './alu';
import * as O from './opcodes';

/** Page and host addend of the instruction the last step fetched, when the fast loop may keep using them. */
export let g_stepCodePage: u64 = 1;
export let g_stepCodeAddend: u64 = 0;

@inline function illegal(pc: u64, raw: u32): u64 {
  g_stepCodePage = 1;
  return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>raw);
}

@inline function fault(pc: u64): u64 {
  g_stepCodePage = 1;
  return raiseException(pc, g_faultCause, g_faultTval);
}

/** Executes the instruction at pc (mcycle is its cycle); returns the next pc, or a trap handler. */
export function stepSlow(pc: u64, mcycle: u64): u64 {
  store<u64>(MCYCLE, mcycle); // devices and counters read the current mcycle
  g_stepCodePage = 1;
  if (!fetchSlow(pc)) return fault(pc);
  let insn = <u32>g_value;
  const addend = g_codeAddend;
  let raw = insn;
  let npc: u64;
  if ((insn & 3) != 3) {
    raw = insn & 0xffff;
    insn = load<u32>(RVC_TABLE + (<usize>raw << 2));
    if (insn == RVC_ILLEGAL) return illegal(pc, raw);
    npc = pc + 2;
  } else {
    npc = pc + 4;
  }
  // Translation-preserving instructions let the fast loop keep this code page; others reset it below.
  if ((pc & 0xfff) < 0xffe) {
    g_stepCodePage = pc & ~(<u64>0xfff);
    g_stepCodeAddend = addend;
  }
  const rd = (insn >> 7) & 31;
  const rs1 = (insn >> 15) & 31;
  const funct3 = (insn >> 12) & 7;
  switch ((insn >> 2) & 31) {
    case O.OP_IMM:
      if (!opImmValid(insn, funct3)) return illegal(pc, raw);
      setX(rd, opImm(insn, funct3, getX(rs1)));
      return npc;
    case O.OP_OP: {
      const f7 = insn >> 25;
      if (!opValid(f7, funct3)) return illegal(pc, raw);
      setX(rd, op(f7, funct3, getX(rs1), getX((insn >> 20) & 31)));
      return npc;
    }
    case O.OP_IMM_32:
      if (!opImm32Valid(insn, funct3)) return illegal(pc, raw);
      setX(rd, opImm32(insn, funct3, getX(rs1)));
      return npc;
    case O.OP_OP_32: {
      const f7 = insn >> 25;
      if (!op32Valid(f7, funct3)) return illegal(pc, raw);
      setX(rd, op32(f7, funct3, getX(rs1), getX((insn >> 20) & 31)));
      return npc;
    }
    case O.OP_LUI: setX(rd, immU(insn)); return npc;
    case O.OP_AUIPC: setX(rd, pc + immU(insn)); return npc;
    case O.OP_JAL: setX(rd, npc); return pc + immJ(insn);
    case O.OP_JALR: {
      if (funct3 != 0) return illegal(pc, raw);
      const target = (getX(rs1) + immI(insn)) & ~(<u64>1);
      setX(rd, npc);
      return target;
    }
    case O.OP_BRANCH:
      if (!branchValid(funct3)) return illegal(pc, raw);
      return branchTaken(funct3, getX(rs1), getX((insn >> 20) & 31)) ? pc + immB(insn) : npc;
    case O.OP_LOAD:
      if (funct3 == 7) return illegal(pc, raw);
      if (!loadSlow(getX(rs1) + immI(insn), funct3, false)) return fault(pc);
      setX(rd, g_value);
      return npc;
    case O.OP_STORE:
      if (funct3 > 3) return illegal(pc, raw);
      if (!storeSlow(getX(rs1) + immS(insn), 1 << funct3, getX((insn >> 20) & 31))) return fault(pc);
      return npc;
    case O.OP_MISC_MEM: // fence, fence.i: single hart, no caches
      if (funct3 > 1) return illegal(pc, raw);
      return npc;
    case O.OP_SYSTEM:
      g_stepCodePage = 1; // privilege, satp or mstatus may change
      if (funct3 == 0) return executeSystem(insn, pc, mcycle);
      if (funct3 == 4) return illegal(pc, raw);
      return executeCsr(insn, pc, mcycle);
    case O.OP_AMO:
      g_stepCodePage = 1; // may trap
      return executeAmo(insn, pc, mcycle);
    case O.OP_LOAD_FP:
      g_stepCodePage = 1;
      return executeFpLoad(insn, raw, pc, npc);
    case O.OP_STORE_FP:
      g_stepCodePage = 1;
      return executeFpStore(insn, raw, pc, npc);
    case O.OP_MADD: case O.OP_MSUB: case O.OP_NMSUB: case O.OP_NMADD:
      g_stepCodePage = 1;
      return executeFpFused(insn, pc, npc);
    case O.OP_FP:
      g_stepCodePage = 1;
      return executeFp(insn, pc, npc);
    case O.OP_INTERNAL: { // Zcb unary forms, only reachable from a 16-bit instruction
      if (npc != pc + 2) return illegal(pc, raw);
      const a = getX(rs1);
      if (funct3 == INTERNAL_ZEXT_H) setX(rd, a & 0xffff);
      else if (funct3 == INTERNAL_SEXT_B) setX(rd, <u64><i64><i8>a);
      else if (funct3 == INTERNAL_SEXT_H) setX(rd, <u64><i64><i16>a);
      else setX(rd, a & 0xffffffff); // zext.w
      return npc;
    }
    default:
      return illegal(pc, raw);
  }
}
