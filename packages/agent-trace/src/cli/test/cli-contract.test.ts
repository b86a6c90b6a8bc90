import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixturesDir } from '../../test-support/paths.js';
import { runBuiltCli } from '../../test-support/run-cli.js';
import { expectSnapshot } from '../../test-support/snapshot.js';

/**
 * `--json` output is a public contract: snapshot-tested for the built CLI in a fixed environment
 * (TZ=UTC, NO_COLOR=1, a temporary data dir). Values that depend on the run (temp paths, durations)
 * are replaced before comparing.
 */
const EDGE = join(fixturesDir, 'claude-code', 'edge-cases', 'projects');
const SESSION_A = '9b2c4e7a-1f3d-4c55-9a0e-2d6f8b1c3e47';
const SESSION_B = 'c3f0a9d2-7b1e-4f60-8d2a-5e9c0b7a1f33';

describe('CLI --json contracts', () => {
  let dataDir = '';
  const cli = (args: string[]) => runBuiltCli([...args, '--data-dir', dataDir]);
  const normalise = (text: string): string =>
    text
      .replaceAll(dataDir, '<data-dir>')
      .replaceAll(fixturesDir, '<fixtures>')
      .replace(/"sizeBytes": \d+/, '"sizeBytes": "<bytes>"');

  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'agent-trace-cli-'));
    // Readable project names are opt-in (privacy.keepProjectNames); a fixed salt keeps the project hashes stable.
    writeFileSync(join(dataDir, 'config.yaml'), 'privacy:\n  keepProjectNames: true\n');
    writeFileSync(join(dataDir, 'salt'), `${'5a'.repeat(32)}\n`, { mode: 0o600 });
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('import --json: a summary, the bad line named, exit 5 (partial)', () => {
    const r = cli(['import', '--path', EDGE, '--json']);
    assert.equal(r.status, 5, r.stderr);
    expectSnapshot('import.json', normalise(r.stdout).replace(/"durationMs": \d+/, '"durationMs": "<ms>"'));
  });

  it('import again: nothing changed, nothing read', () => {
    const r = cli(['import', '--path', EDGE, '--json']);
    const summary = JSON.parse(r.stdout) as { filesUnchanged: number; bytesRead: number; filesScanned: number };
    assert.equal(summary.bytesRead, 0);
    assert.equal(summary.filesUnchanged, summary.filesScanned);
  });

  for (const [name, args] of [
    ['report-daily.json', ['report', 'daily', '--json']],
    ['report-weekly.json', ['report', 'weekly', '--json']],
    ['report-monthly.json', ['report', 'monthly', '--json']],
    ['report-session.json', ['report', 'session', '--json']],
    ['report-model.json', ['report', 'model', '--json']],
    ['report-project.json', ['report', 'project', '--json']],
    ['report-blocks.json', ['report', 'blocks', '--json']],
    ['report-daily-since.json', ['report', 'daily', '--json', '--since', '20261119', '--until', '2026-11-19']],
    ['sessions.json', ['sessions', '--json']],
    ['sessions-filtered.json', ['sessions', '--json', '--model', 'opus', '--sort', 'cost', '--limit', '1']],
    ['show-a.json', ['show', SESSION_A, '--json']],
    ['show-b.json', ['show', SESSION_B.slice(0, 6), '--json']],
    ['show-b-spans.json', ['show', SESSION_B, '--spans', '--json']],
    ['stats.json', ['stats', '--json']],
  ] as const) {
    it(`${args.join(' ')}`, () => {
      const r = cli([...args]);
      assert.equal(r.status, 0, r.stderr);
      JSON.parse(r.stdout);
      expectSnapshot(name, normalise(r.stdout));
    });
  }

  it('tables for people: report daily, sessions, show', () => {
    for (const [name, args] of [
      ['report-daily.txt', ['report', 'daily', '--breakdown']],
      ['sessions.txt', ['sessions']],
      ['show-b.txt', ['show', SESSION_B]],
    ] as const) {
      const r = cli([...args]);
      assert.equal(r.status, 0, r.stderr);
      expectSnapshot(name, r.stdout);
    }
  });
});
