import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { asSessionId, type LogRecord, type Span } from '@agent-trace/schema';
import { contractBuilders } from './contract-builders.js';
import type { SessionUpsert, Store } from './types.js';

/**
 * Sampling's exact totals, retention and purging, part of the store contract: `runStoreContract` calls this for
 * every backend.
 */

const MS = 1_000_000n;
const DAY = 86_400_000n * MS;
const T0 = BigInt(Date.UTC(2025, 3, 1)) * MS;
const { span, session, usage } = contractBuilders('contract-retention', T0);


const llm = (session: string, key: string, input: number, output: number, fields: Partial<Span> = {}): Span =>
  span(session, key, { type: 'llm_call', model: 'claude-sonnet-4', usage: usage({ input, output }), costUsd: input / 1e6, ...fields });


const log = (id: string, sessionId: string | null, timeNs: bigint, fields: LogRecord['fields'] = {}): LogRecord => ({
  id,
  timeNs,
  level: 'info',
  component: 'test',
  eventName: null,
  sessionId: sessionId === null ? null : asSessionId(sessionId),
  traceId: null,
  spanId: null,
  body: 'b',
  fields,
});

/** A session of `spans` spans whose activity is `ageDays` before T0 + 400 days. */
const agedSession = (id: string, startNs: bigint, spans: number): { sessions: SessionUpsert[]; spans: Span[] } => ({
  sessions: [session(id, { startNs, endNs: startNs + MS })],
  spans: Array.from({ length: spans }, (_, i) => span(id, `s${i}`, { type: 'tool_call', startNs, endNs: startNs + MS, status: 'ok' })),
});

type Test = (title: string, fn: (store: Store) => Promise<void>) => void;

export const runRetentionContract = (test: Test): void => {
  describe('sampling keeps totals exact', () => {
    test('left-out spans count in totals and roll-ups, not in the timeline', async (store) => {
      const kept = llm('sm', 'kept', 100, 10);
      const left = [llm('sm', 'l1', 1000, 100), llm('sm', 'l2', 2000, 200), span('sm', 't1', { type: 'tool_call', status: 'ok' })];
      await store.write({ sessions: [session('sm')], spans: [kept], sampledSpans: left });
      const s = await store.getSession(asSessionId('sm'));
      assert.equal(s?.totals.inputTokens, 3100);
      assert.equal(s?.totals.outputTokens, 310);
      assert.equal(s?.totals.llmCalls, 3);
      assert.equal(s?.totals.toolCalls, 1);
      assert.equal(s?.summary.eventCount, 4);
      assert.deepEqual(
        (await store.getSpans(asSessionId('sm'))).map((x) => x.name),
        ['kept'],
      );
      const buckets = await store.usageBuckets({ sessionId: asSessionId('sm') });
      assert.equal(buckets.reduce((n, b) => n + b.usage.input, 0), 3100);
      assert.equal(buckets.reduce((n, b) => n + b.calls, 0), 3);
      const calls = await store.llmCalls({ sessionId: asSessionId('sm') });
      assert.equal(calls.length, 3, 'billing blocks and the session report see left-out calls too');
      assert.equal(calls.reduce((n, c) => n + c.usage.input, 0), 3100);
    });

    test('a left-out span arriving twice, or also stored in full, counts once; the larger usage wins', async (store) => {
      await store.write({ sessions: [session('dd')], sampledSpans: [llm('dd', 'a', 10, 1), llm('dd', 'b', 5, 5)] });
      await store.write({ sampledSpans: [llm('dd', 'a', 10, 50), llm('dd', 'a', 10, 2)] });
      await store.write({ spans: [llm('dd', 'b', 5, 5, { status: 'error' })] });
      const s = await store.getSession(asSessionId('dd'));
      assert.equal(s?.totals.llmCalls, 2);
      assert.equal(s?.totals.outputTokens, 55);
      assert.equal(s?.totals.errors, 1);
    });
  });

  describe('prune', () => {
    const seed = async (store: Store): Promise<void> => {
      for (let i = 0; i < 6; i++) {
        const { sessions, spans } = agedSession(`p${i}`, T0 + BigInt(i) * 10n * DAY, 7);
        await store.write({ sessions, spans, logs: [log(`l${i}`, `p${i}`, T0 + BigInt(i) * 10n * DAY)] });
      }
      await store.write({ logs: [log('free-old', null, T0), log('free-new', null, T0 + 100n * DAY)] });
    };

    test('deletes whole sessions older than the cutoff, in batches, and keeps the rest', async (store) => {
      await seed(store);
      const result = await store.prune({ olderThanNs: T0 + 25n * DAY, batchRows: 3 });
      assert.equal(result.sessions, 3);
      assert.equal(result.spans, 21);
      assert.equal(result.logs, 4);
      assert.ok(result.batches > 7, `batches: ${result.batches}`);
      const left = await store.listSessions({ sort: 'start', order: 'asc' });
      assert.deepEqual(
        left.map((s) => s.id),
        ['p3', 'p4', 'p5'],
      );
      assert.equal((await store.getSpans(asSessionId('p0'))).length, 0);
      assert.equal((await store.stats()).spans, 21);
      assert.equal((await store.stats()).logs, 4);
    });

    test('a dry run counts without deleting; maxSessions keeps the newest', async (store) => {
      await seed(store);
      const plan = await store.prune({ olderThanNs: T0 + 25n * DAY, dryRun: true });
      assert.deepEqual([plan.sessions, plan.spans, plan.batches], [3, 21, 0]);
      assert.equal(await store.countSessions({}), 6);
      const result = await store.prune({ maxSessions: 2 });
      assert.equal(result.sessions, 4);
      assert.deepEqual(
        (await store.listSessions({ sort: 'start', order: 'asc' })).map((s) => s.id),
        ['p4', 'p5'],
      );
    });

    test('purgeAll deletes everything but the file read positions', async (store) => {
      await seed(store);
      await store.write({ fileStates: [{ path: '/t/a.jsonl', size: 10, mtimeMs: 1, offset: 10, headHash: 'h', parserState: null }] });
      const result = await store.purgeAll();
      assert.equal(result.sessions, 6);
      const stats = await store.stats();
      assert.deepEqual([stats.sessions, stats.spans, stats.logs, stats.metrics, stats.files], [0, 0, 0, 0, 1]);
      assert.deepEqual(await store.usageBuckets({}), []);
    });
  });

  describe('purge content', () => {
    test('strips content attributes, event content, log content and titles; keeps metadata', async (store) => {
      await store.write({
        sessions: [session('pc', { title: 'drawn from a prompt' })],
        spans: [
          span('pc', 'a', {
            attributes: { 'content.prompt': 'the prompt', 'tool.name': 'Bash', n: 3 },
            events: [{ name: 'e', timeNs: T0, attributes: { 'content.tool_result': 'the result', kept: true } }],
          }),
          span('pc', 'b', { attributes: { plain: 'x' } }),
        ],
        logs: [log('lc', 'pc', T0, { 'content.message': 'log text', level2: 'x' })],
      });
      const result = await store.purgeContent();
      assert.deepEqual(result, { spans: 1, logs: 1, sessions: 1 });
      const spans = await store.getSpans(asSessionId('pc'));
      const a = spans.find((x) => x.name === 'a');
      assert.deepEqual(a?.attributes, { 'tool.name': 'Bash', n: 3 });
      assert.deepEqual(a?.events[0]?.attributes, { kept: true });
      assert.deepEqual(spans.find((x) => x.name === 'b')?.attributes, { plain: 'x' });
      assert.equal((await store.getSession(asSessionId('pc')))?.title, null);
    });
  });
};
