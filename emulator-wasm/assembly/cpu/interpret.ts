// The interpreter: tick blocks, interrupt check points and the fetch/decode/execute loop
// (spec/cartesi-machine.md §3.3–§3.4). Hot path shape: pc and mcycle in locals, a code-page pointer for
// fetches, one-compare TLB hits for loads and stores, a single switch on the major opcode; everything rare
// (CSR, system, AMO, FP, traps, devices) is outlined.
import {
  PC, MCYCLE, IFLAGS_H, IFLAGS_X, IFLAGS_Y, RI_BREAK, RI_MCYCLE_END, MIP, CLINT_MTIMECMP, MSTATUS,
  TLB_FAST, TLB_FAST_SET_BYTES, RVC_TABLE,
} from '../layout';
import {
  BREAK_HALTED, BREAK_MAX_MCYCLE, BREAK_NONE, BREAK_YIELDED_AUTOMATICALLY, BREAK_YIELDED_MANUALLY,
  CAUSE_ILLEGAL_INSN, MIP_MTIP, LOG2_RTC_FREQ_DIV, RTC_FREQ_DIV, MSTATUS_FS,
} from './constants';
import { getX, setX } from './state';
import { raiseException, raiseInterruptIfAny } from './trap';
import { fetchSlow, loadSlow, storeSlow, g_value, g_faultCause, g_faultTval, g_codeAddend } from './mmu';
import { executeCsr } from './csr';
import { executeSystem } from './system';
import { executeAmo } from './amo';
import { INTERNAL_SEXT_B, INTERNAL_SEXT_H, INTERNAL_ZEXT_H } from './compressed';
import { executeFp, executeFpLoad, executeFpStore, executeFpFused } from './fp';
import { SERVE_INTERRUPTS } from '../devices/breaks';
import { mulhu, mulh, mulhsu } from './muldiv';

// Major opcodes as bits 6:2 of the instruction (RISC-V unprivileged spec, opcode map).
const OP_LOAD: u32 = 0x03 >> 2;
const OP_LOAD_FP: u32 = 0x07 >> 2;
const OP_INTERNAL: u32 = 0x0b >> 2; // custom-0: our expansion of Zcb unary forms (compressed.ts)
const OP_MISC_MEM: u32 = 0x0f >> 2;
const OP_IMM: u32 = 0x13 >> 2;
const OP_AUIPC: u32 = 0x17 >> 2;
const OP_IMM_32: u32 = 0x1b >> 2;
const OP_STORE: u32 = 0x23 >> 2;
const OP_STORE_FP: u32 = 0x27 >> 2;
const OP_AMO: u32 = 0x2f >> 2;
const OP_OP: u32 = 0x33 >> 2;
const OP_LUI: u32 = 0x37 >> 2;
const OP_OP_32: u32 = 0x3b >> 2;
const OP_MADD: u32 = 0x43 >> 2;
const OP_MSUB: u32 = 0x47 >> 2;
const OP_NMSUB: u32 = 0x4b >> 2;
const OP_NMADD: u32 = 0x4f >> 2;
const OP_FP: u32 = 0x53 >> 2;
const OP_BRANCH: u32 = 0x63 >> 2;
const OP_JALR: u32 = 0x67 >> 2;
const OP_JAL: u32 = 0x6f >> 2;
const OP_SYSTEM: u32 = 0x73 >> 2;

const TLB_READ_FAST: usize = TLB_FAST + TLB_FAST_SET_BYTES;
const TLB_WRITE_FAST: usize = TLB_FAST + 2 * TLB_FAST_SET_BYTES;
const PAGE_MASK: u64 = ~(<u64>0xfff);

/** Sets MTIP when the wrapped product mtimecmp × 8192 is non-zero and ≤ mcycle (§3.4). */
function setRtcInterrupt(mcycle: u64): void {
  const cycle = load<u64>(CLINT_MTIMECMP) << LOG2_RTC_FREQ_DIV;
  if (cycle != 0 && cycle <= mcycle) store<u64>(MIP, load<u64>(MIP) | MIP_MTIP);
}

