import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeSpan, type SessionId, type Span, type SpanId, type TraceId } from '@agent-trace/schema';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { WriteBatch } from '../store/types.js';
import { DurableWriter } from './durable-writer.js';
import { createLogger } from './logger.js';
import { openRotatingFile } from './rotating-file.js';

const root = mkdtempSync(join(tmpdir(), 'agent-trace-writer-'));
after(() => rmSync(root, { recursive: true, force: true }));

const batchOf = (n: number): WriteBatch => {
  const sessionId = `s-${n}` as SessionId;
  const traceId = n.toString(16).padStart(32, '0') as TraceId;
  const span: Span = makeSpan({ traceId, spanId: n.toString(16).padStart(16, '0') as SpanId, parentSpanId: null, sessionId, name: 'session', type: 'session', startNs: 1_800_000_000_000_000_000n + BigInt(n), endNs: null, status: 'unset', source: 'otlp' });
  return { sessions: [{ id: sessionId, traceId, agent: 'otel', startNs: span.startNs }], spans: [span] };
};

describe('DurableWriter (group commit, default wait)', () => {
  it('requests queued in the same turn share one transaction; each settles only once it is stored', async () => {
    const store = SqliteStore.open(join(root, 'a.db'));
    const log = openRotatingFile(join(root, 'a.log'), { maxBytes: 1 << 20, keep: 1 });
    const writer = new DurableWriter({ store, process: (b) => b, logger: createLogger(log) });
    try {
      const acks = [1, 2, 3].map((n) =>
        writer.enqueue(batchOf(n), 1).then(async () => {
          // Acknowledged means readable: the transaction holding it has committed.
          assert.ok(await store.getSession(`s-${n}` as SessionId), `session ${n} stored before its ack`);
        }),
      );
      await Promise.all(acks);
      assert.equal(writer.flushes, 1, 'one transaction for the three');
      await writer.enqueue(batchOf(4), 1);
      assert.equal(writer.flushes, 2, 'a later request gets its own, without waiting for company');
      assert.equal(await store.countSessions({}), 4);
    } finally {
      await writer.close();
      await store.close();
      log.close();
    }
  });
});

describe('DurableWriter (batches processed before they were queued)', () => {
  it('writes processed batches as they are and processes each run of the others as one batch, in request order', async () => {
    const store = SqliteStore.open(join(root, 'b.db'));
    const log = openRotatingFile(join(root, 'b.log'), { maxBytes: 1 << 20, keep: 1 });
    const seen: string[][] = [];
    // Marks what it processed, so the store shows which batches went through it.
    const process = (b: WriteBatch): WriteBatch => {
      seen.push((b.sessions ?? []).map((s) => s.id));
      return { ...b, sessions: (b.sessions ?? []).map((s) => ({ ...s, title: 'processed' })) };
    };
    const writer = new DurableWriter({ store, process, logger: createLogger(log) });
    try {
      const sampled = batchOf(3);
      const processed: WriteBatch = { sessions: sampled.sessions!, sampledSpans: sampled.spans! };
      await Promise.all([writer.enqueue(batchOf(1), 1), writer.enqueue(batchOf(2), 1), writer.enqueue(processed, 1, true), writer.enqueue(batchOf(4), 1)]);
      assert.equal(writer.flushes, 1, 'one transaction for the four');
      assert.deepEqual(seen, [['s-1', 's-2'], ['s-4']], 'the runs before and after the processed batch, each processed once');
      const titles = await Promise.all([1, 2, 3, 4].map(async (n) => (await store.getSession(`s-${n}` as SessionId))?.title));
      assert.deepEqual(titles, ['processed', 'processed', null, 'processed']);
      // The processed batch's left-out span counts in its session (sampled spans travel through the merge).
      assert.equal((await store.getSession('s-3' as SessionId))?.summary.eventCount, 1);
      assert.equal((await store.getSpans('s-3' as SessionId)).length, 0);
    } finally {
      await writer.close();
      await store.close();
      log.close();
    }
  });
});
