import { describe, expect, it } from 'vitest';
import { getStudioMetadata, withStudioMetadata } from '../carti/studio-metadata';
import { emptyDraft } from './draft';
import { entrypointOf, setEntrypoint } from './entrypoint';

describe('entrypoint', () => {
  it('is the decoded boot args by default, stored Lua-escaped', () => {
    const pkg = setEntrypoint(emptyDraft(), 'echo "hi"');
    expect(pkg.machineConfig.boot.args).toBe('echo \\"hi\\"');
    expect(entrypointOf(pkg)).toBe('echo "hi"');
  });
  it('edits metadata.cartiStudio.entrypoint when the package sets one, since that is what v0.21 runs', () => {
    const pkg = withStudioMetadata(emptyDraft(), { version: 1, targetMachine: 'v0.21', entrypoint: 'old' });
    const next = setEntrypoint(pkg, 'new');
    expect(getStudioMetadata(next)?.entrypoint).toBe('new');
    expect(next.machineConfig.boot.args).toBe('');
    expect(entrypointOf(next)).toBe('new');
  });
  it('keeps a legacy boot prefix when the args change', () => {
    const base = emptyDraft();
    const legacy = withStudioMetadata({ ...base, machineConfig: { ...base.machineConfig, boot: { args: 'ls', bootPrefix: 'console=hvc0' } } }, { version: 1, targetMachine: 'legacy' });
    expect(setEntrypoint(legacy, 'cat x').machineConfig.boot).toEqual({ args: 'cat x', bootPrefix: 'console=hvc0' });
  });
});
