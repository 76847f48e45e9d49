// Zicsr: CSR instructions, access rules and WARL masks of Cartesi v0.21 (spec/cartesi-machine.md §2, §3.2,
// §3.3). Writes that can make an interrupt takeable end the tick block (serve interrupts, §3.4).
import {
  FCSR, IPRV, MSTATUS, MTVEC, MSCRATCH, MEPC, MCAUSE, MTVAL, MISA, MIE, MIP, MEDELEG, MIDELEG, MCOUNTEREN,
  MENVCFG, MVENDORID, MARCHID, MIMPID, STVEC, SSCRATCH, SEPC, SCAUSE, STVAL, SATP, SCOUNTEREN, SENVCFG,
  ICYCLEINSTRET,
} from '../layout';
import {
  PRV_M, PRV_S, PRV_U, MSTATUS_W_MASK, MSTATUS_FS, MSTATUS_SD, MSTATUS_MPP, MSTATUS_MPRV, MSTATUS_SUM,
  MSTATUS_MXR, MSTATUS_SIE, MSTATUS_MIE, MSTATUS_TVM, SSTATUS_R_MASK, SSTATUS_W_MASK, MIE_W_MASK, MIP_W_MASK,
  MIDELEG_W_MASK, MEDELEG_W_MASK, COUNTEREN_W_MASK, ENVCFG_W_MASK, MIP_SSIP, SATP_MODE_SHIFT,
  SATP_MODE_BARE, SATP_MODE_SV39, SATP_MODE_SV48, SATP_PPN_MASK, LOG2_RTC_FREQ_DIV, CAUSE_ILLEGAL_INSN,
} from './constants';
import { getX, setX } from './state';
import { tlbFlushAll, tlbFlushRead, tlbFlushReadWrite } from './tlb';
import { raiseException } from './trap';
import { requestBreak, SERVE_INTERRUPTS } from '../devices/breaks';

let g_csrValue: u64 = 0;

@inline function ok(v: u64): bool {
  g_csrValue = v;
  return true;
}

/** Counter access from S/U is gated by mcounteren (and scounteren for U), bit = counter index. */
function counterEnabled(bit: u32): bool {
  const prv = load<u64>(IPRV);
  if (prv < PRV_M && ((load<u64>(MCOUNTEREN) >> bit) & 1) == 0) return false;
  if (prv < PRV_S && ((load<u64>(SCOUNTEREN) >> bit) & 1) == 0) return false;
  return true;
}

@inline function fsOn(): bool {
  return (load<u64>(MSTATUS) & MSTATUS_FS) != 0;
}

function csrRead(csr: u32, mcycle: u64): bool {
  switch (csr) {
    case 0x001: return fsOn() && ok(load<u64>(FCSR) & 0x1f);
    case 0x002: return fsOn() && ok((load<u64>(FCSR) >> 5) & 7);
    case 0x003: return fsOn() && ok(load<u64>(FCSR) & 0xff);
    case 0xc00: return counterEnabled(0) && ok(mcycle);
    case 0xc01: return counterEnabled(1) && ok(mcycle >> LOG2_RTC_FREQ_DIV);
    case 0xc02: return counterEnabled(2) && ok(mcycle - load<u64>(ICYCLEINSTRET));
    case 0x100: return ok(load<u64>(MSTATUS) & SSTATUS_R_MASK);
    case 0x104: return ok(load<u64>(MIE) & load<u64>(MIDELEG));
    case 0x105: return ok(load<u64>(STVEC));
    case 0x106: return ok(load<u64>(SCOUNTEREN));
    case 0x10a: return ok(load<u64>(SENVCFG));
    case 0x140: return ok(load<u64>(SSCRATCH));
    case 0x141: return ok(load<u64>(SEPC));
    case 0x142: return ok(load<u64>(SCAUSE));
    case 0x143: return ok(load<u64>(STVAL));
    case 0x144: return ok(load<u64>(MIP) & load<u64>(MIDELEG));
    case 0x180:
      if (load<u64>(IPRV) == PRV_S && (load<u64>(MSTATUS) & MSTATUS_TVM) != 0) return false;
      return ok(load<u64>(SATP));
    case 0xf11: return ok(load<u64>(MVENDORID));
    case 0xf12: return ok(load<u64>(MARCHID));
    case 0xf13: return ok(load<u64>(MIMPID));
    case 0xf14: return ok(0); // mhartid
    case 0xf15: return ok(0); // mconfigptr
    case 0x300: return ok(load<u64>(MSTATUS));
    case 0x301: return ok(load<u64>(MISA));
    case 0x302: return ok(load<u64>(MEDELEG));
    case 0x303: return ok(load<u64>(MIDELEG));
    case 0x304: return ok(load<u64>(MIE));
    case 0x305: return ok(load<u64>(MTVEC));
    case 0x306: return ok(load<u64>(MCOUNTEREN));
    case 0x30a: return ok(load<u64>(MENVCFG));
    case 0x340: return ok(load<u64>(MSCRATCH));
    case 0x341: return ok(load<u64>(MEPC));
    case 0x342: return ok(load<u64>(MCAUSE));
    case 0x343: return ok(load<u64>(MTVAL));
    case 0x344: return ok(load<u64>(MIP));
    case 0xb00: return ok(mcycle);
    case 0xb02: return ok(mcycle - load<u64>(ICYCLEINSTRET));
    case 0x320: return ok(0); // mcountinhibit
    case 0x7a0: case 0x7a1: case 0x7a2: case 0x7a3: return ok(0); // tselect, tdata1-3
    default:
      // mhpmcounter3-31 and mhpmevent3-31 read as zero (§2).
      if ((csr >= 0xb03 && csr <= 0xb1f) || (csr >= 0x323 && csr <= 0x33f)) return ok(0);
      return false;
  }
}

