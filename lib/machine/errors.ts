/**
 * Typed errors of the machine model. Every error names the input (a config, a flag, a file), the place
 * inside it (a JSON path such as `flash_drive[1].start`, a flag name, a byte offset) and the reason, so the
 * UI and the CLI can show `message` as is.
 */

/** `warning` marks rules that cartesi-machine itself does not enforce (for example Linux pmem's 2 MiB rule). */
export type Severity = 'error' | 'warning';

export class CartiError extends Error {
  readonly code: string;
  /** What was being read: `machine config`, `--flash-drive`, `reference dtb`… */
  readonly input: string;
  /** Where in that input: a JSON path, a flag, a byte offset. */
  readonly location: string;
  readonly reason: string;
  readonly severity: Severity;

  constructor(code: string, input: string, location: string, reason: string, severity: Severity = 'error') {
    super(`${input}: ${location}: ${reason}`);
    this.name = 'CartiError';
    this.code = code;
    this.input = input;
    this.location = location;
    this.reason = reason;
    this.severity = severity;
  }
}
