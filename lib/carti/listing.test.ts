import { beforeAll, describe, expect, it } from 'vitest';
import { parseBundle, serializeBundle } from './bundle';
import { addBundleToListing, parseListing, parseListingText, serializeListing } from './listing';
import { HELLO_ID } from './id';
import { idsOf } from './test-ids';

let idA: string;
let idB: string;
beforeAll(async () => { [idA, idB] = await idsOf('a', 'b'); });

const record = (overrides: Record<string, unknown> = {}) => ({
  bundleType: 'flashdrive', name: 'data', fileName: 'data.ext2', id: HELLO_ID, version: '0.1.0', ...overrides,
});

describe('bundle records', () => {
  it('accepts a complete record', () => {
    const result = parseBundle(record({ uri: 'https://example.org/data.ext2' }));
    expect(result.errors).toEqual([]);
    expect(result.value?.uri).toBe('https://example.org/data.ext2');
  });

  it('reads "flash" as flashdrive with a warning', () => {
    const result = parseBundle(record({ bundleType: 'flash' }), 'old.json');
    expect(result.value?.bundleType).toBe('flashdrive');
    expect(result.warnings[0]?.code).toBe('alias-bundle-type');
  });

  it('rejects bundleType values carti\'s unanchored pattern let through', () => {
    const result = parseBundle(record({ bundleType: 'ramdisk' }));
    expect(result.value).toBeUndefined();
    expect(result.errors[0]?.code).toBe('bad-bundle-type');
  });

  it('rejects a fake id naming its JSON path', () => {
    const result = parseBundle(record({ id: 'QmFake' }), 'x.json');
    expect(result.errors[0]?.message).toMatch(/^x\.json: id: "QmFake" is not a carti id/);
  });

  it('rejects wrong types with the field path', () => {
    const result = parseBundle(record({ version: 7 }));
    expect(result.errors.map((e) => [e.code, e.location])).toEqual([['wrong-type', 'version']]);
  });

  it('rejects unknown fields (additionalProperties: false)', () => {
    expect(parseBundle(record({ size: 4 })).errors[0]?.code).toBe('unknown-field');
  });

  it('rejects a fileName that would escape the store directory', () => {
    expect(parseBundle(record({ fileName: '../../etc/passwd' })).errors[0]?.location).toBe('fileName');
  });

  it('serializes in carti key order', () => {
    const bundle = parseBundle({ uri: 'u', version: '1', deps: [HELLO_ID], id: HELLO_ID, fileName: 'f', name: 'n', bundleType: 'ram' }).value!;
    expect(Object.keys(JSON.parse(serializeBundle(bundle)))).toEqual(['bundleType', 'name', 'fileName', 'id', 'deps', 'version', 'uri']);
  });
});

describe('bundles.json listings', () => {
  it('keeps valid records when one record is bad, flagging its index', () => {
    const result = parseListing({ bundles: [record({ id: idA }), record({ id: 'nope' }), record({ id: idB })] });
    expect(result.value.bundles.map((b) => b.id)).toEqual([idA, idB]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.location).toBe('bundles[1].id');
  });

  it('keeps the first of two records with the same id and warns', () => {
    const result = parseListing({ bundles: [record({ id: idA, name: 'first' }), record({ id: idA, name: 'second' })] });
    expect(result.value.bundles.map((b) => b.name)).toEqual(['first']);
    expect(result.warnings[0]?.code).toBe('duplicate-id');
    expect(result.warnings[0]?.location).toBe('bundles[1].id');
  });

  it('treats a missing bundles key as an empty listing', () => {
    expect(parseListing({})).toEqual({ value: { bundles: [] }, errors: [], warnings: [] });
  });

  it('rejects a non-array bundles', () => {
    expect(parseListing({ bundles: {} }).errors[0]?.code).toBe('wrong-type');
  });

  it('reports malformed JSON with a line and offset', () => {
    const result = parseListingText('{\n  "bundles": [,]\n}', 'broken.json');
    expect(result.errors[0]?.code).toBe('bad-json');
    expect(result.errors[0]?.location).toMatch(/^line 2, offset \d+$/);
  });

  it('says so when the text is an HTML page', () => {
    const result = parseListingText('<!DOCTYPE html><html></html>', 'page');
    expect(result.errors[0]?.code).toBe('html-not-json');
    expect(result.errors[0]?.message).toMatch(/HTML, not JSON/);
  });

  it('serializes with 2-space indentation and no trailing newline', () => {
    const text = serializeListing({ bundles: [parseBundle(record()).value!] });
    expect(text.startsWith('{\n  "bundles": [\n    {\n      "bundleType"')).toBe(true);
    expect(text.endsWith('}')).toBe(true);
  });

  it('round-trips a serialized listing', () => {
    const listing = parseListing({ bundles: [record({ id: idA }), record({ id: idB, uri: 'x' })] }).value;
    expect(parseListingText(serializeListing(listing)).value).toEqual(listing);
  });

  it('appends a bundle only when its id is new', () => {
    const bundle = parseBundle(record()).value!;
    const once = addBundleToListing({ bundles: [] }, bundle);
    expect(addBundleToListing(once, { ...bundle, name: 'other' }).bundles).toEqual([bundle]);
  });
});
