import { describe, expect, it } from 'vitest';
import { githubBlobToRaw, resolveBundleUri, resolveListingSource } from './listing-source';

describe('listing sources', () => {
  it('reads a GitHub repository at the default branch through the raw host', () => {
    expect(resolveListingSource('https://github.com/createdreamtech/carti-default')).toEqual({
      source: 'https://github.com/createdreamtech/carti-default', kind: 'github',
      url: 'https://raw.githubusercontent.com/createdreamtech/carti-default/HEAD/bundles.json',
    });
  });

  it('keeps slashes of a /tree/ ref', () => {
    expect(resolveListingSource('https://github.com/createdreamtech/carti-sample/tree/feat/complete').url)
      .toBe('https://raw.githubusercontent.com/createdreamtech/carti-sample/feat/complete/bundles.json');
  });

  it('turns a /blob/ listing path into its raw form', () => {
    expect(resolveListingSource('https://github.com/o/r/blob/main/dir/bundles.json').url)
      .toBe('https://raw.githubusercontent.com/o/r/main/dir/bundles.json');
  });

  it('drops a trailing .git', () => {
    expect(resolveListingSource('https://github.com/o/r.git').url).toBe('https://raw.githubusercontent.com/o/r/HEAD/bundles.json');
  });

  it('fetches a raw or other http(s) URL as is (its ref and path kept, unlike carti)', () => {
    const raw = 'https://raw.githubusercontent.com/o/r/dev/sub/bundles.json';
    expect(resolveListingSource(raw)).toEqual({ source: raw, kind: 'url', url: raw });
    expect(resolveListingSource('http://example.org/l.json').kind).toBe('url');
  });

  it('treats a string without scheme as a local path', () => {
    expect(resolveListingSource('./listings').kind).toBe('path');
  });

  it('refuses other schemes', () => {
    expect(() => resolveListingSource('file:///etc/passwd')).toThrow(/unsupported scheme "file:"/);
    expect(() => resolveListingSource('ftp://x/y')).toThrow(/unsupported scheme/);
  });

  it('refuses an incomplete GitHub URL', () => {
    expect(() => resolveListingSource('https://github.com/only-owner')).toThrow(/owner/);
  });
});

describe('bundle uris', () => {
  it('rewrites GitHub /blob/ pages to raw files (carti-sample)', () => {
    expect(githubBlobToRaw('https://github.com/createdreamtech/carti-sample/blob/feat/complete/calculator-input.ext2'))
      .toBe('https://raw.githubusercontent.com/createdreamtech/carti-sample/feat/complete/calculator-input.ext2');
  });

  it('leaves release download URLs alone', () => {
    const uri = 'https://github.com/cartesi/image-kernel/releases/download/v0.7.0/linux-5.5.19-ctsi-2.bin';
    expect(resolveBundleUri(uri, undefined)).toBe(uri);
  });

  it('resolves a relative uri against the listing URL', () => {
    expect(resolveBundleUri('images/rootfs.ext2', 'http://127.0.0.1:8080/listing/bundles.json')).toBe('http://127.0.0.1:8080/listing/images/rootfs.ext2');
    expect(resolveBundleUri('../x.bin', 'https://h/a/b/bundles.json')).toBe('https://h/a/x.bin');
  });

  it('resolves a relative uri of a local listing file to a disk path', () => {
    expect(resolveBundleUri('images/a b.ext2', '/srv/listing/bundles.json')).toBe('/srv/listing/images/a b.ext2');
  });

  it('keeps an absolute disk path', () => {
    expect(resolveBundleUri('/store/id/file', 'https://h/bundles.json')).toBe('/store/id/file');
  });

  it('returns undefined without a uri', () => {
    expect(resolveBundleUri(undefined, 'https://h/')).toBeUndefined();
  });
});

describe('package sources', () => {
  it('reads carti-machine-package.json from a GitHub /tree/ URL instead of the HTML page (§12.15)', async () => {
    const { resolvePackageSource } = await import('./listing-source');
    expect(resolvePackageSource('https://github.com/createdreamtech/carti-sample/tree/feat/complete').url)
      .toBe('https://raw.githubusercontent.com/createdreamtech/carti-sample/feat/complete/carti-machine-package.json');
  });
});

describe('ipfs:// listing sources (issue 6)', () => {
  // The CID of the bytes "hello" (raw leaf, CIDv1).
  const cid = 'bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq';

  it('is its own kind, normalised to the ipfs:// form', () => {
    expect(resolveListingSource(`ipfs://${cid}/sub/`)).toEqual({ source: `ipfs://${cid}/sub/`, kind: 'ipfs', url: `ipfs://${cid}/sub` });
  });

  it('names the source and the reason when the CID is wrong', () => {
    expect(() => resolveListingSource('ipfs://not-a-cid')).toThrow(/listing source: ipfs:\/\/not-a-cid: "not-a-cid" is not a CID/);
    expect(() => resolveListingSource('ipfs:bafy')).toThrow(/an IPFS source is ipfs:\/\/<cid>\[\/path\]/);
  });

  it('resolves a relative bundle uri inside the listing directory', () => {
    expect(resolveBundleUri('id1/linux.bin', `ipfs://${cid}/bundles.json`)).toBe(`ipfs://${cid}/id1/linux.bin`);
    expect(resolveBundleUri('./a/../b%20c.bin', `ipfs://${cid}/dir/bundles.json`)).toBe(`ipfs://${cid}/dir/b%20c.bin`);
    expect(resolveBundleUri('../../../x', `ipfs://${cid}/dir/bundles.json`)).toBe(`ipfs://${cid}/x`);
  });

  it('keeps absolute uris and disk paths as they are', () => {
    expect(resolveBundleUri(`ipfs://${cid}`, 'https://h/bundles.json')).toBe(`ipfs://${cid}`);
    expect(resolveBundleUri('https://h/x', `ipfs://${cid}/bundles.json`)).toBe('https://h/x');
    expect(resolveBundleUri('/store/id/file', `ipfs://${cid}/bundles.json`)).toBe('/store/id/file');
  });
});
