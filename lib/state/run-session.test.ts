import { describe, expect, it } from 'vitest';
import { createRunSessionStore, isRunning } from './run-session';

const ASSETS = [
  { id: 'baenrwi-kernel', name: 'default-linux', role: 'ram' },
  { id: 'baenrwi-rootfs', name: 'default-rootfs', role: 'flash_drive[0] (root)' },
];

describe('run-session store', () => {
  it('starts idle with nothing to show', () => {
    const state = createRunSessionStore().getState();
    expect(state.phase).toBe('idle');
    expect(state.assets).toEqual([]);
    expect(state.mcycle).toBe(0n);
  });

  it('startLoading lists every asset as waiting with no bytes yet', () => {
    const store = createRunSessionStore();
    store.getState().startLoading(ASSETS);
    expect(store.getState().phase).toBe('loading');
    expect(store.getState().assets.map((a) => [a.name, a.phase, a.doneBytes])).toEqual([
      ['default-linux', 'waiting', 0], ['default-rootfs', 'waiting', 0],
    ]);
  });

  it('startLoading forgets how the previous run ended', () => {
    const store = createRunSessionStore();
    store.getState().reportHalt(3, 100n);
    store.getState().reportError('boom');
    store.getState().startLoading(ASSETS);
    expect(store.getState().exitCode).toBeUndefined();
    expect(store.getState().error).toBeUndefined();
    expect(store.getState().mcycle).toBe(0n);
  });

  it('updateAsset changes only the asset with that id', () => {
    const store = createRunSessionStore();
    store.getState().startLoading(ASSETS);
    store.getState().updateAsset('baenrwi-rootfs', { phase: 'downloading', doneBytes: 10, totalBytes: 100 });
    const [kernel, rootfs] = store.getState().assets;
    expect(kernel.phase).toBe('waiting');
    expect(rootfs).toMatchObject({ phase: 'downloading', doneBytes: 10, totalBytes: 100 });
  });

  it('reportStatus records the state, mcycle, MIPS and elapsed time of the worker', () => {
    const store = createRunSessionStore();
    store.getState().reportStatus({ phase: 'waiting-input', mcycle: 42n, mips: 120.5, elapsedMs: 900 });
    expect(store.getState()).toMatchObject({ phase: 'waiting-input', mcycle: 42n, mips: 120.5, elapsedMs: 900 });
  });

  it('reportHalt records the exit code and the final mcycle', () => {
    const store = createRunSessionStore();
    store.getState().reportHalt(1, 69_919_506n);
    expect(store.getState()).toMatchObject({ phase: 'halted', exitCode: 1, mcycle: 69_919_506n });
  });

  it('an automatic yield is recorded without ending the run', () => {
    const store = createRunSessionStore();
    store.getState().reportStatus({ phase: 'running', mcycle: 1n, mips: 0, elapsedMs: 0 });
    store.getState().reportYield({ manual: false, reason: 1, data: 5 }, 2n);
    expect(store.getState().phase).toBe('running');
    expect(store.getState().lastYield).toEqual({ manual: false, reason: 1, data: 5 });
  });

  it('a manual yield ends the run in the yielded state', () => {
    const store = createRunSessionStore();
    store.getState().reportYield({ manual: true, reason: 2, data: 0 }, 9n);
    expect(store.getState().phase).toBe('yielded');
  });

  it('reportError shows the message as written', () => {
    const store = createRunSessionStore();
    store.getState().reportError('linux.bin: (download): HTTP 404');
    expect(store.getState()).toMatchObject({ phase: 'error', error: 'linux.bin: (download): HTTP 404' });
  });

  it('isRunning is true while loading, running or waiting for input, false once ended', () => {
    expect(['loading', 'running', 'waiting-input'].every((p) => isRunning(p as never))).toBe(true);
    expect(['idle', 'halted', 'yielded', 'stopped', 'max-mcycle', 'error'].some((p) => isRunning(p as never))).toBe(false);
  });
});
