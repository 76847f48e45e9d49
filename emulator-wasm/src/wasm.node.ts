// Node loader for the emulator core: compiles emulator-wasm/build/emulator.wasm once per process.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setDefaultCoreModule } from './machine';

export const CORE_WASM_PATH = fileURLToPath(new URL('../build/emulator.wasm', import.meta.url));

let compiled: Promise<WebAssembly.Module> | undefined;

export function loadCoreModule(path = CORE_WASM_PATH): Promise<WebAssembly.Module> {
  if (!compiled) {
    if (!existsSync(path)) {
      throw new Error(`emulator core not built: ${path} is missing (run: npm run build:wasm)`);
    }
    compiled = readFile(path).then((bytes) => WebAssembly.compile(bytes));
  }
  return compiled;
}

/** Loads the core and makes it the default for Machine.create. */
export async function registerNodeCore(path?: string): Promise<WebAssembly.Module> {
  const module = await loadCoreModule(path);
  setDefaultCoreModule(module);
  return module;
}