function writeMstatus(value: u64, mask: u64): void {
  const old = load<u64>(MSTATUS);
  let v = (old & ~mask) | (value & mask);
  // MPP = 2 (HS) is not supported: becomes U (§3.1).
  if (((v & MSTATUS_MPP) >> 11) == 2) v &= ~MSTATUS_MPP;
  // FS other than Off is forced to Dirty; SD follows FS (§3.2).
  if ((v & MSTATUS_FS) != 0) v |= MSTATUS_FS | MSTATUS_SD;
  else v &= ~MSTATUS_SD;
  store<u64>(MSTATUS, v);
  const changed = old ^ v;
  if ((changed & (MSTATUS_SUM | MSTATUS_MPRV)) != 0 || ((changed & MSTATUS_MPP) != 0 && (v & MSTATUS_MPRV) != 0)) {
    tlbFlushReadWrite();
  } else if ((changed & MSTATUS_MXR) != 0) {
    tlbFlushRead();
  }
  if ((changed & (MSTATUS_SIE | MSTATUS_MIE)) != 0) requestBreak(SERVE_INTERRUPTS);
}

function csrWrite(csr: u32, v: u64, mcycle: u64): bool {
  switch (csr) {
    case 0x001: if (!fsOn()) return false; store<u64>(FCSR, (load<u64>(FCSR) & ~(<u64>0x1f)) | (v & 0x1f)); return true;
    case 0x002: if (!fsOn()) return false; store<u64>(FCSR, (load<u64>(FCSR) & 0x1f) | ((v & 7) << 5)); return true;
    case 0x003: if (!fsOn()) return false; store<u64>(FCSR, v & 0xff); return true;
    case 0x100: writeMstatus(v, SSTATUS_W_MASK); return true;
    case 0x104: {
      const mask = MIE_W_MASK & load<u64>(MIDELEG);
      store<u64>(MIE, (load<u64>(MIE) & ~mask) | (v & mask));
      requestBreak(SERVE_INTERRUPTS);
      return true;
    }
    case 0x105: store<u64>(STVEC, v & ~(<u64>3)); return true;
    case 0x106: store<u64>(SCOUNTEREN, v & COUNTEREN_W_MASK); return true;
    case 0x10a: store<u64>(SENVCFG, v & ENVCFG_W_MASK); return true;
    case 0x140: store<u64>(SSCRATCH, v); return true;
    case 0x141: store<u64>(SEPC, v & ~(<u64>1)); return true;
    case 0x142: store<u64>(SCAUSE, v); return true;
    case 0x143: store<u64>(STVAL, v); return true;
    case 0x144: {
      const mask = MIP_SSIP & load<u64>(MIDELEG);
      store<u64>(MIP, (load<u64>(MIP) & ~mask) | (v & mask));
      requestBreak(SERVE_INTERRUPTS);
      return true;
    }
    case 0x180: {
      if (load<u64>(IPRV) == PRV_S && (load<u64>(MSTATUS) & MSTATUS_TVM) != 0) return false;
      const mode = v >> SATP_MODE_SHIFT;
      // Unsupported modes leave satp unchanged; ASIDLEN is 0 (§3.2).
      if (mode != SATP_MODE_BARE && mode != SATP_MODE_SV39 && mode != SATP_MODE_SV48) return true;
      const old = load<u64>(SATP);
      const next = (mode << SATP_MODE_SHIFT) | (v & SATP_PPN_MASK);
      store<u64>(SATP, next);
      if ((old >> SATP_MODE_SHIFT) != mode) tlbFlushAll();
      return true;
    }
    case 0x300: writeMstatus(v, MSTATUS_W_MASK); return true;
    case 0x301: return true; // misa: writes ignored
    case 0x302: store<u64>(MEDELEG, v & MEDELEG_W_MASK); return true;
    case 0x303:
      store<u64>(MIDELEG, v & MIDELEG_W_MASK);
      requestBreak(SERVE_INTERRUPTS);
      return true;
    case 0x304:
      store<u64>(MIE, v & MIE_W_MASK);
      requestBreak(SERVE_INTERRUPTS);
      return true;
    case 0x305: store<u64>(MTVEC, v & ~(<u64>3)); return true;
    case 0x306: store<u64>(MCOUNTEREN, v & COUNTEREN_W_MASK); return true;
    case 0x30a: store<u64>(MENVCFG, v & ENVCFG_W_MASK); return true;
    case 0x340: store<u64>(MSCRATCH, v); return true;
    case 0x341: store<u64>(MEPC, v & ~(<u64>1)); return true;
    case 0x342: store<u64>(MCAUSE, v); return true;
    case 0x343: store<u64>(MTVAL, v); return true;
    case 0x344:
      store<u64>(MIP, (load<u64>(MIP) & ~MIP_W_MASK) | (v & MIP_W_MASK));
      requestBreak(SERVE_INTERRUPTS);
      return true;
    case 0xb00: return false; // mcycle is read-only from the guest (§3.3)
    case 0xb02:
      // The next read must return the written value: icycleinstret = mcycle + 1 - value (§3.3).
      store<u64>(ICYCLEINSTRET, mcycle + 1 - v);
      return true;
    case 0x320: case 0x7a0: case 0x7a1: case 0x7a2: case 0x7a3: return true;
    default:
      if ((csr >= 0xb03 && csr <= 0xb1f) || (csr >= 0x323 && csr <= 0x33f)) return true;
      return false;
  }
}

