// Register-file helpers over the shadow layout (layout.ts). x0 is never written, so it always reads 0.
import { X_BASE, F_BASE, IPRV, MCYCLE, ICYCLEINSTRET } from '../layout';

@inline export function getX(i: u32): u64 {
  return load<u64>(X_BASE + (<usize>i << 3));
}

@inline export function setX(i: u32, v: u64): void {
  if (i != 0) store<u64>(X_BASE + (<usize>i << 3), v);
}

@inline export function getF(i: u32): u64 {
  return load<u64>(F_BASE + (<usize>i << 3));
}

@inline export function setF(i: u32, v: u64): void {
  store<u64>(F_BASE + (<usize>i << 3), v);
}

@inline export function getPrv(): u64 {
  return load<u64>(IPRV);
}

/** minstret is derived: mcycle - icycleinstret (§3.3). */
@inline export function getMinstret(mcycle: u64): u64 {
  return mcycle - load<u64>(ICYCLEINSTRET);
}

@inline export function getMcycleStored(): u64 {
  return load<u64>(MCYCLE);
}
