// PLIC at 0x40100000 (spec/cartesi-machine.md §11). Only VirtIO devices raise sources, and those exist only
// in unreproducible machines, but the register behaviour is implemented as specified.
import { MIP, PLIC_GIRQPEND, PLIC_GIRQSRVD } from '../layout';
import { MIP_MEIP, MIP_SEIP } from '../cpu/constants';
import { setDeviceValue } from './value';
import { requestBreak, SERVE_INTERRUPTS } from './breaks';

const PENDING: u64 = 0x1000;
const ENABLED: u64 = 0x2000;
const CLAIM_COMPLETE: u64 = 0x200004;

export function plicRead(offset: u64, size: u32): bool {
  if (size != 4 || (offset & 3) != 0) return false;
  if (offset >= 4 && offset <= 0x7c) return setDeviceValue(1); // priorities read 1
  if (offset == PENDING) return setDeviceValue(load<u64>(PLIC_GIRQPEND) & ~load<u64>(PLIC_GIRQSRVD) & 0xffffffff);
  if (offset == ENABLED) return setDeviceValue(0xfffffffe);
  if (offset == CLAIM_COMPLETE) return setDeviceValue(claim());
  return setDeviceValue(0);
}

export function plicWrite(offset: u64, size: u32, value: u64): bool {
  if (size != 4 || (offset & 3) != 0) return false;
  if (offset == CLAIM_COMPLETE) complete(<u32>value);
  return true;
}

function claim(): u64 {
  const candidates = load<u64>(PLIC_GIRQPEND) & ~load<u64>(PLIC_GIRQSRVD) & 0xfffffffe;
  if (candidates == 0) return 0;
  const source = 63 - clz<u64>(candidates); // highest-numbered source, no priority ordering
  store<u64>(PLIC_GIRQSRVD, load<u64>(PLIC_GIRQSRVD) | (<u64>1 << source));
  if ((load<u64>(PLIC_GIRQPEND) & ~load<u64>(PLIC_GIRQSRVD) & 0xfffffffe) == 0) {
    store<u64>(MIP, load<u64>(MIP) & ~(MIP_MEIP | MIP_SEIP));
  }
  return source;
}

function complete(source: u32): void {
  if (source < 1 || source > 31) return;
  store<u64>(PLIC_GIRQSRVD, load<u64>(PLIC_GIRQSRVD) & ~(<u64>1 << source));
  if ((load<u64>(PLIC_GIRQPEND) & ~load<u64>(PLIC_GIRQSRVD) & 0xfffffffe) != 0) {
    store<u64>(MIP, load<u64>(MIP) | MIP_MEIP | MIP_SEIP);
    requestBreak(SERVE_INTERRUPTS);
  }
}
