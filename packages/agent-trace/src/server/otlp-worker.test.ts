import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { makeSpan, type SessionId, type Span, type SpanId, type TraceId } from '@agent-trace/schema';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { defaultConfig } from '../config/config.js';
import { RECEIVED_AT_HEADER } from '../ingest/hooks/client/forward.js';
import { createOtlpIngest, OtlpDecodeError, type OtlpEncoding, type Signal } from '../ingest/otlp/index.js';
import { createPipeline } from '../pipeline/index.js';
import { plantHookPayloads, plantOtlp, type Planted } from '../pipeline/conformance/plant.js';
import { createPriceBook } from '../pricing/index.js';
import { packSpans, unpackSpans } from '../ingest/span-transfer.js';
import { OtlpWorker } from './otlp-worker.js';
import { makeSpans } from './test/otel-sdk.js';
import { startHarness, type Harness, type HarnessOptions } from './test/harness.js';

const PROJECT = '/home/ana/shop';
const T0 = BigInt(Date.UTC(2026, 10, 2)) * 1_000_000n;
const attr = (key: string, value: string | number | boolean | string[]) => ({
  key,
  value:
    typeof value === 'number'
      ? { intValue: String(value) }
      : typeof value === 'boolean'
        ? { boolValue: value }
        : Array.isArray(value)
          ? { arrayValue: { values: value.map((v) => ({ stringValue: v })) } }
          : { stringValue: value },
});

/** Claude Code beta spans of the hook sessions (so their project root, learnt from the hooks, applies to paths). */
const claudeTraces = (sessionIds: readonly string[]): unknown => ({
  resourceSpans: [
    {
      resource: { attributes: [attr('service.name', 'claude-code'), attr('service.version', '2.1.197')] },
      scopeSpans: [
        {
          scope: { name: 'com.anthropic.claude_code' },
          spans: sessionIds.flatMap((sid, r) => [
            {
              traceId: (r + 1).toString(16).padStart(32, 'a'),
              spanId: (r + 1).toString(16).padStart(16, 'b'),
              name: 'claude_code.tool',
              startTimeUnixNano: String(T0 + BigInt(r) * 1_000_000n),
              endTimeUnixNano: String(T0 + BigInt(r) * 1_000_000n + 500n),
              attributes: [
                attr('session.id', sid),
                attr('tool_name', 'Read'),
                attr('file_path', `${PROJECT}/src/config.ts`),
                attr('success', 'true'),
                attr('duration_ms', '12'),
              ],
              events: [{ name: 'read', timeUnixNano: String(T0 + BigInt(r) * 1_000_000n + 100n), attributes: [attr('path', `${PROJECT}/README.md`)] }],
            },
            {
              traceId: (r + 1).toString(16).padStart(32, 'a'),
              spanId: (r + 1).toString(16).padStart(16, 'c'),
              name: 'claude_code.llm_request',
              startTimeUnixNano: String(T0 + BigInt(r) * 1_000_000n + 1000n),
              endTimeUnixNano: String(T0 + BigInt(r) * 1_000_000n + 2000n),
              attributes: [attr('session.id', sid), attr('model', 'claude-sonnet-4-5'), attr('input_tokens', '120'), attr('output_tokens', '30'), attr('cost_usd', '0.001')],
            },
          ]),
        },
      ],
    },
  ],
});

/** Generic spans with links, array and map attributes, an invalid one (rejected) beside them. */
const genericTraces = (): unknown => ({
  resourceSpans: [
    {
      resource: { attributes: [attr('service.name', 'svc')] },
      scopeSpans: [
        {
          scope: { name: 'lib', version: '1' },
          spans: [
            {
              traceId: 'd'.repeat(32),
              spanId: 'e'.repeat(16),
              name: 'op',
              kind: 2,
              startTimeUnixNano: String(T0),
              endTimeUnixNano: String(T0 + 5n),
              attributes: [attr('tags', ['a', 'b']), { key: 'obj', value: { kvlistValue: { values: [attr('x', true), attr('y', 2)] } } }, attr('flag', false), { key: 'none', value: {} }, { key: 'd', value: { doubleValue: -0.5 } }],
              links: [{ traceId: 'f'.repeat(32), spanId: '1'.repeat(16) }],
              status: { code: 1 },
            },
            { traceId: 'not-hex', spanId: 'e'.repeat(16), name: 'bad', startTimeUnixNano: String(T0) },
          ],
        },
      ],
    },
  ],
});

