import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { asSessionId, deriveSpanId, deriveTraceId, makeSpan, type Span } from '@agent-trace/schema';
import Database from './better-sqlite3.js';
import { BackgroundCheckpointer } from './checkpointer.js';
import { openDatabase } from './open-db.js';
import { SqliteStore } from './sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'agent-trace-ckpt-'));
after(() => rmSync(root, { recursive: true, force: true }));

const T0 = BigInt(Date.UTC(2025, 0, 1)) * 1_000_000n;

const spansOf = (session: string, n: number, payload: string): Span[] =>
  Array.from({ length: n }, (_, i) =>
    makeSpan({
      traceId: deriveTraceId('ckpt-test', session),
      spanId: deriveSpanId('ckpt-test', session, String(i)),
      parentSpanId: null,
      sessionId: asSessionId(session),
      name: `span ${i}`,
      type: 'tool_call',
      startNs: T0 + BigInt(i),
      endNs: T0 + BigInt(i) + 1n,
      status: 'ok',
      source: 'otlp',
      toolName: 'Read',
      attributes: { payload },
    }),
  );

const waitFor = async (what: string, ok: () => boolean): Promise<void> => {
  // Bounded by the test's own timeout, not by a timed assertion.
  while (!ok()) await new Promise((r) => setTimeout(r, 5));
  assert.ok(ok(), what);
};

describe('BackgroundCheckpointer', () => {
  it('stays off while the WAL is small, then copies committed frames into the database file from a worker', { timeout: 30_000 }, async () => {
    const path = join(root, 'direct.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const checkpointer = new BackgroundCheckpointer(db, path, 64 * 1024);
    try {
      db.exec('CREATE TABLE t (x TEXT)');
      checkpointer.committed();
      assert.equal(checkpointer.running, false, 'a small WAL is left to SQLite');
      const insert = db.prepare('INSERT INTO t VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < 200; i++) insert.run('x'.repeat(1000));
      })();
      const before = statSync(path).size;
      checkpointer.committed();
      assert.equal(checkpointer.running, true);
      assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 10_000, 'the writer keeps only a backstop');
      await waitFor('the database file received the frames', () => statSync(path).size > before);
    } finally {
      await checkpointer.close();
      db.close();
    }
    assert.equal(existsSync(`${path}-wal`), false, 'the writer closed last, so the WAL is gone');
    const check = new Database(path, { readonly: true });
    try {
      assert.equal(check.prepare('SELECT count(*) FROM t').pluck().get(), 200);
    } finally {
      check.close();
    }
  });

  it('a store written well past the first checkpoint reads back everything, before and after reopening', { timeout: 60_000 }, async () => {
    const path = join(root, 'store.db');
    const store = SqliteStore.open(path);
    const payload = 'p'.repeat(2000);
    const sessions = ['s1', 's2', 's3', 's4', 's5', 's6'];
    for (const s of sessions) {
      await store.write({ sessions: [{ id: asSessionId(s), traceId: deriveTraceId('ckpt-test', s), agent: 'sdk', startNs: T0 }], spans: spansOf(s, 1000, payload) });
      // Lets the worker run between commits, as it does between requests or files.
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const s of sessions) assert.equal((await store.getSpans(asSessionId(s))).length, 1000, s);
    await store.close();
    assert.equal(existsSync(`${path}-wal`), false);
    const reopened = SqliteStore.open(path);
    try {
      for (const s of sessions) {
        const session = await reopened.getSession(asSessionId(s));
        assert.equal(session?.totals.toolCalls, 1000, s);
      }
    } finally {
      await reopened.close();
    }
  });

  it('close without a worker, and a second close, are no-ops', async () => {
    const path = join(root, 'idle.db');
    const db = openDatabase(path);
    const checkpointer = new BackgroundCheckpointer(db, path);
    await checkpointer.close();
    await checkpointer.close();
    checkpointer.committed();
    assert.equal(checkpointer.running, false, 'nothing starts after close');
    db.close();
  });
});
