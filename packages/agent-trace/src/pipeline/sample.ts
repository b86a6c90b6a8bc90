import { createHash } from 'node:crypto';
import type { LogRecord, Span } from '@agent-trace/schema';
import type { WriteBatch } from '../store/types.js';

export type Sampler = (batch: WriteBatch) => WriteBatch;

/** Trace ids decided recently; a batch's spans share a handful of traces, so most decisions are a Map lookup. */
const MAX_REMEMBERED = 10_000;

/**
 * Whether a trace is kept: the first 32 bits of SHA-256(trace id), as a fraction of 2^32, below rate/100.
 * Every process and every layer decides the same way for the same trace, so a trace is kept or left out whole.
 */
export const traceKept = (traceId: string, ratePercent: number): boolean => {
  if (ratePercent >= 100) return true;
  if (ratePercent <= 0) return false;
  const head = createHash('sha256').update(traceId).digest().readUInt32BE(0);
  return head < (ratePercent / 100) * 0x1_0000_0000;
};

const isError = (span: Span): boolean => span.status === 'error' || span.type === 'error';
const isErrorLog = (log: LogRecord): boolean => log.level === 'error' || log.level === 'fatal';

/**
 * Deterministic per-trace sampling, after redaction and pricing. Spans of a left-out trace move to
 * `sampledSpans` (their numbers still count in totals and roll-ups); error spans are always kept in full.
 * Logs of a left-out trace are dropped unless they are errors; sessions and metrics are always kept
 * (they are the exact totals).
 */
export const createSampler = (ratePercent: number): Sampler => {
  if (ratePercent >= 100) return (batch) => batch;
  const decided = new Map<string, boolean>();
  const kept = (traceId: string): boolean => {
    let answer = decided.get(traceId);
    if (answer === undefined) {
      answer = traceKept(traceId, ratePercent);
      if (decided.size >= MAX_REMEMBERED) decided.clear();
      decided.set(traceId, answer);
    }
    return answer;
  };
  return (batch) => {
    const spans: Span[] = [];
    const sampled: Span[] = [...(batch.sampledSpans ?? [])];
    for (const span of batch.spans ?? []) (kept(span.traceId) || isError(span) ? spans : sampled).push(span);
    const logs = batch.logs?.filter((l) => l.traceId === null || kept(l.traceId) || isErrorLog(l));
    return {
      ...batch,
      ...(batch.spans ? { spans } : {}),
      ...(sampled.length > 0 ? { sampledSpans: sampled } : {}),
      ...(logs ? { logs } : {}),
    };
  };
};
