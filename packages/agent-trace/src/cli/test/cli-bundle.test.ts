import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type * as ImportModule from '../../ingest/import.js';
import type * as StoreModule from '../../store/sqlite/sqlite-store.js';
import { cliPath, fixturesDir, packageRoot, repoRoot } from '../../test-support/paths.js';

/**
 * The installed binary is a launcher that runs the one-file bundle with a V8 code cache (scripts/bundle-cli.mjs);
 * dist/cli/main.js is the same code unbundled. Every other CLI test runs the launcher: these check that it
 * behaves as the unbundled build does, with or without a usable cache, and that the paths its modules build
 * from import.meta.url (the dashboard's files) still point into dist/.
 */
const UNBUNDLED = join(packageRoot, 'dist', 'cli', 'main.js');
const CLI_DIR = join(packageRoot, 'dist', 'cli');
const BUNDLE = join(CLI_DIR, 'agent-trace-bundle.cjs');
const CACHE = join(CLI_DIR, 'agent-trace-bundle.cache');

const run = (entry: string, args: string[]) => {
  const r = spawnSync(process.execPath, [entry, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', NO_COLOR: '1', LANG: 'C', COLUMNS: '120', HOME: dataDir },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

let dataDir = '';

describe('the bundled CLI', () => {
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'agent-trace-bundle-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is an executable launcher, one CommonJS bundle and a code cache V8 accepts (on the Node that built it)', (t) => {
    assert.match(cliPath, /agent-trace\.cjs$/);
    assert.ok((statSync(cliPath).mode & 0o111) !== 0, 'executable');
    const launcher = readFileSync(cliPath, 'utf8');
    assert.ok(launcher.startsWith('#!/usr/bin/env node\n'));
    const id = /const BUNDLE_ID = "([0-9a-f]{32})";/.exec(launcher)?.[1];
    assert.ok(id, 'the launcher names its bundle');
    const header = readFileSync(CACHE).toString('latin1', 0, 64);
    assert.equal(header.slice(0, 32), id, 'the cache was made for this bundle');
    const builtBy = header.slice(32).trimEnd();
    assert.match(builtBy, /^v\d+\.\d+\.\d+/, 'the cache names the Node version that made it');
    if (builtBy !== process.version) {
      // CI runs the suite on Node 24 against a build made by Node 20: the launcher then compiles from source
      // (the other tests here run the CLI through it).
      t.diagnostic(`cache made by Node ${builtBy}; this is ${process.version}, which the launcher does not give it to`);
      return;
    }
    // A child Node without test-runner flags, as the launcher runs: V8 takes the cache.
    const check = `
      const { readFileSync } = require('node:fs');
      const { Script } = require('node:vm');
      const { wrap } = require('node:module');
      const s = new Script(wrap(readFileSync(process.argv[1], 'utf8')), { filename: process.argv[1], cachedData: readFileSync(process.argv[2]).subarray(64) });
      process.stdout.write(String(s.cachedDataRejected));`;
    const r = spawnSync(process.execPath, ['-e', check, BUNDLE, CACHE], { encoding: 'utf8' });
    assert.equal(r.stdout, 'false', r.stderr);
  });

  it('answers as the unbundled build does', () => {
    const parity = join(fixturesDir, 'claude-code', 'parity', 'projects');
    const imported = run(cliPath, ['import', '--path', parity, '--json', '--data-dir', dataDir]);
    assert.equal(imported.status, 0, imported.stderr);
    const cases = [
      ['--version'],
      ['--help'],
      ['report', '--help'],
      ['report', 'daily', '--json', '-z', 'UTC', '--data-dir', dataDir],
      ['report', 'monthly', '-z', 'Asia/Tokyo', '--breakdown', '--data-dir', dataDir],
      ['report', 'session', '--json', '--data-dir', dataDir],
      ['sessions', '--json', '--data-dir', dataDir],
      ['import', '--path', parity, '--data-dir', dataDir, '--quiet'],
      ['report', 'weekly', '--since', '20991301', '--data-dir', dataDir],
      ['no-such-command'],
    ];
    for (const args of cases) {
      const bundled = run(cliPath, args);
      const unbundled = run(UNBUNDLED, args);
      assert.deepEqual(bundled, unbundled, args.join(' '));
    }
  });

  it('works the same with no cache, a cache of another bundle or another Node, or a damaged one', () => {
    const copy = mkdtempSync(join(tmpdir(), 'agent-trace-launcher-'));
    try {
      // The launcher and bundle side by side as in dist/cli, node_modules where require() looks for better-sqlite3.
      mkdirSync(join(copy, 'cli'));
      symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'));
      const launcher = join(copy, 'cli', 'agent-trace.cjs');
      copyFileSync(cliPath, launcher);
      copyFileSync(BUNDLE, join(copy, 'cli', 'agent-trace-bundle.cjs'));
      const cache = join(copy, 'cli', 'agent-trace-bundle.cache');
      const good = readFileSync(CACHE);
      const caches: Array<[string, Buffer | null]> = [
        ['no cache', null],
        ['another bundle', Buffer.concat([Buffer.from('0'.repeat(32), 'latin1'), good.subarray(32)])],
        ['another Node', Buffer.concat([good.subarray(0, 32), Buffer.from('v0.0.0'.padEnd(32), 'latin1'), good.subarray(64)])],
        ['damaged', Buffer.concat([Buffer.from((good.toString('latin1', 0, 32) + process.version).padEnd(64), 'latin1'), Buffer.from('not a V8 code cache at all')])],
        ['the real one', good],
      ];
      const args = [['--version'], ['report', 'daily', '--json', '-z', 'UTC', '--data-dir', dataDir], ['report', 'nope']];
      const want = args.map((a) => run(cliPath, a));
      for (const [label, content] of caches) {
        rmSync(cache, { force: true });
        if (content) writeFileSync(cache, content);
        args.forEach((a, i) => assert.deepEqual(run(launcher, a), want[i], `${label}: ${a.join(' ')}`));
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("runs the import's parse workers from their bundle, with the same result as an import in one thread", async () => {
    // dist/ingest/read-worker.js starts dist/ingest/read-worker-main.cjs when the build made it (it did: checked here).
    assert.ok(statSync(join(packageRoot, 'dist', 'ingest', 'read-worker-main.cjs')).isFile());
    const distUrl = (path: string): string => pathToFileURL(join(packageRoot, 'dist', path)).href;
    const { importTranscripts } = (await import(distUrl('ingest/import.js'))) as typeof ImportModule;
    const { SqliteStore } = (await import(distUrl('store/sqlite/sqlite-store.js'))) as typeof StoreModule;
    const parity = join(fixturesDir, 'claude-code', 'parity', 'projects');
    const dump = async (parseWorkers: number) => {
      const store = SqliteStore.open(join(dataDir, `workers-${parseWorkers}.db`));
      try {
        const summary = await importTranscripts({ store, env: {}, home: join(dataDir, 'no-home'), paths: [parity], parseWorkers });
        const sessions = await store.listSessions({ limit: 1000 });
        const spans = [];
        for (const s of sessions) spans.push(...(await store.getSpans(s.id)));
        return { summary, sessions, spans, files: await store.listFileStates() };
      } finally {
        await store.close();
      }
    };
    const inline = await dump(0);
    assert.ok(inline.spans.length > 50, `${inline.spans.length} spans`);
    assert.deepEqual(await dump(2), inline);
  });

  it('serves the dashboard from dist/ (paths from import.meta.url)', async () => {
    const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--grpc-port', '0', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env['PATH'] ?? '', HOME: dataDir, NO_COLOR: '1' },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          const m = /Dashboard: (http:\/\/\S+)/.exec(text);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code} before it listened: ${text}`)));
      });
      const body = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        get(url, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        }).on('error', reject);
      });
      assert.equal(body.status, 200);
      assert.equal(body.text, readFileSync(join(packageRoot, 'dist', 'dashboard', 'index.html'), 'utf8'));
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