interface Sent {
  signal: Signal;
  encoding: OtlpEncoding;
  body: Buffer;
}

/**
 * Every request of the run, in order; hooks first (with their fixed receive times), then OTLP of every kind. Made
 * once: the SDK gives its spans random ids.
 */
let made: Promise<{ hooks: Array<Record<string, unknown>>; otlp: Sent[] }> | null = null;
const requests = (): Promise<{ hooks: Array<Record<string, unknown>>; otlp: Sent[] }> => (made ??= makeRequests());
const makeRequests = async (): Promise<{ hooks: Array<Record<string, unknown>>; otlp: Sent[] }> => {
  const planted: Planted = { secrets: [], markers: [] };
  const hooks = plantHookPayloads(planted, 'hook');
  const sessionIds = [...new Set(hooks.map((h) => String(h['session_id'])))];
  const planted2 = plantOtlp(planted);
  const sdkSpans = await makeSpans({ 'service.name': 'bench-agent' }, [
    { name: 'chat m', startNs: T0, endNs: T0 + 10n, attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'claude-sonnet-4-5', 'gen_ai.usage.input_tokens': 1200, 'gen_ai.usage.output_tokens': 90 } },
    { name: 'execute_tool Read', startNs: T0 + 1n, endNs: T0 + 2n, attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'Read', 'file.path': `${PROJECT}/a.ts`, tags: ['x', 'y'] }, error: 'nope', events: [{ name: 'e', timeNs: T0 + 1n, attributes: { k: 'v' } }] },
  ]);
  const json = (signal: Signal, value: unknown): Sent => ({ signal, encoding: 'json', body: Buffer.from(JSON.stringify(value)) });
  return {
    hooks,
    otlp: [
      json('traces', claudeTraces(sessionIds)),
      json('traces', planted2.traces),
      json('logs', planted2.logs),
      json('metrics', planted2.metrics),
      json('traces', genericTraces()),
      { signal: 'traces', encoding: 'protobuf', body: Buffer.from(ProtobufTraceSerializer.serializeRequest(sdkSpans) ?? []) },
      { signal: 'traces', encoding: 'json', body: Buffer.from('{"resourceSpans": [') },
      { signal: 'traces', encoding: 'protobuf', body: Buffer.from([0x0a, 0xff, 0xff, 0x01]) },
      json('logs', { resourceLogs: 5 }),
    ],
  };
};

const TABLES = ['sessions', 'spans', 'sampled_spans', 'usage_rollup', 'logs', 'metrics'] as const;
/** When a session was first seen is the clock's, not the data's. */
const CLOCK_COLUMNS = new Set(['first_seen_ns']);

