// @ts-nocheck -- AssemblyScript source (compiled by softfloat.test.ts with asc), not host TypeScript.
// Test entry: re-exports the soft-float API. Compile with `--path <repo root>` so the bare import below
// resolves to emulator-wasm/assembly/softfloat; host tsc cannot resolve it and so never parses the
// AssemblyScript sources (tsconfig excludes them). At the wasm boundary u32/i32 become JS numbers (signed)
// and u64/i64 become BigInts; the test normalizes them. Flags are read/cleared through helpers.

import { sf_flags, sf_clear_flags } from "emulator-wasm/assembly/softfloat/index";

export * from "emulator-wasm/assembly/softfloat/index";

export function get_flags(): u32 {
  return sf_flags;
}
export function clear_flags(): void {
  sf_clear_flags();
}
