/**
 * Drive composition (issue 5; carti #39): several flash-drive bundles (ext2 images and tar archives) squashed
 * into one ext2 drive, in the given order, with an explicit conflict policy, deterministically: the same
 * sources, policy and options always give the same bytes and id, so the composition record kept in
 * `metadata.cartiStudio.compositions` (lib/carti/STUDIO-METADATA.md) lets anyone rebuild and check the drive.
 */
import { CartiError } from '../machine/errors';
import { createIdHasher, idOfStream } from '../carti/id';
import { EXT2_WRITER_VERSION } from '../ext2/constants';
import { bytesSource, type ByteSource } from '../ext2/tree';
import { planExt2, writeExt2, type Ext2Sink } from '../ext2/writer';
import { sourceChunks } from '../tar/input';
import { type Conflict, type ConflictPolicy, DriveMerger } from './merge';
import { sourceTree, type SourceKind } from './sources';

export type { Conflict, ConflictPolicy } from './merge';

export interface ComposeSource {
  /** Shown in conflicts and errors (a file name or a bundle name). */
  name: string;
  bytes: Uint8Array | ByteSource;
  /** The carti id of `bytes`; computed when absent. */
  id?: string;
}

/** Writer options that change the output bytes; recorded so a rebuild uses the same ones. */
export interface CompositionOptions {
  blockSizeBytes: number;
  freeBytes: number;
  freeInodes: number;
  padToMultipleOfBytes: number;
  volumeName?: string;
}

export interface CompositionRecord {
  outputId: string;
  /** Source ids, in composition order. */
  sources: string[];
  policy: ConflictPolicy;
  /** `EXT2_WRITER_VERSION` as a string (the metadata schema's type). */
  writerVersion: string;
  options: CompositionOptions;
}

export interface ComposeResult {
  record: CompositionRecord;
  imageSizeBytes: number;
  /** Conflicts resolved by `later-wins` (empty otherwise: with `error` any conflict throws). */
  replaced: Conflict[];
  kinds: SourceKind[];
}

/** Progress of a composition: each source read (1-based), then the image written. */
export type ComposeProgress =
  | { phase: 'read'; source: number; sources: number; name: string }
  | { phase: 'write'; bytesWritten: number; totalBytes: number };

export const DEFAULT_COMPOSITION_OPTIONS: CompositionOptions = {
  blockSizeBytes: 4096,
  freeBytes: 0,
  freeInodes: 0,
  // Linux pmem maps drives in 2 MiB sections (spec §6.5).
  padToMultipleOfBytes: 2 << 20,
};

/** Thrown with policy `error`: every conflicting path is listed in the message and in `conflicts`. */
export class CompositionConflictError extends CartiError {
  constructor(readonly conflicts: Conflict[]) {
    const lines = conflicts.map((c) => `${c.path}: ${c.earlier} vs ${c.later}: ${c.reason}`);
    super('COMPOSE_CONFLICT', 'composition', `${conflicts.length} conflicting path${conflicts.length === 1 ? '' : 's'}`,
      `the same path has different content in several sources (use "later wins" to let later sources replace earlier ones):\n  ${lines.join('\n  ')}`);
  }
}

function asSource(bytes: Uint8Array | ByteSource): ByteSource {
  return bytes instanceof Uint8Array ? bytesSource(bytes) : bytes;
}

export async function idOfSource(bytes: Uint8Array | ByteSource): Promise<string> {
  return idOfStream(sourceChunks(asSource(bytes)));
}

function checkPolicy(policy: string): asserts policy is ConflictPolicy {
  if (policy !== 'error' && policy !== 'later-wins') {
    throw new CartiError('COMPOSE_BAD_POLICY', 'composition', 'policy', `unknown conflict policy ${JSON.stringify(policy)} (expected "error" or "later-wins")`);
  }
}

/**
 * Composes `sources` in order into one ext2 image streamed to `sink` (optional: the id is computed either way).
 * Conflicts with policy `error` throw CompositionConflictError before any byte is written.
 */
export async function composeDrives(
  sources: readonly ComposeSource[],
  settings: { policy: ConflictPolicy; options?: Partial<CompositionOptions>; onProgress?: (progress: ComposeProgress) => void },
  sink?: Ext2Sink,
): Promise<ComposeResult> {
  checkPolicy(settings.policy);
  if (sources.length === 0) throw new CartiError('COMPOSE_NO_SOURCES', 'composition', 'sources', 'at least one source drive is needed');
  const options: CompositionOptions = { ...DEFAULT_COMPOSITION_OPTIONS, ...settings.options };
  const merger = new DriveMerger(settings.policy);
  const ids: string[] = [];
  const kinds: SourceKind[] = [];
  for (const [index, source] of sources.entries()) {
    settings.onProgress?.({ phase: 'read', source: index + 1, sources: sources.length, name: source.name });
    const bytes = asSource(source.bytes);
    ids.push(source.id ?? (await idOfSource(bytes)));
    const { kind, tree } = await sourceTree(bytes, source.name);
    kinds.push(kind);
    await merger.add(tree, source.name);
  }
  if (settings.policy === 'error' && merger.conflicts.length > 0) throw new CompositionConflictError(merger.conflicts);
  const plan = planExt2(merger.result, { ...options, inputName: 'composed drive' });
  const hasher = await createIdHasher();
  await writeExt2(plan, async (offset, chunk) => {
    hasher.update(chunk);
    if (sink) await sink(offset, chunk);
    settings.onProgress?.({ phase: 'write', bytesWritten: offset + chunk.length, totalBytes: plan.imageSizeBytes });
  });
  const record: CompositionRecord = {
    outputId: await hasher.finish(), sources: ids, policy: settings.policy, writerVersion: String(EXT2_WRITER_VERSION), options,
  };
  return { record, imageSizeBytes: plan.imageSizeBytes, replaced: settings.policy === 'later-wins' ? merger.conflicts : [], kinds };
}

export interface CompositionCheck {
  ok: boolean;
  /** The id the rebuild produced (undefined when the rebuild could not start). */
  actualId?: string;
  reason?: string;
}

/**
 * Rebuilds a recorded composition from its sources (in record order) and confirms the output id. Each source's
 * bytes are hashed and must match the recorded source id; the writer version must be this build's.
 */
export async function checkComposition(record: CompositionRecord, sources: readonly ComposeSource[]): Promise<CompositionCheck> {
  if (record.writerVersion !== String(EXT2_WRITER_VERSION)) {
    return { ok: false, reason: `the record was written by ext2 writer version ${record.writerVersion}; this build has version ${EXT2_WRITER_VERSION}` };
  }
  if (sources.length !== record.sources.length) {
    return { ok: false, reason: `the record lists ${record.sources.length} sources, ${sources.length} were given` };
  }
  const verified: ComposeSource[] = [];
  for (const [index, source] of sources.entries()) {
    const id = await idOfSource(source.bytes);
    if (id !== record.sources[index]) return { ok: false, reason: `source ${index + 1} (${source.name}) has id ${id}, the record says ${record.sources[index]}` };
    verified.push({ ...source, id });
  }
  const { record: rebuilt } = await composeDrives(verified, { policy: record.policy, options: record.options });
  return rebuilt.outputId === record.outputId
    ? { ok: true, actualId: rebuilt.outputId }
    : { ok: false, actualId: rebuilt.outputId, reason: `the rebuilt drive has id ${rebuilt.outputId}, the record says ${record.outputId}` };
}
