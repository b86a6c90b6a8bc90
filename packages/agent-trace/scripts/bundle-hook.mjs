#!/usr/bin/env node
// Bundles `agent-trace hook` into two CommonJS files. The agent starts it on every hook event, so start-up is its
// whole cost. Measured on the 2-core bench machine (bench/hook-latency.mjs): Node starts `node -e 0` in ~33 ms; an
// ES-module entry adds ~7 ms (the ESM loader) before any of our code runs, and each further module file is a
// resolve, a read and a compile. One CommonJS file costs the same as `node -e 0` plus our own code.
//
// - dist/hook-body.cjs: the hook (src/cli/hook-body.ts and the modules it loads). The lazily loaded spool and
//   dead-letter modules stay lazy: esbuild wraps them in functions that run on first use.
// - dist/hook.cjs: the loader Claude Code's settings run (src/cli/hook-loader-entry.ts). It runs the body compiled
//   with V8's code cache, kept in the data dir and keyed by the body's SHA-256, which is set in it here.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', legalComments: 'none', logLevel: 'warning' };

const bodyPath = join(packageRoot, 'dist/hook-body.cjs');
await build({ ...common, entryPoints: [join(packageRoot, 'src/cli/hook-body.ts')], outfile: bodyPath });
const bodySha256 = createHash('sha256').update(readFileSync(bodyPath)).digest('hex');

await build({
  ...common,
  entryPoints: [join(packageRoot, 'src/cli/hook-loader-entry.ts')],
  outfile: join(packageRoot, 'dist/hook.cjs'),
  banner: { js: '#!/usr/bin/env node' },
  define: { HOOK_BODY_SHA256: JSON.stringify(bodySha256) },
});
