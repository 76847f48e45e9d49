// Physical memory attributes: the host-side table of ranges (spec/cartesi-machine.md §7). Entry order
// follows Cartesi (RAM, DTB, flash drives, CMIO, HTIF, CLINT, PLIC) because the index is architectural:
// it is stored in TLB slots.
import { PMA_TABLE, PMA_ENTRY_BYTES, RI_PMA_COUNT } from '../layout';
import { PMA_IO, PMA_M } from './constants';

@inline export function pmaStart(i: u32): u64 { return load<u64>(PMA_TABLE + <usize>i * PMA_ENTRY_BYTES); }
@inline export function pmaLength(i: u32): u64 { return load<u64>(PMA_TABLE + <usize>i * PMA_ENTRY_BYTES, 8); }
@inline export function pmaFlags(i: u32): u32 { return <u32>load<u64>(PMA_TABLE + <usize>i * PMA_ENTRY_BYTES, 16); }
@inline export function pmaHost(i: u32): u64 { return load<u64>(PMA_TABLE + <usize>i * PMA_ENTRY_BYTES, 24); }
@inline export function pmaCount(): u32 { return <u32>load<u64>(RI_PMA_COUNT); }

export function pmaAdd(start: u64, length: u64, flags: u32, host: u64): u32 {
  const i = pmaCount();
  const e = PMA_TABLE + <usize>i * PMA_ENTRY_BYTES;
  store<u64>(e, start);
  store<u64>(e, length, 8);
  store<u64>(e, <u64>flags, 16);
  store<u64>(e, host, 24);
  store<u64>(RI_PMA_COUNT, <u64>(i + 1));
  return i;
}

/** Index of the PMA holding [paddr, paddr + size), or -1 (the access then faults, §6). */
export function pmaFind(paddr: u64, size: u64): i32 {
  const n = pmaCount();
  for (let i: u32 = 0; i < n; i++) {
    const start = pmaStart(i);
    const length = pmaLength(i);
    const offset = paddr - start;
    if (paddr >= start && offset < length && size <= length - offset) return <i32>i;
  }
  return -1;
}

@inline export function pmaIsMemory(i: u32): bool { return (pmaFlags(i) & PMA_M) != 0; }
@inline export function pmaIsDevice(i: u32): bool { return (pmaFlags(i) & PMA_IO) != 0; }
