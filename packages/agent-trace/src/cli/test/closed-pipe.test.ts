import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixturesDir } from '../../test-support/paths.js';
import { runBuiltCli, runBuiltCliWithClosedStdout } from '../../test-support/run-cli.js';

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
      const { status: code, stderr } = await runBuiltCliWithClosedStdout([...args, '--data-dir', dataDir]);
      assert.equal(stderr, '');
      assert.equal(code, 0);
    });
  }
});
