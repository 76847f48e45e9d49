import { describe, expect, it } from 'vitest';
import { createRingBuffer, MessageByteReader, SharedByteRing } from '../../emulator-wasm/src/console-ring';
import { HIGH_WATERMARK, MAX_BATCH_BYTES, OutputPump, type TerminalWriter } from './output-pump';

/** A terminal that parses only when told to, like xterm.js with a busy main thread. */
function slowTerminal() {
  const pending: (() => void)[] = [];
  const written: Uint8Array[] = [];
  const writer: TerminalWriter = {
    write: (bytes, parsed) => {
      written.push(bytes);
      pending.push(parsed);
    },
  };
  return { writer, written, parseAll: () => pending.splice(0).forEach((done) => done()) };
}

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

describe('OutputPump', () => {
  it('writes the channel bytes to the terminal in order', async () => {
    const ring = new SharedByteRing(createRingBuffer(1024));
    const terminal = slowTerminal();
    const pump = new OutputPump(ring);
    pump.attach(terminal.writer);
    pump.start();
    ring.write(new TextEncoder().encode('hello '));
    await tick();
    terminal.parseAll();
    ring.write(new TextEncoder().encode('world'));
    await tick();
    pump.stop();
    expect(new TextDecoder().decode(Buffer.concat(terminal.written))).toBe('hello world');
  });

  it('stops reading at the high watermark of unparsed writes, so the ring fills (back-pressure)', async () => {
    const reader = new MessageByteReader();
    for (let i = 0; i < 3 * HIGH_WATERMARK; i += 1) reader.push(new Uint8Array(MAX_BATCH_BYTES));
    const terminal = slowTerminal();
    const pump = new OutputPump(reader);
    pump.attach(terminal.writer);
    pump.start();
    await tick(50);
    expect(terminal.written).toHaveLength(HIGH_WATERMARK);
    expect(reader.availableBytes).toBe(2 * HIGH_WATERMARK * MAX_BATCH_BYTES);
    terminal.parseAll();
    await tick(50);
    expect(terminal.written.length).toBeGreaterThan(HIGH_WATERMARK);
    pump.stop();
  });

  it('writes batches of at most 64 KiB', async () => {
    const reader = new MessageByteReader();
    reader.push(new Uint8Array(MAX_BATCH_BYTES * 2 + 5));
    const terminal = slowTerminal();
    const pump = new OutputPump(reader);
    pump.attach(terminal.writer);
    pump.start();
    await tick();
    pump.stop();
    expect(terminal.written.map((b) => b.length)).toEqual([MAX_BATCH_BYTES, MAX_BATCH_BYTES, 5]);
  });

  it('drain delivers everything at once, past the watermark (end of a run)', () => {
    const reader = new MessageByteReader();
    for (let i = 0; i < 2 * HIGH_WATERMARK; i += 1) reader.push(new Uint8Array(MAX_BATCH_BYTES));
    const terminal = slowTerminal();
    const pump = new OutputPump(reader);
    pump.attach(terminal.writer);
    pump.drain();
    expect(terminal.written).toHaveLength(2 * HIGH_WATERMARK);
    expect(reader.availableBytes).toBe(0);
  });

  it('hands every byte to the transcript even before a terminal is attached', () => {
    const reader = new MessageByteReader();
    reader.push(new TextEncoder().encode('early'));
    const seen: number[] = [];
    new OutputPump(reader, (bytes) => seen.push(...bytes)).drain();
    expect(new TextDecoder().decode(new Uint8Array(seen))).toBe('early');
  });
});

describe('OutputPump.discard', () => {
  it('drops buffered bytes without writing or recording them', () => {
    const reader = new MessageByteReader();
    reader.push(new TextEncoder().encode('old machine'));
    const seen: number[] = [];
    const terminal = slowTerminal();
    const pump = new OutputPump(reader, (bytes) => seen.push(...bytes));
    pump.attach(terminal.writer);
    pump.discard();
    expect(reader.availableBytes).toBe(0);
    expect(seen).toEqual([]);
    expect(terminal.written).toEqual([]);
  });
});
