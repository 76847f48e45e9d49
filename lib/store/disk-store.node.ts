/**
 * The Node bundle store in carti's layout (carti-formats.md §6): `<base>/<id>/<fileName>` plus
 * `<base>/<id>/carti-meta.json` holding the full bundle record (never a local absolute path, §12.12), and
 * carti's `.bundles_index.json` (local: `<base>/.carti/`, global: `<base>/.carti-disk/`; keys are the stored
 * files' absolute paths). Every file is verified against its id before it is renamed into place.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { CartiError } from '../carti/errors';
import { createIdHasher, checkId } from '../carti/id';
import { parseMetaText, serializeMeta } from '../carti/meta';
import { bundleToJson } from '../carti/bundle';
import type { Bundle, BundleType } from '../carti/types';
import { downloadVerified } from '../fetch/download';
import type { FetchOptions } from '../fetch/fetch-limited';
import { fileSink, writeFileAtomic } from './file-sink.node.js';
import type { DiskStoredBundle, StoreScope } from './types';

const META = 'carti-meta.json';
const INDEX = '.bundles_index.json';
const COPY_CHUNK = 1 << 20;

/** `./carti_bundles` of a project directory. */
export function localStoreDir(cwd = process.cwd()): string {
  return resolve(cwd, 'carti_bundles');
}

/** `~/.carti/carti_bundles`. */
export function globalStoreDir(home = homedir()): string {
  return join(home, '.carti', 'carti_bundles');
}

export class DiskStore {
  readonly base: string;
  constructor(base: string, readonly scope: StoreScope) {
    this.base = resolve(base);
  }

  static local(cwd?: string): DiskStore { return new DiskStore(localStoreDir(cwd), 'local'); }
  static global(home?: string): DiskStore { return new DiskStore(globalStoreDir(home), 'global'); }

  pathOf(bundle: Pick<Bundle, 'id' | 'fileName'>): string {
    return join(this.base, bundle.id, bundle.fileName);
  }

  get indexPath(): string {
    return join(this.base, this.scope === 'local' ? '.carti' : '.carti-disk', INDEX);
  }

  /** Every complete bundle in the store (a directory whose meta and file both exist). */
  async list(): Promise<DiskStoredBundle[]> {
    let names: string[];
    try {
      names = await readdir(this.base);
    } catch {
      return [];
    }
    const found: DiskStoredBundle[] = [];
    for (const name of names.sort()) {
      if (name.startsWith('.')) continue;
      const entry = await this.get(name);
      if (entry) found.push(entry);
    }
    return found;
  }

  /** The stored bundle with this id, read from its carti-meta.json (all three carti shapes, §6.1). */
  async get(id: string): Promise<DiskStoredBundle | undefined> {
    const dir = join(this.base, id);
    let metaText: string;
    try {
      metaText = await readFile(join(dir, META), 'utf8');
    } catch {
      return undefined;
    }
    const meta = parseMetaText(metaText, join(dir, META)).value;
    if (!meta) return undefined;
    let bundle: Bundle;
    if (meta.kind === 'bundle') bundle = meta.bundle;
    else if (meta.kind === 'authored') bundle = { bundleType: meta.bundleType, name: meta.name, fileName: meta.fileName, id, version: meta.version };
    else bundle = { bundleType: 'raw', name: id, fileName: meta.fileName.split('/').pop() ?? id, id, version: '' };
    if (bundle.id !== id) return undefined;
    const path = join(dir, bundle.fileName);
    try {
      const info = await stat(path);
      return { bundle, path, sizeBytes: info.size, scope: this.scope };
    } catch {
      return undefined;
    }
  }

  async findByName(name: string): Promise<DiskStoredBundle[]> {
    return (await this.list()).filter((entry) => entry.bundle.name === name || entry.bundle.id === name);
  }

