import { describe, expect, it } from 'vitest';
import { CartiError } from '@/lib/carti/errors';
import { HELLO_ID, idOfBytes } from '@/lib/carti/id';
import { parseListingText, serializeListing } from '@/lib/carti/listing';
import type { Bundle } from '@/lib/carti/types';
import { appendToListingText, draftRecord, plainFileName, singleListingText } from './bundle-draft';

const fields = { bundleType: 'flashdrive', name: 'my-drive', version: '0.1.0', fileName: 'drive.ext2', uri: '' };

describe('plainFileName', () => {
  it('keeps only the last path segment of a picked name', () => {
    expect(plainFileName('C:\\Users\\me\\disk.img')).toBe('disk.img');
    expect(plainFileName('folder/sub/rootfs.ext2')).toBe('rootfs.ext2');
  });

  it('falls back to file.bin for names that cannot name a file', () => {
    expect(plainFileName('..')).toBe('file.bin');
    expect(plainFileName('')).toBe('file.bin');
  });
});

describe('draftRecord', () => {
  it('builds a record without id from valid fields, trimming name and version', () => {
    const result = draftRecord({ ...fields, name: '  my-drive ', version: ' 0.1.0' });
    expect(result).toEqual({ ok: true, record: { bundleType: 'flashdrive', name: 'my-drive', fileName: 'drive.ext2', version: '0.1.0' } });
  });

  it('names each missing field', () => {
    const result = draftRecord({ ...fields, name: ' ', version: '' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.problems).sort()).toEqual(['name', 'version']);
  });

  it('refuses a bundle type outside the exact set', () => {
    const result = draftRecord({ ...fields, bundleType: 'flash' });
    expect(result.ok === false && result.problems.bundleType).toContain('flashdrive');
  });

  it('keeps an http(s) download location and refuses other schemes', () => {
    const withUri = draftRecord({ ...fields, uri: 'https://example.org/drive.ext2' });
    expect(withUri.ok && withUri.record.uri).toBe('https://example.org/drive.ext2');
    const bad = draftRecord({ ...fields, uri: 'file:///etc/passwd' });
    expect(bad.ok === false && bad.problems.uri).toBeTruthy();
  });
});

describe('listing entries', () => {
  const bundle: Bundle = { bundleType: 'flashdrive', name: 'my-drive', fileName: 'drive.ext2', id: HELLO_ID, version: '0.1.0' };

  it('a new listing holds the one record and reads back as valid', () => {
    const text = singleListingText(bundle);
    const parsed = parseListingText(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.value.bundles).toEqual([bundle]);
    expect(text.endsWith('\n')).toBe(false);
  });

  it('appends to a chosen listing after its existing records', async () => {
    const existing: Bundle = { bundleType: 'ram', name: 'kernel', fileName: 'k.bin', id: await idOfBytes('kernel'), version: '6.1.0' };
    const { text, alreadyListed } = appendToListingText(serializeListing({ bundles: [existing] }), 'bundles.json', bundle);
    expect(alreadyListed).toBe(false);
    expect(parseListingText(text).value.bundles).toEqual([existing, bundle]);
  });

  it('does not list the same id twice', () => {
    const { text, alreadyListed } = appendToListingText(singleListingText(bundle), 'bundles.json', { ...bundle, name: 'renamed' });
    expect(alreadyListed).toBe(true);
    expect(parseListingText(text).value.bundles).toEqual([bundle]);
  });

  it('refuses to rewrite a listing that has rejected records, naming the listing and the record', () => {
    const broken = JSON.stringify({ bundles: [{ ...bundle }, { bundleType: 'ram', name: 'x', fileName: 'x', id: 'fake', version: '1' }] });
    const error = (() => { try { appendToListingText(broken, 'mine.json', bundle); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(CartiError);
    expect((error as CartiError).message).toMatch(/^mine\.json: bundles\[1\]\.id: /);
  });
});
