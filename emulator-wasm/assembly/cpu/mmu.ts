// Virtual memory: Sv39/Sv48 page walk (spec/cartesi-machine.md §4), the slow paths of loads, stores and
// fetches (alignment first, then translation, then the PMA; §6), TLB refill (§5) and device dispatch.
// Results travel through module globals so that nothing allocates: a function returns false on a fault
// and leaves the cause and tval in g_faultCause/g_faultTval.
import { MSTATUS, SATP, IPRV } from '../layout';
import {
  PRV_M, PRV_U, MSTATUS_MPRV, MSTATUS_MPP_SHIFT, MSTATUS_SUM, MSTATUS_MXR, SATP_MODE_SHIFT,
  SATP_MODE_SV39, SATP_MODE_SV48, SATP_PPN_MASK, PMA_M, PMA_IO, PMA_R, PMA_W, PMA_X,
  CAUSE_LOAD_MISALIGNED, CAUSE_STORE_MISALIGNED, CAUSE_LOAD_ACCESS_FAULT, CAUSE_STORE_ACCESS_FAULT,
  CAUSE_INSN_ACCESS_FAULT, CAUSE_LOAD_PAGE_FAULT, CAUSE_STORE_PAGE_FAULT, CAUSE_INSN_PAGE_FAULT,
} from './constants';
import { TLB_CODE, TLB_READ, TLB_WRITE } from '../layout';
import { pmaFind, pmaFlags, pmaHost, pmaStart } from './pma';
import { fastSlot, tlbRefill } from './tlb';
import { deviceRead, deviceWrite, deviceValue } from '../devices/dispatch';
import { codeWrittenSlow } from './decode';

export let g_faultCause: u64 = 0;
export let g_faultTval: u64 = 0;
export let g_value: u64 = 0;
export let g_paddr: u64 = 0;
/** Host offset of the code page found by fetchSlow, as an addend to the virtual pc. */
export let g_codeAddend: u64 = 0;

const ACCESS_READ: u32 = 0;
const ACCESS_WRITE: u32 = 1;
const ACCESS_EXEC: u32 = 2;

const PTE_V: u64 = 1 << 0;
const PTE_R: u64 = 1 << 1;
const PTE_W: u64 = 1 << 2;
const PTE_X: u64 = 1 << 3;
const PTE_U: u64 = 1 << 4;
const PTE_A: u64 = 1 << 6;
const PTE_D: u64 = 1 << 7;
const PTE_PPN_MASK: u64 = (<u64>1 << 44) - 1;

@inline function pageFaultCause(access: u32): u64 {
  return access == ACCESS_EXEC ? CAUSE_INSN_PAGE_FAULT : access == ACCESS_WRITE ? CAUSE_STORE_PAGE_FAULT : CAUSE_LOAD_PAGE_FAULT;
}

/** Reads a PTE from physical memory; returns false if it is not in a memory range. */
function readPhys64(paddr: u64): bool {
  const i = pmaFind(paddr, 8);
  if (i < 0 || (pmaFlags(<u32>i) & PMA_M) == 0) return false;
  g_value = load<u64>(<usize>(pmaHost(<u32>i) + (paddr - pmaStart(<u32>i))));
  return true;
}

function writePhys64(paddr: u64, v: u64): void {
  const i = pmaFind(paddr, 8);
  if (i < 0 || (pmaFlags(<u32>i) & PMA_W) == 0) return;
  const host = <usize>(pmaHost(<u32>i) + (paddr - pmaStart(<u32>i)));
  store<u64>(host, v);
  codeWrittenSlow(host);
}

/**
 * Translate vaddr for an access; on success g_paddr holds the physical address. `faultAccess` selects the
 * cause family (an AMO reads with store-type causes, §6).
 */
