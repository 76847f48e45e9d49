// Messages between the page and the emulator worker (spec/browser-emulation.md §4). Everything crosses with
// structured clone, which carries bigint, typed arrays and SharedArrayBuffer, so the machine config keeps
// its bigint fields. Each side validates what it receives: a message from elsewhere (an extension, a stale
// worker) becomes a typed error instead of undefined behaviour.
import { CartiError } from '../../lib/machine/errors';
import type { MachineConfig } from '../../lib/machine/config';

/** Shared memory of a cross-origin isolated session (§4.2, §4.3); absent in the message fallback. */
export interface SharedChannels {
  /** Page → worker console bytes (a console-ring buffer). */
  input: SharedArrayBuffer;
  /** Worker → page console bytes. */
  output: SharedArrayBuffer;
  /** One Int32 control word: see CONTROL. */
  control: SharedArrayBuffer;
}

/** Values of the shared control word, written by the page and read by the worker between slices. */
export const CONTROL = { run: 0, stop: 1, reset: 2 } as const;

export interface BootMessage {
  type: 'boot';
  /** The v0.21 machine model; image names are keys of `images`. */
  config: MachineConfig;
  /** Image bytes by the names used in `config` (ram.image, flash_drive[].backing_store.data_filename). */
  images: Record<string, Uint8Array>;
  /** Console input enabled and an idle guest lets the worker sleep (unreproducible, §4.4). */
  interactive: boolean;
  /** Stop at this mcycle (2^64 − 1 for "until halt"). */
  maxMcycle: bigint;
  /** Where to load the emulator core from (default /emulator.wasm). */
  wasmUrl?: string;
  channels?: SharedChannels;
}

export type PageMessage =
  | BootMessage
  | { type: 'stop' }
  | { type: 'reset' }
  /** Console input in the message fallback; `null` closes the input. */
  | { type: 'input'; bytes: Uint8Array | null }
  | { type: 'drive-request'; requestId: number; index: number };

export type RunState = 'loading' | 'running' | 'waiting-input' | 'halted' | 'yielded' | 'stopped' | 'max-mcycle' | 'error';

export const RUN_STATES: readonly RunState[] = ['loading', 'running', 'waiting-input', 'halted', 'yielded', 'stopped', 'max-mcycle', 'error'];

export interface StatusMessage {
  type: 'status';
  state: RunState;
  mcycle: bigint;
  /** Guest instructions per second while executing, in millions (idle time excluded). */
  mips: number;
  /** Wall-clock milliseconds since the boot started running. */
  elapsedMs: number;
}

export type WorkerMessage =
  | StatusMessage
  /** Console output in the message fallback; `null` marks the end of the output. */
  | { type: 'output'; bytes: Uint8Array | null }
  | { type: 'halted'; exitCode: number; mcycle: bigint }
  | { type: 'yielded'; manual: boolean; reason: number; data: number; mcycle: bigint }
  | { type: 'stopped'; mcycle: bigint; reason: 'stop' | 'max-mcycle' }
  | { type: 'error'; message: string; code: string }
  | { type: 'drive-response'; requestId: number; index: number; label: string; bytes: Uint8Array }
  | { type: 'drive-error'; requestId: number; index: number; message: string };

/** Until halt: the largest mcycle. */
export const UNTIL_HALT = (1n << 64n) - 1n;

type Shape = Record<string, (value: unknown) => boolean>;

const isString = (v: unknown): boolean => typeof v === 'string';
const isBool = (v: unknown): boolean => typeof v === 'boolean';
const isBigint = (v: unknown): boolean => typeof v === 'bigint' && v >= 0n;
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);
const isFiniteNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isBytes = (v: unknown): boolean => v instanceof Uint8Array;
const isBytesOrNull = (v: unknown): boolean => v === null || v instanceof Uint8Array;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isOptional = (check: (v: unknown) => boolean) => (v: unknown): boolean => v === undefined || check(v);

function isSharedBuffer(v: unknown): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer;
}

function isImages(v: unknown): boolean {
  return isObject(v) && Object.values(v).every((bytes) => bytes instanceof Uint8Array);
}

function isChannels(v: unknown): boolean {
  return isObject(v) && isSharedBuffer(v.input) && isSharedBuffer(v.output) && isSharedBuffer(v.control);
}

/** The config's own rules are checked by boot.ts (validateMachineConfig); here only its outline. */
function isConfig(v: unknown): boolean {
  return isObject(v) && isObject(v.ram) && isObject(v.dtb) && isObject(v.htif) && Array.isArray(v.flash_drive);
}

const PAGE_SHAPES: Record<PageMessage['type'], Shape> = {
  boot: {
    config: isConfig, images: isImages, interactive: isBool, maxMcycle: isBigint,
    wasmUrl: isOptional(isString), channels: isOptional(isChannels),
  },
  stop: {},
  reset: {},
  input: { bytes: isBytesOrNull },
  'drive-request': { requestId: isCount, index: isCount },
};

const WORKER_SHAPES: Record<WorkerMessage['type'], Shape> = {
  status: {
    state: (v) => RUN_STATES.includes(v as RunState), mcycle: isBigint, mips: isFiniteNumber, elapsedMs: isFiniteNumber,
  },
  output: { bytes: isBytesOrNull },
  halted: { exitCode: isInt, mcycle: isBigint },
  yielded: { manual: isBool, reason: isCount, data: isCount, mcycle: isBigint },
  stopped: { mcycle: isBigint, reason: (v) => v === 'stop' || v === 'max-mcycle' },
  error: { message: isString, code: isString },
  'drive-response': { requestId: isCount, index: isCount, label: isString, bytes: isBytes },
  'drive-error': { requestId: isCount, index: isCount, message: isString },
};

function parseWith<T>(data: unknown, shapes: Record<string, Shape>, input: string): T {
  if (!isObject(data)) throw new CartiError('bad-message', input, '(message)', 'not an object');
  const type = data.type;
  if (typeof type !== 'string' || !Object.hasOwn(shapes, type)) {
    throw new CartiError('bad-message', input, 'type', `unknown message type ${JSON.stringify(type)}`);
  }
  for (const [field, check] of Object.entries(shapes[type])) {
    if (!check(data[field])) {
      throw new CartiError('bad-message', input, `${type}.${field}`, `invalid value ${describe(data[field])}`);
    }
  }
  return data as T;
}

function describe(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  const text = typeof value === 'object' ? Object.prototype.toString.call(value) : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Checks a message received by the worker; throws a `bad-message` CartiError naming the field. */
export function parsePageMessage(data: unknown): PageMessage {
  return parseWith<PageMessage>(data, PAGE_SHAPES, 'message to the emulator worker');
}

/** Checks a message received by the page; throws a `bad-message` CartiError naming the field. */
export function parseWorkerMessage(data: unknown): WorkerMessage {
  return parseWith<WorkerMessage>(data, WORKER_SHAPES, 'message from the emulator worker');
}
