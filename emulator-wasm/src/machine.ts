// The Machine class: one emulator instance over the wasm core, the same in Node (CLI, tests) and in a
// browser worker. It lays out the v0.21 memory map (spec/cartesi-machine.md §7), loads images, runs in
// slices and reports why a run stopped. Nothing here touches Node, the DOM or workers.
import { ADDRESSES, BREAK, PMA_FLAGS, RUN_INFO, SHADOW_OFFSETS, type CoreExports } from './core';
import type { BreakReason, MachineSpec } from './types';

export type { BreakReason, MachineSpec, FlashDriveSpec } from './types';

interface Region {
  start: bigint;
  length: bigint;
  host: number;
  label?: string;
}

/** Cycles per call into wasm: V8 optimises wasm functions only between calls (browser-emulation.md §3.1). */
export const DEFAULT_SLICE_MCYCLES = 1n << 23n;

/** V8 runs a wasm function in its baseline tier until a later call: start with short slices. */
const WARM_UP_CALLS = 32;
const WARM_UP_SLICE_MCYCLES = 1n << 18n;

let defaultModule: WebAssembly.Module | undefined;

/** Registers the compiled core used when Machine.create gets no module (the Node entry does this). */
export function setDefaultCoreModule(module: WebAssembly.Module): void {
  defaultModule = module;
}

export class MachineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MachineError';
  }
}

export class Machine {
  private readonly core: CoreExports;
  private view: DataView;
  private bytes: Uint8Array;
  private readonly shadow: number;
  private readonly runInfo: number;
  private readonly ram: Region;
  private readonly drives: Region[] = [];
  private readonly memoryRegions: Region[] = [];
  private pendingInput: Uint8Array[] = [];
  private inputClosed: boolean;
  readonly interactive: boolean;
  sliceMcycles = DEFAULT_SLICE_MCYCLES;
  /** Calls into wasm so far: the first ones are short, so V8 swaps in its optimised code early. */
  private calls = 0;

  private constructor(core: CoreExports, spec: MachineSpec) {
    this.core = core;
    this.interactive = spec.interactive === true;
    this.inputClosed = !this.interactive;
    const status = core.setup();
    if (status !== 0) throw new MachineError(`emulator core setup failed (${status})`);
    this.shadow = core.shadowBase();
    this.runInfo = core.runInfoBase();
    this.view = new DataView(core.memory.buffer);
    this.bytes = new Uint8Array(core.memory.buffer);

    const ramLength = spec.ramLength;
    if (ramLength <= 0n || ramLength % 4096n !== 0n) throw new MachineError(`RAM length ${ramLength} must be a positive multiple of 4096`);
    if (ramLength > 0x80000000n) throw new MachineError(`RAM length ${ramLength} exceeds 2 GiB (spec §8)`);
    // PMA order is architectural (TLB slots hold the index): RAM, DTB, drives, CMIO TX, CMIO RX, HTIF, CLINT, PLIC, PMA array.
    this.ram = this.addMemory(ADDRESSES.ram, ramLength, PMA_FLAGS.ram, 'ram');
    const dtb = this.addMemory(ADDRESSES.dtb, ADDRESSES.dtbLength, PMA_FLAGS.dtb, 'dtb');
    if (spec.flashDrives.length > 8) throw new MachineError(`at most 8 flash drives (got ${spec.flashDrives.length})`);
    spec.flashDrives.forEach((drive, index) => {
      const name = drive.label ?? `flashdrive${index}`;
      if (drive.length <= 0n || drive.length % 4096n !== 0n || drive.start % 4096n !== 0n) {
        throw new MachineError(`flash drive ${name}: start and length must be multiples of 4096`);
      }
      if (drive.data && BigInt(drive.data.length) > drive.length) {
        throw new MachineError(`flash drive ${name}: image (${drive.data.length} bytes) is longer than the drive (${drive.length})`);
      }
      const region = this.addMemory(drive.start, drive.length, drive.readOnly ? PMA_FLAGS.flashDriveReadOnly : PMA_FLAGS.flashDrive, name);
      this.drives.push(region);
      if (drive.data) this.bytes.set(drive.data, region.host);
    });
    this.addMemory(ADDRESSES.cmioTx, ADDRESSES.cmioLength, PMA_FLAGS.cmioTx, 'cmio-tx');
    this.addMemory(ADDRESSES.cmioRx, ADDRESSES.cmioLength, PMA_FLAGS.cmioRx, 'cmio-rx');
    this.addDevice(ADDRESSES.htif, ADDRESSES.htifLength, PMA_FLAGS.htif);
    this.addDevice(ADDRESSES.clint, ADDRESSES.clintLength, PMA_FLAGS.clint);
    this.addDevice(ADDRESSES.plic, ADDRESSES.plicLength, PMA_FLAGS.plic);
    const pmaArray = this.addMemory(ADDRESSES.pmaArray, ADDRESSES.pmaArrayLength, PMA_FLAGS.pmaArray, 'pma-array');
    this.checkOverlaps();

    if (spec.ramImage) {
      if (BigInt(spec.ramImage.length) > ramLength) {
        throw new MachineError(`RAM image (${spec.ramImage.length} bytes) is larger than RAM (${ramLength})`);
      }
      this.bytes.set(spec.ramImage, this.ram.host);
    }
    if (spec.dtb) {
      if (spec.dtb.length > Number(ADDRESSES.dtbLength)) throw new MachineError('device tree larger than 1 MiB');
      this.bytes.set(spec.dtb, dtb.host);
    }
    this.writePmaArray(pmaArray.host);
    core.reset(this.interactive ? 1 : 0, spec.iyield ?? 3);
    if (spec.pc !== undefined) this.setShadow('pc', spec.pc);
  }