/** Feeds the run to a collector; returns every answer, the counters and the tables' contents. */
const runThrough = async (options: HarnessOptions) => {
  const { hooks, otlp } = await requests();
  const h: Harness = await startHarness({}, options);
  try {
    const answers: Array<{ status: number; body: string }> = [];
    for (const [i, payload] of hooks.entries()) {
      const res = await fetch(`${h.httpUrl}/v1/hooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [RECEIVED_AT_HEADER]: String(T0 + BigInt(i)) },
        body: JSON.stringify(payload),
      });
      answers.push({ status: res.status, body: await res.text() });
    }
    for (const r of otlp) {
      const res = await fetch(`${h.httpUrl}/v1/${r.signal}`, {
        method: 'POST',
        headers: { 'content-type': r.encoding === 'json' ? 'application/json' : 'application/x-protobuf' },
        body: r.body,
      });
      answers.push({ status: res.status, body: Buffer.from(await res.arrayBuffer()).toString('base64') });
    }
    const tables = Object.fromEntries(
      TABLES.map((t): [string, Array<Record<string, unknown>>] => [
        t,
        h
          .query<Record<string, unknown>>(`SELECT * FROM ${t} ORDER BY rowid`)
          .map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !CLOCK_COLUMNS.has(k)))),
      ]),
    );
    return { answers, counters: h.collector.counters.toJSON(), tables: tables as Record<(typeof TABLES)[number], Array<Record<string, unknown>>> };
  } finally {
    await h.stop();
  }
};

describe('OTLP in the worker thread', () => {
  for (const [label, configure] of [
    ['default configuration', undefined],
    ['tier 3, half the traces sampled out, names kept', (c: ReturnType<typeof defaultConfig>) => {
      c.privacy.tier = 3;
      c.privacy.keepProjectNames = true;
      c.sampling.rate = 50;
    }],
  ] as const) {
    it(`stores exactly what the collector's own thread stores, and answers the same (${label})`, async () => {
      const options = configure ? { configure } : {};
      const inThread = await runThrough({ ...options, inThread: true });
      const worker = await runThrough(options);
      assert.ok(inThread.tables.spans.length > 20, 'spans were stored');
      assert.ok(inThread.answers.some((a) => a.status === 400), 'bad requests were part of the run');
      assert.deepEqual(worker.answers, inThread.answers);
      assert.deepEqual(worker.counters, inThread.counters);
      for (const t of TABLES) assert.deepEqual(worker.tables[t], inThread.tables[t], t);
      if (configure) assert.ok(inThread.tables.sampled_spans.length > 0, 'some spans were sampled out');
      // The project root learnt from the hooks applied to the OTLP spans' paths in the worker too.
      const paths = worker.tables.spans.map((s) => String(s['attributes'])).filter((a) => a.includes('config.ts'));
      assert.ok(paths.length > 0 && paths.every((a) => !a.includes(PROJECT)), paths.join('\n'));
    });
  }
});

