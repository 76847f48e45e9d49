/**
 * Moves console output from the worker's channel into the terminal with xterm.js flow control
 * (spec/browser-emulation.md §5): batches of up to 64 KiB written as Uint8Array (xterm decodes UTF-8 across
 * chunks), and at most HIGH_WATERMARK batches waiting to be parsed. Above it the pump stops reading, the
 * ring fills, and the worker pauses the guest, so `cat` of a large file cannot freeze the page.
 */
import type { ByteReader } from '../../emulator-wasm/src/console-ring';

/** ttyd's marks: stop reading at 10 unparsed writes, resume at 4. */
export const HIGH_WATERMARK = 10;
export const LOW_WATERMARK = 4;
export const MAX_BATCH_BYTES = 64 << 10;
const IDLE_WAIT_MS = 250;

export interface TerminalWriter {
  /** Writes bytes; `parsed` runs once the terminal has processed them. */
  write(bytes: Uint8Array, parsed: () => void): void;
}

export class OutputPump {
  private writer: TerminalWriter | undefined;
  private unparsed = 0;
  private running = false;
  private resume: (() => void) | undefined;

  constructor(
    private readonly reader: ByteReader & { wake?: () => void },
    /** Sees every byte once, in order (the console transcript). */
    private readonly onBytes: (bytes: Uint8Array) => void = () => {},
  ) {}

  attach(writer: TerminalWriter | undefined): void {
    this.writer = writer;
    this.resume?.();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
    this.resume?.();
    this.reader.wake?.();
  }

  /** Writes everything buffered right now, ignoring the watermark (the run has ended: nothing more comes). */
  drain(): void {
    for (;;) {
      const bytes = this.reader.read(MAX_BATCH_BYTES);
      if (bytes.length === 0) return;
      this.deliver(bytes);
    }
  }

  /** Drops everything buffered (a Reset: the old machine's last bytes must not reach the new console). */
  discard(): void {
    while (this.reader.read(MAX_BATCH_BYTES).length > 0) {
      // dropped
    }
  }

  private deliver(bytes: Uint8Array): void {
    this.onBytes(bytes);
    if (!this.writer) return;
    this.unparsed += 1;
    this.writer.write(bytes, () => {
      this.unparsed -= 1;
      if (this.unparsed <= LOW_WATERMARK) this.resume?.();
    });
  }

  private async loop(): Promise<void> {
    while (this.running) {
      if (!this.writer || this.unparsed >= HIGH_WATERMARK) {
        await new Promise<void>((resolve) => {
          this.resume = resolve;
          setTimeout(resolve, IDLE_WAIT_MS);
        });
        this.resume = undefined;
        continue;
      }
      const bytes = this.reader.read(MAX_BATCH_BYTES);
      if (bytes.length > 0) {
        this.deliver(bytes);
        continue;
      }
      await this.reader.waitForData(IDLE_WAIT_MS);
    }
  }
}
