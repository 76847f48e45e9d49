// Exports of the emulator core. The host (emulator-wasm/src) lays out memory ranges with allocRegion and
// addPma in Cartesi's PMA order, copies images into the returned host offsets, calls reset, then run in
// slices. Registers are read and written directly in the shadow block (layout.ts).
import * as L from './layout';
import * as C from './cpu/constants';
import { pmaAdd } from './cpu/pma';
import { tlbResetAll } from './cpu/tlb';
import { interpret } from './cpu/interpret';
import { decodeResetAll, decodeFlushAll } from './cpu/decode';
import { expandCompressed, RVC_ILLEGAL } from './cpu/compressed';

/** Prepares the state area; returns 0, or 1 if the compiler's static data overlaps it. */
export function setup(): u32 {
  if (__heap_base > L.SHADOW) return 1;
  const needed = <i32>((L.REGIONS_START + 0xffff) >> 16);
  const have = memory.size();
  if (have < needed && memory.grow(needed - have) < 0) return 2;
  memory.fill(L.SHADOW, 0, L.DECODE_TAGS - L.SHADOW);
  decodeResetAll();
  store<u64>(L.RI_HEAP_TOP, <u64>L.REGIONS_START);
  // Decoding a compressed instruction becomes one table load in the interpreter.
  for (let c: u32 = 0; c < 0x10000; c++) {
    const expanded = (c & 3) == 3 ? 0 : expandCompressed(c);
    store<u32>(L.RVC_TABLE + (<usize>c << 2), expanded == 0 ? RVC_ILLEGAL : expanded);
  }
  return 0;
}

/** Reserves `length` bytes (4 KiB aligned, zeroed, with one spare page after it) and returns its offset. */
export function allocRegion(length: u64): u32 {
  const top = load<u64>(L.RI_HEAP_TOP);
  const start = (top + 0xfff) & ~(<u64>0xfff);
  const end = start + ((length + 0xfff) & ~(<u64>0xfff)) + 0x1000; // spare page: 4-byte fetches at 0xffe
  if (end > 0xffff0000) return 0;
  const pagesNeeded = <i32>((end + 0xffff) >> 16);
  const have = memory.size();
  if (pagesNeeded > have && memory.grow(pagesNeeded - have) < 0) return 0;
  store<u64>(L.RI_HEAP_TOP, end);
  return <u32>start;
}

export function addPma(start: u64, length: u64, flags: u32, host: u32): u32 {
  return pmaAdd(start, length, flags, <u64>host);
}

/** Reset state of §13; `interactive` makes the machine unreproducible with console input enabled. */
export function reset(interactive: u32, iyield: u32): void {
  memory.fill(L.SHADOW, 0, 0x1000);
  store<u64>(L.PC, C.PC_INIT);
  store<u64>(L.X_BASE + 11 * 8, C.DTB_ADDR);
  store<u64>(L.IPRV, C.PRV_M);
  store<u64>(L.MSTATUS, C.MSTATUS_INIT);
  store<u64>(L.MISA, C.MISA_INIT);
  store<u64>(L.MVENDORID, C.MVENDORID_INIT);
  store<u64>(L.MARCHID, C.MARCHID_INIT);
  store<u64>(L.MIMPID, C.MIMPID_INIT);
  store<u64>(L.ILRSC, 0xffffffffffffffff);
  store<u64>(L.IMCYCLEMAX, 0xffffffffffffffff);
  store<u64>(L.IUNREP, interactive != 0 ? 1 : 0);
  store<u64>(L.HTIF_IHALT, 1);
  store<u64>(L.HTIF_ICONSOLE, interactive != 0 ? 3 : 2);
  store<u64>(L.HTIF_IYIELD, <u64>iyield);
  tlbResetAll();
  decodeResetAll();
  store<u64>(L.RI_CONSOLE_OUT_LEN, 0);
  store<u64>(L.RI_CONSOLE_IN_LEN, 0);
  store<u64>(L.RI_CONSOLE_IN_POS, 0);
  store<u64>(L.RI_CONSOLE_IN_CLOSED, interactive != 0 ? 0 : 1);
}

/** Runs until mcycle reaches mcycleEnd or a break; returns the BREAK_* reason (cpu/constants.ts). */
export function run(mcycleEnd: u64): u32 {
  return interpret(mcycleEnd);
}

/** The host wrote into guest memory: decoded instructions of any page may be stale. */
export function flushCodeCache(): void {
  decodeFlushAll();
}

export function shadowBase(): u32 { return <u32>L.SHADOW; }
export function runInfoBase(): u32 { return <u32>L.RUNINFO; }
export function consoleOutBase(): u32 { return <u32>L.CONSOLE_OUT; }
export function consoleInBase(): u32 { return <u32>L.CONSOLE_IN; }
export function consoleInCapacity(): u32 { return L.CONSOLE_IN_CAPACITY; }
export function tlbArchBase(): u32 { return <u32>L.TLB_ARCH; }

// Exported so binaryen keeps them separate functions (see cpu/fast-loop.ts); the host never calls them.
export { fastLoop, mulDiv } from './cpu/fast-loop';