describe('OtlpWorker', () => {
  const config = defaultConfig();
  const salt = 'worker-test-salt';
  const workers: OtlpWorker[] = [];
  after(async () => {
    for (const w of workers) await w.close();
  });

  it('maps and processes as ingest.map and the pipeline do here; decode errors keep their reason; a stopped worker is replaced', async () => {
    const { otlp } = await requests();
    const w = new OtlpWorker(() => ({ config, salt }));
    workers.push(w);
    await w.ready();
    const ingest = createOtlpIngest();
    const pipeline = createPipeline(config, createPriceBook(config.pricing.models), { salt });
    for (const r of otlp.filter((x) => x.signal === 'traces')) {
      let expected;
      try {
        expected = ingest.map(r.signal, r.encoding, r.body);
      } catch (err) {
        assert.ok(err instanceof OtlpDecodeError);
        await assert.rejects(w.map(r.signal, r.encoding, r.body), (e: unknown) => e instanceof OtlpDecodeError && e.reason === err.reason && e.message === err.message);
        continue;
      }
      const got = await w.map(r.signal, r.encoding, r.body);
      assert.equal(got.processed, true);
      assert.equal(got.accepted, expected.accepted);
      assert.deepEqual(got.rejections, expected.rejections);
      assert.equal(got.rejections.summary(), expected.rejections.summary());
      assert.deepEqual(got.batch, pipeline.process(expected.batch));
    }
    // A worker that dies fails what it held, and the next request starts another. The request it holds is large
    // (the first one's resource spans 2,000 times over, tens of milliseconds of decoding), so that it is still
    // held when the worker is stopped right after it was posted: a small one could be answered first.
    const body = otlp[0]!.body;
    const count = createOtlpIngest().map('traces', 'json', body).accepted;
    const parsed = JSON.parse(body.toString('utf8')) as { resourceSpans: unknown[] };
    const large = Buffer.from(JSON.stringify({ resourceSpans: Array.from({ length: 2000 }, () => parsed.resourceSpans).flat() }));
    const inFlight = w.map('traces', 'json', large);
    await (w as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await assert.rejects(inFlight, /OTLP worker stopped/);
    assert.equal((await w.map('traces', 'json', body)).accepted, count);
    // After close, a late request is mapped on this thread, unprocessed (the closed writer then refuses it).
    await w.close();
    const late = await w.map('traces', 'json', body);
    assert.equal(late.processed, false);
    assert.equal(late.accepted, count);
  });
});

/** Deep equality and the same key order at every level (the store writes attributes as JSON in key order). */
const assertSame = (actual: unknown, expected: unknown, path = 'span'): void => {
  if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) {
    assert.deepEqual(Object.keys(actual as object), Object.keys(expected), `${path}: keys in order`);
    for (const key of Object.keys(expected)) assertSame((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
  } else if (Array.isArray(expected)) {
    assert.equal((actual as unknown[]).length, expected.length, `${path}: length`);
    expected.forEach((v, i) => assertSame((actual as unknown[])[i], v, `${path}[${i}]`));
  } else {
    assert.deepEqual(actual, expected, path);
  }
};

describe('packSpans / unpackSpans', () => {
  it('rebuilds the spans of every request, mapped and processed, keys in the same order', async () => {
    const { otlp } = await requests();
    const ingest = createOtlpIngest();
    const pipeline = createPipeline(defaultConfig(), createPriceBook({}), { salt: 's' });
    let checked = 0;
    for (const r of otlp) {
      let spans: readonly Span[] | undefined;
      try {
        spans = ingest.map(r.signal, r.encoding, r.body).batch.spans;
      } catch {
        continue;
      }
      if (!spans) continue;
      for (const list of [spans, pipeline.process({ spans }).spans ?? []]) {
        const packed = packSpans(list);
        assert.ok(packed, 'the OTLP mapping only makes spans the packed form carries');
        const back = unpackSpans(structuredClone(packed));
        assert.equal(back.length, list.length);
        list.forEach((s, i) => assertSame(back[i], s, `span ${i}`));
        checked += list.length;
      }
    }
    assert.ok(checked > 20);
  });

  it('carries odd numbers, nulls, nested values and events; declines other shapes', () => {
    const base = (fields: Partial<Span> = {}): Span =>
      makeSpan({
        traceId: 'a'.repeat(32) as TraceId,
        spanId: 'b'.repeat(16) as SpanId,
        parentSpanId: null,
        sessionId: 's1' as SessionId,
        name: 'n',
        type: 'custom',
        startNs: -(2n ** 63n),
        endNs: 2n ** 63n - 1n,
        status: 'error',
        statusMessage: 'boom',
        source: 'otlp',
        ...fields,
      });
    const spans = [
      base({
        attributes: { n: -0, x: Number.NaN, big: 1e300, s: '', t: true, f: false, z: null, arr: [1, 'a', null], map: { k: [{ deep: -0 }] }, '2': 'two' },
        events: [{ name: 'e', timeNs: 5n, attributes: { a: 'b', v: [1] } }],
        usage: { input: 1, output: 2, cacheRead: 3, cacheWrite5m: 4, cacheWrite1h: 5, reasoning: 6 },
        costUsd: 0.25,
        reportedCostUsd: 0,
        model: 'm',
        toolName: 't',
      }),
      base({ endNs: null, attributes: { s: 'again' } }),
      base({ attributes: { s: 'again' } }),
    ];
    const back = unpackSpans(structuredClone(packSpans(spans)!));
    spans.forEach((s, i) => assertSame(back[i], s, `span ${i}`));
    assert.ok(Object.is(back[0]!.attributes['n'], -0));
    assert.ok(Object.is(((back[0]!.attributes['map'] as Record<string, Array<Record<string, number>>>)['k']![0]!)['deep'], -0));

    const declined: Array<[string, Span]> = [
      ['__proto__ attribute', base({ attributes: JSON.parse('{"__proto__": 1}') as Span['attributes'] })],
      ['time beyond 64 bits', base({ startNs: 2n ** 63n })],
      ['event time beyond 64 bits', base({ events: [{ name: 'e', timeNs: 2n ** 64n, attributes: {} }] })],
      ['event with another key', base({ events: [{ name: 'e', timeNs: 1n, attributes: {}, more: 1 } as unknown as Span['events'][number]] })],
      ['extra key', { ...base(), extra: 1 } as unknown as Span],
      ['other key order', Object.assign({ traceId: 'a' }, base()) as Span],
      ['usage with another key', base({ usage: { input: 1, output: 2, cacheRead: 3, cacheWrite5m: 4, cacheWrite1h: 5, reasoning: 6, more: 1 } as Span['usage'] })],
      ['non-string name', base({ name: 5 as unknown as string })],
    ];
    for (const [label, s] of declined) assert.equal(packSpans([base(), s]), null, label);
  });
});
