import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { MessageChannel } from 'node:worker_threads';
import {
  ConsoleRingError, createRingBuffer, MessageByteReader, MessageByteWriter, SharedByteRing,
} from './console-ring';

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function pattern(lengthBytes: number): Uint8Array {
  const out = new Uint8Array(lengthBytes);
  let x = 12345;
  for (let i = 0; i < lengthBytes; i += 1) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 23;
  }
  return out;
}

describe('SharedByteRing', () => {
  it('delivers written bytes in order to the reader', () => {
    const ring = new SharedByteRing(createRingBuffer(64));
    expect(ring.write(bytesOf('hello'))).toBe(5);
    expect(ring.availableBytes).toBe(5);
    expect(new TextDecoder().decode(ring.read())).toBe('hello');
    expect(ring.availableBytes).toBe(0);
  });

  it('wraps around the end of the data area without losing or reordering bytes', () => {
    const ring = new SharedByteRing(createRingBuffer(16));
    ring.write(pattern(12));
    ring.read(12); // indices now at 12: the next 10 bytes straddle the end of the 16-byte area
    const data = pattern(10).map((b) => b ^ 0x5a);
    expect(ring.write(data)).toBe(10);
    expect(Array.from(ring.read())).toEqual(Array.from(data));
  });

  it('keeps working after many wrap-arounds of the indices', () => {
    const ring = new SharedByteRing(createRingBuffer(16));
    const source = pattern(16 * 1000 + 7);
    const received: number[] = [];
    for (let offset = 0; offset < source.length;) {
      offset += ring.write(source.subarray(offset, Math.min(offset + 7, source.length)));
      received.push(...ring.read(5));
    }
    received.push(...ring.read());
    expect(received).toEqual(Array.from(source));
  });

  it('applies back-pressure: a write into a full ring returns how many bytes fit', () => {
    const ring = new SharedByteRing(createRingBuffer(16));
    expect(ring.write(pattern(10))).toBe(10);
    expect(ring.write(pattern(10))).toBe(6);
    expect(ring.freeBytes).toBe(0);
    expect(ring.write(pattern(1))).toBe(0);
    ring.read(4);
    expect(ring.freeBytes).toBe(4);
    expect(ring.write(pattern(10))).toBe(4);
  });

  it('reads at most the requested number of bytes', () => {
    const ring = new SharedByteRing(createRingBuffer(32));
    ring.write(bytesOf('abcdef'));
    expect(new TextDecoder().decode(ring.read(4))).toBe('abcd');
    expect(new TextDecoder().decode(ring.read(4))).toBe('ef');
  });

  it('reports ended only after the producer closed and the reader drained every byte', () => {
    const ring = new SharedByteRing(createRingBuffer(32));
    ring.write(bytesOf('xy'));
    ring.close();
    expect(ring.closed).toBe(true);
    expect(ring.ended).toBe(false);
    ring.read();
    expect(ring.ended).toBe(true);
  });

  it('refuses writes after close', () => {
    const ring = new SharedByteRing(createRingBuffer(32));
    ring.close();
    expect(() => ring.write(bytesOf('late'))).toThrow(ConsoleRingError);
  });

  it('refuses a capacity that is not a power of two', () => {
    expect(() => createRingBuffer(1000)).toThrow(/power of two/);
  });

  it('shares state between two views of the same buffer', () => {
    const buffer = createRingBuffer(64);
    const producer = new SharedByteRing(buffer);
    const consumer = new SharedByteRing(buffer);
    producer.write(bytesOf('shared'));
    expect(new TextDecoder().decode(consumer.read())).toBe('shared');
    expect(producer.freeBytes).toBe(64);
  });

  it('waitForDataBlocking returns as soon as bytes are already there', () => {
    const ring = new SharedByteRing(createRingBuffer(32));
    ring.write(bytesOf('a'));
    expect(ring.waitForDataBlocking(5_000)).toBe(0);
  });

  it('waitForDataBlocking gives up after its timeout when nothing arrives', () => {
    const ring = new SharedByteRing(createRingBuffer(32));
    const waited = ring.waitForDataBlocking(30);
    expect(waited).toBeGreaterThanOrEqual(25);
  });

  it('waitForData resolves when the other side writes', async () => {
    const ring = new SharedByteRing(createRingBuffer(32));
    const waiting = ring.waitForData(5_000);
    setTimeout(() => ring.write(bytesOf('k')), 20);
    const waited = await waiting;
    expect(waited).toBeLessThan(4_000);
    expect(ring.availableBytes).toBe(1);
  });

  it('carries a 1 MiB paste through a 4 KiB ring to a consumer on another thread', async () => {
    const buffer = createRingBuffer(4096);
    const ring = new SharedByteRing(buffer);
    // Node 20 workers ignore loader flags for their entry: load the TypeScript consumer through tsx's API.
    const consumerUrl = new URL('./console-ring.consumer.node.ts', import.meta.url).href;
    const bootstrap = `import('tsx/esm/api').then((api) => api.tsImport(${JSON.stringify(consumerUrl)}, ${JSON.stringify(consumerUrl)}))`;
    const consumer = new Worker(bootstrap, { eval: true, workerData: { buffer, readSizeBytes: 1500 } });
    let consumerFailed = false;
    consumer.once('error', () => { consumerFailed = true; });
    const received = new Promise<Uint8Array>((resolve, reject) => {
      consumer.once('message', (bytes: Uint8Array) => resolve(bytes));
      consumer.once('error', reject);
    });
    const paste = pattern(1 << 20);
    let offset = 0;
    let fullWrites = 0;
    const deadline = performance.now() + 60_000;
    while (offset < paste.length && !consumerFailed && performance.now() < deadline) {
      const written = ring.write(paste.subarray(offset, offset + 10_000));
      if (written === 0) {
        fullWrites += 1;
        ring.waitForSpaceBlocking(100);
      }
      offset += written;
    }
    ring.close();
    const bytes = await received;
    await consumer.terminate();
    expect(fullWrites).toBeGreaterThan(0); // the ring really was full at times: back-pressure happened
    expect(bytes.length).toBe(paste.length);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(paste))).toBe(0);
  });
});

