import { createHash } from 'node:crypto';
import { asSpanId, asTraceId, type SpanId, type TraceId } from './ids.js';

/**
 * Deterministic ids from the source's own identifiers, so the same fact arriving twice,
 * or through two layers, gets the same id and is stored once.
 */
const digest = (parts: readonly string[]): string => createHash('sha256').update(parts.join('\u001f')).digest('hex');

export const deriveTraceId = (...parts: readonly string[]): TraceId => asTraceId(digest(parts).slice(0, 32));
export const deriveSpanId = (...parts: readonly string[]): SpanId => asSpanId(digest(parts).slice(0, 16));
export const deriveId = (...parts: readonly string[]): string => digest(parts).slice(0, 32);
