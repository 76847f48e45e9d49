#!/usr/bin/env node
// Test launcher for the publish and ipfs command groups: the real CLI entry (bin/cli.ts) with these groups
// added unless bin/cli.ts already registers them (tests run before the lead wires them into COMMAND_GROUPS).
import { register } from 'tsx/esm/api';

register();
const cli = await import(new URL('../cli.ts', import.meta.url).href);
for (const file of ['./publish.ts', './ipfs.ts']) {
  const group = await import(new URL(file, import.meta.url).href);
  const registered = cli.COMMAND_GROUPS.some((existing) => existing === group || existing.register === group.register);
  if (!registered) cli.COMMAND_GROUPS.push(group);
}
process.exitCode = await cli.main(process.argv);