describe('message fallback', () => {
  it('delivers bytes and the end of the stream through a real MessageChannel', async () => {
    const channel = new MessageChannel();
    const writer = new MessageByteWriter((bytes) => channel.port1.postMessage(bytes));
    const reader = new MessageByteReader();
    channel.port2.on('message', (bytes: Uint8Array | null) => reader.push(bytes));
    writer.write(bytesOf('echo '));
    writer.write(bytesOf('hi\n'));
    writer.close();
    const received: number[] = [];
    const deadline = performance.now() + 5_000;
    while (!reader.ended && performance.now() < deadline) {
      received.push(...reader.read());
      await reader.waitForData(1_000);
    }
    expect(new TextDecoder().decode(new Uint8Array(received))).toBe('echo hi\n');
    expect(reader.ended).toBe(true);
    channel.port1.close();
  });

  it('copies written bytes, so the caller may reuse its buffer', () => {
    const posted: (Uint8Array | null)[] = [];
    const writer = new MessageByteWriter((bytes) => posted.push(bytes));
    const buffer = bytesOf('abc');
    writer.write(buffer);
    buffer[0] = 0x7a;
    expect(new TextDecoder().decode(posted[0]!)).toBe('abc');
  });

  it('reads across message boundaries up to the requested size', () => {
    const reader = new MessageByteReader();
    reader.push(bytesOf('ab'));
    reader.push(bytesOf('cde'));
    expect(new TextDecoder().decode(reader.read(4))).toBe('abcd');
    expect(reader.availableBytes).toBe(1);
    expect(new TextDecoder().decode(reader.read())).toBe('e');
  });

  it('waitForData times out when no message arrives', async () => {
    const reader = new MessageByteReader();
    const waited = await reader.waitForData(30);
    expect(waited).toBeGreaterThanOrEqual(25);
  });
});
