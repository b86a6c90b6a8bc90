import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliPath, fixturesDir, packageRoot } from '../../test-support/paths.js';

/**
 * The installed binary is the one-file bundle (scripts/bundle-cli.mjs); dist/cli/main.js is the same code
 * unbundled. Every other CLI test runs the bundle: these check that it behaves as the unbundled build does,
 * and that the paths its modules build from import.meta.url (the dashboard's files) still point into dist/.
 */
const UNBUNDLED = join(packageRoot, 'dist', 'cli', 'main.js');

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

  it('is one executable CommonJS file', () => {
    assert.match(cliPath, /agent-trace\.cjs$/);
    assert.ok((statSync(cliPath).mode & 0o111) !== 0, 'executable');
    assert.ok(readFileSync(cliPath, 'utf8').startsWith('#!/usr/bin/env node\n'));
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
