import { describe, expect, it } from 'vitest';
import * as machine from './index';

describe('lib/machine public API', () => {
  it('exports the model, placement, device tree, init, bootargs and CLI functions', () => {
    const functions = [
      'defaultMachineConfig', 'memoryRange', 'validateMachineConfig', 'toV021Json', 'fromV021Json', 'adjustStarts',
      'bitCeil', 'alignUp', 'dtbEraFlashStart', 'romEraFlashStart', 'cartiNextFlashStart', 'resolveStarts',
      'requireStarts', 'buildDtb', 'rngSeed', 'initText', 'entrypointText', 'v021Bootargs', 'legacyCartiBootargs',
      'parseLegacyBootargs', 'parseRunArgs', 'runOptionsToArgv', 'formatCommandLine', 'parseCliNumber',
      'runOptionsToConfig', 'configToRunOptions', 'configToCommandLine', 'shellQuote', 'doubleQuote',
      'parseExact', 'stringifyExact',
    ];
    for (const name of functions) expect(typeof (machine as Record<string, unknown>)[name], name).toBe('function');
    expect(machine.CartiError).toBeTypeOf('function');
    expect(machine.FdtBuilder).toBeTypeOf('function');
    expect(machine.RAM_START).toBe(0x80000000n);
  });
});
