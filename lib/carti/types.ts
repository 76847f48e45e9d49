/**
 * Public data types of the Carti formats (spec carti-formats.md §3, §4, §6). Plain data: JSON-shaped values
 * with HexNumbers already parsed to `bigint`. Every value is treated as immutable by the operations.
 */
import type { CartiError } from './errors';

/** The exact set of bundle types (§3.1); `flash` is read as an alias of `flashdrive`, with a warning. */
export type BundleType = 'ram' | 'rom' | 'raw' | 'flashdrive';
export const BUNDLE_TYPES: readonly BundleType[] = ['ram', 'rom', 'raw', 'flashdrive'];

/** A bundle record (§3.1). `id` is a validated carti id (§2.3). */
export interface Bundle {
  readonly bundleType: BundleType;
  readonly name: string;
  readonly fileName: string;
  readonly id: string;
  readonly deps?: readonly string[];
  readonly version: string;
  readonly uri?: string;
}

/** A `bundles.json` listing (§3.2). */
export interface Listing {
  readonly bundles: readonly Bundle[];
}

/**
 * The outcome of reading one input: the valid part, plus every problem found. Errors are records that were
 * rejected (the rest is still returned); warnings are accepted oddities (the `flash` alias, a duplicate id…).
 */
export interface ParseResult<T> {
  readonly value: T;
  readonly errors: readonly CartiError[];
  readonly warnings: readonly CartiError[];
}

/** The decoded parts of a carti id (§2.2), for display. */
export interface IdParts {
  readonly version: number;
  readonly codec: number;
  readonly hashCode: number;
  readonly digestSize: number;
  readonly digestHex: string;
}

/** `assets[]` entry of a machine package: maps an id to a file name (§4.1). Extra keys are kept. */
export interface PackageAsset {
  readonly name: string;
  readonly fileName: string;
  readonly cid: string;
  readonly extra?: Readonly<Record<string, JsonValue>>;
}

export interface BootConfig {
  /** Stored text: the body of a Lua double-quoted string (§8.2). Use lua-string.ts to decode/encode it. */
  readonly args: string;
  /** Stored text too; replaces the whole generated prefix (§7.1). */
  readonly bootPrefix?: string;
}

export interface RamConfig {
  readonly length: bigint;
  readonly cid: string;
  readonly resolvedPath?: string;
}

export interface RomConfig {
  readonly cid: string;
  readonly resolvedPath?: string;
}

/** A flash drive (§4.2). Drives are keyed by `label` (unique); `cid` absent means a bundleless drive. */
export interface FlashDrive {
  readonly start: bigint;
  readonly length: bigint;
  readonly shared: boolean;
  readonly label: string;
  readonly cid?: string;
  readonly resolvedPath?: string;
}

/** CSR names of `processor` in carti's Lua order (§8.4: note `mtvec` before `mtval`). */
export const PROCESSOR_CSRS = [
  'iflags', 'ilrsc', 'marchid', 'mcause', 'mcounteren', 'mcycle', 'medeleg', 'mepc', 'mideleg', 'mie',
  'mimpid', 'minstret', 'mip', 'misa', 'mscratch', 'mstatus', 'mtvec', 'mtval', 'mvendorid', 'pc', 'satp',
  'scause', 'scounteren', 'sepc', 'sscratch', 'stval', 'stvec',
] as const;
export type ProcessorCsr = (typeof PROCESSOR_CSRS)[number];

export type ProcessorConfig = { readonly x?: readonly bigint[] } & { readonly [K in ProcessorCsr]?: bigint };

export interface HtifConfig {
  readonly tohost: bigint;
  readonly fromhost: bigint;
  readonly console_getchar: boolean;
  readonly yield_progress: boolean;
  readonly yield_rollup: boolean;
}

export interface ClintConfig {
  readonly mtimecmp: bigint;
}

/** `machineConfig` (§4.2). `rom` is optional here: v0.21 packages have no ROM (carti requires one). */
export interface MachineConfig {
  readonly boot: BootConfig;
  readonly ram: RamConfig;
  readonly rom?: RomConfig;
  readonly flash_drive: readonly FlashDrive[];
  readonly processor?: ProcessorConfig;
  readonly htif?: HtifConfig;
  readonly clint?: ClintConfig;
}

/** `carti-machine-package.json` (§4.1). `metadata` is kept as JSON; `metadata.cartiStudio` is ours (§4.4). */
export interface CartiPackage {
  readonly machineConfig: MachineConfig;
  readonly assets: readonly PackageAsset[];
  readonly version: JsonValue;
  readonly metadata?: Readonly<Record<string, JsonValue>>;
  readonly repos?: readonly string[];
}

/** Which emulator a package targets; decides placement, bootargs and exports. */
export type TargetMachine = 'v0.21' | 'legacy';

/** `carti-meta.json` (§6.1): the three shapes carti wrote. */
export type CartiMeta =
  | { readonly kind: 'bundle'; readonly bundle: Bundle }
  | {
      readonly kind: 'authored';
      readonly bundleType: BundleType;
      readonly name: string;
      readonly fileName: string;
      readonly version: string;
      /** The author's absolute path carti leaked (§12.12); read, never written. */
      readonly path?: string;
    }
  | { readonly kind: 'packed'; readonly fileName: string };

/** A bundle in the merged index, with every listing source it came from (§10.2). */
export interface IndexedBundle {
  readonly bundle: Bundle;
  readonly origins: readonly string[];
  /** Absolute download URL per origin (relative `uri`s resolved against that listing's URL). */
  readonly resolvedUris: Readonly<Record<string, string>>;
  /** Each origin's own record (listings may name the same file differently); `bundle` is the first one. */
  readonly records?: Readonly<Record<string, Bundle>>;
}

/** One listing source's outcome in the merged index: ok with its count, or its error (§10.2). */
export type SourceStatus =
  | { readonly source: string; readonly ok: true; readonly url: string; readonly count: number; readonly errors: readonly CartiError[]; readonly warnings: readonly CartiError[] }
  | { readonly source: string; readonly ok: false; readonly error: CartiError };

export interface MergedIndex {
  readonly bundles: readonly IndexedBundle[];
  readonly sources: readonly SourceStatus[];
  /** Same id seen in two listings with different records, etc. */
  readonly warnings: readonly CartiError[];
}

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
