import { describe, expect, it } from 'vitest';
import { HELLO_ID } from '../carti/id';
import { fileCid } from './unixfs-cid';
import { formatIpfsUri, gatewayUrl, parseIpfsUri } from './uri';

const cidText = async () => (await fileCid(new TextEncoder().encode('hello'))).cid.toString();

describe('parseIpfsUri', () => {
  it('reads the CID and the path below it', async () => {
    const cid = await cidText();
    const ref = parseIpfsUri(`ipfs://${cid}/a%20b/bundles.json`);
    expect(ref.cid.toString()).toBe(cid);
    expect(ref.path).toEqual(['a b', 'bundles.json']);
  });

  it('refuses a carti id, which no gateway can resolve', () => {
    expect(() => parseIpfsUri(`ipfs://${HELLO_ID}`)).toThrow(/carti id/);
  });

  it('refuses text that is not a CID', () => {
    expect(() => parseIpfsUri('ipfs://not-a-cid')).toThrowError(expect.objectContaining({ code: 'bad-ipfs-uri' }));
  });

  it('refuses another scheme', () => {
    expect(() => parseIpfsUri('https://example.org/x')).toThrowError(expect.objectContaining({ code: 'bad-ipfs-uri' }));
  });
});

describe('gatewayUrl', () => {
  it('builds a path-gateway URL, keeping the gateway base path', async () => {
    const cid = await cidText();
    expect(gatewayUrl('https://gw.example/prefix/', parseIpfsUri(`ipfs://${cid}/x y`))).toBe(`https://gw.example/prefix/ipfs/${cid}/x%20y`);
  });

  it('formats a ref back to the same uri', async () => {
    const uri = `ipfs://${await cidText()}/dir/file.bin`;
    expect(formatIpfsUri(parseIpfsUri(uri))).toBe(uri);
  });
});
