import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixturesDir } from '../../test-support/paths.js';
import { runBuiltCli } from '../../test-support/run-cli.js';

/**
 * `agent-trace report … --json` against what ccusage 20.0.24 printed for the same transcripts
 * (fixtures/claude-code/parity, commands in its README): tokens equal, costs within 0.5%.
 */
const PARITY = join(fixturesDir, 'claude-code', 'parity');
const TOKEN_FIELDS = ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'totalTokens'] as const;

type Json = Record<string, unknown>;
const load = (name: string): Json => JSON.parse(readFileSync(join(PARITY, name), 'utf8')) as Json;

const assertCostClose = (ours: number, theirs: number, where: string): void => {
  const tolerance = Math.max(Math.abs(theirs) * 0.005, 1e-9);
  assert.ok(Math.abs(ours - theirs) <= tolerance, `${where}: cost ${ours} vs ccusage ${theirs}`);
};

const assertUsageRow = (ours: Json, theirs: Json, where: string, costField = 'totalCost'): void => {
  for (const f of TOKEN_FIELDS) if (f in theirs) assert.equal(ours[f], theirs[f], `${where}: ${f}`);
  assertCostClose(ours[costField] as number, theirs[costField] as number, where);
};

const assertBreakdowns = (ours: Json, theirs: Json, where: string): void => {
  const key = (b: Json) => b['modelName'] as string;
  const mine = new Map((ours['modelBreakdowns'] as Json[]).map((b) => [key(b), b]));
  const theirList = theirs['modelBreakdowns'] as Json[];
  assert.deepEqual([...mine.keys()].sort(), theirList.map(key).sort(), `${where}: models in the breakdown`);
  for (const b of theirList) {
    const m = mine.get(key(b))!;
    for (const f of ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens']) assert.equal(m[f], b[f], `${where} ${key(b)}: ${f}`);
    assertCostClose(m['cost'] as number, b['cost'] as number, `${where} ${key(b)}`);
  }
  assert.deepEqual([...(ours['modelsUsed'] as string[])].sort(), [...(theirs['modelsUsed'] as string[])].sort(), `${where}: modelsUsed`);
};

describe('report --json matches ccusage 20.0.24 on the parity fixtures', () => {
  let dataDir = '';
  const report = (args: string[]): Json => {
    const r = runBuiltCli(['report', ...args, '--json', '-z', 'UTC', '--data-dir', dataDir]);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as Json;
  };

  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'agent-trace-parity-'));
    // Readable project names are opt-in (privacy.keepProjectNames); a fixed salt keeps the project hashes stable.
    writeFileSync(join(dataDir, 'config.yaml'), 'privacy:\n  keepProjectNames: true\n');
    writeFileSync(join(dataDir, 'salt'), `${'5a'.repeat(32)}\n`, { mode: 0o600 });
    const r = runBuiltCli(['import', '--path', join(PARITY, 'projects'), '--data-dir', dataDir, '--quiet']);
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  for (const [kind, file, rowsKey, keyField, extra] of [
    ['daily', 'ccusage-daily.json', 'daily', 'date', []],
    ['daily', 'ccusage-daily-calculate.json', 'daily', 'date', ['--cost-mode', 'calculate']],
    ['daily', 'ccusage-daily-display.json', 'daily', 'date', ['--cost-mode', 'display']],
    ['weekly', 'ccusage-weekly.json', 'weekly', 'week', []],
    ['monthly', 'ccusage-monthly.json', 'monthly', 'month', []],
    ['session', 'ccusage-session.json', 'sessions', 'sessionId', []],
  ] as const) {
    it(`${kind} ${extra.join(' ')}`.trim(), () => {
      const theirs = load(file);
      const ours = report([kind, ...extra]);
      assertUsageRow(ours['totals'] as Json, theirs['totals'] as Json, 'totals');
      const mine = new Map((ours[rowsKey] as Json[]).map((r) => [r[keyField] as string, r]));
      const theirRows = theirs[rowsKey] as Json[];
      assert.deepEqual([...mine.keys()].sort(), theirRows.map((r) => r[keyField] as string).sort(), 'the same rows');
      for (const row of theirRows) {
        const where = `${kind} ${row[keyField] as string}`;
        const m = mine.get(row[keyField] as string)!;
        assertUsageRow(m, row, where);
        assertBreakdowns(m, row, where);
        if (kind === 'session') {
          for (const f of ['firstActivity', 'lastActivity', 'projectPath']) assert.equal(m[f], row[f], `${where}: ${f}`);
        }
      }
      if (kind === 'session') {
        assert.deepEqual((ours['sessions'] as Json[]).map((r) => r['sessionId']), theirRows.map((r) => r['sessionId']), 'sessions ordered by cost');
      }
    });
  }

  it('blocks', () => {
    const theirs = load('ccusage-blocks.json')['blocks'] as Json[];
    const ours = report(['blocks'])['blocks'] as Json[];
    assert.deepEqual(ours.map((b) => b['id']), theirs.map((b) => b['id']));
    for (const [i, b] of theirs.entries()) {
      const m = ours[i]!;
      for (const f of ['startTime', 'endTime', 'actualEndTime', 'isGap', 'entries', 'totalTokens', 'tokenCounts']) {
        assert.deepEqual(m[f], b[f], `block ${b['id'] as string}: ${f}`);
      }
      assert.deepEqual([...(m['models'] as string[])].sort(), [...(b['models'] as string[])].sort(), `block ${b['id'] as string}: models`);
      assertCostClose(m['costUSD'] as number, b['costUSD'] as number, `block ${b['id'] as string}`);
    }
  });
});
