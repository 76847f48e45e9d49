// Console byte rings between the page and the emulator worker (spec/browser-emulation.md §4.3).
// One ring carries bytes one way, from a single producer to a single consumer. Over a SharedArrayBuffer
// (cross-origin isolated pages, §4.2) both sides touch the same memory; otherwise a message-passing
// variant offers the same interface (§4.2: "fall back to postMessage transport").
//
// Shared layout: an Int32 header, then a power-of-two data area.
//   [0] write index  (producer publishes with Atomics.store + Atomics.notify)
//   [1] read index   (consumer publishes with Atomics.store + Atomics.notify)
//   [2] closed flag  (producer sets it: no more bytes will come)
//   [3] reserved
// Indices increase monotonically as unsigned 32-bit counters and are masked on use, so "full" and
// "empty" are told apart without wasting a slot; the capacity is at most 2^30 so `write - read` never
// overflows.

const WRITE = 0;
const READ = 1;
const CLOSED = 2;
const HEADER_WORDS = 4;
const HEADER_BYTES = HEADER_WORDS * 4;
const MAX_CAPACITY = 1 << 30;
/** Polling period when Atomics.waitAsync is missing (the page may not block, §4.3). */
const POLL_MS = 4;

/** The producer's side of a ring. */
export interface ByteWriter {
  /** Copies as many bytes as fit and returns that count (0 when full): the caller keeps the rest. */
  write(bytes: Uint8Array): number;
  /** Free space in bytes (Infinity when unbounded). */
  readonly freeBytes: number;
  /** No more bytes will be written. */
  close(): void;
  /** Resolves once there is free space, or after `timeoutMs`. */
  waitForSpace(timeoutMs: number): Promise<void>;
}

/** The consumer's side of a ring. */
export interface ByteReader {
  /** Takes up to `maxBytes` buffered bytes (an empty array when none). */
  read(maxBytes?: number): Uint8Array;
  readonly availableBytes: number;
  /** The producer closed the ring and every byte has been read. */
  readonly ended: boolean;
  /** Resolves with the milliseconds waited once bytes (or the close) arrive, or after `timeoutMs`. */
  waitForData(timeoutMs: number): Promise<number>;
}

export class ConsoleRingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConsoleRingError';
  }
}

/** Allocates the shared memory of a ring with `capacityBytes` of data (a power of two, ≥ 16). */
export function createRingBuffer(capacityBytes: number): SharedArrayBuffer {
  checkCapacity(capacityBytes);
  return new SharedArrayBuffer(HEADER_BYTES + capacityBytes);
}

function checkCapacity(capacityBytes: number): void {
  if (!Number.isInteger(capacityBytes) || capacityBytes < 16 || capacityBytes > MAX_CAPACITY || (capacityBytes & (capacityBytes - 1)) !== 0) {
    throw new ConsoleRingError(`console ring: capacity ${capacityBytes} must be a power of two between 16 and ${MAX_CAPACITY}`);
  }
}

/** `Atomics.waitAsync` where the engine has it (Chromium, Node ≥ 16), else undefined. */
type WaitAsync = (array: Int32Array, index: number, value: number, timeoutMs?: number) => { async: boolean; value: Promise<string> | string };
const waitAsync: WaitAsync | undefined = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

