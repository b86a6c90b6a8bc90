import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asSessionId, deriveSpanId, deriveTraceId, msToNano, type Span } from '@agent-trace/schema';
import type { WriteBatch } from '../../store/types.js';
import { SseClient } from '../test/sse-client.js';
import { startWebHarness, type WebHarness } from '../test/web-harness.js';
import { EventHub } from './event-hub.js';

let h: WebHarness;
before(async () => {
  h = await startWebHarness({ fixtures: false });
});
after(() => h.stop());

const T = Date.UTC(2026, 10, 1, 10);
/** A session with one tool call numbered `n`. */
const batch = (session: string, n: number): WriteBatch => {
  const traceId = deriveTraceId('stream-test', session);
  const span: Span = {
    traceId,
    spanId: deriveSpanId('stream-test', session, String(n)),
    parentSpanId: null,
    sessionId: asSessionId(session),
    name: `tool-${n}`,
    type: 'tool_call',
    startNs: msToNano(T + n * 1000),
    endNs: msToNano(T + n * 1000 + 250),
    status: 'ok',
    statusMessage: null,
    source: 'sdk',
    model: null,
    toolName: 'Bash',
    usage: null,
    costUsd: null,
    reportedCostUsd: null,
    attributes: {},
    events: [],
  };
  return { sessions: [{ id: asSessionId(session), traceId, agent: 'sdk', startNs: msToNano(T), status: 'running' }], spans: [span] };
};

const spanNames = (c: SseClient): string[] =>
  c.events.filter((e) => e.event === 'spans').flatMap((e) => (JSON.parse(e.data) as { spans: Array<{ name: string }> }).spans.map((s) => s.name));

describe('SSE /api/v1/stream', () => {
  it('sends new spans and the updated session as they are stored', async () => {
    const client = await SseClient.open(`${h.url}/api/v1/stream`);
    try {
      assert.equal(client.status, 200);
      await client.next((e) => e.event === 'ready');
      await h.write(batch('live-a', 1));
      const spans = await client.next((e) => e.event === 'spans');
      assert.deepEqual(JSON.parse(spans.data).spans.map((s: { name: string; durationMs: number }) => [s.name, s.durationMs]), [['tool-1', 250]]);
      const session = await client.next((e) => e.event === 'session');
      const json = JSON.parse(session.data) as { id: string; status: string; totals: { toolCalls: number } };
      assert.deepEqual([json.id, json.status, json.totals.toolCalls], ['live-a', 'running', 1]);
      assert.ok(spans.id && session.id && spans.id !== session.id);
    } finally {
      client.close();
    }
  });

  it('filters by session', async () => {
    const client = await SseClient.open(`${h.url}/api/v1/stream?session=live-b`);
    try {
      await client.next((e) => e.event === 'ready');
      await h.write(batch('live-c', 1));
      await h.write(batch('live-b', 2));
      await client.next((e) => e.event === 'session');
      assert.deepEqual(spanNames(client), ['tool-2']);
      assert.ok(client.events.every((e) => e.event === 'ready' || JSON.parse(e.data).id === 'live-b' || JSON.parse(e.data).sessionId === 'live-b'));
    } finally {
      client.close();
    }
  });

  it('resumes from Last-Event-ID without losing what was stored while disconnected', async () => {
    const first = await SseClient.open(`${h.url}/api/v1/stream?session=live-d`);
    await first.next((e) => e.event === 'ready');
    await h.write(batch('live-d', 1));
    const seen = await first.next((e) => e.event === 'session');
    first.close();
    for (let n = 2; n <= 4; n++) await h.write(batch('live-d', n));
    const second = await SseClient.open(`${h.url}/api/v1/stream?session=live-d`, { 'Last-Event-ID': seen.id ?? '' });
    try {
      await second.next((e) => e.event === 'ready');
      assert.deepEqual(spanNames(second), ['tool-2', 'tool-3', 'tool-4']);
      const last = second.events.filter((e) => e.event === 'session').at(-1);
      assert.equal(JSON.parse(last?.data ?? '{}').totals.toolCalls, 4);
    } finally {
      second.close();
    }
  });

  it('tells a client whose Last-Event-ID it cannot honour to reset', async () => {
    const client = await SseClient.open(`${h.url}/api/v1/stream`, { 'Last-Event-ID': 'zzzz-5' });
    try {
      await client.next((e) => e.event === 'reset');
    } finally {
      client.close();
    }
  });
});

describe('EventHub', () => {
  it('replays only what the buffer still holds, and asks for a reset beyond it', () => {
    const hub = new EventHub(3, 0);
    for (let i = 0; i < 5; i++) hub.publish('spans', 's', { i });
    const sink = { sessionId: null, send: () => undefined };
    assert.deepEqual((hub.subscribe(sink, '0-3') as Array<{ seq: number }>).map((e) => e.seq), [4, 5]);
    assert.deepEqual((hub.subscribe(sink, '0-2') as Array<{ seq: number }>).map((e) => e.seq), [3, 4, 5]);
    assert.equal(hub.subscribe(sink, '0-1'), 'reset');
    assert.equal(hub.subscribe(sink, '0-9'), 'reset');
    assert.deepEqual(hub.subscribe(sink, null), []);
  });

  it('serialises an event once, on first use: the same JSON live and on replay, whenever it is asked for', () => {
    const hub = new EventHub(10, 0);
    const sent: string[] = [];
    const live = { sessionId: 'a', send: (e: { data: string }) => sent.push(e.data) };
    hub.subscribe(live, null);
    const value = { spans: [{ name: 'x', usage: { input: 1 } }], more: 0 };
    const unsent = hub.publish('spans', 'b', value);
    const delivered = hub.publish('spans', 'a', { n: 2 });
    assert.deepEqual(sent, ['{"n":2}']);
    assert.equal(delivered.data, sent[0]);
    const replayed = hub.subscribe({ sessionId: null, send: () => undefined }, '0-0') as Array<{ data: string }>;
    assert.deepEqual(replayed.map((e) => e.data), [JSON.stringify(value), '{"n":2}']);
    assert.equal(unsent.data, replayed[0]?.data);
  });
});
