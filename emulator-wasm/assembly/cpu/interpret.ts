// The interpreter: tick blocks, interrupt check points and the fetch/decode/execute loop
// (spec/cartesi-machine.md §3.3–§3.4). Hot path shape: the fast loop (fast-loop.ts) runs pre-decoded entries
// (decode.ts) with its few loop-carried values in host registers and hands every other instruction back, to
// be run by stepSlow (step.ts), one at a time. It stops only between instructions, so mcycle, the tick-block
// ends and the interrupt check points are exactly those of a one-step-at-a-time interpreter.
import {
  PC, MCYCLE, IFLAGS_H, IFLAGS_X, IFLAGS_Y, RI_BREAK, RI_MCYCLE_END, MIP, CLINT_MTIMECMP, DECODE_SLOW,
  RI_CODE_PAGE, RI_CODE_ADDEND, RI_DECODE_BASE,
} from '../layout';
import {
  BREAK_HALTED, BREAK_MAX_MCYCLE, BREAK_NONE, BREAK_YIELDED_AUTOMATICALLY, BREAK_YIELDED_MANUALLY, MIP_MTIP,
  LOG2_RTC_FREQ_DIV, RTC_FREQ_DIV,
} from './constants';
import { raiseInterruptIfAny } from './trap';
import { stepSlow, g_stepCodePage, g_stepCodeAddend } from './step';
import { decodeAt, decodePage } from './decode';
import {
  fastLoop, runOutOfLoop, currentPage, g_pc, g_mcycle, NO_PAGE, RUN_TICK_END, RUN_DECODE, RUN_OUT_OF_LOOP,
} from './fast-loop';
import { SERVE_INTERRUPTS } from '../devices/breaks';

/** Sets MTIP when the wrapped product mtimecmp × 8192 is non-zero and ≤ mcycle (§3.4). */
function setRtcInterrupt(mcycle: u64): void {
  const cycle = load<u64>(CLINT_MTIMECMP) << LOG2_RTC_FREQ_DIV;
  if (cycle != 0 && cycle <= mcycle) store<u64>(MIP, load<u64>(MIP) | MIP_MTIP);
}

/** Enters a code page known to the general path (NO_PAGE: none), claiming its decode slot. */
function enterPage(page: u64, addend: u64): void {
  store<u64>(RI_CODE_PAGE, page);
  store<u64>(RI_CODE_ADDEND, addend);
  store<usize>(RI_DECODE_BASE, page == NO_PAGE ? DECODE_SLOW : decodePage(<u32>((addend + page) >> 12)));
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
    // Current code page (virtual), its host addend and decoded entries; NO_PAGE sends the first
    // instruction through the code TLB (fastLoop) or the general path.
    enterPage(NO_PAGE, 0);
    while (mcycle < tickEnd) {
      const status = fastLoop(pc, mcycle, tickEnd);
      pc = g_pc;
      mcycle = g_mcycle;
      if (status == RUN_TICK_END) break;
      if (status == RUN_DECODE) {
        decodeAt(load<usize>(RI_DECODE_BASE), pc - currentPage(), <usize>(load<u64>(RI_CODE_ADDEND) + pc));
        continue;
      }
      if (status == RUN_OUT_OF_LOOP) {
        // Out of fastLoop (see there), still without the general path when its accesses hit the TLB.
        const entry = load<u64>(load<usize>(RI_DECODE_BASE) + (<usize>(pc - currentPage()) << 2));
        if (runOutOfLoop(entry)) {
          pc += (entry >> 8) & 7;
          mcycle++;
          continue;
        }
      }
      // General path for this one instruction (counts its cycle even when it traps, §3.3).
      pc = stepSlow(pc, mcycle);
      mcycle++;
      enterPage(g_stepCodePage, g_stepCodeAddend);
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
