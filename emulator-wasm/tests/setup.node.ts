// Vitest per-file setup: make Machine.create use the Node-loaded core.
import { registerNodeCore } from '../src/wasm.node.ts';

await registerNodeCore();
