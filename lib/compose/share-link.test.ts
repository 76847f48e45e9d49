import { beforeAll, describe, expect, it } from 'vitest';
import { CartiError } from '../carti/errors';
import { serializePackage } from '../carti/package';
import { emptyDraft } from './draft';
import { addEmptyDrive, setRamBundle, setRootBundle } from './drive-edits';
import { type SharedDraft, decodeShareFragment, encodeShareFragment, fromBase64Url, hasSharedPackage, toBase64Url } from './share-link';
import { testBundles, type TestBundles } from './test-bundles';

let b: TestBundles;
beforeAll(async () => { b = await testBundles(); });
const machine = () => addEmptyDrive(setRootBundle(setRamBundle(emptyDraft(), b.kernel), b.rootfs, 12n << 20n), 'output', 2n << 20n);

describe('share links', () => {
  it('round-trips a package through a gzip fragment', async () => {
    const fragment = await encodeShareFragment(machine());
    const shared = await decodeShareFragment(`#${fragment}`);
    expect(shared).not.toBeInstanceOf(CartiError);
    expect(serializePackage((shared as SharedDraft).pkg)).toBe(serializePackage(machine()));
  });
  it('writes a gzip payload smaller than the plain one', async () => {
    const gz = await encodeShareFragment(machine());
    const plain = await encodeShareFragment(machine(), [], { gzip: false });
    expect(gz.length).toBeLessThan(plain.length);
  });
  it('reads a plain JSON payload', async () => {
    const shared = await decodeShareFragment(await encodeShareFragment(machine(), [], { gzip: false }));
    expect(shared).not.toBeInstanceOf(CartiError);
  });
  it('carries the ids of assets that only the sender has', async () => {
    const shared = await decodeShareFragment(await encodeShareFragment(machine(), [b.rootfs.id]));
    expect((shared as SharedDraft).localOnly).toEqual([b.rootfs.id]);
  });
  it('explains a damaged link', async () => {
    const shared = await decodeShareFragment('#pkg=not*base64');
    expect(shared).toBeInstanceOf(CartiError);
    expect((shared as CartiError).message).toMatch(/^share link: pkg: /);
  });
  it('explains a link whose payload is not a package', async () => {
    const shared = await decodeShareFragment(`pkg=${toBase64Url(new TextEncoder().encode('{"a":1}'))}`);
    expect(shared).toBeInstanceOf(CartiError);
  });
  it('detects a shared package in a hash', () => {
    expect(hasSharedPackage('#pkg=abc')).toBe(true);
    expect(hasSharedPackage('#other')).toBe(false);
  });
  it('base64url encodes without + / or padding and decodes back', () => {
    const bytes = Uint8Array.from([251, 255, 191, 0]);
    const text = toBase64Url(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64Url(text)).toEqual(bytes);
  });
});
