import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ZERO_USAGE, type Span } from '@agent-trace/schema';
import { defaultConfig } from '../config/config.js';
import { createPriceBook } from '../pricing/index.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { WriteBatch } from '../store/types.js';
import { createPipeline } from './index.js';
import { createSampler, traceKept } from './sample.js';
import { testSession, testSpan, T0 } from './test/spans.js';

const dir = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Forty sessions, each with model calls, tool calls (one an error) and a prompt. */
const workload = (): WriteBatch => {
  const sessions = [];
  const spans: Span[] = [];
  for (let s = 0; s < 40; s++) {
    const id = `sess-${s}`;
    sessions.push(testSession(id, { cwd: `/home/ana/p${s % 3}` }));
    spans.push(testSpan(id, 'turn', { type: 'turn', toolName: null, attributes: { 'content.prompt': 'hi' } }));
    for (let i = 0; i < 5; i++) {
      spans.push(
        testSpan(id, `llm${i}`, {
          type: 'llm_call',
          toolName: null,
          model: 'claude-sonnet-4-20250514',
          usage: { ...ZERO_USAGE, input: 100 * (i + 1) + s, output: 10 * i, cacheRead: 7 },
          startNs: T0 + BigInt(i) * 60_000_000_000n,
        }),
      );
      spans.push(testSpan(id, `tool${i}`, { status: i === 3 && s % 4 === 0 ? 'error' : 'ok', attributes: { 'lines.added': i } }));
    }
  }
  return { sessions, spans };
};

describe('sampling', () => {
  it('decides per trace, the same way every time, near the rate', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `trace-${i}`);
    const kept = ids.filter((id) => traceKept(id, 25)).length;
    assert.ok(kept > 400 && kept < 600, `kept ${kept} of 2000 at 25%`);
    assert.deepEqual(
      ids.map((id) => traceKept(id, 25)),
      ids.map((id) => traceKept(id, 25)),
    );
    assert.equal(ids.filter((id) => traceKept(id, 100)).length, 2000);
    assert.equal(ids.filter((id) => traceKept(id, 0)).length, 0);
  });

  it('keeps whole traces, always keeps errors, moves the rest to sampledSpans and drops their logs', () => {
    const batch = workload();
    const out = createSampler(30)({
      ...batch,
      logs: (batch.spans ?? []).slice(0, 40).map((s, i) => ({
        id: `l${i}`,
        timeNs: T0,
        level: i % 2 ? 'error' : 'info',
        component: 'c',
        eventName: null,
        sessionId: s.sessionId,
        traceId: s.traceId,
        spanId: null,
        body: null,
        fields: {},
      })),
    });
    const keptTraces = new Set((out.spans ?? []).filter((s) => s.status !== 'error').map((s) => s.traceId));
    for (const s of out.sampledSpans ?? []) {
      assert.ok(!keptTraces.has(s.traceId), 'a trace was split');
      assert.notEqual(s.status, 'error');
    }
    const errors = (batch.spans ?? []).filter((s) => s.status === 'error').length;
    assert.equal((out.spans ?? []).filter((s) => s.status === 'error').length, errors);
    assert.equal((out.spans?.length ?? 0) + (out.sampledSpans?.length ?? 0), batch.spans?.length);
    assert.ok((out.sampledSpans?.length ?? 0) > 0);
    for (const l of out.logs ?? []) assert.ok(l.level === 'error' || keptTraces.has(l.traceId as never));
  });

  it('session totals and daily roll-ups are the same at 10% as at 100%', async () => {
    const totals = async (rate: number) => {
      const config = defaultConfig();
      config.sampling.rate = rate;
      const pipeline = createPipeline(config, createPriceBook({}), { salt: 'x' });
      const store = SqliteStore.open(join(dir, `rate-${rate}.db`));
      const batch = pipeline.process(workload());
      // Twice, as a second layer would send it: nothing may be counted twice.
      await store.write(batch);
      await store.write(pipeline.process(workload()));
      const sessions = await store.listSessions({ limit: 100, sort: 'start' });
      const buckets = await store.usageBuckets({});
      const spans = (await store.stats()).spans;
      await store.close();
      return {
        sessions: sessions.map((s) => ({ id: s.id, totals: s.totals, events: s.summary.eventCount, models: s.models })).sort((a, b) => a.id.localeCompare(b.id)),
        buckets: buckets.map((b) => [b.sessionId, b.model, b.usage, b.calls, b.costUsd.toFixed(9)]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        spans,
      };
    };
    const full = await totals(100);
    const sampled = await totals(10);
    assert.deepEqual(sampled.sessions, full.sessions);
    assert.deepEqual(sampled.buckets, full.buckets);
    assert.ok(sampled.spans < full.spans / 2, `stored spans ${sampled.spans} of ${full.spans}`);
    assert.ok(full.sessions.every((s) => s.totals.costUsd > 0));
  });
});
