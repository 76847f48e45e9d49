// SYSTEM funct3 = 0: ECALL, EBREAK, SRET, MRET, WFI, SFENCE.VMA (spec/cartesi-machine.md §3).
import { IPRV, MSTATUS, MEPC, SEPC, IUNREP, MIP, MIE, RI_WAKE_MCYCLE, CLINT_MTIMECMP, RI_MCYCLE_END } from '../layout';
import {
  PRV_M, PRV_S, PRV_U, MSTATUS_MIE, MSTATUS_MPIE, MSTATUS_MPP, MSTATUS_MPP_SHIFT, MSTATUS_MPRV,
  MSTATUS_SIE, MSTATUS_SPIE, MSTATUS_SPP, MSTATUS_TSR, MSTATUS_TVM, MSTATUS_TW, CAUSE_BREAKPOINT,
  CAUSE_ECALL_U, CAUSE_ILLEGAL_INSN, BREAK_IDLE, LOG2_RTC_FREQ_DIV,
} from './constants';
import { raiseException, setPrv } from './trap';
import { tlbFlushAll } from './tlb';
import { requestBreak, SERVE_INTERRUPTS } from '../devices/breaks';

export function executeSystem(insn: u32, pc: u64, mcycle: u64): u64 {
  const prv = load<u64>(IPRV);
  const mstatus = load<u64>(MSTATUS);
  if (insn == 0x00000073) return raiseException(pc, CAUSE_ECALL_U + prv, 0); // ecall: 8, 9, 11
  if (insn == 0x00100073) return raiseException(pc, CAUSE_BREAKPOINT, pc); // ebreak
  if (insn == 0x30200073) { // mret
    if (prv != PRV_M) return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>insn);
    const mpp = (mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
    let v = mstatus;
    v = (v & ~MSTATUS_MIE) | ((v & MSTATUS_MPIE) >> 4);
    v |= MSTATUS_MPIE;
    v &= ~MSTATUS_MPP;
    if (mpp != PRV_M) v &= ~MSTATUS_MPRV;
    store<u64>(MSTATUS, v);
    setPrv(mpp);
    requestBreak(SERVE_INTERRUPTS);
    return load<u64>(MEPC);
  }
  if (insn == 0x10200073) { // sret
    if (prv == PRV_U || (prv == PRV_S && (mstatus & MSTATUS_TSR) != 0)) {
      return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>insn);
    }
    const spp = (mstatus & MSTATUS_SPP) >> 8;
    let v = mstatus;
    v = (v & ~MSTATUS_SIE) | ((v & MSTATUS_SPIE) >> 4);
    v |= MSTATUS_SPIE;
    v &= ~MSTATUS_SPP;
    v &= ~MSTATUS_MPRV; // returning below M
    store<u64>(MSTATUS, v);
    setPrv(spp);
    requestBreak(SERVE_INTERRUPTS);
    return load<u64>(SEPC);
  }
  if (insn == 0x10500073) { // wfi
    if (prv == PRV_U || (prv == PRV_S && (mstatus & MSTATUS_TW) != 0)) {
      return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>insn);
    }
    // Reproducible machines: a one-cycle no-op (§3.5). Interactive ones with nothing pending let the host
    // wait until the timer deadline or the run's limit, whichever comes first.
    if (load<u64>(IUNREP) != 0 && (load<u64>(MIP) & load<u64>(MIE)) == 0) {
      const timecmpCycle = load<u64>(CLINT_MTIMECMP) << LOG2_RTC_FREQ_DIV; // wraps as in §3.4
      let wake = load<u64>(RI_MCYCLE_END);
      if (timecmpCycle != 0 && timecmpCycle < wake) wake = timecmpCycle;
      store<u64>(RI_WAKE_MCYCLE, wake);
      requestBreak(BREAK_IDLE);
    }
    return pc + 4;
  }
  if ((insn & 0xfe007fff) == 0x12000073) { // sfence.vma: every form flushes everything (§5)
    if (prv == PRV_U || (prv == PRV_S && (mstatus & MSTATUS_TVM) != 0)) {
      return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>insn);
    }
    tlbFlushAll();
    return pc + 4;
  }
  return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>insn);
}
