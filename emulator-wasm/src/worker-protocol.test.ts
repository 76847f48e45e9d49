import { describe, expect, it } from 'vitest';
import { defaultMachineConfig } from '../../lib/machine/config';
import { createRingBuffer } from './console-ring';
import { parsePageMessage, parseWorkerMessage, UNTIL_HALT, type BootMessage } from './worker-protocol';
import { errorOf } from '../../lib/machine/error-of';

function bootMessage(): BootMessage {
  return {
    type: 'boot',
    config: defaultMachineConfig(),
    images: { 'linux.bin': new Uint8Array([1, 2, 3]) },
    interactive: true,
    maxMcycle: UNTIL_HALT,
  };
}


describe('parsePageMessage', () => {
  it('accepts a boot message with config, images and the until-halt limit', () => {
    const message = bootMessage();
    expect(parsePageMessage(message)).toBe(message);
  });

  it('accepts a boot message that carries the shared console rings', () => {
    const message = { ...bootMessage(), channels: { input: createRingBuffer(64), output: createRingBuffer(64), control: new SharedArrayBuffer(4) } };
    expect(parsePageMessage(message).type).toBe('boot');
  });

  it('accepts a boot message after a structured clone (bigint fields survive)', () => {
    const cloned = structuredClone(bootMessage());
    expect(parsePageMessage(cloned).type).toBe('boot');
  });

  it('refuses a boot message whose image is not bytes, naming the field', () => {
    const error = errorOf(() => parsePageMessage({ ...bootMessage(), images: { 'linux.bin': 'text' } }));
    expect(error.code).toBe('bad-message');
    expect(error.location).toBe('boot.images');
    expect(error.message).toContain('message to the emulator worker');
  });

  it('refuses a maxMcycle given as a number instead of a bigint', () => {
    const error = errorOf(() => parsePageMessage({ ...bootMessage(), maxMcycle: 1000 }));
    expect(error.location).toBe('boot.maxMcycle');
  });

  it('refuses channels that are not shared memory', () => {
    const error = errorOf(() => parsePageMessage({ ...bootMessage(), channels: { input: new ArrayBuffer(8), output: new ArrayBuffer(8), control: new ArrayBuffer(4) } }));
    expect(error.location).toBe('boot.channels');
  });

  it('accepts stop and reset without fields', () => {
    expect(parsePageMessage({ type: 'stop' }).type).toBe('stop');
    expect(parsePageMessage({ type: 'reset' }).type).toBe('reset');
  });

  it('accepts fallback input bytes and the null that closes the input', () => {
    expect(parsePageMessage({ type: 'input', bytes: new Uint8Array([65]) }).type).toBe('input');
    expect(parsePageMessage({ type: 'input', bytes: null }).type).toBe('input');
  });

  it('refuses a drive request with a negative index', () => {
    const error = errorOf(() => parsePageMessage({ type: 'drive-request', requestId: 1, index: -1 }));
    expect(error.location).toBe('drive-request.index');
  });

  it('refuses an unknown message type, quoting it', () => {
    const error = errorOf(() => parsePageMessage({ type: 'format-disk' }));
    expect(error.location).toBe('type');
    expect(error.reason).toContain('"format-disk"');
  });

  it('refuses something that is not an object', () => {
    expect(errorOf(() => parsePageMessage('boot')).location).toBe('(message)');
    expect(errorOf(() => parsePageMessage(null)).location).toBe('(message)');
  });
});

describe('parseWorkerMessage', () => {
  it('accepts a status message with mcycle as bigint', () => {
    const status = { type: 'status', state: 'running', mcycle: 123n, mips: 150.5, elapsedMs: 250 };
    expect(parseWorkerMessage(status)).toEqual(status);
  });

  it('refuses a status with an unknown state', () => {
    const error = errorOf(() => parseWorkerMessage({ type: 'status', state: 'sleeping', mcycle: 1n, mips: 0, elapsedMs: 0 }));
    expect(error.location).toBe('status.state');
    expect(error.message).toContain('message from the emulator worker');
  });

  it('refuses a status whose MIPS is not finite', () => {
    const error = errorOf(() => parseWorkerMessage({ type: 'status', state: 'running', mcycle: 1n, mips: Number.NaN, elapsedMs: 0 }));
    expect(error.location).toBe('status.mips');
  });

  it('accepts halted with a negative exit code (the halt payload is signed)', () => {
    expect(parseWorkerMessage({ type: 'halted', exitCode: -1, mcycle: 5n }).type).toBe('halted');
  });

  it('refuses halted without mcycle', () => {
    expect(errorOf(() => parseWorkerMessage({ type: 'halted', exitCode: 0 })).reason).toContain('(missing)');
  });

  it('accepts a yielded message with reason and data', () => {
    expect(parseWorkerMessage({ type: 'yielded', manual: true, reason: 1, data: 7, mcycle: 9n }).type).toBe('yielded');
  });

  it('accepts output bytes and the end-of-output null', () => {
    expect(parseWorkerMessage({ type: 'output', bytes: new Uint8Array(2) }).type).toBe('output');
    expect(parseWorkerMessage({ type: 'output', bytes: null }).type).toBe('output');
  });

  it('accepts a drive response carrying the drive bytes', () => {
    const message = { type: 'drive-response', requestId: 3, index: 1, label: 'output', bytes: new Uint8Array(4096) };
    expect(parseWorkerMessage(message).type).toBe('drive-response');
  });

  it('refuses a stopped message with an unknown reason', () => {
    expect(errorOf(() => parseWorkerMessage({ type: 'stopped', mcycle: 1n, reason: 'crash' })).location).toBe('stopped.reason');
  });

  it('accepts an error message with code and text', () => {
    expect(parseWorkerMessage({ type: 'error', code: 'boot', message: 'RAM image too large' }).type).toBe('error');
  });
});
