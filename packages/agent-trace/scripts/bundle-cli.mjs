#!/usr/bin/env node
// Bundles the `agent-trace` CLI (src/cli/main.ts and everything it loads, lazily loaded commands included)
// into ONE CommonJS file, dist/cli/agent-trace.cjs: the installed binary. Every command starts with Node
// resolving, reading and compiling its modules; through dist/cli/main.js that was ~70 ES modules for
// `report daily` and ~110 for `import`, each resolved and loaded by the ES-module loader, which alone adds ~7 ms
// to an empty script (see bundle-hook.mjs). One CommonJS file is one read and one compile (V8 compiles
// functions lazily, so code a command does not run costs only a pre-parse), and esbuild keeps each
// `await import()` lazy: the module runs on first use. Measured on the 2-core bench machine: see bench/RESULTS.md.
//
// Kept out of the bundle (loaded with require() from node_modules when used): better-sqlite3 (native addon),
// and zod, yaml and @grpc/grpc-js, which only a config file, `config`/`init` and `serve` need.
// `import.meta.url` is replaced in each module by the URL its compiled file has in dist/, so paths built
// from it (the dashboard's static files, createRequire) are the same as in the unbundled build.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(packageRoot, 'src');
const CLI_BUNDLE = join(packageRoot, 'dist/cli/agent-trace.cjs');

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

await build({
  entryPoints: [join(srcDir, 'cli/main.ts')],
  outfile: CLI_BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['better-sqlite3', 'zod', 'yaml', '@grpc/grpc-js'],
  plugins: [moduleUrlPlugin],
  // The sources are ES modules, strict by definition; a CommonJS file is strict only when it says so.
  banner: {
    js: [
      "'use strict';",
      'const __agentTraceModuleUrl = (p) => require("node:url").pathToFileURL(require("node:path").join(__dirname, "..", p)).href;',
    ].join('\n'),
  },
  legalComments: 'none',
  logLevel: 'warning',
});
chmodSync(CLI_BUNDLE, 0o755);
