import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { asSessionId, deriveTraceId } from '@agent-trace/schema';
import { pruneCommand } from '../cli/commands/prune.js';
import { purgeCommand } from '../cli/commands/purge.js';
import { runCommand } from '../cli/commands/test/run-command.js';
import { defaultConfig } from '../config/config.js';
import { parseConfig } from '../config/config-schema.js';
import { STORE_FILE } from '../config/data-dir.js';
import { AgentTraceError } from '../errors.js';
import { spoolPaths } from '../spool/spool-paths.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { applyCollectionSwitch } from './collection-switch.js';
import { msUntilNextPrune } from './daily-prune.js';
import { looseModes } from './file-modes.js';
import { pruneOptionsOf, retentionDaysArg } from './retention-policy.js';

const dir = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2026-11-21T12:00:00Z');
const DAY_NS = 86_400_000_000_000n;
const nowNs = BigInt(NOW.getTime()) * 1_000_000n;

/** A data dir with sessions `ages` days old (one span each). */
const seeded = async (name: string, ages: number[]): Promise<string> => {
  const dataDir = join(dir, name);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const store = SqliteStore.open(join(dataDir, STORE_FILE));
  for (const [i, age] of ages.entries()) {
    const startNs = nowNs - BigInt(age) * DAY_NS;
    const id = asSessionId(`s${i}`);
    await store.write({ sessions: [{ id, traceId: deriveTraceId('t', id), agent: 'claude-code', startNs, endNs: startNs + 1000n }] });
  }
  await store.close();
  return dataDir;
};

describe('retention', () => {
  it('bounds: 1 to 365 days, with errors naming the key or option', () => {
    assert.equal(retentionDaysArg('30', '--older-than'), 30);
    for (const bad of ['0', '366', '2.5', 'x', '-1']) {
      assert.throws(() => retentionDaysArg(bad, '--older-than'), /--older-than must be a whole number of days from 1 to 365/);
    }
    for (const days of [0, 366, 1.5]) {
      assert.throws(
        () => parseConfig({ retention: { days } }, 'config.yaml'),
        (err: unknown) => err instanceof AgentTraceError && /retention\.days/.test(err.message),
      );
    }
    assert.throws(() => parseConfig({ sampling: { rate: 101 } }, 'c'), /sampling\.rate/);
    assert.equal(parseConfig({ retention: { days: 365, maxSessions: 10 } }, 'c').retention.maxSessions, 10);
  });

  it('defaults: 30 days, no size or count limit, sampling 100%, collection on', () => {
    const c = defaultConfig();
    assert.deepEqual(c.retention, { days: 30, maxBytes: null, maxSessions: null });
    assert.equal(c.sampling.rate, 100);
    assert.equal(c.collection.enabled, true);
    assert.deepEqual(pruneOptionsOf(c.retention, NOW), { olderThanNs: nowNs - 30n * DAY_NS });
  });

  it('the daily prune is due at the next 03:00 UTC', () => {
    assert.equal(msUntilNextPrune(new Date('2026-11-21T02:00:00Z')), 3_600_000);
    assert.equal(msUntilNextPrune(new Date('2026-11-21T03:00:00Z')), 86_400_000);
    assert.equal(msUntilNextPrune(new Date('2026-11-21T12:00:00Z')), 15 * 3_600_000);
  });

  it('agent-trace prune: dry run, then deletes what is older; a bad --older-than is exit 2', async () => {
    const dataDir = await seeded('prune', [1, 10, 40, 100]);
    const plan = await runCommand(pruneCommand, ['--dry-run', '--json'], { dataDir, now: NOW });
    assert.equal(plan.code, 0, plan.stderr);
    assert.equal((JSON.parse(plan.stdout) as { sessions: number }).sessions, 2);
    const narrow = await runCommand(pruneCommand, ['--older-than', '5', '--json'], { dataDir, now: NOW });
    assert.equal((JSON.parse(narrow.stdout) as { sessions: number }).sessions, 3);
    const text = await runCommand(pruneCommand, [], { dataDir, now: NOW });
    assert.match(text.stdout, /Deleted 0 sessions/);
    await assert.rejects(runCommand(pruneCommand, ['--older-than', '400'], { dataDir, now: NOW }), /from 1 to 365/);
  });

  it('agent-trace purge: refuses without --yes off a terminal; with it deletes the store, the spool and the logs', async () => {
    const dataDir = await seeded('purge', [1, 2]);
    writeFileSync(spoolPaths(dataDir).spool, '{}\n', { mode: 0o600 });
    mkdirSync(join(dataDir, 'logs'), { mode: 0o700 });
    writeFileSync(join(dataDir, 'logs', 'agent-trace.log'), 'x\n', { mode: 0o600 });
    await assert.rejects(runCommand(purgeCommand, [], { dataDir }), /pass --yes/);
    const r = await runCommand(purgeCommand, ['--yes', '--json'], { dataDir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { sessions: number }).sessions, 2);
    assert.equal(existsSync(spoolPaths(dataDir).spool), false);
    assert.equal(existsSync(join(dataDir, 'logs')), false);
    const content = await runCommand(purgeCommand, ['--content', '--yes'], { dataDir });
    assert.match(content.stdout, /Stripped content from 0 spans/);
  });

  it('the GDPR switch purges the store; with collection on nothing happens', async () => {
    const dataDir = await seeded('gdpr', [1, 2, 3]);
    const store = SqliteStore.open(join(dataDir, STORE_FILE));
    try {
      assert.equal(await applyCollectionSwitch(defaultConfig().collection, store), null);
      assert.equal(await store.countSessions({}), 3);
      const off = { ...defaultConfig().collection, enabled: false };
      assert.equal((await applyCollectionSwitch(off, store))?.sessions, 3);
      assert.equal(await store.countSessions({}), 0);
    } finally {
      await store.close();
    }
  });

  it('warns about a data dir or file readable by others', async () => {
    const dataDir = await seeded('modes', [1]);
    assert.deepEqual(looseModes(dataDir), []);
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, STORE_FILE), 0o644);
    const warnings = looseModes(dataDir);
    assert.equal(warnings.length, 2, warnings.join('\n'));
    assert.match(warnings.join('\n'), /mode 0755.*chmod 700/);
    assert.match(warnings.join('\n'), /agent-trace\.db is mode 0644.*chmod 600/);
  });
});
