// The interpreter: tick blocks, interrupt check points and the fetch/decode/execute loop
// (spec/cartesi-machine.md §3.3–§3.4). Hot path shape: a fast loop that makes no calls at all, so pc, mcycle
// and the code-page pointer stay in host registers; it runs the common integer instructions and loads and
// stores that hit the TLB, and hands every other instruction to stepSlow (step.ts), one at a time.
import {
  PC, MCYCLE, IFLAGS_H, IFLAGS_X, IFLAGS_Y, RI_BREAK, RI_MCYCLE_END, MIP, CLINT_MTIMECMP, TLB_FAST,
  TLB_FAST_SET_BYTES, RVC_TABLE,
} from '../layout';
import {
  BREAK_HALTED, BREAK_MAX_MCYCLE, BREAK_NONE, BREAK_YIELDED_AUTOMATICALLY, BREAK_YIELDED_MANUALLY, MIP_MTIP,
  LOG2_RTC_FREQ_DIV, RTC_FREQ_DIV,
} from './constants';
import { getX, setX } from './state';
import { raiseInterruptIfAny } from './trap';
import { stepSlow, g_stepCodePage, g_stepCodeAddend } from './step';
import {
  immI, immS, immU, immJ, immB, opImm, opImmValid, op, opValid, opImm32, opImm32Valid, op32, op32Valid,
  branchValid, branchTaken,
} from './alu';
import * as O from './opcodes';
import { SERVE_INTERRUPTS } from '../devices/breaks';

const TLB_READ_FAST: usize = TLB_FAST + TLB_FAST_SET_BYTES;
const TLB_WRITE_FAST: usize = TLB_FAST + 2 * TLB_FAST_SET_BYTES;
const PAGE_MASK: u64 = ~(<u64>0xfff);

/** Sets MTIP when the wrapped product mtimecmp × 8192 is non-zero and ≤ mcycle (§3.4). */
function setRtcInterrupt(mcycle: u64): void {
  const cycle = load<u64>(CLINT_MTIMECMP) << LOG2_RTC_FREQ_DIV;
  if (cycle != 0 && cycle <= mcycle) store<u64>(MIP, load<u64>(MIP) | MIP_MTIP);
}

/** pc and mcycle where fastLoop stopped (module globals: a function returns one value). */
let g_pc: u64 = 0;
let g_mcycle: u64 = 0;

/**
 * Runs instructions until tickEnd or one that needs the general path; returns true in the latter case, with
 * that instruction untouched at g_pc. It makes no calls, so V8 keeps pc, mcycle and the code page in
 * registers; it is exported only so that binaryen does not inline it into interpret (a single caller).
 */
export function fastLoop(pc: u64, mcycle: u64, tickEnd: u64, codePage: u64, codeAddend: u64): bool {
  let slow = false;
  while (mcycle < tickEnd) {
    if (pc - codePage >= 0xffe) { slow = true; break; }
    let insn = load<u32>(<usize>(codeAddend + pc));
    let npc = pc + 4;
    if ((insn & 3) != 3) {
      insn = load<u32>(RVC_TABLE + ((<usize>insn & 0xffff) << 2));
      npc = pc + 2;
    }
    const rd = (insn >> 7) & 31;
    const rs1 = (insn >> 15) & 31;
    const funct3 = (insn >> 12) & 7;
    switch ((insn >> 2) & 31) {
      case O.OP_IMM:
        if (funct3 == 0) { // addi (li, mv, nop): the most frequent instruction, without the generic switch
          setX(rd, getX(rs1) + immI(insn));
          break;
        }
        if (!opImmValid(insn, funct3)) { slow = true; break; }
        setX(rd, opImm(insn, funct3, getX(rs1)));
        break;
      case O.OP_LOAD: {
        const addr = getX(rs1) + immI(insn);
        const slot = TLB_READ_FAST + ((<usize>(addr >> 12) & 255) << 4);
        // One compare checks the page and the alignment (§6: misaligned accesses go to the slow path).
        if (funct3 == 7 || load<u64>(slot) != (addr & (PAGE_MASK | ((<u64>1 << <u64>(funct3 & 3)) - 1)))) {
          slow = true;
          break;
        }
        const h = <usize>(load<u64>(slot, 8) + addr);
        let v: u64;
        switch (funct3) {
          case 0: v = <u64><i64>load<i8>(h); break;
          case 1: v = <u64><i64>load<i16>(h); break;
          case 2: v = <u64><i64>load<i32>(h); break;
          case 3: v = load<u64>(h); break;
          case 4: v = <u64>load<u8>(h); break;
          case 5: v = <u64>load<u16>(h); break;
          default: v = <u64>load<u32>(h); break;
        }
        setX(rd, v);
        break;
      }
      case O.OP_STORE: {
        const addr = getX(rs1) + immS(insn);
        const slot = TLB_WRITE_FAST + ((<usize>(addr >> 12) & 255) << 4);
        if (funct3 > 3 || load<u64>(slot) != (addr & (PAGE_MASK | ((<u64>1 << <u64>funct3) - 1)))) {
          slow = true;
          break;
        }
        const h = <usize>(load<u64>(slot, 8) + addr);
        const v = getX((insn >> 20) & 31);
        switch (funct3) {
          case 0: store<u8>(h, <u8>v); break;
          case 1: store<u16>(h, <u16>v); break;
          case 2: store<u32>(h, <u32>v); break;
          default: store<u64>(h, v); break;
        }
        break;
      }
      case O.OP_OP: {
        const f7 = insn >> 25;
        if (!opValid(f7, funct3)) { slow = true; break; }
        setX(rd, op(f7, funct3, getX(rs1), getX((insn >> 20) & 31)));
        break;
      }
      case O.OP_IMM_32:
        if (!opImm32Valid(insn, funct3)) { slow = true; break; }
        setX(rd, opImm32(insn, funct3, getX(rs1)));
        break;
      case O.OP_OP_32: {
        const f7 = insn >> 25;
        if (!op32Valid(f7, funct3)) { slow = true; break; }
        setX(rd, op32(f7, funct3, getX(rs1), getX((insn >> 20) & 31)));
        break;
      }
      case O.OP_LUI: setX(rd, immU(insn)); break;
      case O.OP_AUIPC: setX(rd, pc + immU(insn)); break;
      case O.OP_JAL: setX(rd, npc); npc = pc + immJ(insn); break;
      case O.OP_JALR: {
        if (funct3 != 0) { slow = true; break; }
        const target = (getX(rs1) + immI(insn)) & ~(<u64>1);
        setX(rd, npc);
        npc = target;
        break;
      }
      case O.OP_BRANCH: {
        const a = getX(rs1);
        const b = getX((insn >> 20) & 31);
        let taken: bool;
        // Inline comparisons: one br_table on funct3 instead of a validity check plus a second switch.
        switch (funct3) {
          case 0: taken = a == b; break;
          case 1: taken = a != b; break;
          case 4: taken = <i64>a < <i64>b; break;
          case 5: taken = <i64>a >= <i64>b; break;
          case 6: taken = a < b; break;
          case 7: taken = a >= b; break;
          default: slow = true; taken = false; break;
        }
        if (taken) npc = pc + immB(insn);
        break;
      }
      default:
        slow = true;
        break;
    }
    if (slow) break;
    pc = npc;
    mcycle++;
  }
  g_pc = pc;
  g_mcycle = mcycle;
  return slow;
}

