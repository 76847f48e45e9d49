/**
 * Public API of lib/carti: the Carti formats (spec carti-formats.md). Pure, typed, framework-free: runs in
 * Next.js, Web Workers and Node. Node-only helpers (`id.node.ts`, `listing-source.node.ts`) are imported
 * from their own files, never from here.
 *
 * Conventions: parsers never throw on bad content; they return `ParseResult` with `errors` (rejected parts)
 * and `warnings` (accepted oddities), each a `CartiError` naming the input, the JSON path and the reason.
 * Operations on packages are pure: they return a new package or throw a `CartiError`.
 */
export * from './types';
export { CartiError, jsonPath } from './errors';
export type { CartiErrorCode, Severity } from './errors';

// Ids (§2): idOfBytes(bytes), idOfStream(stream, onProgress?), parseId(text), isCartiId(text), idFromDigest.
export { idOfBytes, idOfStream, parseId, isCartiId, checkId, HELLO_ID } from './id';
export type { IdProgress } from './id';

// HexNumber (§4.2): parseHexNumber(text) → bigint (≤ 2^64−1), formatHex(bigint) → "0x…".
export { parseHexNumber, formatHex } from './hex';

// Records (§3.1, §3.2, §4, §6.1): parse + validate, serialize in carti's byte layout.
export { parseBundle, serializeBundle, bundleToJson } from './bundle';
export { parseListing, parseListingText, serializeListing, addBundleToListing } from './listing';
export { parsePackage, parsePackageText, serializePackage, packageToJson, validatePackage } from './package';
export type { PackageValidationOptions } from './package';
export { parseMeta, parseMetaText, serializeMeta } from './meta';

// metadata.cartiStudio (STUDIO-METADATA.md).
export {
  parseStudioMetadata, getStudioMetadata, withStudioMetadata, targetOf, STUDIO_METADATA_VERSION,
} from './studio-metadata';
export type { StudioMetadata, Composition, RamImageProvenance, OciSettings, ConversionRecord } from './studio-metadata';

// Lua strings (§8.2): escapeLuaString(text) → body; decodeLuaStringBody(body) → text or a CartiError.
export { escapeLuaString, luaStringLiteral, decodeLuaStringBody, decodeStoredText } from './lua-string';

// Package operations (§5, §12): pure functions returning a new package.
export {
  initPackage, setRam, removeRam, setRom, removeRom, addFlashDrive, removeFlashDrive, setBoot, setBootText,
  addRepo, removeRepo, setRepos, collectGarbageAssets, assetFor, LEGACY_DEFAULT_RAM_LENGTH,
  V021_DEFAULT_RAM_LENGTH,
} from './package-ops';
export type { InitOptions, AddFlashOptions, SetRamOptions, DefaultMachineIds } from './package-ops';

// Exports (§7, §8): package JSON, carti 1.7 Lua, bootargs, v0.21 JSON config, cartesi-machine command line.
export { toLua, legacyBootargs, v021Bootargs, toMachineConfig, toCartesiMachineCommand, toRunOptions, DEFAULT_LUA_BASE } from './exports';
export type { LuaExportOptions, V021ExportOptions } from './exports';

// Listing sources (§10.2) and the merged index.
export { resolveListingSource, resolvePackageSource, githubBlobToRaw, resolveBundleUri } from './listing-source';
export type { ListingSourceKind, ResolvedSource } from './listing-source';
export { mergeListings, findBundles, chooseBundle } from './index-merge';
export type { LoadedListing } from './index-merge';
