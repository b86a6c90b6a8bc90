import type { SpanId } from '@agent-trace/schema';

const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);
const HEX = /^[0-9a-f]*$/;

/** Why an OTLP span cannot be stored, or null when it can. */
export const spanProblem = (traceId: string, spanId: string, parentSpanId: string, startNs: bigint): string | null => {
  if (traceId.length !== 32 || traceId === ZERO_TRACE || !HEX.test(traceId)) return 'invalid_trace_id';
  if (spanId.length !== 16 || spanId === ZERO_SPAN || !HEX.test(spanId)) return 'invalid_span_id';
  if (parentSpanId !== '' && (parentSpanId.length !== 16 || !HEX.test(parentSpanId))) return 'invalid_parent_span_id';
  if (startNs <= 0n) return 'missing_start_time';
  return null;
};

export const PROBLEM_TEXT: Record<string, string> = {
  invalid_trace_id: 'trace id must be 16 bytes (32 hex characters), not all zero',
  invalid_span_id: 'span id must be 8 bytes (16 hex characters), not all zero',
  invalid_parent_span_id: 'parent span id must be empty or 8 bytes (16 hex characters)',
  missing_start_time: 'start time is missing or zero',
};

/**
 * Remembers which stored id each original Claude Code span id got, across requests, so a child that
 * arrives after its parent points at the parent's stored (correlation) id. Bounded: the oldest entries
 * go first (a Map keeps insertion order).
 */
export class SpanIdMap {
  private readonly map = new Map<string, SpanId>();
  constructor(private readonly capacity = 100_000) {}

  get(original: string): SpanId | undefined {
    return this.map.get(original);
  }

  set(original: string, stored: SpanId): void {
    if (this.map.size >= this.capacity) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
    this.map.set(original, stored);
  }
}
