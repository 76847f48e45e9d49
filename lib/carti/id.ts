/**
 * Carti bundle ids (carti-formats.md §2): CIDv1, codec 0x1b, multihash keccak-256 (0x1b) of
 * keccak256(keccak256(bytes)), base32 lower-case. Hashing is incremental so a large drive is never held
 * twice: a stream is fed chunk by chunk into one wasm Keccak state.
 */
import { streamChunks } from '../stream/chunks';
import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import { base32 } from 'multiformats/bases/base32';
import { CartiError } from './errors';
import { createKeccak256, type Keccak256 } from './keccak/keccak';
import type { IdParts } from './types';

/** Keccak-256 multihash code, also (mis)used as the CID codec by carti (§2.1 step 4). */
const KECCAK_256 = 0x1b;
const DIGEST_BYTES = 32;
/** Every carti id is 59 characters and starts with `baenrwi` (§2.2). */
const ID_LENGTH = 59;

/** §2.4 reference vector: the id of the 5 bytes `hello`. */
export const HELLO_ID = 'baenrwic5gakagfyum5usyghneve4rza6bq7xiuougvkdephvzun62zfsxm';

/** Called after each chunk with the number of bytes hashed so far. */
export type IdProgress = (bytesHashed: number) => void;

/**
 * The one place that creates a Keccak-256 hasher: our AssemblyScript one (lib/carti/keccak), chosen over
 * hash-wasm's because `npm run bench:ids` measures it faster. Async so a slower-to-load implementation
 * could take its place without changing the id API.
 */
async function createHasher(): Promise<Keccak256> {
  return createKeccak256();
}

/** The id of `outer = keccak256(inner)` once the inner digest is known (§2.1 steps 2–5). */
async function idOfInnerDigest(inner: Uint8Array): Promise<string> {
  const outer = (await createHasher()).update(inner).digest();
  return CID.createV1(KECCAK_256, Digest.create(KECCAK_256, outer)).toString();
}

/** Id of bytes in memory (strings are hashed as UTF-8). */
export async function idOfBytes(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return idOfInnerDigest((await createHasher()).update(data).digest());
}

/**
 * Id of a stream (browser `File.stream()`, a Node readable, any async iterable of chunks). Each chunk is
 * hashed and dropped; `onProgress` gets the running byte count.
 */
export async function idOfStream(
  stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  onProgress?: IdProgress,
): Promise<string> {
  const hasher = await createHasher();
  let bytesHashed = 0;
  for await (const chunk of streamChunks(stream)) {
    hasher.update(chunk);
    bytesHashed += chunk.byteLength;
    onProgress?.(bytesHashed);
  }
  return idOfInnerDigest(hasher.digest());
}

/** An incremental id computation, for callers that already loop over chunks (downloads, stores). */
export interface IdHasher {
  update(chunk: Uint8Array): void;
  finish(): Promise<string>;
}

export async function createIdHasher(): Promise<IdHasher> {
  const hasher = await createHasher();
  return {
    update: (chunk) => void hasher.update(chunk),
    finish: () => idOfInnerDigest(hasher.digest()),
  };
}

/**
 * Decode a carti id into its parts (§2.2), or explain why it is not one (§2.3). `input`/`location` name
 * where the id was read, for the error message.
 */
export function parseId(text: string, input = 'id', location = '(value)'): IdParts | CartiError {
  const fail = (reason: string) => new CartiError('bad-id', input, location, `"${clip(text)}" is not a carti id: ${reason}`);
  if (typeof text !== 'string') return fail('not a string');
  if (!text.startsWith('b')) return fail('a carti id is base32 lower-case and starts with "b"');
  if (!/^b[a-z2-7]+$/.test(text)) return fail('characters outside the base32 lower-case alphabet a-z2-7');
  let cid: CID;
  try {
    cid = CID.parse(text, base32);
  } catch (cause) {
    return fail(`not a valid CID (${(cause as Error).message})`);
  }
  if (cid.version !== 1) return fail(`CID version ${cid.version}, expected 1`);
  if (cid.code !== KECCAK_256) return fail(`codec 0x${cid.code.toString(16)}, expected 0x1b`);
  if (cid.multihash.code !== KECCAK_256) return fail(`multihash 0x${cid.multihash.code.toString(16)}, expected keccak-256 0x1b`);
  if (cid.multihash.size !== DIGEST_BYTES) return fail(`digest of ${cid.multihash.size} bytes, expected 32`);
  if (text.length !== ID_LENGTH) return fail(`${text.length} characters, expected 59`);
  return {
    version: cid.version,
    codec: cid.code,
    hashCode: cid.multihash.code,
    digestSize: cid.multihash.size,
    digestHex: Array.from(cid.multihash.digest, (b) => b.toString(16).padStart(2, '0')).join(''),
  };
}

export function isCartiId(text: unknown): text is string {
  return typeof text === 'string' && !(parseId(text) instanceof CartiError);
}

/** Throw the `bad-id` error of `parseId` when `text` is not a carti id. */
export function checkId(text: string, input = 'id', location = '(value)'): string {
  const parts = parseId(text, input, location);
  if (parts instanceof CartiError) throw parts;
  return text;
}

function clip(text: unknown): string {
  const value = String(text);
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