  /** Instantiates a core and builds the machine described by `spec`. */
  static async create(spec: MachineSpec, module?: WebAssembly.Module): Promise<Machine> {
    const wasm = module ?? defaultModule;
    if (!wasm) throw new MachineError('no emulator core module: load emulator.wasm first (setDefaultCoreModule)');
    const instance = await WebAssembly.instantiate(wasm, {});
    return new Machine(instance.exports as unknown as CoreExports, spec);
  }

  private refreshViews(): void {
    if (this.bytes.buffer !== this.core.memory.buffer) {
      this.view = new DataView(this.core.memory.buffer);
      this.bytes = new Uint8Array(this.core.memory.buffer);
    }
  }

  private allocate(length: bigint, name: string): number {
    const host = this.core.allocRegion(length);
    if (host === 0) throw new MachineError(`not enough wasm memory for ${name} (${length} bytes; RAM plus drives must stay under 4 GiB)`);
    this.refreshViews();
    return host;
  }

  private addMemory(start: bigint, length: bigint, flags: number, label: string): Region {
    const host = this.allocate(length, label);
    this.core.addPma(start, length, flags, host);
    const region = { start, length, host, label };
    this.memoryRegions.push(region);
    return region;
  }

  private addDevice(start: bigint, length: bigint, flags: number): void {
    this.core.addPma(start, length, flags, 0);
  }

