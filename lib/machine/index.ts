/** Public API of the v0.21 machine model (see ARCHITECTURE.md, `lib/machine`). */
export * from './constants';
export { CartiError, type Severity } from './errors';
export * from './config';
export { fromV021Json } from './v021-json';
export { parseExact, stringifyExact, type ExactJson } from './json-exact';
export * from './placement';
export { resolveStarts, requireStarts, type PlacedRange, type RangeKind } from './layout';
export * from './bootargs';
export * from './init-text';
export { shellQuote, doubleQuote } from './shell-quote';
export { FdtBuilder } from './fdt';
export { buildDtb } from './dtb';
export { rngSeed, RNG_SEED_LENGTH, RNG_SEED_SHA256 } from './rng-seed';
export * from './cli-args';
export { parseCliNumber } from './cli-number';
export * from './run-config';
