/**
 * Public API of lib/ipfs (issue 6): publish to and fetch from IPFS with verification. Pure and framework-free
 * (global `fetch`, `Blob`, web streams), so it runs in the web app, workers and Node; `file-blob.node.ts` is
 * the one Node-only helper.
 *
 * - Settings: `ipfsSettingsFrom`, `DEFAULT_IPFS_SETTINGS`, `ipfsAllowList` (add to every fetch's allow-list).
 * - Node RPC (through kubo-rpc-client): `nodeVersion` ("test connection"), `addFile`, `pinAdd`, `cat`,
 *   `putDagPbBlock`.
 * - Publish: `publishFile` (carti id + local CID + add + pin → bundle with `uri: ipfs://<cid>`),
 *   `publishMachine` (one directory: package, bundles.json, `<id>/<fileName>`).
 * - Fetch: `fetchIpfsVerified` (RPC and/or gateways in order, carti id always, CID when it applies; trustless
 *   gateways detected and read block by block, each block checked), `ipfsGatewayUrls` (hook for existing http
 *   downloaders), `fetchIpfsListing` (listing sources `ipfs://…`), `fetchIpfsDocument` (a package the same way).
 * - Trustless reading: `openGatewayFile`, `fetchBlock`, `checkBlock`; dag-pb/UnixFS decoding: `decodePbNode`,
 *   `decodeUnixfs`.
 * - CIDs: `fileCid`, `UnixfsFileHasher`, `directoryBlock`, `UNIXFS_PARAMETERS`.
 */
export type { IpfsErrorCode } from './errors';
export { DEFAULT_IPFS_SETTINGS, DEFAULT_GATEWAYS, DEFAULT_RPC_URL, IPFS_ENV, ipfsSettingsFrom, ipfsAllowList, normaliseBaseUrl } from './settings';
export type { IpfsSettings } from './settings';
export { nodeVersion, addFile, pinAdd, cat, putDagPbBlock } from './rpc-client';
export type { AddedFile, AddProgress, RpcOptions } from './rpc-client';
export { publishFile, hashBlob } from './publish';
export type { PublishedFile, PublishFileInput, PublishOptions, PublishProgress, PublishPhase } from './publish';
export { publishMachine, PACKAGE_FILE, LISTING_FILE } from './machine';
export type { MachineAsset, PublishedMachine } from './machine';
export { fetchIpfsVerified, ipfsGatewayUrls } from './fetch';
export type { IpfsDownload, IpfsFetchOptions } from './fetch';
export { fetchIpfsListing, fetchIpfsDocument } from './listing';
export type { IpfsDocument, IpfsDocumentOptions } from './listing';
export { openGatewayFile, fetchBlock, checkBlock, RAW_BLOCK_TYPE, MAX_BLOCK_BYTES } from './trustless';
export type { GatewayFile } from './trustless';
export { decodePbNode, decodeUnixfs, UNIXFS_TYPES } from './dag-pb-decode';
export { isIpfsUri, parseIpfsUri, formatIpfsUri, gatewayUrl, resolveIpfsRelative } from './uri';
export type { IpfsRef } from './uri';
export { fileCid, UnixfsFileHasher, directoryBlock, UNIXFS_PARAMETERS } from './unixfs-cid';
export type { DagEntry, DagBlock } from './unixfs-cid';
