/**
 * Content addressing (spec §1.1: "each blob's bytes must hash to its name"). Blobs up to 128 MiB are hashed by
 * Web Crypto (native in Node and browsers, several times faster); larger ones incrementally with hash-wasm, so
 * a large layer is never held in memory for hashing.
 */
import { createSHA256 } from 'hash-wasm';
import { CartiError } from '../machine/errors';
import type { ByteSource } from '../ext2/tree';
import { sourceChunks } from '../tar/input';

const DIGEST = /^sha256:([0-9a-f]{64})$/;

const WEB_CRYPTO_MAX_BYTES = 128 << 20;

function hex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(source: ByteSource): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle && source.sizeBytes <= WEB_CRYPTO_MAX_BYTES) {
    const bytes = await source.read(0, source.sizeBytes);
    return hex(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  }
  const hasher = (await createSHA256()).init();
  for await (const chunk of sourceChunks(source)) hasher.update(chunk);
  return hasher.digest('hex');
}

/** `sha256:<hex>` → the blob path `blobs/sha256/<hex>`; other algorithms are refused by name. */
export function blobPath(digest: unknown, inputName: string, where: string): string {
  const match = typeof digest === 'string' ? DIGEST.exec(digest) : null;
  if (!match) throw new CartiError('OCI_BAD_DIGEST', inputName, where, `digest ${JSON.stringify(digest)} is not "sha256:" followed by 64 lower-case hex digits`);
  return `blobs/sha256/${match[1]}`;
}

export async function verifyDigest(source: ByteSource, digest: string, inputName: string, where: string): Promise<void> {
  const actual = `sha256:${await sha256Hex(source)}`;
  if (actual !== digest) throw new CartiError('OCI_DIGEST_MISMATCH', inputName, where, `content hashes to ${actual}, expected ${digest}`);
}
