import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeSpan, nanoToIso, nanoToMs, type SessionId, type Span, type SpanId, type TraceId } from '@agent-trace/schema';
import { SpanOutlines } from './commit-events.js';

/** The outline as the stream has always written it, straight from the span. */
const reference = (s: Span) => ({
  spanId: s.spanId,
  parentSpanId: s.parentSpanId,
  type: s.type,
  name: s.name,
  startTime: nanoToIso(s.startNs),
  durationMs: s.endNs === null ? null : Math.max(0, nanoToMs(s.endNs) - nanoToMs(s.startNs)),
  status: s.status,
  model: s.model,
  toolName: s.toolName,
  usage: s.usage,
  costUsd: s.costUsd,
});

describe('SpanOutlines', () => {
  it('writes the same JSON as outline objects made from the spans, for odd times, nulls and pseudo-random durations', () => {
    const day = BigInt(Date.UTC(2026, 10, 1)) * 1_000_000n;
    const span = (i: number, fields: Partial<Span>): Span =>
      makeSpan({
        traceId: 'a'.repeat(32) as TraceId,
        spanId: i.toString(16).padStart(16, '0') as SpanId,
        parentSpanId: i % 2 ? ('f'.repeat(16) as SpanId) : null,
        sessionId: 's' as SessionId,
        name: `n${i}`,
        type: i % 3 ? 'tool_call' : 'llm_call',
        startNs: day,
        endNs: null,
        status: i % 5 ? 'ok' : 'error',
        source: 'otlp',
        ...fields,
      });
    const spans: Span[] = [
      span(0, {}),
      span(1, { startNs: -(2n ** 63n), endNs: 2n ** 63n - 1n }),
      span(2, { startNs: -1n, endNs: 0n }),
      span(3, { startNs: day + 999_999n, endNs: day + 5n }),
      span(4, { startNs: 253_402_300_800_000n * 1_000_000n + 7n, endNs: 253_402_300_800_000n * 1_000_000n + 1_000_007n }),
      span(5, { model: 'm', toolName: 't', usage: { input: 1, output: 2, cacheRead: 3, cacheWrite5m: 4, cacheWrite1h: 5, reasoning: 6 }, costUsd: 0.125 }),
    ];
    let x = 7;
    for (let i = 6; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const start = day + BigInt(x) * 40_233n;
      spans.push(span(i, { startNs: start, endNs: i % 7 ? start + BigInt((x * 31) % 9_000_000_001) : null, costUsd: i % 3 ? null : x / 1e9 }));
    }
    const value = new SpanOutlines('s', spans, 3);
    assert.equal(JSON.stringify(value), JSON.stringify({ sessionId: 's', spans: spans.map(reference), more: 3 }));
    // Read twice (a replay after a send): the same again.
    assert.equal(JSON.stringify(value), JSON.stringify({ sessionId: 's', spans: spans.map(reference), more: 3 }));
  });
});