  /**
   * Add a local file as a bundle (carti's `bundle <src>`): its id is computed while it is copied to a temp
   * file, which is then renamed into `<id>/<fileName>`.
   */
  async addFile(source: string, record: { bundleType: BundleType; name: string; version: string; fileName: string }): Promise<DiskStoredBundle> {
    await mkdir(this.base, { recursive: true });
    const staging = fileSink(join(this.base, `.incoming-${randomBytes(6).toString('hex')}`));
    const hasher = await createIdHasher();
    let sizeBytes = 0;
    try {
      for await (const chunk of createReadStream(source, { highWaterMark: COPY_CHUNK }) as AsyncIterable<Uint8Array>) {
        hasher.update(chunk);
        sizeBytes += chunk.byteLength;
        await staging.write(chunk);
      }
    } catch (cause) {
      await staging.abort();
      throw new CartiError('io', source, '(file)', (cause as Error).message);
    }
    const id = await hasher.finish();
    const bundle: Bundle = { bundleType: record.bundleType, name: record.name, fileName: record.fileName, id, version: record.version };
    const stagedPath = await staging.commit();
    const finalPath = this.pathOf(bundle);
    try {
      await mkdir(join(this.base, id), { recursive: true });
      await rename(stagedPath, finalPath);
    } catch (cause) {
      await rm(stagedPath, { force: true });
      throw new CartiError('io', finalPath, '(file)', (cause as Error).message);
    }
    await this.writeMeta(bundle);
    return { bundle, path: finalPath, sizeBytes, scope: this.scope };
  }

  /**
   * Download `bundle` from `url` into the store: streamed to a temp file, verified against `bundle.id`, then
   * renamed into place. On any failure nothing is left behind.
   */
  async install(bundle: Bundle, url: string, options: Omit<FetchOptions, 'kind'> = {}): Promise<DiskStoredBundle> {
    checkId(bundle.id, url, 'id');
    const existing = await this.get(bundle.id);
    if (existing) return existing;
    const finalPath = this.pathOf(bundle);
    const created = await mkdirIfMissing(join(this.base, bundle.id));
    try {
      const download = await downloadVerified(url, bundle.id, { ...options, sink: fileSink(finalPath) });
      await this.writeMeta(bundle);
      return { bundle, path: download.result, sizeBytes: download.sizeBytes, scope: this.scope };
    } catch (error) {
      if (created) await rm(join(this.base, bundle.id), { recursive: true, force: true });
      throw error;
    }
  }

  /** Copy from another disk store path (`…/<id>/<fileName>` uris, §10.3), verifying the id. */
  async installFromPath(bundle: Bundle, sourcePath: string): Promise<DiskStoredBundle> {
    const existing = await this.get(bundle.id);
    if (existing) return existing;
    const finalPath = this.pathOf(bundle);
    const created = await mkdirIfMissing(join(this.base, bundle.id));
    const sink = fileSink(finalPath);
    const hasher = await createIdHasher();
    let sizeBytes = 0;
    try {
      for await (const chunk of createReadStream(sourcePath, { highWaterMark: COPY_CHUNK }) as AsyncIterable<Uint8Array>) {
        hasher.update(chunk);
        sizeBytes += chunk.byteLength;
        await sink.write(chunk);
      }
      const id = await hasher.finish();
      if (id !== bundle.id) throw new CartiError('id-mismatch', sourcePath, '(file)', `the file has id ${id}, expected ${bundle.id}; it was not kept`);
      await sink.commit();
      await this.writeMeta(bundle);
      return { bundle, path: finalPath, sizeBytes, scope: this.scope };
    } catch (error) {
      await sink.abort();
      if (created) await rm(join(this.base, bundle.id), { recursive: true, force: true });
      throw error instanceof CartiError ? error : new CartiError('io', sourcePath, '(file)', (error as Error).message);
    }
  }

  async remove(id: string): Promise<void> {
    await rm(join(this.base, id), { recursive: true, force: true });
    await this.writeIndex();
  }

  /** carti-meta.json = the full record without `uri` when it is a local path (§12.12), then the index. */
  private async writeMeta(bundle: Bundle): Promise<void> {
    const { uri, ...rest } = bundle;
    const record: Bundle = uri !== undefined && /^https?:/.test(uri) ? bundle : rest;
    await writeFileAtomic(join(this.base, bundle.id, META), serializeMeta(record));
    await this.writeIndex();
  }

  /** carti's index: `{ "<abs path of file>": [record with uri = that path] }`, 2-space JSON (§6.2). */
  private async writeIndex(): Promise<void> {
    const index: Record<string, unknown[]> = {};
    for (const entry of await this.list()) index[entry.path] = [bundleToJson({ ...entry.bundle, uri: entry.path })];
    await mkdir(join(this.indexPath, '..'), { recursive: true });
    await writeFileAtomic(this.indexPath, JSON.stringify(index, null, 2));
  }
}

async function mkdirIfMissing(path: string): Promise<boolean> {
  try {
    await stat(path);
    return false;
  } catch {
    await mkdir(path, { recursive: true });
    return true;
  }
}
