/**
 * The guards of the trustless reader against a hostile gateway whose blocks all hash correctly (a real local
 * HTTP server serving hand-built blocks): a block above 2 MiB, a DAG describing more bytes than allowed,
 * a DAG deeper than any real file. Each must fail with its reason before anything is stored.
 */
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { afterEach, describe, expect, it } from 'vitest';
import { idOfBytes } from '../carti/id';
import { send, startServer, type TestServer } from '../fetch/test-server.node';
import { encodePbNode, unixfsFileData } from './dag-pb';
import { fetchIpfsVerified } from './fetch';
import { RAW_BLOCK_TYPE } from './trustless';
import { DAG_PB_CODEC, RAW_CODEC } from './unixfs-cid';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Block { cid: CID; bytes: Uint8Array; fileSizeBytes: number }

async function rawBlock(bytes: Uint8Array): Promise<Block> {
  return { cid: CID.createV1(RAW_CODEC, await sha256.digest(bytes)), bytes, fileSizeBytes: bytes.byteLength };
}

async function fileNode(children: readonly Block[]): Promise<Block> {
  const fileSizeBytes = children.reduce((sum, child) => sum + child.fileSizeBytes, 0);
  const bytes = encodePbNode(unixfsFileData(fileSizeBytes, children.map((child) => child.fileSizeBytes)),
    children.map((child) => ({ hash: child.cid.bytes, name: '', tsize: child.bytes.byteLength })));
  return { cid: CID.createV1(DAG_PB_CODEC, await sha256.digest(bytes)), bytes, fileSizeBytes };
}

/** A gateway serving exactly these blocks, as raw blocks, whatever the query. */
async function serve(blocks: readonly Block[]): Promise<string> {
  server = await startServer(Object.fromEntries(blocks.map((block) => [`/ipfs/${block.cid}`, send(block.bytes, RAW_BLOCK_TYPE)])));
  return server.origin;
}

function options(gateway: string, maxBytes?: number) {
  return { settings: { gateways: [gateway] }, allowList: [gateway], maxBytes };
}

describe('trustless reading guards', () => {
  it('refuses a block above 2 MiB without reading it all', async () => {
    const big = await rawBlock(new Uint8Array(3 << 20).fill(7));
    const gateway = await serve([big]);
    await expect(fetchIpfsVerified(`ipfs://${big.cid}`, await idOfBytes(big.bytes), options(gateway)))
      .rejects.toThrow(`gateway ${gateway}: a block larger than 2097152 bytes; refused`);
  });

  it('stops a DAG that describes more bytes than the limit (one leaf linked many times)', async () => {
    const leaf = await rawBlock(new Uint8Array(1000).fill(1));
    const root = await fileNode(Array.from({ length: 50 }, () => leaf));
    const gateway = await serve([leaf, root]);
    const whole = new Uint8Array(50_000).fill(1);
    await expect(fetchIpfsVerified(`ipfs://${root.cid}`, await idOfBytes(whole), options(gateway, 20_000)))
      .rejects.toThrow('more than 20000 bytes; refused');
    // The same DAG within the limit is a valid file: the guard, not the blocks, stopped it.
    const download = await fetchIpfsVerified(`ipfs://${root.cid}`, await idOfBytes(whole), options(gateway));
    expect(download).toMatchObject({ trustless: true, sizeBytes: 50_000 });
  });

  it('refuses a DAG deeper than any real file', async () => {
    const blocks: Block[] = [await rawBlock(Uint8Array.of(42))];
    for (let level = 0; level < 40; level++) blocks.push(await fileNode([blocks[blocks.length - 1]!]));
    const gateway = await serve(blocks);
    await expect(fetchIpfsVerified(`ipfs://${blocks[blocks.length - 1]!.cid}`, await idOfBytes(Uint8Array.of(42)), options(gateway)))
      .rejects.toThrow('a file DAG deeper than 32 levels');
  });
});
