#!/usr/bin/env node
// Launcher of the carti-studio CLI: registers tsx's loader, then runs the TypeScript entry (bin/cli.ts).
// Paths are resolved from this file, so it works from any directory and through `npm exec`/`npx`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('./cli.ts', import.meta.url).href);
process.exitCode = await main(process.argv);
