#!/usr/bin/env node
// Bundles `agent-trace hook` (src/cli/hook-entry.ts and the modules it loads) into ONE CommonJS file,
// dist/hook.cjs. The agent starts it on every hook event, so start-up is its whole cost. Measured on the
// 2-core bench machine (bench/hook-latency.mjs): Node starts `node -e 0` in ~33 ms; an ES-module entry adds
// ~7 ms (the ESM loader) before any of our code runs, and each further module file is a resolve, a read and
// a compile. One CommonJS file costs the same as `node -e 0` plus our own code. The lazily loaded spool and
// dead-letter modules stay lazy: esbuild wraps them in functions that run on first use.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(packageRoot, 'src/cli/hook-entry.ts')],
  outfile: join(packageRoot, 'dist/hook.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
});
