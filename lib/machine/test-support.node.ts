/** Test helpers that need Node: fixture files and the real `dtc` (device-tree-compiler). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)));
}

export function readFixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** Bytes of a `name = [hex bytes];` property of the reference dts. */
export function dtsByteProperty(dts: string, name: string): Uint8Array {
  const match = new RegExp(`\\s${name} = \\[([0-9a-f ]*)\\];`).exec(dts);
  if (!match) throw new Error(`no byte property ${name}`);
  return Uint8Array.from(match[1].trim().split(/\s+/).map((byte) => parseInt(byte, 16)));
}

/** Bytes of a `name = <cells>;` property of the reference dts (big-endian 32-bit cells). */
export function dtsCellProperty(dts: string, name: string): Uint8Array {
  const match = new RegExp(`\\s${name} = <([0-9a-fx ]*)>;`).exec(dts);
  if (!match) throw new Error(`no cell property ${name}`);
  const cells = match[1].trim().split(/\s+/).map((cell) => Number.parseInt(cell, 16));
  const bytes = new Uint8Array(cells.length * 4);
  cells.forEach((cell, i) => new DataView(bytes.buffer).setUint32(i * 4, cell, false));
  return bytes;
}

/** `dtc -I <format> -O dts` of the given input, warnings silenced (the reference has expected ones). */
export function dtcToDts(input: Uint8Array | string, format: 'dtb' | 'dts'): string {
  const dir = mkdtempSync(join(tmpdir(), 'carti-dtc-'));
  try {
    const file = join(dir, `input.${format}`);
    writeFileSync(file, input);
    return execFileSync('dtc', ['-q', '-I', format, '-O', 'dts', file], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