/** Executes a CSR instruction (SYSTEM funct3 1-3, 5-7); returns the next pc (a handler on a fault). */
export function executeCsr(insn: u32, pc: u64, mcycle: u64): u64 {
  const csr = insn >> 20;
  const rd = (insn >> 7) & 31;
  const rs1 = (insn >> 15) & 31;
  const funct3 = (insn >> 12) & 7;
  const prv = load<u64>(IPRV);
  // Privilege needed is in bits 9:8; bits 11:10 == 3 means read-only.
  if (((<u64>csr >> 8) & 3) > prv) return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>insn);
  const source: u64 = (funct3 & 4) != 0 ? <u64>rs1 : getX(rs1);
  let write: bool;
  let read: bool = true;
  const op = funct3 & 3;
  if (op == 1) {
    write = true;
    read = rd != 0;
  } else {
    write = rs1 != 0; // CSRRS/CSRRC with x0 or a zero immediate do not write
  }
  if (write && (csr >> 10) == 3) return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>insn);
  let old: u64 = 0;
  if (read || op != 1) {
    if (!csrRead(csr, mcycle)) return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>insn);
    old = g_csrValue;
  } else if (!csrExists(csr, mcycle)) {
    return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>insn);
  }
  if (write) {
    let value: u64;
    if (op == 1) value = source;
    else if (op == 2) value = old | source;
    else value = old & ~source;
    if (!csrWrite(csr, value, mcycle)) return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>insn);
  }
  setX(rd, old);
  return pc + 4;
}

@inline function csrExists(csr: u32, mcycle: u64): bool {
  return csrRead(csr, mcycle);
}

export { PRV_U };
