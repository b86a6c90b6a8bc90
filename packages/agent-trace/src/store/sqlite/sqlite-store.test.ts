import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from './better-sqlite3.js';
import { asSessionId, deriveSpanId, deriveTraceId, makeSpan, type Span } from '@agent-trace/schema';
import { AgentTraceError } from '../../errors.js';
import { runStoreContract } from '../contract.js';
import { applyMigrations, LATEST_VERSION, type Migration } from './migrations.js';
import { SqliteStore } from './sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
const freshPath = (): string => join(root, `store-${++counter}.db`);

runStoreContract('sqlite', async () => {
  const path = freshPath();
  const store = SqliteStore.open(path);
  return {
    store,
    cleanup: async () => {
      await store.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    },
  };
});

const T0 = BigInt(Date.UTC(2025, 0, 1)) * 1_000_000n;
const isStoreError = (err: unknown): boolean => err instanceof AgentTraceError && err.kind === 'store';

const testSpan = (session: string, key: string, startNs: bigint): Span =>
  makeSpan({
    traceId: deriveTraceId('sqlite-test', session),
    spanId: deriveSpanId('sqlite-test', session, key),
    parentSpanId: null,
    sessionId: asSessionId(session),
    name: key,
    type: 'tool_call',
    startNs,
    endNs: startNs + 1n,
    status: 'ok',
    source: 'hook',
    toolName: 'Bash',
  });

const testSession = (id: string) => ({ id: asSessionId(id), traceId: deriveTraceId('sqlite-test', id), agent: 'sdk' as const, startNs: T0 });