/** Runs until mcycle reaches mcycleEnd or something needs the host. Returns a BREAK_* reason. */
export function interpret(mcycleEnd: u64): u32 {
  if (load<u64>(IFLAGS_H) != 0) return BREAK_HALTED;
  if (load<u64>(IFLAGS_Y) != 0) return BREAK_YIELDED_MANUALLY;
  store<u64>(IFLAGS_X, 0); // an automatic yield is cleared by the next run (§9.6)
  store<u64>(RI_MCYCLE_END, mcycleEnd);
  let mcycle = load<u64>(MCYCLE);
  let pc = load<u64>(PC);
  let reason: u32 = BREAK_NONE;
  while (true) {
    if (mcycle >= mcycleEnd) { reason = BREAK_MAX_MCYCLE; break; }
    store<u32>(RI_BREAK, 0);
    // Start of a tick block: the timer test, then the interrupt check (§3.4).
    if ((mcycle & (RTC_FREQ_DIV - 1)) == 0) setRtcInterrupt(mcycle);
    store<u64>(MCYCLE, mcycle);
    pc = raiseInterruptIfAny(pc);
    let tickEnd = (mcycle | (RTC_FREQ_DIV - 1)) + 1;
    if (tickEnd > mcycleEnd) tickEnd = mcycleEnd;
    // Code-page cache: pc - codePage < 0xffe means pc's page is cached and a 4-byte read stays inside it.
    let codePage: u64 = 1;
    let codeAddend: u64 = 0;
    while (mcycle < tickEnd) {
      const slow = fastLoop(pc, mcycle, tickEnd, codePage, codeAddend);
      pc = g_pc;
      mcycle = g_mcycle;
      if (!slow) break;
      // General path for this one instruction (counts its cycle even when it traps, §3.3).
      pc = stepSlow(pc, mcycle);
      mcycle++;
      codePage = g_stepCodePage;
      codeAddend = g_stepCodeAddend;
      if (load<u32>(RI_BREAK) != 0) break; // serve interrupts, halt, yield, console, idle
    }
    const request = load<u32>(RI_BREAK);
    if (load<u64>(IFLAGS_H) != 0) { reason = BREAK_HALTED; break; }
    if (load<u64>(IFLAGS_Y) != 0) { reason = BREAK_YIELDED_MANUALLY; break; }
    if (load<u64>(IFLAGS_X) != 0) { reason = BREAK_YIELDED_AUTOMATICALLY; break; }
    if (request != 0 && request != SERVE_INTERRUPTS) { reason = request; break; }
  }
  store<u64>(PC, pc);
  store<u64>(MCYCLE, mcycle);
  return reason;
}
