import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  asSessionId,
  deriveSpanId,
  type Agent,
  type SessionId,
  type Span,
} from '@agent-trace/schema';
import { AgentTraceError } from '../errors.js';
import { runApiQueriesContract } from './contract-api.js';
import { runRetentionContract } from './contract-retention.js';
import { contractBuilders } from './contract-builders.js';
import type { SessionUpsert, Store, WriteBatch } from './types.js';

/**
 * The behaviour every Store backend must have. A backend's test file calls `runStoreContract` with a
 * factory that returns a fresh, empty store; each test gets its own store. Only the Store interface is used.
 */

const MS = 1_000_000n;
const SEC = 1000n * MS;
const MIN = 60n * SEC;
/** 2025-01-01T00:00:00Z, on a 15-minute boundary. */
const T0 = BigInt(Date.UTC(2025, 0, 1)) * MS;
const { span, session, usage } = contractBuilders('contract', T0);
const T0_MS = Date.UTC(2025, 0, 1);
const BUCKET_MS = 15 * 60 * 1000;

const sid = (name: string): SessionId => asSessionId(name);



const llm = (session: string, key: string, fields: Partial<Span> = {}): Span =>
  span(session, key, { type: 'llm_call', name: 'llm', model: 'claude-sonnet-4', usage: usage({}), costUsd: 0, ...fields });

const tool = (session: string, key: string, fields: Partial<Span> = {}): Span =>
  span(session, key, { type: 'tool_call', name: 'Bash', toolName: 'Bash', ...fields });


const byStartThenId = (a: Span, b: Span): number =>
  a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0;

type Factory = () => Promise<{ store: Store; cleanup: () => Promise<void> }>;

