import type { SessionId, SpanId, TraceId } from './validators/ids.js';
export type { SessionId, SpanId, TraceId } from './validators/ids.js';

/** Casts to the branded ids, for values already known to be well-formed (the validators check the rest). */
export const asSessionId = (value: string): SessionId => value as SessionId;
export const asTraceId = (value: string): TraceId => value as TraceId;
export const asSpanId = (value: string): SpanId => value as SpanId;
