#!/usr/bin/env node
// Bundles the `agent-trace` CLI (src/cli/main.ts and everything it loads, lazily loaded commands included)
// into ONE CommonJS file, dist/cli/agent-trace-bundle.cjs, started by a small launcher, dist/cli/agent-trace.cjs
// (the installed binary), with a V8 code cache of the bundle beside it.
//
// Why: every command starts with Node resolving, reading and compiling its modules. Through dist/cli/main.js
// that was ~70 ES modules for `report daily` and ~110 for `import`, each resolved and loaded by the ES-module
// loader, which alone adds ~7 ms to an empty script (see bundle-hook.mjs). One CommonJS file is one read and
// one compile, and esbuild keeps each `await import()` lazy: the module's code runs on first use. On the
// 2-core bench machine (load ~4) `report daily --json` went from ~260 to ~180 ms of CPU, `--version` from
// ~115 to ~95 ms (`node -e 0`: ~70 ms).
//
// The code cache: compiling the ~650 kB bundle is most of what is left of start-up (~10 ms on a quiet machine,
// several times that under load), and Node 20 has no module compile cache (module.enableCompileCache is 22.1+).
// The launcher compiles the bundle with vm.Script and `cachedData` made here, after running one `report` so
// that the functions every command runs (arguments, config, store, output) are in it. The cache file starts
// with a hash of the bundle, so a cache never meets another bundle; V8 itself refuses a cache from another
// Node version or other V8 flags, and the launcher then compiles as if there were none.
//
// The import's parse worker gets its own bundle too, dist/ingest/read-worker-main.cjs (no code cache: workers start
// ~26 ms sooner from it than from the ES modules, 38 against 64 ms start to exit, and the cache would add little).
//
// Kept out of the bundle (loaded with require() from node_modules when used): better-sqlite3 (native addon),
// and zod, yaml and @grpc/grpc-js, which only a config file, `config`/`init` and `serve` need.
// `import.meta.url` is replaced in each module by the URL its compiled file has in dist/, so paths built
// from it (the dashboard's static files, createRequire, worker scripts) are the same as in the unbundled build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(packageRoot, '..', '..');
const srcDir = join(packageRoot, 'src');
const cliDir = join(packageRoot, 'dist', 'cli');
const LAUNCHER = join(cliDir, 'agent-trace.cjs');
const BUNDLE = join(cliDir, 'agent-trace-bundle.cjs');
const CACHE = join(cliDir, 'agent-trace-bundle.cache');
/** The cache's header: the bundle id (32 hex digits) and the Node version that made it, padded with spaces. */
const CACHE_KEY_BYTES = 64;

/** `import.meta.url` of src/<path>.ts → the file URL of dist/<path>.js, computed from the bundle's own path. */
const moduleUrlPlugin = {
  name: 'dist-module-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url') || !args.path.startsWith(srcDir)) return undefined;
      const distPath = relative(srcDir, args.path).replace(/\.ts$/, '.js').split('\\').join('/');
      return { contents: source.replaceAll('import.meta.url', `__agentTraceModuleUrl(${JSON.stringify(distPath)})`), loader: 'ts' };
    });
  },
};

const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['better-sqlite3', 'zod', 'yaml', '@grpc/grpc-js'],
  // `import('node:https')` and the like become require(): a vm.Script on Node 20 has no loader for import().
  supported: { 'dynamic-import': false },
  plugins: [moduleUrlPlugin],
  // The sources are ES modules, strict by definition; a CommonJS file is strict only when it says so.
  // __dirname is dist/<folder>/ for every bundle made here, so `..` is dist/.
  banner: {
    js: [
      "'use strict';",
      'const __agentTraceModuleUrl = (p) => require("node:url").pathToFileURL(require("node:path").join(__dirname, "..", p)).href;',
    ].join('\n'),
  },
  legalComments: 'none',
  logLevel: 'warning',
};

// The import's parse worker, in one CommonJS file beside its compiled module (ingest/read-worker.ts starts it
// when present): each worker otherwise resolves and loads ~20 ES modules before parsing a byte.
await build({ ...bundleOptions, entryPoints: [join(srcDir, 'ingest/read-worker-main.ts')], outfile: join(packageRoot, 'dist', 'ingest', 'read-worker-main.cjs') });

