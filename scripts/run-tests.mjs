#!/usr/bin/env node
// Runs every compiled test file (packages/*/dist/**/*.test.js) with Node's own test runner.
// Node 20's runner has no glob support, so the files are listed here. Extra arguments are passed on
// (e.g. `npm test -- --test-name-pattern=import`); a path filter narrows the files:
// `TEST_FILES=store npm test` runs only files whose path contains "store".
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packagesDir = join(root, 'packages');

const walk = (dir, out) => {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules') continue;
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (entry.endsWith('.test.js')) out.push(full);
  }
  return out;
};

const filter = process.env.TEST_FILES;
const files = readdirSync(packagesDir)
  .map((p) => join(packagesDir, p, 'dist'))
  .filter((d) => {
    try {
      return statSync(d).isDirectory();
    } catch {
      return false;
    }
  })
  .flatMap((d) => walk(d, []))
  .filter((f) => !filter || relative(root, f).includes(filter))
  .sort();

if (files.length === 0) {
  console.error('no test files found: run `npm run build` first');
  process.exit(1);
}

const reporter = process.env.CI || !process.stdout.isTTY ? ['--test-reporter=spec'] : [];
const result = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=2', ...reporter, ...process.argv.slice(2), ...files],
  { stdio: 'inherit', cwd: root, env: { ...process.env, TZ: 'UTC', NO_COLOR: '1' } },
);
process.exit(result.status ?? 1);
