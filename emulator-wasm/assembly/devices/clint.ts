// CLINT at 0x2000000 (spec/cartesi-machine.md §10): msip0 (32-bit), mtimecmp (64-bit), mtime (64-bit,
// read-only, mcycle / 8192). Other widths and offsets fault.
import { MIP, CLINT_MTIMECMP, MCYCLE } from '../layout';
import { MIP_MSIP, MIP_MTIP, LOG2_RTC_FREQ_DIV } from '../cpu/constants';
import { setDeviceValue } from './value';
import { requestBreak, SERVE_INTERRUPTS } from './breaks';

const MSIP0: u64 = 0x0;
const MTIMECMP: u64 = 0x4000;
const MTIME: u64 = 0xbff8;

export function clintRead(offset: u64, size: u32): bool {
  if (offset == MSIP0 && size == 4) return setDeviceValue((load<u64>(MIP) & MIP_MSIP) != 0 ? 1 : 0);
  if (offset == MTIMECMP && size == 8) return setDeviceValue(load<u64>(CLINT_MTIMECMP));
  // The interpreter stores the current mcycle before every slow-path access.
  if (offset == MTIME && size == 8) return setDeviceValue(load<u64>(MCYCLE) >> LOG2_RTC_FREQ_DIV);
  return false;
}

export function clintWrite(offset: u64, size: u32, value: u64): bool {
  if (offset == MSIP0 && size == 4) {
    if ((value & 1) != 0) {
      store<u64>(MIP, load<u64>(MIP) | MIP_MSIP);
      requestBreak(SERVE_INTERRUPTS);
    } else {
      store<u64>(MIP, load<u64>(MIP) & ~MIP_MSIP);
    }
    return true;
  }
  if (offset == MTIMECMP && size == 8) {
    // A write clears MTIP; only the tick-boundary test sets it again (§3.4).
    store<u64>(CLINT_MTIMECMP, value);
    store<u64>(MIP, load<u64>(MIP) & ~MIP_MTIP);
    return true;
  }
  return false;
}
