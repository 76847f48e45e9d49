// Break requests: an instruction or device asks the interpreter to end the current tick block after the
// current instruction (serve interrupts, spec/cartesi-machine.md §3.4) or to return to the host.
import { RI_BREAK } from '../layout';

/** Not a host-visible reason: end the tick block and check interrupts at once. */
export const SERVE_INTERRUPTS: u32 = 100;

@inline export function requestBreak(reason: u32): void {
  // A host-visible reason wins over SERVE_INTERRUPTS (the interrupt check still happens on the next run).
  const current = load<u32>(RI_BREAK);
  if (current == 0 || current == SERVE_INTERRUPTS) store<u32>(RI_BREAK, reason);
}
