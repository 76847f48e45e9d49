// Device dispatch: a PMA with the IO flag names its device by DID (spec/cartesi-machine.md §7.3).
// Devices are never in the TLB, so every device access arrives here through the slow path.
import { PMA_DID_SHIFT, DID_CLINT, DID_HTIF, DID_PLIC } from '../cpu/constants';
import { htifRead, htifWrite } from './htif';
import { clintRead, clintWrite } from './clint';
import { plicRead, plicWrite } from './plic';
import { g_devValue } from './value';

export function deviceValue(): u64 {
  return g_devValue;
}

export function deviceRead(flags: u32, offset: u64, size: u32): bool {
  const did = (flags >> PMA_DID_SHIFT) & 0x1f;
  if (did == DID_HTIF) return htifRead(offset, size);
  if (did == DID_CLINT) return clintRead(offset, size);
  if (did == DID_PLIC) return plicRead(offset, size);
  return false;
}

export function deviceWrite(flags: u32, offset: u64, size: u32, value: u64): bool {
  const did = (flags >> PMA_DID_SHIFT) & 0x1f;
  if (did == DID_HTIF) return htifWrite(offset, size, value);
  if (did == DID_CLINT) return clintWrite(offset, size, value);
  if (did == DID_PLIC) return plicWrite(offset, size, value);
  return false;
}
