import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixturesDir } from '../../test-support/paths.js';
import { runBuiltCli } from '../../test-support/run-cli.js';

/**
 * `import` builds its pipeline (redaction rules, price table) only when some file must be read. What a
 * user sees must not depend on that: a re-import with nothing new still fails on a bad redaction pattern.
 */
describe('import: the pipeline is built only when needed, with the same results and errors', () => {
  let dataDir = '';
  const parity = join(fixturesDir, 'claude-code', 'parity', 'projects');
  const importJson = (extra: string[] = []) => {
    const r = runBuiltCli(['import', '--path', parity, '--json', '--data-dir', dataDir, ...extra]);
    return { status: r.status, stderr: r.stderr, summary: r.stdout ? (JSON.parse(r.stdout) as Record<string, unknown>) : null };
  };

  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'agent-trace-lazy-pipeline-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prices and redacts on a cold import, and a no-op re-import changes nothing', () => {
    const cold = importJson();
    assert.equal(cold.status, 0, cold.stderr);
    assert.ok((cold.summary!['filesRead'] as number) > 0);
    const before = runBuiltCli(['report', 'daily', '--json', '--data-dir', dataDir]);
    assert.equal(before.status, 0, before.stderr);
    const totals = (JSON.parse(before.stdout) as { totals: { totalCost: number } }).totals;
    assert.ok(totals.totalCost > 0, 'costs were computed: the price table was loaded');

    const again = importJson();
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.summary!['filesRead'], 0);
    assert.equal(again.summary!['filesUnchanged'], cold.summary!['filesScanned']);
    assert.equal(runBuiltCli(['report', 'daily', '--json', '--data-dir', dataDir]).stdout, before.stdout);
  });

  it('fails on an invalid redaction pattern even when no file changed', () => {
    const config = join(dataDir, 'bad.yaml');
    writeFileSync(config, 'privacy:\n  redaction:\n    patterns:\n      - name: broken\n        regex: "("\n');
    const r = runBuiltCli(['import', '--path', parity, '--json', '--data-dir', dataDir, '--config', config]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /privacy\.patterns\[\d+\] \(broken\): invalid regex/);
    assert.equal(r.stdout, '');
  });
});
