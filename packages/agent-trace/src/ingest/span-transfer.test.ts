import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeSpan, type SessionId, type Span, type SpanId, type TraceId } from '@agent-trace/schema';
import { readPlannedFiles } from './read-files.js';
import { packSpans, unpackSpans } from './span-transfer.js';
import { claudeCodeAdapter } from './transcripts/claude-code/index.js';
import { FIXTURES } from './transcripts/claude-code/test/helpers.js';

const jsonlUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonlUnder(join(dir, e.name)) : e.name.endsWith('.jsonl') ? [join(dir, e.name)] : [],
  );

/** Every span the parser makes from the fixtures, at both content settings. */
const fixtureSpans = async (): Promise<Span[]> => {
  const files = [...jsonlUnder(FIXTURES), ...jsonlUnder(join(FIXTURES, '..', 'parity'))].sort();
  const plan = files.map((path) => ({ path, size: statSync(path).size, mtimeMs: 0, from: null }));
  const spans: Span[] = [];
  for (const includeContent of [false, true]) {
    await readPlannedFiles(plan, claudeCodeAdapter, { includeContent, batchSpans: 4000 }, { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, sessionsSeen: 0 }, {
      write: async (batch) => void spans.push(...(batch.spans ?? [])),
      progress: () => {},
    });
  }
  return spans;
};

/** Deep equality and the same key order at every level (the store writes attributes as JSON in key order). */
const assertSame = (actual: unknown, expected: unknown, path = 'span'): void => {
  if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) {
    assert.deepEqual(Object.keys(actual as object), Object.keys(expected), `${path}: keys in order`);
    for (const key of Object.keys(expected)) assertSame((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
  } else {
    assert.deepEqual(actual, expected, path);
  }
};

const span = (fields: Partial<Span> = {}): Span =>
  makeSpan({
    source: 'transcript',
    traceId: 'a'.repeat(32) as TraceId,
    spanId: 'b'.repeat(16) as SpanId,
    parentSpanId: null,
    sessionId: 's1' as SessionId,
    name: 'turn',
    type: 'turn',
    startNs: 1n,
    endNs: null,
    status: 'ok',
    ...fields,
  });

describe('packSpans / unpackSpans', () => {
  it('rebuilds every span the parser makes from the fixtures, keys in the same order', async () => {
    const spans = await fixtureSpans();
    assert.ok(spans.length > 100);
    const packed = packSpans(spans);
    assert.ok(packed, 'the parser only makes spans the packed form carries');
    const back = unpackSpans(structuredClone(packed));
    assert.equal(back.length, spans.length);
    for (let i = 0; i < spans.length; i++) assertSame(back[i], spans[i], `span ${i}`);
    // 11 string slots per span plus each attribute's key (and string value): repeats of a slot and keys are sent once.
    const occurrences = spans.reduce((n, s) => n + 11 + Object.keys(s.attributes).length * 2, 0);
    assert.ok(packed.strings.length < occurrences / 2, `${packed.strings.length} strings for ${occurrences} string fields`);
  });

  it('carries nulls, costs, usage, odd numbers and every attribute value kind', () => {
    const spans = [
      span(),
      span({
        parentSpanId: 'c'.repeat(16) as SpanId,
        endNs: 2n ** 63n - 1n,
        startNs: -(2n ** 63n),
        status: 'error',
        statusMessage: 'tool error',
        model: 'm',
        toolName: 'Bash',
        costUsd: 0.25,
        reportedCostUsd: 0,
        usage: { input: 1, output: 2, cacheRead: 3, cacheWrite5m: 4, cacheWrite1h: 5, reasoning: 6 },
        attributes: { '2': 'two', b: true, a: false, z: null, n: -0, x: Number.NaN, big: 1e300, s: '' },
      }),
      span({ costUsd: 1.5 }),
      span({ reportedCostUsd: 2 }),
    ];
    const packed = packSpans(spans)!;
    const back = unpackSpans(packed);
    for (let i = 0; i < spans.length; i++) assertSame(back[i], spans[i], `span ${i}`);
    assert.ok(Object.is(back[1]!.attributes['n'], -0));
  });

  it('carries events and nested or array attribute values in the transcript key order too', () => {
    const spans = [span({ events: [{ name: 'e', timeNs: 1n, attributes: { k: 'v' } }], attributes: { a: { b: 1 }, l: [1, 'x'] } }), span()];
    const back = unpackSpans(structuredClone(packSpans(spans)!));
    spans.forEach((s, i) => assertSame(back[i], s, `span ${i}`));
  });

  it('declines shapes it does not carry, so the caller sends the spans as they are', () => {
    const declined: Array<[string, Span]> = [
      ['__proto__ attribute', span({ attributes: JSON.parse('{"__proto__": 1}') as Span['attributes'] })],
      ['time beyond 64 bits', span({ startNs: 2n ** 63n })],
      ['extra key', { ...span(), extra: 1 } as unknown as Span],
      ['other key order', Object.assign({ traceId: 'a' }, span()) as Span],
      ['usage with another key', span({ usage: { input: 1, output: 2, cacheRead: 3, cacheWrite5m: 4, cacheWrite1h: 5, reasoning: 6, more: 1 } as Span['usage'] })],
      ['non-string name', span({ name: 5 as unknown as string })],
    ];
    for (const [label, s] of declined) assert.equal(packSpans([span(), s]), null, label);
  });
});
