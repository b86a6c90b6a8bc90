import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asSessionId, asSpanId, asTraceId, makeSpan, type Span } from '@agent-trace/schema';
import { idleTime } from './replay.js';

const S = 1_000_000_000n;
const idle = (start: bigint, end: bigint | null): Span =>
  makeSpan({
    traceId: asTraceId('0'.repeat(32)),
    spanId: asSpanId(start.toString(16).padStart(16, '0')),
    parentSpanId: null,
    sessionId: asSessionId('s'),
    name: 'idle',
    type: 'idle',
    startNs: start,
    endNs: end,
    status: 'unset',
    source: 'transcript',
  });

describe('idle time', () => {
  it('adds up the waits between turns', () => {
    assert.equal(idleTime([idle(10n * S, 70n * S), idle(100n * S, 130n * S)], []), 90_000);
  });

  it('counts a wait reported by a transcript and by a hook once', () => {
    // The transcript's gap 10..70 s, the hook's idle notification at 30 s (no end: it ended at the next prompt, 70 s).
    assert.equal(idleTime([idle(10n * S, 70n * S), idle(30n * S, null)], [0n, 70n * S]), 60_000);
  });

  it('does not count a wait that has not ended', () => {
    assert.equal(idleTime([idle(10n * S, null)], [0n]), 0);
  });
});
