import { beforeAll, describe, expect, it } from 'vitest';
import { parseStudioMetadata } from './studio-metadata';
import { idsOf } from './test-ids';

let a: string;
let b: string;
beforeAll(async () => { [a, b] = await idsOf('a', 'b'); });

describe('metadata.cartiStudio', () => {
  it('reads a complete v1 record', () => {
    const value = {
      version: 1, targetMachine: 'v0.21', entrypoint: 'echo hi', init: 'mount x',
      ramImage: { source: 'guest/build.sh', description: 'linux 6.1' },
      compositions: [{ outputId: a, sources: [b], policy: 'later-wins', writerVersion: '1' }],
      oci: { entrypoint: ['/bin/sh'], env: ['A=1'], workdir: '/', user: 'dapp' },
      conversion: { from: 'legacy', changes: ['rom dropped'] },
      readOnlyDrives: ['root', 'input'],
    };
    const result = parseStudioMetadata(value);
    expect(result.errors).toEqual([]);
    expect(result.value).toEqual(value);
  });

  it('rejects an unknown schema version', () => {
    expect(parseStudioMetadata({ version: 2, targetMachine: 'v0.21' }).errors[0]?.location).toBe('metadata.cartiStudio.version');
  });

  it('rejects an unknown target machine', () => {
    expect(parseStudioMetadata({ version: 1, targetMachine: 'v0.18' }).errors[0]?.location).toBe('metadata.cartiStudio.targetMachine');
  });

  it('rejects a composition whose source is not a carti id', () => {
    const result = parseStudioMetadata({ version: 1, targetMachine: 'v0.21', compositions: [{ outputId: a, sources: [b, 'x'], policy: 'p', writerVersion: '1' }] });
    expect(result.errors[0]?.location).toBe('metadata.cartiStudio.compositions[0].sources[1]');
  });

  it('keeps the writer options of a composition record (lib/drives)', () => {
    const composition = { outputId: a, sources: [b], policy: 'error', writerVersion: '1', options: { blockSizeBytes: 4096, freeBytes: 0, volumeName: 'data' } };
    const result = parseStudioMetadata({ version: 1, targetMachine: 'v0.21', compositions: [composition] });
    expect(result.errors).toEqual([]);
    expect(result.value?.compositions?.[0]).toEqual(composition);
  });

  it('rejects composition options that are not numbers or strings', () => {
    const result = parseStudioMetadata({ version: 1, targetMachine: 'v0.21', compositions: [{ outputId: a, sources: [b], policy: 'error', writerVersion: '1', options: { freeBytes: [1] } }] });
    expect(result.errors[0]?.location).toBe('metadata.cartiStudio.compositions[0].options.freeBytes');
  });

  it('rejects a read-only drive listed twice, naming the entry', () => {
    const result = parseStudioMetadata({ version: 1, targetMachine: 'v0.21', readOnlyDrives: ['input', 'input'] });
    expect(result.errors[0]?.location).toBe('metadata.cartiStudio.readOnlyDrives[1]');
  });

  it('rejects unknown keys', () => {
    expect(parseStudioMetadata({ version: 1, targetMachine: 'legacy', extra: 1 }).errors[0]?.code).toBe('unknown-field');
  });
});