/** Waits until `header[index]` differs from `seen` or `timeoutMs` passes, without blocking the thread. */
async function waitChange(header: Int32Array, index: number, seen: number, timeoutMs: number): Promise<void> {
  if (Atomics.load(header, index) !== seen || timeoutMs <= 0) return;
  if (waitAsync) {
    const result = waitAsync(header, index, seen, timeoutMs);
    if (result.async) await result.value;
    return;
  }
  const deadline = performance.now() + timeoutMs;
  while (Atomics.load(header, index) === seen && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A ring over shared memory; either side may be created in any thread from the same buffer. */
export class SharedByteRing implements ByteWriter, ByteReader {
  readonly buffer: SharedArrayBuffer;
  readonly capacityBytes: number;
  private readonly header: Int32Array;
  private readonly data: Uint8Array;
  private readonly mask: number;

  constructor(buffer: SharedArrayBuffer) {
    const capacityBytes = buffer.byteLength - HEADER_BYTES;
    checkCapacity(capacityBytes);
    this.buffer = buffer;
    this.capacityBytes = capacityBytes;
    this.mask = capacityBytes - 1;
    this.header = new Int32Array(buffer, 0, HEADER_WORDS);
    this.data = new Uint8Array(buffer, HEADER_BYTES, capacityBytes);
  }

  private used(): number {
    return (Atomics.load(this.header, WRITE) - Atomics.load(this.header, READ)) >>> 0;
  }

  get availableBytes(): number {
    return this.used();
  }

  get freeBytes(): number {
    return this.capacityBytes - this.used();
  }

  get closed(): boolean {
    return Atomics.load(this.header, CLOSED) !== 0;
  }

  get ended(): boolean {
    return this.closed && this.used() === 0;
  }

  write(bytes: Uint8Array): number {
    if (this.closed) throw new ConsoleRingError('console ring: write after close');
    const writeIndex = Atomics.load(this.header, WRITE) >>> 0;
    const readIndex = Atomics.load(this.header, READ) >>> 0;
    const count = Math.min(bytes.length, this.capacityBytes - ((writeIndex - readIndex) >>> 0));
    if (count === 0) return 0;
    const at = writeIndex & this.mask;
    const first = Math.min(count, this.capacityBytes - at);
    this.data.set(bytes.subarray(0, first), at);
    if (count > first) this.data.set(bytes.subarray(first, count), 0);
    // Publish only after the bytes are in place: the consumer trusts everything below the write index.
    Atomics.store(this.header, WRITE, (writeIndex + count) | 0);
    Atomics.notify(this.header, WRITE);
    return count;
  }

  read(maxBytes = Infinity): Uint8Array {
    const readIndex = Atomics.load(this.header, READ) >>> 0;
    const writeIndex = Atomics.load(this.header, WRITE) >>> 0;
    const count = Math.min(maxBytes, (writeIndex - readIndex) >>> 0);
    const out = new Uint8Array(count);
    if (count === 0) return out;
    const at = readIndex & this.mask;
    const first = Math.min(count, this.capacityBytes - at);
    out.set(this.data.subarray(at, at + first));
    if (count > first) out.set(this.data.subarray(0, count - first), first);
    Atomics.store(this.header, READ, (readIndex + count) | 0);
    Atomics.notify(this.header, READ);
    return out;
  }

  close(): void {
    Atomics.store(this.header, CLOSED, 1);
    this.wake();
  }

  /** Wakes a consumer blocked in waitForDataBlocking without writing (used to deliver Stop, §4.3). */
  wake(): void {
    Atomics.notify(this.header, WRITE);
  }

  /**
   * Blocks the calling thread (workers only: browsers forbid Atomics.wait on the main thread) until bytes
   * arrive, the ring is closed, `wake()` is called or `timeoutMs` passes. Returns the milliseconds waited.
   */
  waitForDataBlocking(timeoutMs: number): number {
    const started = performance.now();
    const seen = Atomics.load(this.header, WRITE);
    if (this.used() > 0 || this.closed || timeoutMs <= 0) return 0;
    Atomics.wait(this.header, WRITE, seen, timeoutMs);
    return performance.now() - started;
  }

  async waitForData(timeoutMs: number): Promise<number> {
    const started = performance.now();
    const seen = Atomics.load(this.header, WRITE);
    if (this.used() > 0 || this.closed) return 0;
    await waitChange(this.header, WRITE, seen, timeoutMs);
    return performance.now() - started;
  }

  /** Blocks (workers only) until the consumer frees space or `timeoutMs` passes. */
  waitForSpaceBlocking(timeoutMs: number): void {
    const seen = Atomics.load(this.header, READ);
    if (this.freeBytes > 0 || timeoutMs <= 0) return;
    Atomics.wait(this.header, READ, seen, timeoutMs);
  }

  async waitForSpace(timeoutMs: number): Promise<void> {
    const seen = Atomics.load(this.header, READ);
    if (this.freeBytes > 0) return;
    await waitChange(this.header, READ, seen, timeoutMs);
  }
}

/**
 * Producer side of the message fallback: each write is posted as one message (copied, so the caller may
 * reuse its buffer). Messages are unbounded, so everything fits; flow control is the receiver's job.
 */
export class MessageByteWriter implements ByteWriter {
  private closedFlag = false;
  constructor(private readonly post: (bytes: Uint8Array | null) => void) {}

  readonly freeBytes = Infinity;

  write(bytes: Uint8Array): number {
    if (this.closedFlag) throw new ConsoleRingError('console ring: write after close');
    if (bytes.length > 0) this.post(bytes.slice());
    return bytes.length;
  }

  /** Posts `null`, the end-of-stream marker the receiving MessageByteReader understands. */
  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.post(null);
  }

  async waitForSpace(): Promise<void> {}
}

/** Consumer side of the message fallback: the owner feeds it each received message with `push`. */
export class MessageByteReader implements ByteReader {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private closedFlag = false;
  private waiter: (() => void) | undefined;

  /** Delivers one message of MessageByteWriter: bytes, or `null` for the end of the stream. */
  push(bytes: Uint8Array | null): void {
    if (bytes === null) this.closedFlag = true;
    else if (bytes.length > 0) {
      this.chunks.push(bytes);
      this.buffered += bytes.length;
    }
    this.waiter?.();
  }

  get availableBytes(): number {
    return this.buffered;
  }

  get ended(): boolean {
    return this.closedFlag && this.buffered === 0;
  }

  read(maxBytes = Infinity): Uint8Array {
    const count = Math.min(maxBytes, this.buffered);
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const chunk = this.chunks[0];
      const take = Math.min(chunk.length, count - filled);
      out.set(chunk.subarray(0, take), filled);
      filled += take;
      if (take === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(take);
    }
    this.buffered -= count;
    return out;
  }

  waitForData(timeoutMs: number): Promise<number> {
    const started = performance.now();
    if (this.buffered > 0 || this.closedFlag || timeoutMs <= 0) return Promise.resolve(0);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(performance.now() - started);
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiter = done;
    });
  }

  /** Wakes a pending waitForData without data (used to deliver Stop in fallback mode). */
  wake(): void {
    this.waiter?.();
  }
}
