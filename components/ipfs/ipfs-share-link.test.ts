// The IPFS share link and loading its machine package through gateways (a real local HTTP server plays two
// path gateways: one without the machine, one with it), in the order the settings give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serializePackage } from '@/lib/carti/package';
import { emptyDraft } from '@/lib/compose/draft';
import { fileCid } from '@/lib/ipfs/unixfs-cid';
import { ipfsCidOfFragment, ipfsShareLink, loadIpfsPackage } from './ipfs-share-link';

// Any valid CID names the shared root here; the gateway below serves the package under it.
const packageText = serializePackage({ ...emptyDraft(), repos: ['ipfs://bafkreia'] });
let rootCid = '';
let server: Server;
let origin = '';
const requested: string[] = [];

beforeAll(async () => {
  rootCid = (await fileCid(new TextEncoder().encode('a shared machine root'))).cid.toString();
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    if (request.url === `/gw/ipfs/${rootCid}/carti-machine-package.json`) return void response.end(packageText);
    if (request.url === `/html/ipfs/${rootCid}/carti-machine-package.json`) return void response.end('<html>directory listing</html>');
    response.writeHead(404).end('no link named carti-machine-package.json');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('ipfs share links', () => {
  it('uses the composer link scheme with the CID, and reads it back', () => {
    const link = ipfsShareLink('https://studio.example', rootCid);
    expect(link).toBe(`https://studio.example/compose#ipfs=${rootCid}`);
    expect(ipfsCidOfFragment(new URL(link).hash)).toBe(rootCid);
    expect(ipfsCidOfFragment('#pkg=abc')).toBeUndefined();
  });
});

describe('loadIpfsPackage', () => {
  it('reads the package from the first gateway that has it, trying them in order', async () => {
    requested.length = 0;
    const loaded = await loadIpfsPackage(rootCid, { gateways: [`${origin}/empty`, `${origin}/gw`] });
    expect(loaded.url).toBe(`${origin}/gw/ipfs/${rootCid}/carti-machine-package.json`);
    expect(serializePackage(loaded.pkg)).toBe(packageText);
    expect(requested).toEqual([`/empty/ipfs/${rootCid}/carti-machine-package.json`, `/gw/ipfs/${rootCid}/carti-machine-package.json`]);
  });

  it('names each gateway and its reason when none serves a valid package', async () => {
    const failure = loadIpfsPackage(rootCid, { gateways: [`${origin}/empty`, `${origin}/html`] });
    await expect(failure).rejects.toMatchObject({ code: 'ipfs-unavailable' });
    await expect(failure).rejects.toThrow(`gateway ${origin}/empty: HTTP 404`);
    await expect(failure).rejects.toThrow(new RegExp(`gateway ${origin}/html: .*carti-machine-package\\.json`));
  });

  it('refuses a fragment that is not a CID, naming the share link', async () => {
    await expect(loadIpfsPackage('nope', { gateways: [`${origin}/gw`] })).rejects.toThrow(/share link: ipfs:\/\/nope/);
  });
});