  private checkOverlaps(): void {
    const sorted = [...this.memoryRegions].sort((a, b) => (a.start < b.start ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const next = sorted[i];
      if (prev.start + prev.length > next.start) {
        throw new MachineError(`address range of ${next.label} overlaps with ${prev.label}`);
      }
    }
  }

  /** The PMA array at 0x10000 in Cartesi's encoding: {istart = start | flags, ilength} (spec §7.3). */
  private writePmaArray(host: number): void {
    const entries: Array<[bigint, bigint, number]> = [];
    const order = [...this.memoryRegions.filter((r) => r.label !== 'pma-array')];
    for (const r of order) {
      const flags = r.label === 'ram' || r.label === 'dtb' ? PMA_FLAGS.ram
        : r.label === 'cmio-tx' ? PMA_FLAGS.cmioTx : r.label === 'cmio-rx' ? PMA_FLAGS.cmioRx : PMA_FLAGS.flashDrive;
      entries.push([r.start, r.length, flags]);
    }
    entries.push([ADDRESSES.htif, ADDRESSES.htifLength, PMA_FLAGS.htif]);
    entries.push([ADDRESSES.clint, ADDRESSES.clintLength, PMA_FLAGS.clint]);
    entries.push([ADDRESSES.plic, ADDRESSES.plicLength, PMA_FLAGS.plic]);
    entries.push([ADDRESSES.pmaArray, ADDRESSES.pmaArrayLength, PMA_FLAGS.pmaArray]);
    entries.forEach(([start, length, flags], i) => {
      this.view.setBigUint64(host + i * 16, start | BigInt(flags), true);
      this.view.setBigUint64(host + i * 16 + 8, length, true);
    });
  }

  private getShadow(name: string): bigint {
    const offset = SHADOW_OFFSETS[name];
    if (offset === undefined) throw new MachineError(`unknown register ${name}`);
    this.refreshViews();
    return this.view.getBigUint64(this.shadow + offset, true);
  }

  private setShadow(name: string, value: bigint): void {
    const offset = SHADOW_OFFSETS[name];
    if (offset === undefined) throw new MachineError(`unknown register ${name}`);
    this.refreshViews();
    this.view.setBigUint64(this.shadow + offset, BigInt.asUintN(64, value), true);
  }

  private info(offset: number): bigint {
    return this.view.getBigUint64(this.runInfo + offset, true);
  }

  get mcycle(): bigint { return this.getShadow('mcycle'); }
  get pc(): bigint { return this.getShadow('pc'); }
  get halted(): boolean { return this.getShadow('iflags_H') !== 0n; }
  get haltPayload(): number { this.refreshViews(); return Number(this.info(RUN_INFO.haltPayload)); }

  readX(i: number): bigint {
    this.refreshViews();
    return this.view.getBigUint64(this.shadow + i * 8, true);
  }
  writeX(i: number, value: bigint): void {
    if (i === 0) return;
    this.refreshViews();
    this.view.setBigUint64(this.shadow + i * 8, BigInt.asUintN(64, value), true);
  }
  readF(i: number): bigint {
    this.refreshViews();
    return this.view.getBigUint64(this.shadow + 0x118 + i * 8, true);
  }
  readCsr(name: string): bigint {
    if (name === 'minstret') return this.getShadow('mcycle') - this.getShadow('icycleinstret');
    return this.getShadow(name);
  }
  writeCsr(name: string, value: bigint): void { this.setShadow(name, value); }

  private hostAddress(paddr: bigint, length: number): number {
    for (const r of this.memoryRegions) {
      if (paddr >= r.start && paddr + BigInt(length) <= r.start + r.length) return r.host + Number(paddr - r.start);
    }
    throw new MachineError(`physical range 0x${paddr.toString(16)}+${length} is not in a memory range`);
  }

  readMemory(paddr: bigint, length: number): Uint8Array {
    const host = this.hostAddress(paddr, length);
    this.refreshViews();
    return this.bytes.slice(host, host + length);
  }

  writeMemory(paddr: bigint, data: Uint8Array): void {
    const host = this.hostAddress(paddr, data.length);
    this.refreshViews();
    this.bytes.set(data, host);
    this.core.flushCodeCache(); // the bytes may be code the core has already decoded
  }

  /** Current contents of flash drive `index` (a view into wasm memory: copy it before running again). */
  driveContents(index: number): Uint8Array {
    const r = this.drives[index];
    if (!r) throw new MachineError(`no flash drive ${index}`);
    this.refreshViews();
    // Callers may write through the view (boot.node.ts reads drive images into it): forget decoded code.
    this.core.flushCodeCache();
    return this.bytes.subarray(r.host, r.host + Number(r.length));
  }

  readTlbSlot(set: 'code' | 'read' | 'write', index: number): { vaddrPage: bigint; vpOffset: bigint; pmaIndex: bigint } {
    this.refreshViews();
    const base = this.core.tlbArchBase() + { code: 0, read: 1, write: 2 }[set] * 0x2000 + index * 32;
    return {
      vaddrPage: this.view.getBigUint64(base, true),
      vpOffset: this.view.getBigUint64(base + 8, true),
      pmaIndex: this.view.getBigUint64(base + 16, true),
    };
  }

  /** Console bytes the guest wrote since the last call. */
  takeConsoleOutput(): Uint8Array {
    this.refreshViews();
    const length = Number(this.info(RUN_INFO.consoleOutLen));
    const base = this.core.consoleOutBase();
    const out = this.bytes.slice(base, base + length);
    this.view.setBigUint64(this.runInfo + RUN_INFO.consoleOutLen, 0n, true);
    return out;
  }

  /** Queues console input (interactive machines only: reproducible ones have GETCHAR disabled, spec §9.1). */
  pushConsoleInput(data: Uint8Array): void {
    if (!this.interactive) throw new MachineError('console input needs an interactive machine');
    if (data.length > 0) this.pendingInput.push(data);
  }

  /** Ends the input stream: GETCHAR then returns EOT (spec §9.5). */
  closeConsoleInput(): void {
    this.inputClosed = true;
  }

  /** Moves queued input into the core's buffer when it has been consumed. */
  private feedInput(): void {
    this.refreshViews();
    const pos = this.info(RUN_INFO.consoleInPos);
    const len = this.info(RUN_INFO.consoleInLen);
    if (pos < len) return;
    const capacity = this.core.consoleInCapacity();
    const base = this.core.consoleInBase();
    let filled = 0;
    while (this.pendingInput.length > 0 && filled < capacity) {
      const chunk = this.pendingInput[0];
      const take = Math.min(chunk.length, capacity - filled);
      this.bytes.set(chunk.subarray(0, take), base + filled);
      filled += take;
      if (take === chunk.length) this.pendingInput.shift();
      else this.pendingInput[0] = chunk.subarray(take);
    }
    this.view.setBigUint64(this.runInfo + RUN_INFO.consoleInPos, 0n, true);
    this.view.setBigUint64(this.runInfo + RUN_INFO.consoleInLen, BigInt(filled), true);
    const closed = this.inputClosed && this.pendingInput.length === 0 ? 1n : 0n;
    this.view.setBigUint64(this.runInfo + RUN_INFO.consoleInClosed, closed, true);
  }

  /** Whether queued console input is waiting to be delivered. */
  get hasPendingInput(): boolean {
    this.refreshViews();
    return this.pendingInput.length > 0 || this.info(RUN_INFO.consoleInPos) < this.info(RUN_INFO.consoleInLen);
  }

  /**
   * Interactive idle: after an `idle` break the host may let guest time pass without executing (the guest
   * is in WFI with nothing pending). mcycle advances by `cycles`, capped at the wake-up deadline (spec §3.5).
   */
  skipIdleCycles(cycles: bigint): void {
    const wake = this.info(RUN_INFO.wakeMcycle);
    const now = this.mcycle;
    const target = now + cycles < wake ? now + cycles : wake;
    if (target > now) this.setShadow('mcycle', target);
  }

  /**
   * Runs until `maxMcycle` or a break the host must see. Slices keep each wasm call short. Console output
   * is delivered to `onOutput` as it is produced (or accumulated for takeConsoleOutput when omitted).
   */
  run(maxMcycle: bigint, onOutput?: (bytes: Uint8Array) => void): BreakReason {
    for (;;) {
      if (this.interactive) this.feedInput();
      const now = this.mcycle;
      if (now >= maxMcycle) return { kind: 'max-mcycle' };
      const slice = this.calls < WARM_UP_CALLS && WARM_UP_SLICE_MCYCLES < this.sliceMcycles ? WARM_UP_SLICE_MCYCLES : this.sliceMcycles;
      this.calls++;
      const end = maxMcycle - now > slice ? now + slice : maxMcycle;
      const code = this.core.run(end);
      this.refreshViews();
      if (onOutput) {
        const out = this.takeConsoleOutput();
        if (out.length > 0) onOutput(out);
      }
      switch (code) {
        case BREAK.maxMcycle:
          if (end >= maxMcycle) return { kind: 'max-mcycle' };
          continue;
        case BREAK.halted:
          return { kind: 'halted', exitCode: this.haltPayload };
        case BREAK.yieldedManually:
        case BREAK.yieldedAutomatically:
          return {
            kind: 'yielded',
            manual: code === BREAK.yieldedManually,
            reason: Number(this.info(RUN_INFO.yieldReason)),
            data: Number(this.info(RUN_INFO.yieldData)),
          };
        case BREAK.consoleOutput:
          if (onOutput) continue;
          return { kind: 'console-output' };
        case BREAK.consoleInput:
          if (this.pendingInput.length > 0) continue;
          return { kind: 'console-input' };
        case BREAK.idle:
          return { kind: 'idle', wakeMcycle: this.info(RUN_INFO.wakeMcycle) };
        default:
          throw new MachineError(`unexpected break reason ${code}`);
      }
    }
  }
}
