// The TLB (spec/cartesi-machine.md §5). Architectural slots live in the shadow (TLB_ARCH) in Cartesi's
// layout; a host mirror (TLB_FAST) holds {tag, hostAddend} for the one-compare fast path. Both are always
// written together. Device pages never enter the TLB.
import { TLB_ARCH, TLB_SET_BYTES, TLB_FAST, TLB_FAST_SET_BYTES, TLB_FILLED, TLB_FILLED_SET_BYTES } from '../layout';

const EMPTY: u64 = 0xffffffffffffffff;

@inline export function fastSlot(set: u32, vaddr: u64): usize {
  return TLB_FAST + <usize>set * TLB_FAST_SET_BYTES + ((<usize>(vaddr >> 12) & 255) << 4);
}

@inline function archSlot(set: u32, vaddr: u64): usize {
  return TLB_ARCH + <usize>set * TLB_SET_BYTES + ((<usize>(vaddr >> 12) & 255) << 5);
}

/** Refill the slot of `set` for the page of `vaddr` (after a successful translation to a memory PMA). */
export function tlbRefill(set: u32, vaddr: u64, paddr: u64, pmaIndex: u32, pmaStart: u64, pmaHost: u64): void {
  const vpage = vaddr & ~(<u64>0xfff);
  const ppage = paddr & ~(<u64>0xfff);
  const a = archSlot(set, vaddr);
  store<u64>(a, vpage);
  store<u64>(a, ppage - vpage, 8);
  store<u64>(a, <u64>pmaIndex, 16);
  store<u64>(a, 0, 24);
  const f = fastSlot(set, vaddr);
  if (load<u64>(f) == EMPTY) {
    const list = TLB_FILLED + <usize>set * TLB_FILLED_SET_BYTES;
    const count = load<u32>(list);
    store<u16>(list + 4 + (<usize>count << 1), <u16>((vaddr >> 12) & 255));
    store<u32>(list, count + 1);
  }
  store<u64>(f, vpage);
  store<u64>(f, pmaHost + (ppage - pmaStart) - vpage, 8);
}

@inline function emptySlot(a: usize, f: usize, i: usize): void {
  store<u64>(a + (i << 5), EMPTY);
  store<u64>(a + (i << 5), 0, 8);
  store<u64>(a + (i << 5), EMPTY, 16);
  store<u64>(a + (i << 5), 0, 24);
  store<u64>(f + (i << 4), EMPTY);
  store<u64>(f + (i << 4), 0, 8);
}

/** Empties the slots filled since the last flush (every other slot is already empty). */
function flushSet(set: u32): void {
  const a = TLB_ARCH + <usize>set * TLB_SET_BYTES;
  const f = TLB_FAST + <usize>set * TLB_FAST_SET_BYTES;
  const list = TLB_FILLED + <usize>set * TLB_FILLED_SET_BYTES;
  const count = <usize>load<u32>(list);
  for (let k: usize = 0; k < count; k++) emptySlot(a, f, <usize>load<u16>(list + 4 + (k << 1)));
  store<u32>(list, 0);
}

/** Empties every slot of every set (reset). */
export function tlbResetAll(): void {
  for (let set: u32 = 0; set < 3; set++) {
    const a = TLB_ARCH + <usize>set * TLB_SET_BYTES;
    const f = TLB_FAST + <usize>set * TLB_FAST_SET_BYTES;
    for (let i: usize = 0; i < 256; i++) emptySlot(a, f, i);
    store<u32>(TLB_FILLED + <usize>set * TLB_FILLED_SET_BYTES, 0);
  }
}

export function tlbFlushAll(): void {
  flushSet(0);
  flushSet(1);
  flushSet(2);
}

export function tlbFlushRead(): void {
  flushSet(1);
}

export function tlbFlushReadWrite(): void {
  flushSet(1);
  flushSet(2);
}