const result = await build({
  ...bundleOptions,
  entryPoints: [join(srcDir, 'cli/main.ts')],
  outfile: BUNDLE,
  write: false,
});
// The launcher wraps the bundle in a function: a `#!` line is only valid at the very start of a script.
const bundleSource = result.outputFiles[0].text.replace(/^#!.*\n/, '');
writeFileSync(BUNDLE, bundleSource);
const bundleId = createHash('sha256').update(bundleSource).digest('hex').slice(0, 32);

// The launcher and the cache producer must compile exactly the same text: the CommonJS wrapper around the bundle.
const launcher = `#!/usr/bin/env node
'use strict';
// The agent-trace binary: runs dist/cli/agent-trace-bundle.cjs as Node's CommonJS loader would, compiled
// with the V8 code cache made at build time when V8 accepts it (scripts/bundle-cli.mjs says why).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');
const { createRequire, wrap } = require('node:module');

const BUNDLE_ID = ${JSON.stringify(bundleId)};
// The cache starts with the bundle's id and the Node version that made it: V8 refuses a cache from another
// version anyway, after reading it; a Node other than the one that built the package compiles from source.
const CACHE_KEY = (BUNDLE_ID + process.version).padEnd(${CACHE_KEY_BYTES});
const file = join(__dirname, 'agent-trace-bundle.cjs');
const source = readFileSync(file, 'utf8');
let cachedData;
try {
  const cache = readFileSync(join(__dirname, 'agent-trace-bundle.cache'));
  if (cache.toString('latin1', 0, CACHE_KEY.length) === CACHE_KEY) cachedData = cache.subarray(CACHE_KEY.length);
} catch {
  // No cache: compile from source.
}
const script = new Script(wrap(source), { filename: file, cachedData });
const bundleModule = { exports: {}, filename: file, id: file };
script.runInThisContext()(bundleModule.exports, createRequire(file), bundleModule, file, __dirname);
`;
writeFileSync(LAUNCHER, launcher);
chmodSync(LAUNCHER, 0o755);

/**
 * Runs one `report daily` through the bundle in a child Node, compiled as the launcher compiles it, and saves
 * the code cache when it exits (functions compiled while it ran are included). Data: the parity fixtures,
 * imported into a scratch data dir.
 */
const makeCache = () => {
  rmSync(CACHE, { force: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'agent-trace-code-cache-'));
  try {
    const env = { PATH: process.env.PATH ?? '', HOME: dataDir, TZ: 'UTC', NO_COLOR: '1' };
    const fixtures = join(repoRoot, 'fixtures', 'claude-code', 'parity', 'projects');
    const imported = spawnSync(process.execPath, [LAUNCHER, 'import', '--quiet', '--path', fixtures, '--data-dir', dataDir], { env, encoding: 'utf8' });
    if (imported.status !== 0) throw new Error(`import for the code cache failed: ${imported.stderr}`);
    const producer = `
      const { readFileSync, writeFileSync } = require('node:fs');
      const { Script } = require('node:vm');
      const { createRequire, wrap } = require('node:module');
      const [file, out, id] = process.argv.slice(1, 4);
      process.argv.splice(1, 3, file);
      const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file });
      process.on('exit', () => writeFileSync(out, Buffer.concat([Buffer.from((id + process.version).padEnd(${CACHE_KEY_BYTES}), 'latin1'), script.createCachedData()])));
      const m = { exports: {}, filename: file, id: file };
      script.runInThisContext()(m.exports, createRequire(file), m, file, require('node:path').dirname(file));
    `;
    const args = ['-e', producer, BUNDLE, CACHE, bundleId, 'report', 'daily', '--json', '--data-dir', dataDir];
    const run = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`report for the code cache failed: ${run.stderr}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};

try {
  makeCache();
} catch (err) {
  // The CLI works without the cache (only its start-up is slower): say so, do not fail the build.
  rmSync(CACHE, { force: true });
  process.stderr.write(`bundle-cli: no code cache written: ${err.message}\n`);
}