export function translate(vaddr: u64, access: u32, faultAccess: u32): bool {
  const mstatus = load<u64>(MSTATUS);
  let prv = load<u64>(IPRV);
  if (access != ACCESS_EXEC && (mstatus & MSTATUS_MPRV) != 0 && prv == PRV_M) {
    prv = (mstatus >> MSTATUS_MPP_SHIFT) & 3;
  }
  const satp = load<u64>(SATP);
  const mode = satp >> SATP_MODE_SHIFT;
  if (prv == PRV_M || mode == 0) {
    g_paddr = vaddr;
    return true;
  }
  let levels: i32 = mode == SATP_MODE_SV39 ? 3 : 4;
  const vaBits: u64 = mode == SATP_MODE_SV39 ? 39 : 48;
  // The unused upper bits must all equal the top VA bit, otherwise the access page-faults (§4).
  if (<u64>((<i64>(vaddr << (64 - vaBits))) >> (64 - vaBits)) != vaddr) return pageFault(vaddr, faultAccess);
  let tableAddr = (satp & SATP_PPN_MASK) << 12;
  for (let level = levels - 1; level >= 0; level--) {
    const shift = 12 + 9 * <u64>level;
    const vpn = (vaddr >> shift) & 511;
    const pteAddr = tableAddr + (vpn << 3);
    if (!readPhys64(pteAddr)) return pageFault(vaddr, faultAccess);
    let pte = g_value;
    if ((pte & PTE_V) == 0 || ((pte & PTE_R) == 0 && (pte & PTE_W) != 0)) return pageFault(vaddr, faultAccess);
    if ((pte >> 54) != 0) return pageFault(vaddr, faultAccess); // no Svpbmt/Svnapot: reserved bits must be 0
    const ppn = (pte >> 10) & PTE_PPN_MASK;
    if ((pte & (PTE_R | PTE_X)) == 0) {
      if (level == 0) return pageFault(vaddr, faultAccess);
      tableAddr = ppn << 12;
      continue;
    }
    // Leaf: permissions.
    if (prv == PRV_U) {
      if ((pte & PTE_U) == 0) return pageFault(vaddr, faultAccess);
    } else if ((pte & PTE_U) != 0) {
      // S-mode never executes U pages; loads/stores need SUM.
      if (access == ACCESS_EXEC || (mstatus & MSTATUS_SUM) == 0) return pageFault(vaddr, faultAccess);
    }
    if (access == ACCESS_EXEC) {
      if ((pte & PTE_X) == 0) return pageFault(vaddr, faultAccess);
    } else if (access == ACCESS_READ) {
      const readable = (pte & PTE_R) != 0 || ((mstatus & MSTATUS_MXR) != 0 && (pte & PTE_X) != 0);
      if (!readable) return pageFault(vaddr, faultAccess);
    } else if ((pte & PTE_W) == 0) {
      return pageFault(vaddr, faultAccess);
    }
    // Superpages must be aligned.
    const lowMask: u64 = (<u64>1 << (9 * <u64>level)) - 1;
    if ((ppn & lowMask) != 0) return pageFault(vaddr, faultAccess);
    // Hardware A/D update (§4).
    const want = PTE_A | (access == ACCESS_WRITE ? PTE_D : 0);
    if ((pte & want) != want) {
      pte |= want;
      writePhys64(pteAddr, pte);
    }
    const pageOffsetMask: u64 = (<u64>1 << shift) - 1;
    g_paddr = ((ppn << 12) & ~pageOffsetMask) | (vaddr & pageOffsetMask);
    return true;
  }
  return pageFault(vaddr, faultAccess);
}

function pageFault(vaddr: u64, access: u32): bool {
  g_faultCause = pageFaultCause(access);
  g_faultTval = vaddr;
  return false;
}

@inline function fault(cause: u64, tval: u64): bool {
  g_faultCause = cause;
  g_faultTval = tval;
  return false;
}

/** Sign- or zero-extend a raw little-endian value loaded with funct3-style width code. */
@inline function extend(v: u64, funct3: u32): u64 {
  switch (funct3) {
    case 0: return <u64><i64><i8>v;
    case 1: return <u64><i64><i16>v;
    case 2: return <u64><i64><i32>v;
    case 4: return v & 0xff;
    case 5: return v & 0xffff;
    case 6: return v & 0xffffffff;
    default: return v;
  }
}

@inline function hostLoad(host: usize, size: u32): u64 {
  if (size == 8) return load<u64>(host);
  if (size == 4) return <u64>load<u32>(host);
  if (size == 2) return <u64>load<u16>(host);
  return <u64>load<u8>(host);
}

@inline function hostStore(host: usize, size: u32, v: u64): void {
  if (size == 8) store<u64>(host, v);
  else if (size == 4) store<u32>(host, <u32>v);
  else if (size == 2) store<u16>(host, <u16>v);
  else store<u8>(host, <u8>v);
}

/**
 * Slow path of a load of 1 << (funct3 & 3) bytes (funct3 as in LOAD: 0 lb … 6 lwu). On success g_value
 * holds the extended value. `amo` selects store-type fault causes for the read half of an AMO.
 */
