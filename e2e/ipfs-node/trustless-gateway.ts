/**
 * A small trustless gateway for tests (issue 6, "tests add a small trustless gateway built on helia"): helia 7
 * in-process and offline (`createHeliaLight`: no libp2p, no routers, no block brokers; its own memory
 * blockstore), behind a Node HTTP server on 127.0.0.1 (port 0) that answers only the trustless form
 * `GET /ipfs/<cid>?format=raw` (or `Accept: application/vnd.ipld.raw`) with the block itself. It never serves
 * files: whoever reads from it must verify and assemble blocks (lib/ipfs/trustless.ts).
 *
 * Content comes in two ways: `addBytes` imports with helia's own UnixFS importer (its default profile,
 * 1 MiB chunks and width 1024, unlike the node's 256 KiB: another publisher's DAG), and `mirror` copies a
 * DAG from the js-ipfs daemon block by block (`block/get`), so what was published there is served here too.
 * Node-only (tests, benchmarks).
 */
import './promise-with-resolvers';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CID } from 'multiformats/cid';
import { decodePbNode } from '../../lib/ipfs/dag-pb-decode';

/**
 * The little of helia this file uses. helia is imported by a computed name so that the repository's type
 * check does not need this directory's install (it only exists once setup.sh ran).
 */
interface HeliaNode {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly blockstore: {
    has(cid: CID): Promise<boolean>;
    get(cid: CID): Promise<Uint8Array | AsyncIterable<Uint8Array>> | Uint8Array | AsyncIterable<Uint8Array>;
    put(cid: CID, bytes: Uint8Array): Promise<unknown>;
  };
}
interface HeliaModule { createHeliaLight(init: { blockBrokers: unknown[]; routers: unknown[] }): HeliaNode }
interface UnixfsModule { unixfs(helia: HeliaNode): { addBytes(bytes: Uint8Array): Promise<CID> } }

const moduleNames = { helia: 'helia', unixfs: '@helia/unixfs' };

const RAW_BLOCK_TYPE = 'application/vnd.ipld.raw';
const DAG_PB_CODEC = 0x70;

export interface TrustlessGateway {
  readonly url: string;
  /** Every request path, in order (tests check what was asked). */
  readonly requests: string[];
  /** Import bytes with helia's UnixFS importer (default profile); returns the root CID. */
  addBytes(bytes: Uint8Array): Promise<CID>;
  /** Copy the DAG under `cid` from a node's RPC API (`block/get`), every block, links followed. */
  mirror(rpcUrl: string, cid: CID | string): Promise<number>;
  close(): Promise<void>;
}

async function blockBytes(value: Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<Uint8Array> {
  if (value instanceof Uint8Array) return value;
  const parts: Uint8Array[] = [];
  for await (const part of value) parts.push(part);
  return Buffer.concat(parts);
}

export async function startTrustlessGateway(): Promise<TrustlessGateway> {
  const { createHeliaLight } = (await import(moduleNames.helia)) as HeliaModule;
  const { unixfs } = (await import(moduleNames.unixfs)) as UnixfsModule;
  const helia = createHeliaLight({ blockBrokers: [], routers: [] });
  await helia.start();
  const fs = unixfs(helia);
  const requests: string[] = [];

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://gateway');
    requests.push(`${url.pathname}${url.search}`);
    const headers = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    const match = /^\/ipfs\/([^/]+)\/?$/.exec(url.pathname);
    const wantsRaw = url.searchParams.get('format') === 'raw' || (request.headers.accept ?? '').includes(RAW_BLOCK_TYPE);
    if (!match || !wantsRaw) {
      response.writeHead(406, { ...headers, 'content-type': 'text/plain' });
      response.end('this trustless gateway serves raw blocks only: GET /ipfs/<cid>?format=raw');
      return;
    }
    let cid: CID;
    try {
      cid = CID.parse(match[1]!);
    } catch {
      response.writeHead(400, { ...headers, 'content-type': 'text/plain' });
      response.end(`not a CID: ${match[1]}`);
      return;
    }
    try {
      if (!(await helia.blockstore.has(cid))) {
        response.writeHead(404, { ...headers, 'content-type': 'text/plain' });
        response.end(`block ${cid} is not here (offline gateway)`);
        return;
      }
      const bytes = await blockBytes(await helia.blockstore.get(cid));
      response.writeHead(200, { ...headers, 'content-type': RAW_BLOCK_TYPE, 'content-length': String(bytes.byteLength), 'x-ipfs-roots': cid.toString() });
      response.end(bytes);
    } catch (error) {
      response.writeHead(500, { ...headers, 'content-type': 'text/plain' });
      response.end((error as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    // helia's CID class may be another copy of multiformats: hand back ours.
    addBytes: async (bytes) => CID.parse((await fs.addBytes(bytes)).toString()),
    async mirror(rpcUrl, root) {
      const pending = [typeof root === 'string' ? CID.parse(root) : root];
      let copied = 0;
      while (pending.length > 0) {
        const cid = pending.pop()!;
        if (await helia.blockstore.has(cid)) continue;
        const answer = await fetch(`${rpcUrl}/api/v0/block/get?arg=${cid}`, { method: 'POST' });
        if (!answer.ok) throw new Error(`block/get ${cid} from ${rpcUrl}: HTTP ${answer.status} ${await answer.text()}`);
        const bytes = new Uint8Array(await answer.arrayBuffer());
        await helia.blockstore.put(cid, bytes);
        copied++;
        if (cid.code === DAG_PB_CODEC) for (const link of decodePbNode(bytes, `block ${cid}`).links) pending.push(CID.decode(link.hash));
      }
      return copied;
    },
    async close() {
      await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
      await helia.stop();
    },
  };
}
