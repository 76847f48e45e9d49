/**
 * What the e2e test server serves: listings whose records are built here, with real files and their real
 * ids (computed with lib/carti), a tampered asset, a broken listing, an HTML page and a 5,000-bundle listing.
 */
import { idOfBytes } from '../lib/carti/id';
import { serializeListing } from '../lib/carti/listing';
import type { Bundle } from '../lib/carti/types';

export const TEST_SERVER_PORT = 3199;
export const TEST_ORIGIN = `http://127.0.0.1:${TEST_SERVER_PORT}`;

export const GOOD_LISTING = `${TEST_ORIGIN}/good/bundles.json`;
export const TAMPERED_LISTING = `${TEST_ORIGIN}/tampered/bundles.json`;
export const BROKEN_LISTING = `${TEST_ORIGIN}/broken/bundles.json`;
export const HTML_PAGE = `${TEST_ORIGIN}/page.html`;
export const MANY_LISTING = `${TEST_ORIGIN}/many/bundles.json`;
export const MANY_COUNT = 5000;
export const SHOWCASE_LISTING = `${TEST_ORIGIN}/showcase/bundles.json`;
/** One valid record and one with a fake id. */
export const MIXED_LISTING = `${TEST_ORIGIN}/mixed/bundles.json`;
/** Re-lists the good kernel (same id) from another listing. */
export const MIRROR_LISTING = `${TEST_ORIGIN}/mirror/bundles.json`;

/** Deterministic bytes built here (not fixture files), so expected ids are computed by lib/carti. */
export function patternBytes(lengthBytes: number, seed: number): Buffer {
  const bytes = Buffer.alloc(lengthBytes);
  let x = seed >>> 0;
  for (let i = 0; i < lengthBytes; i += 1) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

export interface ServedFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface Fixtures {
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly listings: ReadonlyMap<string, string>;
  readonly good: { readonly kernel: Bundle; readonly drive: Bundle; readonly notes: Bundle };
  readonly tampered: Bundle;
}

export async function buildFixtures(): Promise<Fixtures> {
  const files = new Map<string, Uint8Array>();
  const listings = new Map<string, string>();

  // 3 MiB so the Verify progress bar has something to show.
  const kernelBytes = patternBytes(3 << 20, 1);
  const driveBytes = patternBytes(64 << 10, 2);
  const notesBytes = new TextEncoder().encode('<b>not bold</b> — listing text is never HTML\n');
  files.set('/good/files/e2e-kernel.bin', kernelBytes);
  files.set('/good/files/e2e-drive.ext2', driveBytes);
  files.set('/good/notes.txt', notesBytes);

  const kernel: Bundle = { bundleType: 'ram', name: 'e2e-kernel', fileName: 'e2e-kernel.bin', id: await idOfBytes(kernelBytes), version: '6.1.0', uri: 'files/e2e-kernel.bin' };
  const drive: Bundle = { bundleType: 'flashdrive', name: 'e2e-drive', fileName: 'e2e-drive.ext2', id: await idOfBytes(driveBytes), version: '0.2.0', uri: `${TEST_ORIGIN}/good/files/e2e-drive.ext2` };
  const notes: Bundle = { bundleType: 'raw', name: '<img src=x onerror=alert(1)>', fileName: 'notes.txt', id: await idOfBytes(notesBytes), version: '1.0.0', uri: 'notes.txt' };
  listings.set('/good/bundles.json', serializeListing({ bundles: [kernel, drive, notes] }));

  const fake = { bundleType: 'ram', name: 'fake-id', fileName: 'fake.bin', id: 'Qm-not-a-carti-id', version: '1.0.0' };
  listings.set('/mixed/bundles.json', JSON.stringify({ bundles: [drive, fake] }, null, 2));
  listings.set('/mirror/bundles.json', serializeListing({ bundles: [{ ...kernel, uri: `${TEST_ORIGIN}/good/files/e2e-kernel.bin` }] }));

  // The listing promises these bytes, the server sends one byte changed.
  const original = patternBytes(128 << 10, 3);
  const served = Uint8Array.from(original); // a copy: Buffer.slice would share the bytes
  served[1000] ^= 0xff;
  files.set('/tampered/files/e2e-tampered.ext2', served);
  const tampered: Bundle = { bundleType: 'flashdrive', name: 'e2e-tampered', fileName: 'e2e-tampered.ext2', id: await idOfBytes(original), version: '0.0.1', uri: 'files/e2e-tampered.ext2' };
  listings.set('/tampered/bundles.json', serializeListing({ bundles: [tampered] }));

  listings.set('/broken/bundles.json', '{"bundles": [ {"name": "half a record", ');

  const many: Bundle[] = [];
  for (let i = 0; i < MANY_COUNT; i += 1) {
    many.push({ bundleType: i % 3 === 0 ? 'ram' : 'flashdrive', name: `bulk-${String(i).padStart(4, '0')}`, fileName: `bulk-${i}.bin`, id: await idOfBytes(`bulk ${i}`), version: `1.${i % 50}.${i % 7}` });
  }
  listings.set('/many/bundles.json', serializeListing({ bundles: many }));

  // Realistic names for the README screenshot.
  const showcase: Bundle[] = [];
  const showcaseRecords: [string, Bundle['bundleType'], string, string][] = [
    ['linux-6.1-ctsi', 'ram', '6.1.0', 'linux.bin'],
    ['rootfs-busybox', 'flashdrive', '1.36.1', 'rootfs.ext2'],
    ['calculator-input', 'flashdrive', '0.0.1', 'input.raw'],
    ['calculator-output', 'flashdrive', '0.0.1', 'output.raw'],
    ['lua-scripts', 'flashdrive', '0.3.0', 'lua.ext2'],
    ['rom-legacy', 'rom', '0.4.0', 'rom.bin'],
  ];
  for (const [index, [name, bundleType, version, fileName]] of showcaseRecords.entries()) {
    const bytes = patternBytes(4096 * (index + 1), 100 + index);
    files.set(`/showcase/${fileName}`, bytes);
    showcase.push({ bundleType, name, fileName, id: await idOfBytes(bytes), version, uri: fileName });
  }
  listings.set('/showcase/bundles.json', serializeListing({ bundles: showcase }));

  return { files, listings, good: { kernel, drive, notes }, tampered };
}