export function loadSlow(vaddr: u64, funct3: u32, amo: bool): bool {
  const size: u32 = 1 << (funct3 & 3);
  const faultAccess = amo ? ACCESS_WRITE : ACCESS_READ;
  if ((vaddr & <u64>(size - 1)) != 0) return fault(amo ? CAUSE_STORE_MISALIGNED : CAUSE_LOAD_MISALIGNED, vaddr);
  // TLB hit (the fast path may have missed only because the caller has none, e.g. AMOs).
  const slot = fastSlot(TLB_READ, vaddr);
  if (load<u64>(slot) == (vaddr & ~(<u64>0xfff))) {
    g_value = extend(hostLoad(<usize>(load<u64>(slot, 8) + vaddr), size), funct3);
    return true;
  }
  if (!translate(vaddr, ACCESS_READ, faultAccess)) return false;
  const paddr = g_paddr;
  const i = pmaFind(paddr, <u64>size);
  const accessFault = amo ? CAUSE_STORE_ACCESS_FAULT : CAUSE_LOAD_ACCESS_FAULT;
  if (i < 0) return fault(accessFault, vaddr);
  const flags = pmaFlags(<u32>i);
  if ((flags & PMA_M) != 0) {
    if ((flags & PMA_R) == 0) return fault(accessFault, vaddr);
    const start = pmaStart(<u32>i);
    const host = pmaHost(<u32>i);
    tlbRefill(TLB_READ, vaddr, paddr, <u32>i, start, host);
    g_value = extend(hostLoad(<usize>(host + (paddr - start)), size), funct3);
    return true;
  }
  if ((flags & PMA_IO) != 0) {
    if (!deviceRead(flags, paddr - pmaStart(<u32>i), size)) return fault(accessFault, vaddr);
    g_value = extend(deviceValue(), funct3);
    return true;
  }
  return fault(accessFault, vaddr);
}


/** Slow path of a store of `size` bytes (1, 2, 4, 8). */
export function storeSlow(vaddr: u64, size: u32, value: u64): bool {
  if ((vaddr & <u64>(size - 1)) != 0) return fault(CAUSE_STORE_MISALIGNED, vaddr);
  const slot = fastSlot(TLB_WRITE, vaddr);
  if (load<u64>(slot) == (vaddr & ~(<u64>0xfff))) {
    const host = <usize>(load<u64>(slot, 8) + vaddr);
    hostStore(host, size, value);
    codeWrittenSlow(host);
    return true;
  }
  if (!translate(vaddr, ACCESS_WRITE, ACCESS_WRITE)) return false;
  const paddr = g_paddr;
  const i = pmaFind(paddr, <u64>size);
  if (i < 0) return fault(CAUSE_STORE_ACCESS_FAULT, vaddr);
  const flags = pmaFlags(<u32>i);
  if ((flags & PMA_M) != 0) {
    if ((flags & PMA_W) == 0) return fault(CAUSE_STORE_ACCESS_FAULT, vaddr);
    const start = pmaStart(<u32>i);
    const host = pmaHost(<u32>i);
    tlbRefill(TLB_WRITE, vaddr, paddr, <u32>i, start, host);
    const at = <usize>(host + (paddr - start));
    hostStore(at, size, value);
    codeWrittenSlow(at);
    return true;
  }
  if ((flags & PMA_IO) != 0) {
    if (!deviceWrite(flags, paddr - pmaStart(<u32>i), size, value)) return fault(CAUSE_STORE_ACCESS_FAULT, vaddr);
    return true;
  }
  return fault(CAUSE_STORE_ACCESS_FAULT, vaddr);
}

/**
 * Finds the host addend of the code page holding vaddr (code TLB, refilled on a miss). Fetches are allowed
 * only from ranges with M and X (§5); a device page raises an instruction access fault.
 */
export function codePage(vaddr: u64): bool {
  const slot = fastSlot(TLB_CODE, vaddr);
  if (load<u64>(slot) == (vaddr & ~(<u64>0xfff))) {
    g_codeAddend = load<u64>(slot, 8);
    return true;
  }
  if (!translate(vaddr, ACCESS_EXEC, ACCESS_EXEC)) return false;
  const paddr = g_paddr;
  const i = pmaFind(paddr, 2);
  if (i < 0) return fault(CAUSE_INSN_ACCESS_FAULT, vaddr);
  const flags = pmaFlags(<u32>i);
  if ((flags & PMA_M) == 0 || (flags & PMA_X) == 0) return fault(CAUSE_INSN_ACCESS_FAULT, vaddr);
  const start = pmaStart(<u32>i);
  const host = pmaHost(<u32>i);
  tlbRefill(TLB_CODE, vaddr, paddr, <u32>i, start, host);
  g_codeAddend = load<u64>(slot, 8);
  return true;
}

/**
 * Fetch the instruction at pc through the slow path (a page change, or a 32-bit instruction whose upper half
 * is on the next page). On success g_value holds the instruction and g_codeAddend the addend of pc's page.
 */
export function fetchSlow(pc: u64): bool {
  if (!codePage(pc)) return false;
  const addend = g_codeAddend;
  const low = <u32>load<u16>(<usize>(addend + pc));
  if ((low & 3) != 3 || (pc & 0xfff) != 0xffe) {
    g_value = <u64>load<u32>(<usize>(addend + pc)) & ((low & 3) == 3 ? 0xffffffff : 0xffff);
    g_codeAddend = addend;
    return true;
  }
  // Straddles a page boundary: both halves must translate (§6).
  if (!codePage(pc + 2)) return false;
  const high = <u32>load<u16>(<usize>(g_codeAddend + pc + 2));
  g_value = <u64>(low | (high << 16));
  g_codeAddend = addend;
  return true;
}

export { ACCESS_READ, ACCESS_WRITE, ACCESS_EXEC };
