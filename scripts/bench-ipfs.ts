/**
 * `npm run bench:ipfs` (issue 6): publish a 64 MiB file to a real local IPFS node (the js-ipfs test daemon of
 * e2e/ipfs-node, started here and always stopped) and fetch it back, through the RPC API (kubo-rpc-client
 * `cat`), through the daemon's path gateway, and through a helia trustless gateway (raw blocks, each checked
 * against its CID, the DAG walked), each verified against its carti id. Prints MiB/s for each way; never
 * fails on time. Publishing includes the local carti id and CID computation (one pass) and the node's
 * add + pin; copying the blocks into the trustless gateway is not timed.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureIpfsNodeInstalled, startIpfsDaemon } from '../e2e/ipfs-node/daemon';
import { startTrustlessGateway } from '../e2e/ipfs-node/trustless-gateway';
import { fileBlob } from '../lib/ipfs/file-blob.node.js';
import { fetchIpfsVerified } from '../lib/ipfs/fetch';
import { publishFile } from '../lib/ipfs/publish';
import { ipfsAllowList } from '../lib/ipfs/settings';
import type { DownloadSink } from '../lib/fetch/download';

const SIZE_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

async function writeTestFile(path: string): Promise<void> {
  const out = createWriteStream(path);
  const chunk = new Uint8Array(CHUNK_BYTES);
  for (let written = 0; written < SIZE_BYTES; written += CHUNK_BYTES) {
    // Distinct content per chunk, so no block is deduplicated by the node.
    for (let index = 0; index < chunk.length; index += 512) chunk[index] = (written / CHUNK_BYTES + index / 512) & 0xff;
    if (!out.write(chunk.slice())) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const mibPerSecond = (bytes: number, ms: number) => (bytes / (1024 * 1024)) / (ms / 1000);

/** Counts bytes without keeping them: the benchmark measures transfer and verification, not memory copies. */
function countingSink(): DownloadSink<number> {
  let bytes = 0;
  return { write: (chunk) => void (bytes += chunk.byteLength), commit: () => bytes, abort: () => { bytes = 0; } };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'carti-bench-ipfs-'));
  process.stderr.write('ensuring the IPFS test node is installed (e2e/ipfs-node/setup.sh)\n');
  await ensureIpfsNodeInstalled();
  const daemon = await startIpfsDaemon();
  const trustless = await startTrustlessGateway();
  try {
    const path = join(dir, 'bench.bin');
    await writeTestFile(path);
    let started = performance.now();
    const published = await publishFile(daemon.rpcUrl, { file: await fileBlob(path), fileName: 'bench.bin', bundleType: 'flashdrive', name: 'bench', version: '1' });
    const publishMs = performance.now() - started;
    const settings = { rpcUrl: daemon.rpcUrl, gateways: [daemon.gatewayUrl] };
    const options = { settings, allowList: ipfsAllowList(settings), sinkFactory: countingSink };
    started = performance.now();
    await fetchIpfsVerified(published.bundle.uri!, published.bundle.id, { ...options, viaRpc: true });
    const rpcMs = performance.now() - started;
    started = performance.now();
    const viaGateway = await fetchIpfsVerified(published.bundle.uri!, published.bundle.id, options);
    const gatewayMs = performance.now() - started;
    await trustless.mirror(daemon.rpcUrl, published.cid);
    const trustlessSettings = { gateways: [trustless.url] };
    started = performance.now();
    const viaTrustless = await fetchIpfsVerified(published.bundle.uri!, published.bundle.id, { settings: trustlessSettings, allowList: ipfsAllowList(trustlessSettings), sinkFactory: countingSink });
    const trustlessMs = performance.now() - started;
    if (!viaTrustless.trustless) throw new Error('the helia gateway was not read as trustless');
    console.log(`IPFS (js-ipfs 0.66 daemon, offline, loopback), ${SIZE_BYTES / (1024 * 1024)} MiB, CIDv1 raw leaves 256 KiB chunks`);
    console.log(`  ${published.cid}`);
    console.log(`  publish (carti id + CID + add + pin): ${(publishMs / 1000).toFixed(2)} s, ${mibPerSecond(SIZE_BYTES, publishMs).toFixed(1)} MiB/s`);
    console.log(`  fetch via RPC cat, verified:          ${(rpcMs / 1000).toFixed(2)} s, ${mibPerSecond(SIZE_BYTES, rpcMs).toFixed(1)} MiB/s`);
    console.log(`  fetch via gateway, verified (CID ${viaGateway.cidVerified ? 'checked' : 'not checked'}): ${(gatewayMs / 1000).toFixed(2)} s, ${mibPerSecond(SIZE_BYTES, gatewayMs).toFixed(1)} MiB/s`);
    console.log(`  fetch via trustless gateway (helia, every block checked): ${(trustlessMs / 1000).toFixed(2)} s, ${mibPerSecond(SIZE_BYTES, trustlessMs).toFixed(1)} MiB/s`);
  } finally {
    await trustless.close();
    await daemon.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
