// Traps: exception and interrupt entry, delegation, privilege changes (spec/cartesi-machine.md §3).
import {
  IPRV, MSTATUS, MEDELEG, MIDELEG, MIE, MIP, MTVEC, STVEC, MEPC, SEPC, MCAUSE, SCAUSE, MTVAL, STVAL,
  ICYCLEINSTRET, ILRSC,
} from '../layout';
import {
  PRV_M, PRV_S, MSTATUS_SIE, MSTATUS_MIE, MSTATUS_SPIE, MSTATUS_MPIE, MSTATUS_SPP, MSTATUS_MPP,
  MSTATUS_MPP_SHIFT, CAUSE_INTERRUPT, MIP_MEIP, MIP_MSIP, MIP_MTIP, MIP_SEIP, MIP_SSIP, MIP_STIP,
} from './constants';
import { tlbFlushAll } from './tlb';

/** Changing privilege flushes the TLB and drops any LR reservation; staying in the same mode does neither (§3.6). */
export function setPrv(prv: u64): void {
  if (prv == load<u64>(IPRV)) return;
  store<u64>(IPRV, prv);
  tlbFlushAll();
  store<u64>(ILRSC, 0xffffffffffffffff);
}

/** Enters the trap handler for `cause` raised at `pc`; returns the handler address. */
export function raiseException(pc: u64, cause: u64, tval: u64): u64 {
  const prv = load<u64>(IPRV);
  // Every trap counts as a non-retired cycle: minstret = mcycle - icycleinstret (§3.3).
  store<u64>(ICYCLEINSTRET, load<u64>(ICYCLEINSTRET) + 1);
  const isInterrupt = (cause & CAUSE_INTERRUPT) != 0;
  const code = cause & 63;
  const deleg = isInterrupt ? load<u64>(MIDELEG) : load<u64>(MEDELEG);
  let mstatus = load<u64>(MSTATUS);
  if (prv <= PRV_S && ((deleg >> code) & 1) != 0) {
    store<u64>(SCAUSE, cause);
    store<u64>(SEPC, pc);
    store<u64>(STVAL, tval);
    mstatus = (mstatus & ~MSTATUS_SPIE) | ((mstatus & MSTATUS_SIE) << 4);
    mstatus = (mstatus & ~MSTATUS_SPP) | (prv << 8);
    mstatus &= ~MSTATUS_SIE;
    store<u64>(MSTATUS, mstatus);
    setPrv(PRV_S);
    return load<u64>(STVEC);
  }
  store<u64>(MCAUSE, cause);
  store<u64>(MEPC, pc);
  store<u64>(MTVAL, tval);
  mstatus = (mstatus & ~MSTATUS_MPIE) | ((mstatus & MSTATUS_MIE) << 4);
  mstatus = (mstatus & ~MSTATUS_MPP) | (prv << MSTATUS_MPP_SHIFT);
  mstatus &= ~MSTATUS_MIE;
  store<u64>(MSTATUS, mstatus);
  setPrv(PRV_M);
  return load<u64>(MTVEC);
}

/** Pending and enabled interrupts, following the privileged spec's enabling rules (§3.4). */
export function pendingInterrupts(): u64 {
  const pending = load<u64>(MIP) & load<u64>(MIE);
  if (pending == 0) return 0;
  const prv = load<u64>(IPRV);
  const mstatus = load<u64>(MSTATUS);
  const mideleg = load<u64>(MIDELEG);
  let enabled: u64 = 0;
  // M-level (not delegated) interrupts: enabled below M, or in M with MIE.
  if (prv < PRV_M || (mstatus & MSTATUS_MIE) != 0) enabled |= ~mideleg;
  // S-level (delegated) interrupts: enabled in U, or in S with SIE; never in M.
  if (prv < PRV_S || (prv == PRV_S && (mstatus & MSTATUS_SIE) != 0)) enabled |= mideleg;
  return pending & enabled;
}

/** Takes the highest-priority pending interrupt (MEI, MSI, MTI, SEI, SSI, STI); returns the new pc. */
export function raiseInterruptIfAny(pc: u64): u64 {
  const p = pendingInterrupts();
  if (p == 0) return pc;
  let code: u64;
  if ((p & MIP_MEIP) != 0) code = 11;
  else if ((p & MIP_MSIP) != 0) code = 3;
  else if ((p & MIP_MTIP) != 0) code = 7;
  else if ((p & MIP_SEIP) != 0) code = 9;
  else if ((p & MIP_SSIP) != 0) code = 1;
  else if ((p & MIP_STIP) != 0) code = 5;
  else return pc;
  return raiseException(pc, CAUSE_INTERRUPT | code, 0);
}
