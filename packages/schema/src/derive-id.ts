import * as crypto from 'node:crypto';
import { asSpanId, asTraceId, type SpanId, type TraceId } from './ids.js';

/**
 * One-shot crypto.hash (Node ≥ 20.12) where it exists: the same SHA-256, about 2× faster than createHash for these
 * short inputs (0.85 µs against 1.8 µs); the transcript parser derives an id or more per line.
 */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');
/**
 * Deterministic ids from the source's own identifiers, so the same fact arriving twice,
 * or through two layers, gets the same id and is stored once.
 */
const digest = (parts: readonly string[]): string => sha256Hex(parts.join('\u001f'));

export const deriveTraceId = (...parts: readonly string[]): TraceId => asTraceId(digest(parts).slice(0, 32));
export const deriveSpanId = (...parts: readonly string[]): SpanId => asSpanId(digest(parts).slice(0, 16));
export const deriveId = (...parts: readonly string[]): string => digest(parts).slice(0, 32);
