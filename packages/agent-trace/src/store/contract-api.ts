import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { asSessionId, deriveSpanId, ZERO_USAGE, type Span } from '@agent-trace/schema';
import { contractBuilders } from './contract-builders.js';
import type { Store } from './types.js';

/**
 * The API's queries (session search with keyset pages, single spans, outlines, facts, users), part of the
 * store contract: `runStoreContract` calls this for every backend.
 */

const MS = 1_000_000n;
const MIN = 60_000n * MS;
const T0 = BigInt(Date.UTC(2025, 2, 1)) * MS;
const { span, session } = contractBuilders('contract-api', T0);



/** Five sessions a minute apart; s3 has a prompt mentioning "needle", s4 belongs to user u2 and costs most. */
const seed = async (store: Store): Promise<void> => {
  const sessions = [1, 2, 3, 4, 5].map((i) =>
    session(`s${i}`, { startNs: T0 + BigInt(i) * MIN, endNs: T0 + BigInt(i) * MIN + 30_000n * MS, userHash: i === 4 ? 'u2' : 'u1', projectName: 'shop' }),
  );
  const spans: Span[] = [];
  for (let i = 1; i <= 5; i++) {
    const start = T0 + BigInt(i) * MIN;
    spans.push(span(`s${i}`, 'turn', { type: 'turn', startNs: start, endNs: start + 20_000n * MS, attributes: i === 3 ? { 'content.prompt': 'find the Needle please' } : {} }));
    spans.push(
      span(`s${i}`, 'llm', {
        type: 'llm_call',
        model: 'claude-sonnet-4',
        startNs: start + MS,
        endNs: start + 2_000n * MS,
        usage: { ...ZERO_USAGE, input: 100 * i, output: 10 },
        costUsd: i === 4 ? 5 : 0.1 * i,
        parentSpanId: deriveSpanId('contract-api', `s${i}`, 'turn'),
      }),
    );
    spans.push(
      span(`s${i}`, 'tool', {
        type: 'tool_call',
        name: 'Bash',
        toolName: 'Bash',
        startNs: start + 3_000n * MS,
        endNs: start + 3_000n * MS + BigInt(i) * 100n * MS,
        status: i === 2 ? 'error' : 'ok',
        parentSpanId: deriveSpanId('contract-api', `s${i}`, 'turn'),
        events: [{ name: 'stdout', timeNs: start + 3_001n * MS, attributes: {} }],
      }),
    );
  }
  await store.write({ sessions, spans });
};

export const runApiQueriesContract = (test: (title: string, fn: (store: Store) => Promise<void>) => void): void => {
  describe('API queries', () => {
    test('searchSessions pages through every session once, in order, by keyset cursor', async (store) => {
      await seed(store);
      const seen: string[] = [];
      let after;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store.searchSessions({ sort: 'start', order: 'desc', limit: 2, ...(after ? { after } : {}) });
        seen.push(...page.sessions.map((s) => s.id));
        if (!page.next) break;
        after = page.next;
      }
      assert.deepEqual(seen, ['s5', 's4', 's3', 's2', 's1']);
    });

    test('searchSessions sorts by cost and pages on ties and values', async (store) => {
      await seed(store);
      const first = await store.searchSessions({ sort: 'cost', order: 'desc', limit: 1 });
      assert.deepEqual(first.sessions.map((s) => s.id), ['s4']);
      assert.ok(first.next);
      const rest = await store.searchSessions({ sort: 'cost', order: 'desc', limit: 10, after: first.next });
      assert.deepEqual(rest.sessions.map((s) => s.id), ['s5', 's3', 's2', 's1']);
      assert.equal(rest.next, null);
    });

    test('searchSessions filters by user and by text in titles and stored content', async (store) => {
      await seed(store);
      assert.deepEqual((await store.searchSessions({ user: 'u2' })).sessions.map((s) => s.id), ['s4']);
      assert.deepEqual((await store.searchSessions({ text: 'nEEdle' })).sessions.map((s) => s.id), ['s3']);
      assert.deepEqual((await store.searchSessions({ text: 'absent-word' })).sessions, []);
      assert.deepEqual((await store.searchSessions({ project: 'sho', user: 'u1', order: 'asc', limit: 2 })).sessions.map((s) => s.id), ['s1', 's2']);
    });

    test('getSpan returns one span with attributes and events; null for another session', async (store) => {
      await seed(store);
      const id = deriveSpanId('contract-api', 's2', 'tool');
      const got = await store.getSpan(asSessionId('s2'), id);
      assert.equal(got?.status, 'error');
      assert.equal(got?.events.length, 1);
      assert.equal(await store.getSpan(asSessionId('s1'), id), null);
    });

    test('getSpanOutlines lists spans in start order with usage and event counts, without attributes', async (store) => {
      await seed(store);
      const outlines = await store.getSpanOutlines(asSessionId('s3'));
      assert.deepEqual(outlines.map((o) => o.type), ['turn', 'llm_call', 'tool_call']);
      assert.equal(outlines[1]?.usage?.input, 300);
      assert.equal(outlines[2]?.eventCount, 1);
      assert.equal(outlines[2]?.endNs, T0 + 3n * MIN + 3_300n * MS);
      assert.ok(!('attributes' in (outlines[0] as object)));
    });

    test('spanFacts returns the spans that started in the window', async (store) => {
      await seed(store);
      const facts = await store.spanFacts({ sinceNs: T0 + 2n * MIN, untilNs: T0 + 4n * MIN });
      assert.deepEqual(
        facts.map((f) => `${f.sessionId}:${f.type}`),
        ['s2:turn', 's2:llm_call', 's2:tool_call', 's3:turn', 's3:llm_call', 's3:tool_call'],
      );
      assert.equal(facts[2]?.status, 'error');
    });

    test('sessionUsers maps existing sessions to their user hash', async (store) => {
      await seed(store);
      const users = await store.sessionUsers([asSessionId('s4'), asSessionId('s1'), asSessionId('missing')]);
      assert.deepEqual(users.sort((a, b) => a.sessionId.localeCompare(b.sessionId)), [
        { sessionId: 's1', userHash: 'u1' },
        { sessionId: 's4', userHash: 'u2' },
      ]);
    });
  });
};
