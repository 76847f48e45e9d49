/**
 * Share links (issue 4): the package travels in the URL fragment, `/compose#pkg=<base64url>`, so it never
 * reaches a server. The payload is the package JSON (carti-formats.md §4), gzip-compressed when the runtime
 * has CompressionStream (browsers, Node ≥ 18); a reader accepts both and tells them apart by the gzip magic
 * bytes 1f 8b (plain JSON starts with `{`). `local=` lists asset ids only the sender's browser store holds, so
 * the receiver is told that those assets will not download.
 */
import { CartiError } from '../carti/errors';
import { parsePackageText, serializePackage } from '../carti/package';
import type { CartiError as CartiErrorType } from '../carti/errors';
import type { CartiPackage } from '../carti/types';

const INPUT = 'share link';

export interface SharedDraft {
  readonly pkg: CartiPackage;
  /** Asset ids the sender had only in their own browser store. */
  readonly localOnly: readonly string[];
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform as unknown as TransformStream<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The fragment (without `#`) for a package: `pkg=…`, plus `&local=id,id` when some assets are local only. */
export async function encodeShareFragment(pkg: CartiPackage, localOnly: readonly string[] = [], options: { gzip?: boolean } = {}): Promise<string> {
  const json = new TextEncoder().encode(serializePackage(pkg));
  const gzip = (options.gzip ?? true) && typeof CompressionStream !== 'undefined';
  const payload = gzip ? await pipe(json, new CompressionStream('gzip')) : json;
  const local = localOnly.length > 0 ? `&local=${localOnly.map(encodeURIComponent).join(',')}` : '';
  return `pkg=${toBase64Url(payload)}${local}`;
}

/** True when a location hash carries a shared package. */
export function hasSharedPackage(hash: string): boolean {
  return new URLSearchParams(hash.replace(/^#/, '')).has('pkg');
}

/** Fragment (with or without `#`) → the shared draft, or a `CartiError` saying what is wrong with the link. */
export async function decodeShareFragment(hash: string): Promise<SharedDraft | CartiErrorType> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const encoded = params.get('pkg');
  if (encoded === null) return new CartiError('missing-field', INPUT, 'pkg', 'the link has no pkg= part');
  const bytes = fromBase64Url(encoded);
  if (!bytes || bytes.length === 0) return new CartiError('bad-json', INPUT, 'pkg', 'the package is not valid base64url');
  let json = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    if (typeof DecompressionStream === 'undefined') return new CartiError('bad-json', INPUT, 'pkg', 'this browser cannot decompress gzip');
    try {
      json = await pipe(bytes, new DecompressionStream('gzip'));
    } catch (cause) {
      return new CartiError('bad-json', INPUT, 'pkg', `the gzip data is damaged (${(cause as Error).message})`);
    }
  }
  const parsed = parsePackageText(new TextDecoder().decode(json), INPUT);
  if (!parsed.value) return parsed.errors[0] ?? new CartiError('bad-json', INPUT, 'pkg', 'not a machine package');
  const local = params.get('local');
  return { pkg: parsed.value, localOnly: local ? local.split(',').filter((id) => id !== '') : [] };
}
