#!/usr/bin/env node
// Builds the emulator core (AssemblyScript) into emulator-wasm/build/emulator.wasm and copies it to
// public/emulator.wasm for the browser worker. Skipped when no source changed since the last build.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'emulator-wasm/assembly');
const outDir = join(root, 'emulator-wasm/build');
const out = join(outDir, 'emulator.wasm');
const stamp = join(outDir, 'emulator.inputs');

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  }).sort();
}

export const ASC_FLAGS = ['-O3', '--runtime', 'stub', '--noAssert', '--use', 'abort='];

const hash = createHash('sha256');
for (const file of listFiles(sourceDir)) {
  hash.update(relative(root, file));
  hash.update(readFileSync(file));
}
hash.update(ASC_FLAGS.join(' '));
hash.update(readFileSync(join(root, 'node_modules/assemblyscript/package.json')));
const inputs = hash.digest('hex');

if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === inputs) {
  console.log('emulator wasm up to date');
} else {
  mkdirSync(outDir, { recursive: true });
  const asc = join(root, 'node_modules/.bin/asc');
  execFileSync(asc, [join(sourceDir, 'index.ts'), ...ASC_FLAGS, '--outFile', out], { stdio: 'inherit', cwd: root });
  writeFileSync(stamp, inputs);
  console.log(`built ${relative(root, out)} (${statSync(out).size} bytes)`);
}
mkdirSync(join(root, 'public'), { recursive: true });
copyFileSync(out, join(root, 'public/emulator.wasm'));
