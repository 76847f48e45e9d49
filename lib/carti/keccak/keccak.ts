/**
 * Keccak-256 with the original Keccak padding (carti-formats.md §2), backed by our AssemblyScript
 * Keccak-f[1600] (keccak-f1600.as.ts) embedded in keccak-wasm.generated.ts. Incremental, like the id code
 * needs: create → update(bytes)… → digest(). Pure: no Node imports, runs in Node, workers and the page.
 */
import { KECCAK_WASM_BASE64 } from './keccak-wasm.generated';

export const KECCAK_256_DIGEST_BYTES = 32;

/** An incremental Keccak-256. `digest()` returns the hash of everything updated so far and starts over. */
export interface Keccak256 {
  update(bytes: Uint8Array): Keccak256;
  digest(): Uint8Array;
}

/** The exports of keccak-f1600.as.ts. */
interface KeccakExports {
  memory: WebAssembly.Memory;
  inputPtr(): number;
  inputBytes(): number;
  init(): void;
  update(ptr: number, length: number): void;
  final(outPtr: number): void;
}

let compiled: WebAssembly.Module | undefined;

/**
 * The module is under 4 KiB (checked by keccak-wasm.test.ts), the size up to which browsers allow
 * synchronous compilation on the main thread, so it is compiled once, synchronously, on first use.
 */
function keccakModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(decodeBase64(KECCAK_WASM_BASE64));
  return compiled;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A fresh hasher with its own wasm instance (128 KiB of memory, fixed: it never grows). */
export function createKeccak256(): Keccak256 {
  const wasm = new WebAssembly.Instance(keccakModule(), {}).exports as unknown as KeccakExports;
  const memory = new Uint8Array(wasm.memory.buffer);
  const input = wasm.inputPtr();
  const inputBytes = wasm.inputBytes();
  wasm.init();
  const hasher: Keccak256 = {
    update(bytes) {
      // The wasm reads only its own memory: copy through its input area, one area-sized piece at a time.
      for (let offset = 0; offset < bytes.length; offset += inputBytes) {
        const piece = bytes.subarray(offset, offset + inputBytes);
        memory.set(piece, input);
        wasm.update(input, piece.length);
      }
      return hasher;
    },
    digest() {
      wasm.final(input);
      const digest = memory.slice(input, input + KECCAK_256_DIGEST_BYTES);
      wasm.init();
      return digest;
    },
  };
  return hasher;
}

/** One-shot Keccak-256 of `bytes`. */
export function keccak256(bytes: Uint8Array): Uint8Array {
  return createKeccak256().update(bytes).digest();
}
