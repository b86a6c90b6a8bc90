import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixturesDir } from '../../test-support/paths.js';
import { runBuiltCli, runBuiltCliWithClosedStdout } from '../../test-support/run-cli.js';
import { expectSnapshot } from '../../test-support/snapshot.js';

/**
 * `agent-trace export`: its three formats are public contracts (snapshot-tested for the built CLI on the
 * edge-case fixtures), and its errors have the documented exit codes.
 */
const EDGE = join(fixturesDir, 'claude-code', 'edge-cases', 'projects');
const SESSION_B = 'c3f0a9d2-7b1e-4f60-8d2a-5e9c0b7a1f33';

describe('CLI export', () => {
  let dataDir = '';
  const cli = (args: string[]) => runBuiltCli([...args, '--data-dir', dataDir]);

  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'agent-trace-export-cli-'));
    writeFileSync(join(dataDir, 'config.yaml'), 'privacy:\n  keepProjectNames: true\n');
    writeFileSync(join(dataDir, 'salt'), `${'5a'.repeat(32)}\n`, { mode: 0o600 });
    const r = cli(['import', '--path', EDGE, '--quiet']);
    assert.equal(r.status, 5, r.stderr); // the fixtures hold one malformed line on purpose
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  for (const format of ['jsonl', 'otlp-json', 'csv'] as const) {
    it(`export <prefix> --format ${format}: the snapshot, and a summary on stderr`, () => {
      const r = cli(['export', SESSION_B.slice(0, 6), '--format', format]);
      assert.equal(r.status, 0, r.stderr);
      expectSnapshot(({ jsonl: 'export-b.jsonl', 'otlp-json': 'export-b.otlp.jsonl', csv: 'export-b.csv' } as const)[format], r.stdout);
      assert.match(r.stderr, new RegExp(`^Exported 1 session, \\d+ spans \\(.+, ${format}\\)\\.\\n$`));
    });
  }

  it('a session named twice (id and prefix) is exported once', () => {
    const r = cli(['export', SESSION_B, SESSION_B.slice(0, 8), '--format', 'jsonl', '--quiet']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('{"kind":"session"')).length, 1);
  });

  it('a reader that closes the pipe early (export | head) ends the export quietly, exit 0', async () => {
    const { status: code, stderr } = await runBuiltCliWithClosedStdout(['export', '--format', 'jsonl', '--data-dir', dataDir]);
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  it('every session by default; --output writes a 0600 file and says where', () => {
    const out = join(dataDir, 'all.jsonl');
    const r = cli(['export', '--format', 'jsonl', '--output', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const kinds = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { kind: string }).kind);
    assert.ok(kinds.filter((k) => k === 'session').length >= 2);
    assert.equal(statSync(out).mode & 0o777, 0o600);
    assert.match(r.stderr, /sessions, \d+ spans .* to .*all\.jsonl\.\n$/);
  });

  it('filters: none match → exit 0, nothing written, a note on stderr; --quiet silences it', () => {
    const r = cli(['export', '--agent', 'codex']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'No sessions match; nothing exported.\n');
    assert.equal(cli(['export', '--agent', 'codex', '--quiet']).stderr, '');
  });

  it('errors: unknown format (2), ids with filters (2), unknown session (3), unwritable output (2)', () => {
    const bad = cli(['export', '--format', 'xml']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /format/);
    const mixed = cli(['export', SESSION_B, '--since', '7d']);
    assert.equal(mixed.status, 2);
    assert.match(mixed.stderr, /give sessions or filters, not both \(--since/);
    const missing = cli(['export', 'zzzz-no-such']);
    assert.equal(missing.status, 3);
    assert.match(missing.stderr, /no session matches 'zzzz-no-such'/);
    const nowhere = cli(['export', SESSION_B, '--output', join(dataDir, 'no', 'such', 'dir', 'x.jsonl')]);
    assert.equal(nowhere.status, 2);
    assert.match(nowhere.stderr, /cannot write .*x\.jsonl/);
  });
});
