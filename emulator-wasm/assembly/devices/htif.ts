// HTIF at 0x40008000 (spec/cartesi-machine.md §9): tohost/fromhost/ihalt/iconsole/iyield, 64-bit aligned
// accesses only; halt, console and yield commands.
import {
  HTIF_TOHOST, HTIF_FROMHOST, HTIF_IHALT, HTIF_ICONSOLE, HTIF_IYIELD, IFLAGS_H, IFLAGS_X, IFLAGS_Y,
  RI_HALT_PAYLOAD, RI_YIELD_CMD, RI_YIELD_REASON, RI_YIELD_DATA, CONSOLE_OUT, CONSOLE_OUT_CAPACITY,
  RI_CONSOLE_OUT_LEN, CONSOLE_IN, RI_CONSOLE_IN_LEN, RI_CONSOLE_IN_POS, RI_CONSOLE_IN_CLOSED,
} from '../layout';
import { BREAK_CONSOLE_INPUT, BREAK_CONSOLE_OUTPUT, BREAK_HALTED, BREAK_YIELDED_AUTOMATICALLY, BREAK_YIELDED_MANUALLY } from '../cpu/constants';
import { setDeviceValue } from './value';
import { requestBreak } from './breaks';

const DEV_HALT: u64 = 0;
const DEV_CONSOLE: u64 = 1;
const DEV_YIELD: u64 = 2;
const CONSOLE_GETCHAR: u64 = 0;
const CONSOLE_PUTCHAR: u64 = 1;
const YIELD_AUTOMATIC: u64 = 0;
const YIELD_MANUAL: u64 = 1;

export function htifRead(offset: u64, size: u32): bool {
  if (size != 8) return false;
  if (offset == 0x00) return setDeviceValue(load<u64>(HTIF_TOHOST));
  if (offset == 0x08) return setDeviceValue(load<u64>(HTIF_FROMHOST));
  if (offset == 0x10) return setDeviceValue(load<u64>(HTIF_IHALT));
  if (offset == 0x18) return setDeviceValue(load<u64>(HTIF_ICONSOLE));
  if (offset == 0x20) return setDeviceValue(load<u64>(HTIF_IYIELD));
  return false;
}

export function htifWrite(offset: u64, size: u32, value: u64): bool {
  if (size != 8) return false;
  if (offset == 0x08) {
    store<u64>(HTIF_FROMHOST, value);
    return true;
  }
  if (offset != 0x00) return false; // the masks are read-only; other offsets fault (§9.1)
  store<u64>(HTIF_TOHOST, value);
  const dev = value >> 56;
  const cmd = (value >> 48) & 0xff;
  const data = value & 0xffffffff;
  if (dev == DEV_HALT) {
    // ihalt is not consulted; DATA bit 0 must be set; no fromhost acknowledgement (§9.4).
    if (cmd == 0 && (data & 1) != 0) {
      store<u64>(IFLAGS_H, 1);
      store<u64>(RI_HALT_PAYLOAD, data >> 1);
      requestBreak(BREAK_HALTED);
    }
  } else if (dev == DEV_CONSOLE) {
    const mask = load<u64>(HTIF_ICONSOLE);
    if (cmd < 64 && ((mask >> cmd) & 1) != 0) {
      if (cmd == CONSOLE_PUTCHAR) {
        putchar(<u8>data);
        store<u64>(HTIF_FROMHOST, (DEV_CONSOLE << 56) | (CONSOLE_PUTCHAR << 48));
      } else if (cmd == CONSOLE_GETCHAR) {
        store<u64>(HTIF_FROMHOST, (DEV_CONSOLE << 56) | getchar());
      }
    }
  } else if (dev == DEV_YIELD) {
    const mask = load<u64>(HTIF_IYIELD);
    if (cmd < 64 && ((mask >> cmd) & 1) != 0 && (cmd == YIELD_AUTOMATIC || cmd == YIELD_MANUAL)) {
      store<u64>(RI_YIELD_CMD, cmd);
      store<u64>(RI_YIELD_REASON, (value >> 32) & 0xffff);
      store<u64>(RI_YIELD_DATA, data);
      if (cmd == YIELD_MANUAL) {
        store<u64>(IFLAGS_Y, 1);
        requestBreak(BREAK_YIELDED_MANUALLY);
      } else {
        store<u64>(IFLAGS_X, 1);
        requestBreak(BREAK_YIELDED_AUTOMATICALLY);
      }
      store<u64>(HTIF_FROMHOST, (DEV_YIELD << 56) | (cmd << 48));
    }
  }
  return true;
}

function putchar(c: u8): void {
  const len = <u32>load<u64>(RI_CONSOLE_OUT_LEN);
  store<u8>(CONSOLE_OUT + <usize>len, c);
  store<u64>(RI_CONSOLE_OUT_LEN, <u64>(len + 1));
  if (len + 1 >= CONSOLE_OUT_CAPACITY) requestBreak(BREAK_CONSOLE_OUTPUT);
}

/** DATA for a GETCHAR reply: byte + 1, 0 when no byte is available now, EOT + 1 once input is closed (§9.5). */
function getchar(): u64 {
  const pos = load<u64>(RI_CONSOLE_IN_POS);
  const len = load<u64>(RI_CONSOLE_IN_LEN);
  if (pos < len) {
    const c = <u64>load<u8>(CONSOLE_IN + <usize>pos);
    store<u64>(RI_CONSOLE_IN_POS, pos + 1);
    if (pos + 1 == len) requestBreak(BREAK_CONSOLE_INPUT);
    return c + 1;
  }
  if (load<u64>(RI_CONSOLE_IN_CLOSED) != 0) return 5;
  return 0;
}
