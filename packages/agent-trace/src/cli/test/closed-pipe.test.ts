import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliPath, fixturesDir } from '../../test-support/paths.js';
import { runBuiltCli } from '../../test-support/run-cli.js';

/** `agent-trace … | head`: the reader closes the pipe early; the CLI stops quietly with exit 0, whatever the command. */
describe('a closed stdout (… | head)', () => {
  let dataDir = '';
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'agent-trace-pipe-'));
    const r = runBuiltCli(['import', '--path', join(fixturesDir, 'claude-code', 'parity', 'projects'), '--quiet', '--data-dir', dataDir]);
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  for (const args of [
    ['sessions', '--json'],
    ['report', 'daily'],
    ['report', 'session', '--json'],
    ['export', '--format', 'otlp-json'],
    ['--help'],
  ]) {
    it(`agent-trace ${args.join(' ')}`, async () => {
      const child = spawn(process.execPath, [cliPath, ...args, '--data-dir', dataDir], {
        env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // Closed before the CLI has started, so its first write meets a closed pipe (EPIPE).
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(stderr, '');
      assert.equal(code, 0);
    });
  }
});