describe('SqliteStore (SQLite specifics)', () => {
  describe('migrations', () => {
    const v1: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' };
    const v2: Migration = { version: 2, name: 'two', sql: 'CREATE TABLE b (x INTEGER);' };
    const broken: Migration = { version: 3, name: 'broken', sql: 'CREATE TABLE c (x INTEGER); CREATE TABLE a (x INTEGER);' };
    const tables = (db: Database.Database): string[] =>
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];

    it('a new file gets the latest schema version', async () => {
      const path = freshPath();
      const store = SqliteStore.open(path);
      await store.close();
      const db = new Database(path, { readonly: true });
      try {
        assert.equal(db.pragma('user_version', { simple: true }), LATEST_VERSION);
        assert.ok(LATEST_VERSION >= 1);
        for (const t of ['sessions', 'spans', 'usage_rollup', 'logs', 'metrics', 'files']) assert.ok(tables(db).includes(t), t);
      } finally {
        db.close();
      }
    });

    it('an older database gets only the missing migrations, in order', () => {
      const db = new Database(freshPath());
      try {
        assert.equal(applyMigrations(db, 'test.db', [v1]), 1);
        db.prepare('INSERT INTO a VALUES (42)').run();
        assert.equal(applyMigrations(db, 'test.db', [v2, v1]), 2);
        assert.deepEqual(tables(db), ['a', 'b']);
        assert.equal(db.prepare('SELECT x FROM a').pluck().get(), 42, 'data of earlier versions is kept');
        assert.equal(applyMigrations(db, 'test.db', [v1, v2]), 2, 'nothing left to apply');
      } finally {
        db.close();
      }
    });

    it('a failing migration rolls back entirely and names itself', () => {
      const db = new Database(freshPath());
      try {
        applyMigrations(db, 'test.db', [v1]);
        assert.throws(
          () => applyMigrations(db, 'test.db', [v1, v2, broken]),
          (err: unknown) => isStoreError(err) && /migration 3 \(broken\)/.test((err as Error).message),
        );
        assert.equal(db.pragma('user_version', { simple: true }), 1);
        assert.deepEqual(tables(db), ['a'], 'neither v2 nor the half of v3 stayed');
      } finally {
        db.close();
      }
    });

    it('a database from a newer version is refused with a clear store error', () => {
      const path = freshPath();
      const db = new Database(path);
      db.pragma(`user_version = ${LATEST_VERSION + 1}`);
      db.close();
      assert.throws(
        () => SqliteStore.open(path),
        (err: unknown) => isStoreError(err) && /newer than this agent-trace supports/.test((err as Error).message),
      );
    });

    it('a file that is not a database is a store error naming the file', () => {
      const path = freshPath();
      writeFileSync(path, 'this is not a database, just text that is long enough to fill a header '.repeat(20));
      assert.throws(
        () => SqliteStore.open(path),
        (err: unknown) => isStoreError(err) && (err as Error).message.includes(path),
      );
    });
  });

  describe('file', () => {
    it('uses WAL and creates the db, -wal and -shm files with mode 0600', async () => {
      const path = freshPath();
      const store = SqliteStore.open(path);
      try {
        await store.write({ sessions: [testSession('perm')], spans: [testSpan('perm', 'a', T0)] });
        for (const suffix of ['', '-wal', '-shm']) {
          assert.equal(statSync(path + suffix).mode & 0o777, 0o600, `mode of ${path}${suffix}`);
        }
        const reader = new Database(path, { readonly: true });
        try {
          assert.equal(reader.pragma('journal_mode', { simple: true }), 'wal');
        } finally {
          reader.close();
        }
      } finally {
        await store.close();
      }
    });

    it('data survives close and reopen', async () => {
      const path = freshPath();
      let store = SqliteStore.open(path);
      await store.write({ sessions: [testSession('keep')], spans: [testSpan('keep', 'a', T0 + 123_456_789n)] });
      await store.close();
      store = SqliteStore.open(path);
      try {
        assert.equal((await store.getSession(asSessionId('keep')))?.totals.toolCalls, 1);
        assert.equal((await store.getSpans(asSessionId('keep')))[0]?.startNs, T0 + 123_456_789n);
      } finally {
        await store.close();
      }
    });

    it('close twice is harmless', async () => {
      const store = SqliteStore.open(freshPath());
      await store.close();
      await store.close();
    });

    it('findSessionIds is a range on the primary key, not a scan', () => {
      const path = freshPath();
      SqliteStore.open(path).close();
      const db = new Database(path, { readonly: true });
      try {
        const plan = db
          .prepare('EXPLAIN QUERY PLAN SELECT id FROM sessions WHERE id >= ? AND id < ? ORDER BY id LIMIT ?')
          .all('a', 'b', 10) as Array<{ detail: string }>;
        assert.match(plan.map((p) => p.detail).join('\n'), /SEARCH sessions USING COVERING INDEX sqlite_autoindex_sessions_1 \(id>\? AND id<\?\)/);
      } finally {
        db.close();
      }
    });
  });

  describe('writes', () => {
    it('a record the database rejects fails the whole batch with an error naming it', async () => {
      const store = SqliteStore.open(freshPath());
      try {
        const good = testSpan('bad', 'good', T0);
        const bad = testSpan('bad', 'bad', 1n << 64n);
        await assert.rejects(
          store.write({ sessions: [testSession('bad')], spans: [good, bad] }),
          (err: unknown) => isStoreError(err) && (err as Error).message.includes(`span ${bad.spanId}`),
        );
        assert.equal(await store.getSession(asSessionId('bad')), null, 'the transaction rolled back');
        assert.deepEqual(await store.getSpans(asSessionId('bad')), []);
        await store.write({ sessions: [testSession('bad')], spans: [good] });
        assert.equal((await store.getSpans(asSessionId('bad'))).length, 1, 'the store still works');
      } finally {
        await store.close();
      }
    });

    it('model calls in fast mode roll up and list under <model>-fast, whatever else the attributes hold', async () => {
      const store = SqliteStore.open(freshPath());
      try {
        const call = (key: string, attributes: Span['attributes'], n: number): Span => ({
          ...testSpan('speed', key, T0 + BigInt(n) * 1_000_000_000n),
          type: 'llm_call',
          model: 'm',
          toolName: null,
          usage: { input: 10, output: 1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, reasoning: 0 },
          attributes,
        });
        await store.write({
          sessions: [testSession('speed')],
          spans: [
            call('fast', { 'llm.speed': 'fast', other: 1 }, 0),
            call('standard', { 'llm.speed': 'standard' }, 1),
            call('as-value', { note: '"llm.speed"', label: 'llm.speed' }, 2),
            call('nested', { x: { 'llm.speed': 'fast' } }, 3),
            call('plain', {}, 4),
          ],
        });
        const models = (await store.usageBuckets({})).map((b) => [b.model, b.calls]).sort();
        assert.deepEqual(models, [['m', 4], ['m-fast', 1]]);
        const calls = (await store.llmCalls({})).map((c) => c.model).sort();
        assert.deepEqual(calls, ['m', 'm', 'm', 'm', 'm-fast']);
      } finally {
        await store.close();
      }
    });

    it('a session derives the same totals, models and roll-ups whether or not the store holds sampled-out spans', async () => {
      // The derivation reads stored spans only while sampled_spans is empty: both paths, on the same session.
      const calls = (session: string): Span[] =>
        ['m-b', 'm-a', null, '<synthetic>', 'm-b', 'm-c', 'm-a'].map((model, i) => ({
          ...testSpan(session, `call-${i}`, T0 + BigInt(i) * 700_000_000_000n),
          type: 'llm_call' as const,
          model,
          toolName: null,
          status: i === 4 ? ('error' as const) : ('ok' as const),
          usage: { input: 100 + i, output: 7 * i, cacheRead: 3, cacheWrite5m: i, cacheWrite1h: 1, reasoning: 0 },
          costUsd: i === 2 ? null : 0.1 + i / 3,
          reportedCostUsd: i === 5 ? 0.07 : null,
          attributes: (i === 1 ? { 'llm.speed': 'fast', 'lines.added': 4 } : {}) as Span['attributes'],
        }));
      const view = async (store: SqliteStore) => ({
        session: await store.getSession(asSessionId('paths')),
        buckets: (await store.usageBuckets({ sessionId: asSessionId('paths') })).sort((a, b) => a.bucketStartMs - b.bucketStartMs || (a.model < b.model ? -1 : 1)),
        calls: await store.llmCalls({ sessionId: asSessionId('paths') }),
      });
      const plain = SqliteStore.open(freshPath());
      const withSampled = SqliteStore.open(freshPath());
      try {
        await withSampled.write({ sessions: [testSession('other')], sampledSpans: [{ ...testSpan('other', 'left-out', T0), type: 'llm_call', model: 'x' }] });
        for (const store of [plain, withSampled]) {
          await store.write({ sessions: [testSession('paths')], spans: calls('paths').slice(0, 4) });
          await store.write({ spans: [...calls('paths').slice(3), testSpan('paths', 'tool', T0 + 5n)] });
        }
        const a = await view(plain);
        assert.deepEqual(a.session?.models, ['m-b', 'm-a', 'm-c']);
        assert.equal(a.session?.totals.llmCalls, 7);
        assert.ok(a.buckets.some((b) => b.model === 'm-a-fast'));
        assert.deepEqual(await view(withSampled), a);
      } finally {
        await plain.close();
        await withSampled.close();
      }
    });
  });

  describe('concurrency', () => {
    it('a reader keeps reading while another connection holds the write lock, and sees only committed data', async () => {
      const path = freshPath();
      const store = SqliteStore.open(path);
      await store.write({ sessions: [testSession('c0')] });
      const writer = new Database(path);
      try {
        writer.exec('BEGIN IMMEDIATE');
        writer
          .prepare(
            `INSERT INTO sessions (id, trace_id, agent, first_seen_ns, start_ns, last_ns) VALUES ('c1', '${'0'.repeat(32)}', 'sdk', 1, 1, 1)`,
          )
          .run();
        assert.equal(await store.countSessions({}), 1, 'uncommitted rows are invisible');
        assert.equal((await store.listSessions({}))[0]?.id, 'c0');
        writer.exec('COMMIT');
        assert.equal(await store.countSessions({}), 2);
      } finally {
        if (writer.inTransaction) writer.exec('ROLLBACK');
        writer.close();
        await store.close();
      }
    });

    it('another process writes batches while this one reads: every read sees whole batches', async () => {
      const path = freshPath();
      const reader = SqliteStore.open(path);
      const batches = 40;
      const perBatch = 50;
      const script = join(root, `writer-${counter}.mts`);
      // The store module beside this test: sources under tsx, compiled JavaScript under `npm test`.
      const storeModule = import.meta.url.endsWith('.ts') ? './sqlite-store.ts' : './sqlite-store.js';
      const storeUrl = pathToFileURL(fileURLToPath(new URL(storeModule, import.meta.url))).href;
      writeFileSync(
        script,
        `import { SqliteStore } from ${JSON.stringify(storeUrl)};
const store = SqliteStore.open(${JSON.stringify(path)});
const T0 = ${T0}n;
for (let b = 0; b < ${batches}; b++) {
  const spans = [];
  for (let i = 0; i < ${perBatch}; i++) {
    const n = b * ${perBatch} + i;
    spans.push({ traceId: '${'1'.repeat(32)}', spanId: n.toString(16).padStart(16, '0'), parentSpanId: null, sessionId: 'proc',
      name: 'Bash', type: 'tool_call', startNs: T0 + BigInt(n), endNs: null, status: 'ok', statusMessage: null, source: 'hook',
      model: null, toolName: 'Bash', usage: null, costUsd: null, reportedCostUsd: null, attributes: {}, events: [] });
  }
  await store.write({ sessions: [{ id: 'proc', traceId: '${'1'.repeat(32)}', agent: 'sdk', startNs: T0 }], spans });
}
await store.close();
`,
      );
      const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      let done = false;
      void exited.then(() => (done = true));
      const seen = new Set<number>();
      try {
        while (!done) {
          const stats = await reader.stats();
          const session = await reader.getSession(asSessionId('proc'));
          assert.equal(stats.spans % perBatch, 0, 'a batch is never visible half written');
          if (session) assert.equal(session.totals.toolCalls, session.summary.eventCount, 'totals match the spans');
          seen.add(stats.spans);
          await new Promise((r) => setImmediate(r));
        }
        assert.equal(await exited, 0, stderr);
        const final = await reader.getSession(asSessionId('proc'));
        assert.equal(final?.totals.toolCalls, batches * perBatch);
        assert.equal((await reader.stats()).spans, batches * perBatch);
      } finally {
        child.kill();
        await reader.close();
      }
    });
  });
});

describe('SqliteStore (a record the database refuses)', () => {
  it('names the record in the error, and the whole batch is rolled back', async () => {
    const store = SqliteStore.open(freshPath());
    try {
      const good = testSpan('refused', 'good', T0);
      const bad = { ...testSpan('refused', 'bad', T0 + 1n), name: null } as unknown as Span;
      await assert.rejects(
        store.write({ sessions: [testSession('refused')], spans: [good, bad] }),
        (err: unknown) =>
          isStoreError(err) &&
          (err as Error).message === `cannot write span ${bad.spanId} (trace ${bad.traceId}, session refused): NOT NULL constraint failed: spans.name`,
      );
      assert.equal(await store.getSession(asSessionId('refused')), null);
      await assert.rejects(
        store.write({ sessions: [{ ...testSession('refused'), agent: null as unknown as 'sdk' }] }),
        (err: unknown) => isStoreError(err) && (err as Error).message === 'cannot write session refused: NOT NULL constraint failed: sessions.agent',
      );
    } finally {
      await store.close();
    }
  });
});