@inline function immI(insn: u32): u64 { return <u64><i64>(<i32>insn >> 20); }
@inline function immS(insn: u32): u64 { return <u64><i64>(((<i32>insn >> 25) << 5) | <i32>((insn >> 7) & 31)); }
@inline function immB(insn: u32): u64 {
  return <u64><i64>(((<i32>insn >> 31) << 12) | <i32>(((insn >> 7) & 1) << 11) | <i32>(((insn >> 25) & 0x3f) << 5) |
    <i32>(((insn >> 8) & 0xf) << 1));
}
@inline function immU(insn: u32): u64 { return <u64><i64><i32>(insn & 0xfffff000); }
@inline function immJ(insn: u32): u64 {
  return <u64><i64>(((<i32>insn >> 31) << 20) | <i32>(insn & 0xff000) | <i32>(((insn >> 20) & 1) << 11) |
    <i32>(((insn >> 21) & 0x3ff) << 1));
}
@inline function sext32(v: u64): u64 { return <u64><i64><i32>v; }

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
      let insn: u32;
      if (pc - codePage < 0xffe) {
        insn = load<u32>(<usize>(codeAddend + pc));
      } else {
        store<u64>(MCYCLE, mcycle);
        if (!fetchSlow(pc)) {
          pc = raiseException(pc, g_faultCause, g_faultTval);
          codePage = 1;
          mcycle++;
          continue;
        }
        insn = <u32>g_value;
        codeAddend = g_codeAddend;
        codePage = pc & PAGE_MASK;
      }
      let npc: u64;
      let raw = insn;
      if ((insn & 3) != 3) {
        insn = load<u32>(RVC_TABLE + ((<usize>insn & 0xffff) << 2));
        raw = raw & 0xffff;
        npc = pc + 2;
        if (insn == 0) {
          pc = raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>raw);
          codePage = 1;
          mcycle++;
          continue;
        }
      } else {
        npc = pc + 4;
      }
      const rd = (insn >> 7) & 31;
      const rs1 = (insn >> 15) & 31;
      const funct3 = (insn >> 12) & 7;
      // Dense switch on opcode bits 6:2 so it compiles to one br_table (bits 1:0 are 11 after expansion).
      switch ((insn >> 2) & 31) {
        case OP_IMM: {
          const a = getX(rs1);
          const imm = immI(insn);
          switch (funct3) {
            case 0: setX(rd, a + imm); break;
            case 1:
              if ((insn >> 26) != 0) { npc = illegal(pc, raw); codePage = 1; break; }
              setX(rd, a << (imm & 63)); break;
            case 2: setX(rd, <i64>a < <i64>imm ? 1 : 0); break;
            case 3: setX(rd, a < imm ? 1 : 0); break;
            case 4: setX(rd, a ^ imm); break;
            case 5: {
              const f6 = insn >> 26;
              if (f6 == 0) setX(rd, a >> (imm & 63));
              else if (f6 == 0x10) setX(rd, <u64>(<i64>a >> <i64>(imm & 63)));
              else { npc = illegal(pc, raw); codePage = 1; }
              break;
            }
            case 6: setX(rd, a | imm); break;
            default: setX(rd, a & imm); break;
          }
          break;
        }
        case OP_LOAD: {
          const addr = getX(rs1) + immI(insn);
          if (funct3 == 7) { npc = illegal(pc, raw); codePage = 1; break; }
          const size: u64 = <u64>1 << <u64>(funct3 & 3);
          const slot = TLB_READ_FAST + ((<usize>(addr >> 12) & 255) << 4);
          let v: u64;
          if (load<u64>(slot) == (addr & (PAGE_MASK | (size - 1)))) {
            const h = <usize>(load<u64>(slot, 8) + addr);
            switch (funct3) {
              case 0: v = <u64><i64>load<i8>(h); break;
              case 1: v = <u64><i64>load<i16>(h); break;
              case 2: v = <u64><i64>load<i32>(h); break;
              case 3: v = load<u64>(h); break;
              case 4: v = <u64>load<u8>(h); break;
              case 5: v = <u64>load<u16>(h); break;
              default: v = <u64>load<u32>(h); break;
            }
          } else {
            store<u64>(MCYCLE, mcycle);
            if (!loadSlow(addr, funct3, false)) {
              npc = raiseException(pc, g_faultCause, g_faultTval);
              codePage = 1;
              break;
            }
            v = g_value;
            if (load<u32>(RI_BREAK) != 0) tickEnd = 0;
          }
          setX(rd, v);
          break;
        }
        case OP_STORE: {
          const addr = getX(rs1) + immS(insn);
          if (funct3 > 3) { npc = illegal(pc, raw); codePage = 1; break; }
          const v = getX((insn >> 20) & 31);
          const size: u64 = <u64>1 << <u64>funct3;
          const slot = TLB_WRITE_FAST + ((<usize>(addr >> 12) & 255) << 4);
          if (load<u64>(slot) == (addr & (PAGE_MASK | (size - 1)))) {
            const h = <usize>(load<u64>(slot, 8) + addr);
            switch (funct3) {
              case 0: store<u8>(h, <u8>v); break;
              case 1: store<u16>(h, <u16>v); break;
              case 2: store<u32>(h, <u32>v); break;
              default: store<u64>(h, v); break;
            }
          } else {
            store<u64>(MCYCLE, mcycle);
            if (!storeSlow(addr, <u32>size, v)) {
              npc = raiseException(pc, g_faultCause, g_faultTval);
              codePage = 1;
              break;
            }
            if (load<u32>(RI_BREAK) != 0) tickEnd = 0;
          }
          break;
        }
        case OP_OP: {
          const a = getX(rs1);
          const b = getX((insn >> 20) & 31);
          const f7 = insn >> 25;
          if (f7 == 0) {
            switch (funct3) {
              case 0: setX(rd, a + b); break;
              case 1: setX(rd, a << (b & 63)); break;
              case 2: setX(rd, <i64>a < <i64>b ? 1 : 0); break;
              case 3: setX(rd, a < b ? 1 : 0); break;
              case 4: setX(rd, a ^ b); break;
              case 5: setX(rd, a >> (b & 63)); break;
              case 6: setX(rd, a | b); break;
              default: setX(rd, a & b); break;
            }
          } else if (f7 == 0x20) {
            if (funct3 == 0) setX(rd, a - b);
            else if (funct3 == 5) setX(rd, <u64>(<i64>a >> <i64>(b & 63)));
            else { npc = illegal(pc, raw); codePage = 1; }
          } else if (f7 == 1) {
            switch (funct3) {
              case 0: setX(rd, a * b); break;
              case 1: setX(rd, mulh(a, b)); break;
              case 2: setX(rd, mulhsu(a, b)); break;
              case 3: setX(rd, mulhu(a, b)); break;
              case 4: // div: by zero -> all ones; MIN / -1 -> MIN (§3.6 of browser-emulation.md)
                if (b == 0) setX(rd, 0xffffffffffffffff);
                else if (a == 0x8000000000000000 && b == 0xffffffffffffffff) setX(rd, a);
                else setX(rd, <u64>(<i64>a / <i64>b));
                break;
              case 5: setX(rd, b == 0 ? 0xffffffffffffffff : a / b); break;
              case 6:
                if (b == 0) setX(rd, a);
                else if (a == 0x8000000000000000 && b == 0xffffffffffffffff) setX(rd, 0);
                else setX(rd, <u64>(<i64>a % <i64>b));
                break;
              default: setX(rd, b == 0 ? a : a % b); break;
            }
          } else { npc = illegal(pc, raw); codePage = 1; }
          break;
        }
        case OP_IMM_32: {
          const a = getX(rs1);
          const imm = immI(insn);
          if (funct3 == 0) setX(rd, sext32(a + imm));
          else if (funct3 == 1 && (insn >> 25) == 0) setX(rd, sext32(a << (imm & 31)));
          else if (funct3 == 5 && (insn >> 25) == 0) setX(rd, sext32(<u64>(<u32>a >> <u32>(imm & 31))));
          else if (funct3 == 5 && (insn >> 25) == 0x20) setX(rd, <u64><i64>(<i32>a >> <i32>(imm & 31)));
          else { npc = illegal(pc, raw); codePage = 1; }
          break;
        }
        case OP_OP_32: {
          const a = getX(rs1);
          const b = getX((insn >> 20) & 31);
          const f7 = insn >> 25;
          if (f7 == 0) {
            if (funct3 == 0) setX(rd, sext32(a + b));
            else if (funct3 == 1) setX(rd, sext32(a << (b & 31)));
            else if (funct3 == 5) setX(rd, sext32(<u64>(<u32>a >> <u32>(b & 31))));
            else { npc = illegal(pc, raw); codePage = 1; }
          } else if (f7 == 0x20) {
            if (funct3 == 0) setX(rd, sext32(a - b));
            else if (funct3 == 5) setX(rd, <u64><i64>(<i32>a >> <i32>(b & 31)));
            else { npc = illegal(pc, raw); codePage = 1; }
          } else if (f7 == 1) {
            const x = <i32>a;
            const y = <i32>b;
            switch (funct3) {
              case 0: setX(rd, <u64><i64>(x * y)); break;
              case 4:
                if (y == 0) setX(rd, 0xffffffffffffffff);
                else if (x == i32.MIN_VALUE && y == -1) setX(rd, <u64><i64>x);
                else setX(rd, <u64><i64>(x / y));
                break;
              case 5: setX(rd, y == 0 ? 0xffffffffffffffff : <u64><i64><i32>(<u32>x / <u32>y)); break;
              case 6:
                if (y == 0) setX(rd, <u64><i64>x);
                else if (x == i32.MIN_VALUE && y == -1) setX(rd, 0);
                else setX(rd, <u64><i64>(x % y));
                break;
              case 7: setX(rd, y == 0 ? <u64><i64>x : <u64><i64><i32>(<u32>x % <u32>y)); break;
              default: npc = illegal(pc, raw); codePage = 1; break;
            }
          } else { npc = illegal(pc, raw); codePage = 1; }
          break;
        }
        case OP_LUI: setX(rd, immU(insn)); break;
        case OP_AUIPC: setX(rd, pc + immU(insn)); break;
        case OP_JAL: setX(rd, npc); npc = pc + immJ(insn); break;
        case OP_JALR: {
          if (funct3 != 0) { npc = illegal(pc, raw); codePage = 1; break; }
          const target = (getX(rs1) + immI(insn)) & ~(<u64>1);
          setX(rd, npc);
          npc = target;
          break;
        }
        case OP_BRANCH: {
          const a = getX(rs1);
          const b = getX((insn >> 20) & 31);
          let taken: bool;
          switch (funct3) {
            case 0: taken = a == b; break;
            case 1: taken = a != b; break;
            case 4: taken = <i64>a < <i64>b; break;
            case 5: taken = <i64>a >= <i64>b; break;
            case 6: taken = a < b; break;
            case 7: taken = a >= b; break;
            default: npc = illegal(pc, raw); codePage = 1; taken = false; break;
          }
          if (taken) npc = pc + immB(insn);
          break;
        }
        case OP_MISC_MEM: // fence, fence.i (single hart, no caches: no-ops)
          if (funct3 > 1) { npc = illegal(pc, raw); codePage = 1; }
          break;
        case OP_SYSTEM: {
          store<u64>(MCYCLE, mcycle);
          if (funct3 == 0) npc = executeSystem(insn, pc, mcycle);
          else if (funct3 == 4) npc = illegal(pc, raw);
          else npc = executeCsr(insn, pc, mcycle);
          codePage = 1; // privilege, satp or mstatus may have changed
          if (load<u32>(RI_BREAK) != 0) tickEnd = 0;
          break;
        }
        case OP_AMO:
          npc = executeAmo(insn, pc, mcycle);
          codePage = 1;
          if (load<u32>(RI_BREAK) != 0) tickEnd = 0;
          break;
        case OP_LOAD_FP:
          store<u64>(MCYCLE, mcycle);
          npc = executeFpLoad(insn, raw, pc, npc);
          codePage = 1;
          break;
        case OP_STORE_FP:
          store<u64>(MCYCLE, mcycle);
          npc = executeFpStore(insn, raw, pc, npc);
          codePage = 1;
          if (load<u32>(RI_BREAK) != 0) tickEnd = 0;
          break;
        case OP_MADD: case OP_MSUB: case OP_NMSUB: case OP_NMADD:
          npc = executeFpFused(insn, pc, npc);
          break;
        case OP_FP:
          npc = executeFp(insn, pc, npc);
          break;
        case OP_INTERNAL: { // Zcb unary forms, only reachable from a 16-bit instruction
          if (npc != pc + 2) { npc = illegal(pc, raw); codePage = 1; break; }
          const a = getX(rs1);
          if (funct3 == INTERNAL_ZEXT_H) setX(rd, a & 0xffff);
          else if (funct3 == INTERNAL_SEXT_B) setX(rd, <u64><i64><i8>a);
          else if (funct3 == INTERNAL_SEXT_H) setX(rd, <u64><i64><i16>a);
          else setX(rd, a & 0xffffffff); // zext.w
          break;
        }
        default:
          npc = illegal(pc, raw);
          codePage = 1;
          break;
      }
      pc = npc;
      mcycle++;
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

function illegal(pc: u64, raw: u32): u64 {
  return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>raw);
}

export { MSTATUS, MSTATUS_FS };
