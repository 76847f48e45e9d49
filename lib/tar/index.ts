/** lib/tar: streaming tar reader (ustar, GNU, PAX; plain or gzip) for drive composition and OCI import (issue 5). */
export { readTar, readTarEntries, tarCompression, type TarEntry, type TarEntryKind, type TarReadOptions } from './reader';
export { detectCompression, gunzip, type Compression, type TarInput } from './input';
export { normalizeMemberPath } from './paths';