export function runStoreContract(name: string, factory: Factory): void {
  const withStore = async (fn: (store: Store) => Promise<void>): Promise<void> => {
    const { store, cleanup } = await factory();
    try {
      await fn(store);
    } finally {
      await cleanup();
    }
  };
  const test = (title: string, fn: (store: Store) => Promise<void>): void => {
    it(title, () => withStore(fn));
  };

  describe(`Store contract: ${name}`, () => {
    describe('write and read back', () => {
      test('sessions and spans round-trip with exact nanoseconds, usage, attributes and events', async (store) => {
        const startNs = T0 + 123_456_789n;
        const bigNs = 4_611_686_018_427_387_905n; // 2^62 + 1: far beyond 2^53, a number would round it
        const s = session('rt', {
          agentVersion: '2.0.1',
          projectName: 'web-app',
          projectHash: 'a'.repeat(64),
          userHash: 'b'.repeat(64),
          cwd: '/home/dev/web-app',
          gitBranch: 'main',
          title: 'fix the login',
          startNs,
          endNs: bigNs,
          status: 'completed',
        });
        const root = span('rt', 'root', { type: 'session', name: 'session', startNs, endNs: bigNs, status: 'ok' });
        const call = llm('rt', 'call', {
          parentSpanId: root.spanId,
          startNs: startNs + 1n,
          endNs: startNs + 2n * SEC + 7n,
          status: 'ok',
          statusMessage: 'fine',
          source: 'otlp',
          model: 'claude-opus-4',
          usage: { input: 10, output: 20, cacheRead: 30, cacheWrite5m: 40, cacheWrite1h: 50, reasoning: 5 },
          costUsd: 0.5,
          reportedCostUsd: 0.25,
          attributes: { 'gen_ai.request.id': 'req_1', nested: { list: [1, 'two', true, null] }, flag: false },
          events: [
            { name: 'first_token', timeNs: startNs + 999n, attributes: { n: 1 } },
            { name: 'done', timeNs: bigNs, attributes: {} },
          ],
        });
        const result = await store.write({ sessions: [s], spans: [call, root] });
        assert.equal(result.spansWritten, 2);
        assert.equal(result.sessionsTouched, 1);

        const got = await store.getSession(sid('rt'));
        assert.ok(got);
        assert.equal(got.id, 'rt');
        assert.equal(got.traceId, s.traceId);
        assert.equal(got.agent, 'claude-code');
        assert.equal(got.agentVersion, '2.0.1');
        assert.equal(got.projectName, 'web-app');
        assert.equal(got.projectHash, 'a'.repeat(64));
        assert.equal(got.userHash, 'b'.repeat(64));
        assert.equal(got.cwd, '/home/dev/web-app');
        assert.equal(got.gitBranch, 'main');
        assert.equal(got.title, 'fix the login');
        assert.equal(got.startNs, startNs);
        assert.equal(got.endNs, bigNs);
        assert.equal(got.status, 'completed');

        const spans = await store.getSpans(sid('rt'));
        assert.deepEqual(spans, [root, call]);
        assert.equal(typeof spans[0]?.startNs, 'bigint');
      });

      test('unknown ids read as null or empty', async (store) => {
        assert.equal(await store.getSession(sid('nope')), null);
        assert.deepEqual(await store.getSpans(sid('nope')), []);
        assert.equal(await store.getFileState('/nope'), null);
        assert.deepEqual(await store.listSessions({}), []);
        assert.equal(await store.countSessions({}), 0);
      });

      test('an empty batch is fine', async (store) => {
        const r = await store.write({});
        assert.deepEqual(r, { sessionsTouched: 0, spansWritten: 0, logsWritten: 0, metricsWritten: 0 });
      });

      test('spans written before their session count once the session arrives', async (store) => {
        await store.write({ spans: [llm('early', 'c1', { usage: usage({ input: 7 }), costUsd: 1 }), tool('early', 't1')] });
        assert.equal(await store.getSession(sid('early')), null);
        assert.equal((await store.getSpans(sid('early'))).length, 2);
        await store.write({ sessions: [session('early')] });
        const s = await store.getSession(sid('early'));
        assert.equal(s?.totals.inputTokens, 7);
        assert.equal(s?.totals.toolCalls, 1);
        assert.equal(s?.totals.costUsd, 1);
        assert.equal((await store.usageBuckets({ sessionId: sid('early') })).length, 1);
      });
    });

    describe('idempotence', () => {
      test('writing the same batch twice changes nothing', async (store) => {
        const batch: WriteBatch = {
          sessions: [session('idem', { projectName: 'p', endNs: T0 + MIN })],
          spans: [
            span('idem', 'turn', { type: 'turn', endNs: T0 + MIN }),
            llm('idem', 'c1', { startNs: T0 + SEC, usage: usage({ input: 5, output: 9 }), costUsd: 0.5, reportedCostUsd: 0.25 }),
            tool('idem', 't1', {
              startNs: T0 + 2n * SEC,
              endNs: T0 + 3n * SEC,
              status: 'ok',
              attributes: { a: 1 },
              events: [{ name: 'e', timeNs: T0 + 2n * SEC, attributes: { x: 'y' } }],
            }),
          ],
          logs: [
            {
              id: 'log-1',
              timeNs: T0,
              level: 'info',
              component: 'hook',
              eventName: 'PreToolUse',
              sessionId: sid('idem'),
              traceId: null,
              spanId: null,
              body: 'hello',
              fields: { k: 'v' },
            },
          ],
          metrics: [
            { name: 'tokens', kind: 'counter', value: 3, labels: { b: '2', a: '1' }, timeNs: T0, sessionId: sid('idem') },
          ],
          fileStates: [{ path: '/t/a.jsonl', size: 10, mtimeMs: 1.5, offset: 10, headHash: 'h', parserState: null }],
        };
        await store.write(batch);
        const session1 = await store.getSession(sid('idem'));
        const spans1 = await store.getSpans(sid('idem'));
        const buckets1 = await store.usageBuckets({});
        const calls1 = await store.llmCalls({});
        const stats1 = await store.stats();
        await store.write(batch);
        assert.deepEqual(await store.getSession(sid('idem')), session1);
        assert.deepEqual(await store.getSpans(sid('idem')), spans1);
        assert.deepEqual(await store.usageBuckets({}), buckets1);
        assert.deepEqual(await store.llmCalls({}), calls1);
        const stats2 = await store.stats();
        assert.deepEqual(
          { ...stats2, sizeBytes: 0 },
          { ...stats1, sizeBytes: 0 },
          'counts are unchanged (the file size may grow)',
        );
        assert.equal(stats2.spans, 3);
        assert.equal(stats2.logs, 1);
        assert.equal(stats2.metrics, 1);
        assert.equal(session1?.totals.llmCalls, 1);
        assert.equal(session1?.totals.inputTokens, 5);
      });
    });

    describe('span merge rules', () => {
      const partial = (s: string) =>
        llm(s, 'msg_1', { source: 'otlp', usage: usage({ input: 100, output: 3 }), costUsd: 0.25, endNs: T0 + SEC });
      const final = (s: string) =>
        llm(s, 'msg_1', {
          source: 'transcript',
          usage: usage({ input: 100, output: 150, cacheRead: 10 }),
          costUsd: 1.5,
          reportedCostUsd: 1.25,
          endNs: T0 + 2n * SEC,
        });

      for (const [order, batches] of [
        ['partial first', (s: string) => [partial(s), final(s)]],
        ['final first', (s: string) => [final(s), partial(s)]],
      ] as const) {
        test(`llm_call: the larger total token count wins (${order})`, async (store) => {
          await store.write({ sessions: [session('m')] });
          for (const sp of batches('m')) await store.write({ spans: [sp] });
          const [got] = await store.getSpans(sid('m'));
          assert.deepEqual(got?.usage, usage({ input: 100, output: 150, cacheRead: 10 }));
          assert.equal(got?.costUsd, 1.5);
          assert.equal(got?.reportedCostUsd, 1.25);
          assert.equal(got?.source, 'transcript');
          assert.equal(got?.endNs, T0 + 2n * SEC);
          const s = await store.getSession(sid('m'));
          assert.equal(s?.totals.outputTokens, 150);
          assert.equal(s?.totals.inputTokens, 100);
          assert.equal(s?.totals.llmCalls, 1);
          assert.equal(s?.totals.costUsd, 1.25, 'the session total takes the reported cost where there is one');
          const [bucket] = await store.usageBuckets({});
          assert.equal(bucket?.usage.output, 150);
          assert.equal(bucket?.calls, 1);
        });
      }

      test('llm_call: both versions in one batch merge the same way', async (store) => {
        await store.write({ sessions: [session('m')], spans: [final('m'), partial('m')] });
        assert.equal((await store.getSpans(sid('m')))[0]?.usage?.output, 150);
      });

      test('llm_call: an update without usage keeps the usage and merges the rest', async (store) => {
        await store.write({ sessions: [session('m')], spans: [final('m')] });
        await store.write({
          spans: [llm('m', 'msg_1', { usage: null, costUsd: null, status: 'error', statusMessage: 'overloaded', endNs: T0 + 5n * SEC })],
        });
        const [got] = await store.getSpans(sid('m'));
        assert.equal(got?.usage?.output, 150);
        assert.equal(got?.costUsd, 1.5);
        assert.equal(got?.status, 'error');
        assert.equal(got?.statusMessage, 'overloaded');
        assert.equal(got?.endNs, T0 + 5n * SEC);
      });

      test('tool_call: a start-only span and an end-only update pair into one span', async (store) => {
        await store.write({ sessions: [session('tp')] });
        await store.write({
          spans: [
            tool('tp', 'toolu_1', {
              source: 'hook',
              startNs: T0 + SEC,
              attributes: { 'tool.input.command': 'ls' },
              events: [{ name: 'pre', timeNs: T0 + SEC, attributes: {} }],
            }),
          ],
        });
        let s = await store.getSession(sid('tp'));
        assert.equal(s?.totals.toolCalls, 1);
        assert.equal(s?.summary.successRate, null, 'an unfinished tool call is not in the success rate');
        await store.write({
          spans: [
            tool('tp', 'toolu_1', {
              source: 'hook',
              startNs: T0 + 3n * SEC,
              endNs: T0 + 3n * SEC,
              status: 'ok',
              attributes: { 'tool.exit_code': 0 },
              events: [{ name: 'post', timeNs: T0 + 3n * SEC, attributes: {} }],
            }),
          ],
        });
        const spans = await store.getSpans(sid('tp'));
        assert.equal(spans.length, 1);
        const [got] = spans;
        assert.equal(got?.startNs, T0 + SEC, 'earliest start kept');
        assert.equal(got?.endNs, T0 + 3n * SEC);
        assert.equal(got?.status, 'ok');
        assert.deepEqual(got?.attributes, { 'tool.input.command': 'ls', 'tool.exit_code': 0 });
        assert.deepEqual(
          got?.events.map((e) => e.name),
          ['pre', 'post'],
        );
        s = await store.getSession(sid('tp'));
        assert.equal(s?.totals.toolCalls, 1);
        assert.equal(s?.summary.successRate, 1);
      });

      test('status: error wins over ok wins over unset, in any order', async (store) => {
        const cases: Array<[string, Span['status'], Span['status'], Span['status']]> = [
          ['a', 'error', 'ok', 'error'],
          ['b', 'ok', 'error', 'error'],
          ['c', 'unset', 'ok', 'ok'],
          ['d', 'ok', 'unset', 'ok'],
          ['e', 'error', 'unset', 'error'],
        ];
        await store.write({ sessions: [session('st')] });
        for (const [key, first, second] of cases) {
          await store.write({ spans: [tool('st', key, { status: first, statusMessage: first === 'error' ? 'boom' : null })] });
          await store.write({ spans: [tool('st', key, { status: second, statusMessage: second === 'error' ? 'boom' : null })] });
        }
        const spans = await store.getSpans(sid('st'));
        for (const [key, , , expected] of cases) {
          const got = spans.find((s) => s.spanId === deriveSpanId('contract', 'st', key));
          assert.equal(got?.status, expected, `case ${key}`);
          if (expected === 'error') assert.equal(got?.statusMessage, 'boom', `case ${key} keeps the error's message`);
        }
        assert.equal((await store.getSession(sid('st')))?.totals.errors, 3);
      });

      test('non-null fields of the newer span win; null fields never erase', async (store) => {
        await store.write({ sessions: [session('co')] });
        const parent = deriveSpanId('contract', 'co', 'parent');
        await store.write({ spans: [span('co', 's', { name: 'first', parentSpanId: parent, statusMessage: 'm1', toolName: 'Read' })] });
        await store.write({ spans: [span('co', 's', { name: 'second', parentSpanId: null, statusMessage: null, toolName: null })] });
        let [got] = await store.getSpans(sid('co'));
        assert.equal(got?.name, 'second');
        assert.equal(got?.parentSpanId, parent);
        assert.equal(got?.statusMessage, 'm1');
        assert.equal(got?.toolName, 'Read');
        await store.write({ spans: [span('co', 's', { statusMessage: 'm2', toolName: 'Write' })] });
        [got] = await store.getSpans(sid('co'));
        assert.equal(got?.statusMessage, 'm2');
        assert.equal(got?.toolName, 'Write');
      });

      test('start keeps the earliest, end the latest', async (store) => {
        await store.write({ sessions: [session('se')] });
        await store.write({ spans: [span('se', 's', { startNs: T0 + 5n, endNs: T0 + 50n })] });
        await store.write({ spans: [span('se', 's', { startNs: T0 + 9n, endNs: T0 + 20n })] });
        await store.write({ spans: [span('se', 's', { startNs: T0 + 1n, endNs: null })] });
        const [got] = await store.getSpans(sid('se'));
        assert.equal(got?.startNs, T0 + 1n);
        assert.equal(got?.endNs, T0 + 50n);
      });

      test('attributes merge with newer keys winning; events are unioned without duplicates', async (store) => {
        await store.write({ sessions: [session('ae')] });
        const e1 = { name: 'a', timeNs: T0 + 1n, attributes: { i: 1 } };
        const e2 = { name: 'b', timeNs: T0 + 2n, attributes: {} };
        const e3 = { name: 'c', timeNs: T0 + 3n, attributes: {} };
        await store.write({ spans: [span('ae', 's', { attributes: { keep: 1, change: 'old' }, events: [e1, e3] })] });
        await store.write({ spans: [span('ae', 's', { attributes: { change: 'new', added: [1, 2] }, events: [e2, e1] })] });
        await store.write({ spans: [span('ae', 's', { attributes: {}, events: [] })] });
        const [got] = await store.getSpans(sid('ae'));
        assert.deepEqual(got?.attributes, { keep: 1, change: 'new', added: [1, 2] });
        assert.deepEqual(got?.events, [e1, e2, e3]);
      });
    });

    describe('session merge rules', () => {
      test('newest non-null wins, earliest start, latest end, status kept when not sent', async (store) => {
        await store.write({ sessions: [session('sm', { startNs: T0 + 10n * SEC, agentVersion: '1.0', status: 'running' })] });
        await store.write({
          sessions: [session('sm', { startNs: T0, endNs: T0 + MIN, projectName: 'web', agentVersion: '1.1', title: 'a' })],
        });
        await store.write({
          sessions: [
            session('sm', {
              startNs: T0 + 30n * SEC,
              endNs: T0 + 30n * SEC,
              projectName: null,
              agentVersion: undefined,
              title: 'b',
              status: null,
            }),
          ],
        });
        const s = await store.getSession(sid('sm'));
        assert.equal(s?.startNs, T0);
        assert.equal(s?.endNs, T0 + MIN);
        assert.equal(s?.projectName, 'web');
        assert.equal(s?.agentVersion, '1.1');
        assert.equal(s?.title, 'b');
        assert.equal(s?.status, 'running');
        await store.write({ sessions: [session('sm', { status: 'completed' })] });
        assert.equal((await store.getSession(sid('sm')))?.status, 'completed');
      });

      test('status defaults to unknown, lists and totals start empty', async (store) => {
        await store.write({ sessions: [session('empty', { endNs: T0 + 2n * SEC })] });
        const s = await store.getSession(sid('empty'));
        assert.equal(s?.status, 'unknown');
        assert.deepEqual(s?.models, []);
        assert.equal(s?.totals.llmCalls, 0);
        assert.equal(s?.totals.costUsd, 0);
        assert.equal(s?.summary.eventCount, 0);
        assert.equal(s?.summary.successRate, null);
        assert.equal(s?.summary.durationMs, 2000);
      });

      test("a session's start and end widen to cover its spans", async (store) => {
        await store.write({
          sessions: [session('w', { startNs: T0 + 5n * SEC, endNs: T0 + 10n * SEC })],
          spans: [span('w', 'early', { startNs: T0 + SEC, endNs: T0 + 2n * SEC }), span('w', 'late', { startNs: T0 + 8n * SEC, endNs: T0 + 20n * SEC })],
        });
        const s = await store.getSession(sid('w'));
        assert.equal(s?.startNs, T0 + SEC);
        assert.equal(s?.endNs, T0 + 20n * SEC);
        assert.equal(s?.summary.durationMs, 19_000);
      });

      test('a session without an end keeps a null end; its duration runs to its last span', async (store) => {
        await store.write({
          sessions: [session('open', { startNs: T0, endNs: null, status: 'running' })],
          spans: [span('open', 'a', { startNs: T0 + SEC, endNs: T0 + 4n * SEC }), span('open', 'b', { startNs: T0 + 6n * SEC })],
        });
        const s = await store.getSession(sid('open'));
        assert.equal(s?.endNs, null);
        assert.equal(s?.summary.durationMs, 6000);
      });
    });

    describe('derived totals', () => {
      test('totals, models and summary come from the spans', async (store) => {
        const s = 'd';
        await store.write({
          sessions: [session(s, { startNs: T0, endNs: T0 + 100n * SEC })],
          spans: [
            span(s, 'root', { type: 'session', startNs: T0, endNs: T0 + 100n * SEC }),
            span(s, 'turn1', { type: 'turn', startNs: T0 + SEC }),
            span(s, 'turn2', { type: 'turn', startNs: T0 + 50n * SEC }),
            llm(s, 'c1', {
              startNs: T0 + 2n * SEC,
              model: 'model-b',
              usage: usage({ input: 10, output: 20, cacheRead: 100, cacheWrite5m: 3, cacheWrite1h: 4, reasoning: 1 }),
              costUsd: 0.5,
            }),
            llm(s, 'c2', { startNs: T0 + 3n * SEC, model: 'model-a', usage: usage({ input: 1, output: 2 }), costUsd: 0.25 }),
            llm(s, 'c3', { startNs: T0 + 4n * SEC, model: 'model-b', usage: usage({ input: 5 }), costUsd: null, reportedCostUsd: 2 }),
            llm(s, 'c4', { startNs: T0 + 4n * SEC + 1n, model: 'model-b', usage: usage({}), costUsd: null, reportedCostUsd: null }),
            tool(s, 't1', { startNs: T0 + 5n * SEC, status: 'ok', attributes: { 'lines.added': 10, 'lines.removed': 2 } }),
            tool(s, 't2', { startNs: T0 + 6n * SEC, status: 'error', attributes: { 'lines.added': 5 } }),
            tool(s, 't3', { startNs: T0 + 7n * SEC, status: 'unset', attributes: { 'lines.added': 'not a number' } }),
            span(s, 'sub', { type: 'subagent', startNs: T0 + 8n * SEC, model: 'model-c' }),
            span(s, 'err', { type: 'error', startNs: T0 + 9n * SEC, status: 'error' }),
          ],
        });
        const got = await store.getSession(sid(s));
        assert.deepEqual(got?.totals, {
          inputTokens: 16,
          outputTokens: 22,
          cacheReadTokens: 100,
          cacheWriteTokens: 7,
          costUsd: 2.75,
          llmCalls: 4,
          unpricedCalls: 1,
          toolCalls: 3,
          errors: 2,
          prompts: 2,
          subagents: 1,
          linesAdded: 15,
          linesRemoved: 2,
        });
        assert.deepEqual(got?.models, ['model-b', 'model-a'], 'distinct llm_call models in order of first use');
        assert.equal(got?.summary.eventCount, 12);
        assert.equal(got?.summary.durationMs, 100_000);
        assert.equal(got?.summary.successRate, 0.5);
      });

      test('lines added/removed follow the merged attributes of a span', async (store) => {
        await store.write({ sessions: [session('ln')], spans: [tool('ln', 't', { attributes: { 'lines.added': 3, 'lines.removed': 1 } })] });
        await store.write({ spans: [tool('ln', 't', { attributes: { 'lines.added': 5 } })] });
        await store.write({ spans: [tool('ln', 't', { attributes: { other: true } })] });
        const s = await store.getSession(sid('ln'));
        assert.equal(s?.totals.linesAdded, 5, 'the newer value replaced the older one');
        assert.equal(s?.totals.linesRemoved, 1, 'a span without the key keeps the stored value');
      });

      test('totals follow later writes', async (store) => {
        await store.write({ sessions: [session('inc')], spans: [llm('inc', 'c1', { usage: usage({ output: 1 }), costUsd: 0.5 })] });
        await store.write({ spans: [llm('inc', 'c2', { usage: usage({ output: 2 }), costUsd: 0.25 })] });
        const s = await store.getSession(sid('inc'));
        assert.equal(s?.totals.outputTokens, 3);
        assert.equal(s?.totals.costUsd, 0.75);
        assert.equal(s?.totals.llmCalls, 2);
      });
    });

    describe('listSessions and countSessions', () => {
      const seed = async (store: Store): Promise<void> => {
        const mk = (id: string, agent: Agent, startMin: bigint, endMin: bigint | null, extra: Partial<SessionUpsert>) =>
          session(id, { agent, startNs: T0 + startMin * MIN, endNs: endMin === null ? null : T0 + endMin * MIN, ...extra });
        await store.write({
          sessions: [
            mk('s1', 'claude-code', 0n, 10n, { projectName: 'Web-App', projectHash: 'h1', status: 'completed' }),
            mk('s2', 'claude-code', 20n, 90n, { projectName: 'api', projectHash: 'h2', status: 'error' }),
            mk('s3', 'codex', 40n, 45n, { projectName: 'web-site', projectHash: 'h3', status: 'completed' }),
            mk('s4', 'gemini-cli', 60n, null, { projectName: null, projectHash: 'h4', status: 'running' }),
            mk('s5', 'claude-code', 80n, 81n, { projectName: 'api', projectHash: 'h2' }),
          ],
          spans: [
            llm('s1', 'c', { startNs: T0, model: 'claude-sonnet-4-20250514', usage: usage({ input: 100 }), costUsd: 3 }),
            llm('s2', 'c', { startNs: T0 + 20n * MIN, model: 'claude-opus-4', usage: usage({ input: 500 }), costUsd: 1 }),
            llm('s3', 'c', { startNs: T0 + 40n * MIN, model: 'gpt-5', usage: usage({ input: 50 }), costUsd: 2 }),
            tool('s2', 't1', { startNs: T0 + 21n * MIN, status: 'error' }),
            tool('s2', 't2', { startNs: T0 + 22n * MIN, status: 'error' }),
            tool('s3', 't1', { startNs: T0 + 41n * MIN, status: 'ok' }),
            tool('s3', 't2', { startNs: T0 + 41n * MIN, status: 'ok' }),
            tool('s3', 't3', { startNs: T0 + 41n * MIN, status: 'ok' }),
            tool('s1', 't1', { startNs: T0 + MIN, status: 'error' }),
          ],
        });
      };
      const ids = async (store: Store, q: Parameters<Store['listSessions']>[0]) => (await store.listSessions(q)).map((s) => s.id);

      test('default order is start, newest first', async (store) => {
        await seed(store);
        assert.deepEqual(await ids(store, {}), ['s5', 's4', 's3', 's2', 's1']);
        assert.deepEqual(await ids(store, { order: 'asc' }), ['s1', 's2', 's3', 's4', 's5']);
      });

      test('every sort key, both directions', async (store) => {
        await seed(store);
        assert.deepEqual(await ids(store, { sort: 'cost', order: 'desc', limit: 3 }), ['s1', 's3', 's2']);
        assert.deepEqual(await ids(store, { sort: 'tokens', order: 'desc', limit: 3 }), ['s2', 's1', 's3']);
        assert.deepEqual(await ids(store, { sort: 'tokens', order: 'asc', limit: 2 }), ['s4', 's5'], 'ties break on start');
        assert.deepEqual(await ids(store, { sort: 'duration', order: 'desc', limit: 2 }), ['s2', 's1']);
        assert.deepEqual(await ids(store, { sort: 'tools', order: 'desc', limit: 2 }), ['s3', 's2']);
        assert.deepEqual(await ids(store, { sort: 'errors', order: 'desc', limit: 2 }), ['s2', 's1']);
        assert.deepEqual(await ids(store, { sort: 'errors', order: 'asc', limit: 1 }), ['s3']);
        const byEnd = await ids(store, { sort: 'end', order: 'desc' });
        assert.deepEqual(byEnd.slice(0, 4), ['s2', 's5', 's3', 's1']);
        assert.equal(byEnd[4], 's4', 'a session without an end sorts last');
        assert.deepEqual((await ids(store, { sort: 'end', order: 'asc' })).slice(0, 4), ['s1', 's3', 's5', 's2']);
      });

      test('limit and offset page through the sorted list', async (store) => {
        await seed(store);
        assert.deepEqual(await ids(store, { limit: 2 }), ['s5', 's4']);
        assert.deepEqual(await ids(store, { limit: 2, offset: 2 }), ['s3', 's2']);
        assert.deepEqual(await ids(store, { limit: 2, offset: 4 }), ['s1']);
        assert.deepEqual(await ids(store, { offset: 3 }), ['s2', 's1']);
        assert.equal(await store.countSessions({ limit: 1 }), 5, 'count ignores paging');
      });

      test('filters, each alone and combined, with countSessions agreeing', async (store) => {
        await seed(store);
        const check = async (q: Parameters<Store['listSessions']>[0], expected: string[]) => {
          assert.deepEqual((await ids(store, { ...q, order: 'asc' })).sort(), expected, JSON.stringify(q, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)));
          assert.equal(await store.countSessions(q), expected.length);
        };
        await check({ agent: 'claude-code' }, ['s1', 's2', 's5']);
        await check({ agent: 'opencode' }, []);
        await check({ status: 'completed' }, ['s1', 's3']);
        await check({ status: 'unknown' }, ['s5']);
        await check({ status: 'running' }, ['s4']);
        await check({ project: 'web' }, ['s1', 's3']);
        await check({ project: 'WEB-APP' }, ['s1']);
        await check({ project: 'h2' }, ['s2', 's5']);
        await check({ project: 'h' }, []);
        await check({ model: 'claude-opus-4' }, ['s2']);
        await check({ model: 'SONNET' }, ['s1']);
        await check({ model: 'claude' }, ['s1', 's2']);
        // since: end >= since, or start when there is no end
        await check({ sinceNs: T0 + 45n * MIN }, ['s2', 's3', 's4', 's5']);
        await check({ sinceNs: T0 + 46n * MIN }, ['s2', 's4', 's5']);
        // until: started before
        await check({ untilNs: T0 + 40n * MIN }, ['s1', 's2']);
        await check({ untilNs: T0 + 40n * MIN + 1n }, ['s1', 's2', 's3']);
        await check({ sinceNs: T0 + 11n * MIN, untilNs: T0 + 70n * MIN, agent: 'claude-code' }, ['s2']);
        await check({ project: 'api', status: 'error' }, ['s2']);
      });
    });

    describe('findSessionIds', () => {
      test('unique, ambiguous and missing prefixes; no wildcards; limit', async (store) => {
        await store.write({
          sessions: ['abc-1', 'abc-2', 'abd-1', 'ABC-3', 'ab_x', 'ab%y'].map((id) => session(id)),
        });
        assert.deepEqual(await store.findSessionIds('abc-1'), ['abc-1']);
        assert.deepEqual(await store.findSessionIds('abc'), ['abc-1', 'abc-2']);
        assert.deepEqual(await store.findSessionIds('ab'), ['ab%y', 'ab_x', 'abc-1', 'abc-2', 'abd-1']);
        assert.deepEqual(await store.findSessionIds('zzz'), []);
        assert.deepEqual(await store.findSessionIds('ab_'), ['ab_x'], '_ is not a wildcard');
        assert.deepEqual(await store.findSessionIds('ab%'), ['ab%y'], '% is not a wildcard');
        assert.deepEqual(await store.findSessionIds('abc', 1), ['abc-1']);
        assert.deepEqual(await store.findSessionIds('abc-1-more'), []);
      });

      test('at most 10 ids by default', async (store) => {
        await store.write({ sessions: Array.from({ length: 12 }, (_, i) => session(`many-${String(i).padStart(2, '0')}`)) });
        const found = await store.findSessionIds('many-');
        assert.equal(found.length, 10);
        assert.equal(found[0], 'many-00');
      });
    });

    describe('getSpans', () => {
      test('ordered by start time, then span id', async (store) => {
        const spans = [
          span('o', 'x', { startNs: T0 + 3n }),
          span('o', 'y', { startNs: T0 + 1n }),
          span('o', 'z', { startNs: T0 + 2n }),
          span('o', 'p', { startNs: T0 + 2n }),
          span('o', 'q', { startNs: T0 + 2n }),
          span('other', 'x', { startNs: T0 }),
        ];
        await store.write({ sessions: [session('o'), session('other')], spans });
        const got = await store.getSpans(sid('o'));
        assert.deepEqual(
          got.map((s) => s.spanId),
          spans
            .filter((s) => s.sessionId === 'o')
            .sort(byStartThenId)
            .map((s) => s.spanId),
        );
      });
    });

    describe('usageBuckets', () => {
      test('15-minute UTC buckets: 00:14:59.999 and 00:15:00 land in different buckets', async (store) => {
        await store.write({
          sessions: [session('b', { projectName: 'proj', projectHash: 'ph' })],
          spans: [
            llm('b', 'c0', { startNs: T0, usage: usage({ input: 1 }), costUsd: 0.5 }),
            llm('b', 'c1', { startNs: T0 + 14n * MIN + 59_999n * MS, usage: usage({ input: 2 }), costUsd: 0.25 }),
            llm('b', 'c2', { startNs: T0 + 15n * MIN, usage: usage({ input: 4 }), costUsd: 0.125 }),
          ],
        });
        const buckets = await store.usageBuckets({});
        assert.deepEqual(
          buckets.map((b) => [b.bucketStartMs, b.usage.input, b.calls]),
          [
            [T0_MS, 3, 2],
            [T0_MS + BUCKET_MS, 4, 1],
          ],
        );
        assert.equal(buckets[0]?.sessionId, 'b');
        assert.equal(buckets[0]?.agent, 'claude-code');
        assert.equal(buckets[0]?.projectName, 'proj');
        assert.equal(buckets[0]?.projectHash, 'ph');
      });

      test('sums usage, priced cost, unpriced calls, reported and auto cost per session and model', async (store) => {
        await store.write({
          sessions: [session('u')],
          spans: [
            llm('u', 'c1', {
              startNs: T0 + SEC,
              model: 'm1',
              usage: { input: 1, output: 2, cacheRead: 3, cacheWrite5m: 4, cacheWrite1h: 5, reasoning: 6 },
              costUsd: 0.5,
              reportedCostUsd: null,
            }),
            llm('u', 'c2', {
              startNs: T0 + 2n * SEC,
              model: 'm1',
              usage: { input: 10, output: 20, cacheRead: 30, cacheWrite5m: 40, cacheWrite1h: 50, reasoning: 60 },
              costUsd: 0.25,
              reportedCostUsd: 2,
            }),
            llm('u', 'c3', { startNs: T0 + 3n * SEC, model: 'm1', usage: usage({ input: 100 }), costUsd: null, reportedCostUsd: 4 }),
            llm('u', 'c4', { startNs: T0 + 4n * SEC, model: 'm1', usage: usage({ input: 1000 }), costUsd: null, reportedCostUsd: null }),
            llm('u', 'c5', { startNs: T0 + 5n * SEC, model: 'm2', usage: usage({ output: 7 }), costUsd: 1 }),
            tool('u', 't1', { startNs: T0 + 6n * SEC }),
          ],
        });
        const buckets = await store.usageBuckets({ sessionId: sid('u') });
        assert.equal(buckets.length, 2);
        const m1 = buckets.find((b) => b.model === 'm1');
        assert.deepEqual(m1, {
          bucketStartMs: T0_MS,
          sessionId: 'u',
          agent: 'claude-code',
          projectName: null,
          projectHash: null,
          model: 'm1',
          usage: { input: 1111, output: 22, cacheRead: 33, cacheWrite5m: 44, cacheWrite1h: 55, reasoning: 66 },
          calls: 4,
          costUsd: 0.75,
          unpricedCalls: 2,
          reportedCostUsd: 6,
          reportedCalls: 2,
          autoCostUsd: 0.5 + 2 + 4,
        });
        const m2 = buckets.find((b) => b.model === 'm2');
        assert.equal(m2?.calls, 1);
        assert.equal(m2?.autoCostUsd, 1);
        assert.equal(m2?.usage.output, 7);
      });

      test('filters: time range on bucket starts, project, model, agent, session', async (store) => {
        await store.write({
          sessions: [
            session('f1', { agent: 'claude-code', projectName: 'Alpha', projectHash: 'ha' }),
            session('f2', { agent: 'codex', projectName: 'beta', projectHash: 'hb' }),
          ],
          spans: [
            llm('f1', 'c1', { startNs: T0, model: 'claude-sonnet-4' }),
            llm('f1', 'c2', { startNs: T0 + 30n * MIN, model: 'claude-opus-4' }),
            llm('f2', 'c1', { startNs: T0 + 60n * MIN, model: 'gpt-5' }),
          ],
        });
        const sessionsOf = async (q: Parameters<Store['usageBuckets']>[0]) =>
          (await store.usageBuckets(q)).map((b) => `${b.sessionId}:${b.model}`);
        assert.deepEqual(await sessionsOf({}), ['f1:claude-sonnet-4', 'f1:claude-opus-4', 'f2:gpt-5']);
        assert.deepEqual(await sessionsOf({ sinceNs: T0 + 30n * MIN }), ['f1:claude-opus-4', 'f2:gpt-5']);
        assert.deepEqual(await sessionsOf({ untilNs: T0 + 30n * MIN }), ['f1:claude-sonnet-4']);
        assert.deepEqual(await sessionsOf({ sinceNs: T0 + 15n * MIN, untilNs: T0 + 45n * MIN }), ['f1:claude-opus-4']);
        assert.deepEqual(await sessionsOf({ project: 'alp' }), ['f1:claude-sonnet-4', 'f1:claude-opus-4']);
        assert.deepEqual(await sessionsOf({ project: 'hb' }), ['f2:gpt-5']);
        assert.deepEqual(await sessionsOf({ model: 'OPUS' }), ['f1:claude-opus-4']);
        assert.deepEqual(await sessionsOf({ model: 'gpt-5' }), ['f2:gpt-5']);
        assert.deepEqual(await sessionsOf({ agent: 'codex' }), ['f2:gpt-5']);
        assert.deepEqual(await sessionsOf({ sessionId: sid('f1'), model: 'claude' }), ['f1:claude-sonnet-4', 'f1:claude-opus-4']);
        assert.deepEqual(await sessionsOf({ agent: 'sdk' }), []);
      });

      test("buckets follow a later change of the session's project", async (store) => {
        await store.write({ sessions: [session('pc', { projectName: 'old' })], spans: [llm('pc', 'c1')] });
        await store.write({ sessions: [session('pc', { projectName: 'new', projectHash: 'hn' })] });
        const [b] = await store.usageBuckets({ project: 'new' });
        assert.equal(b?.projectName, 'new');
        assert.equal(b?.projectHash, 'hn');
        assert.deepEqual(await store.usageBuckets({ project: 'old' }), []);
      });
    });

    describe('llmCalls', () => {
      test('one row per model call, ordered by start, with [since, until) exact to the nanosecond', async (store) => {
        await store.write({
          sessions: [session('lc', { projectName: 'proj' }), session('lc2', { agent: 'codex' })],
          spans: [
            llm('lc', 'c2', { startNs: T0 + 2n, model: 'm-b', usage: usage({ output: 9 }), costUsd: null, reportedCostUsd: 0.5 }),
            llm('lc', 'c1', { startNs: T0 + 1n, model: 'm-a', usage: usage({ input: 3 }), costUsd: 0.25 }),
            llm('lc2', 'c1', { startNs: T0 + 3n, model: 'm-a' }),
            tool('lc', 't1', { startNs: T0 }),
          ],
        });
        const rows = await store.llmCalls({});
        assert.deepEqual(rows[0], {
          sessionId: 'lc',
          spanId: deriveSpanId('contract', 'lc', 'c1'),
          startNs: T0 + 1n,
          model: 'm-a',
          usage: usage({ input: 3 }),
          costUsd: 0.25,
          reportedCostUsd: null,
          projectName: 'proj',
        });
        assert.deepEqual(
          rows.map((r) => [r.sessionId, r.startNs, r.costUsd, r.reportedCostUsd]),
          [
            ['lc', T0 + 1n, 0.25, null],
            ['lc', T0 + 2n, null, 0.5],
            ['lc2', T0 + 3n, 0, null],
          ],
        );
        const starts = async (q: Parameters<Store['llmCalls']>[0]) => (await store.llmCalls(q)).map((r) => r.startNs);
        assert.deepEqual(await starts({ sinceNs: T0 + 2n }), [T0 + 2n, T0 + 3n]);
        assert.deepEqual(await starts({ untilNs: T0 + 2n }), [T0 + 1n]);
        assert.deepEqual(await starts({ model: 'M-A' }), [T0 + 1n, T0 + 3n]);
        assert.deepEqual(await starts({ agent: 'codex' }), [T0 + 3n]);
        assert.deepEqual(await starts({ project: 'PRO' }), [T0 + 1n, T0 + 2n]);
        assert.deepEqual(await starts({ sessionId: sid('lc2') }), [T0 + 3n]);
      });
    });

    describe('file states', () => {
      test('saved in the same write as the data, read back, replaced', async (store) => {
        const a = { path: '/p/a.jsonl', size: 1234, mtimeMs: 1735689600123.5, offset: 1200, headHash: 'abc', parserState: '{"turn":"x"}' };
        const b = { path: '/p/b.jsonl', size: 5, mtimeMs: 1, offset: 0, headHash: 'def', parserState: null };
        await store.write({ sessions: [session('fs')], spans: [span('fs', 's')], fileStates: [b, a] });
        assert.deepEqual(await store.getFileState(a.path), a);
        assert.deepEqual(await store.getFileState(b.path), b);
        assert.deepEqual(
          (await store.listFileStates()).sort((x, y) => (x.path < y.path ? -1 : 1)),
          [a, b],
        );
        const stamps = async () => (await store.listFileStamps()).sort((x, y) => (x.path < y.path ? -1 : 1));
        assert.deepEqual(await stamps(), [a, b].map(({ path, size, mtimeMs }) => ({ path, size, mtimeMs })));
        const a2 = { ...a, size: 2000, offset: 1990, parserState: null };
        await store.write({ fileStates: [a2] });
        assert.deepEqual(await store.getFileState(a.path), a2);
        assert.equal((await store.listFileStates()).length, 2);
        assert.deepEqual(await stamps(), [{ path: a.path, size: 2000, mtimeMs: a.mtimeMs }, { path: b.path, size: 5, mtimeMs: 1 }]);
      });
    });

    describe('stats', () => {
      test('counts, date range and a per-agent breakdown', async (store) => {
        await store.write({
          sessions: [
            session('x1', { agent: 'claude-code', startNs: T0 + MIN }),
            session('x2', { agent: 'claude-code', startNs: T0 + 3n * MIN }),
            session('x3', { agent: 'codex', startNs: T0 + 2n * MIN }),
          ],
          spans: [
            span('x1', 'a', { startNs: T0 + MIN }),
            span('x1', 'b', { startNs: T0 + MIN }),
            span('x2', 'a', { startNs: T0 + 3n * MIN }),
            span('x3', 'a', { startNs: T0 + 2n * MIN }),
          ],
          logs: [
            { id: 'l1', timeNs: T0, level: 'warn', component: 'c', eventName: null, sessionId: null, traceId: null, spanId: null, body: null, fields: {} },
            { id: 'l2', timeNs: T0, level: 'info', component: 'c', eventName: 'e', sessionId: sid('x1'), traceId: null, spanId: null, body: { a: 1 }, fields: {} },
          ],
          metrics: [
            { name: 'm', kind: 'gauge', value: 1, labels: {}, timeNs: T0, sessionId: null },
            { name: 'm', kind: 'gauge', value: 2, labels: {}, timeNs: T0 + 1n, sessionId: null },
            { name: 'm', kind: 'gauge', value: 3, labels: { k: 'v' }, timeNs: T0, sessionId: null },
          ],
          fileStates: [{ path: '/f', size: 1, mtimeMs: 1, offset: 1, headHash: 'h', parserState: null }],
        });
        const st = await store.stats();
        assert.equal(typeof st.backend, 'string');
        assert.ok(st.backend.length > 0);
        assert.ok(st.sizeBytes > 0);
        assert.equal(st.sessions, 3);
        assert.equal(st.spans, 4);
        assert.equal(st.logs, 2);
        assert.equal(st.metrics, 3);
        assert.equal(st.files, 1);
        assert.equal(st.firstStartNs, T0 + MIN);
        assert.equal(st.lastStartNs, T0 + 3n * MIN);
        assert.deepEqual(
          [...st.byAgent].sort((a, b) => (a.agent < b.agent ? -1 : 1)),
          [
            { agent: 'claude-code', sessions: 2, spans: 3, firstStartNs: T0 + MIN, lastStartNs: T0 + 3n * MIN },
            { agent: 'codex', sessions: 1, spans: 1, firstStartNs: T0 + 2n * MIN, lastStartNs: T0 + 2n * MIN },
          ],
        );
      });

      test('an empty store', async (store) => {
        const st = await store.stats();
        assert.equal(st.sessions, 0);
        assert.equal(st.spans, 0);
        assert.equal(st.firstStartNs, null);
        assert.equal(st.lastStartNs, null);
        assert.deepEqual(st.byAgent, []);
      });
    });

    runApiQueriesContract(test);
    runRetentionContract(test);

    describe('close', () => {
      it('methods after close throw a store error', async () => {
        const { store, cleanup } = await factory();
        try {
          await store.close();
          const isStoreError = (err: unknown) => err instanceof AgentTraceError && err.kind === 'store';
          await assert.rejects(store.write({ sessions: [session('c')] }), isStoreError);
          await assert.rejects(store.getSession(sid('c')), isStoreError);
          await assert.rejects(store.listSessions({}), isStoreError);
          await assert.rejects(store.stats(), isStoreError);
        } finally {
          await cleanup();
        }
      });
    });
  });
}
