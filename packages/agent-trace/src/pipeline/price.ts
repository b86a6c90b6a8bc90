import { nanoToMs, type Span } from '@agent-trace/schema';
import type { PriceBook } from '../pricing/index.js';
import type { WriteBatch } from '../store/types.js';

/**
 * Prices every model call that has usage and no cost yet, at the price in force when the call was made.
 * Cost is computed once, at ingest; sources' own figures stay apart in `reportedCostUsd`.
 */
export const createPricer =
  (prices: PriceBook) =>
  (batch: WriteBatch): WriteBatch => {
    if (!batch.spans) return batch;
    let changed = false;
    const spans = batch.spans.map((span): Span => {
      if (span.type !== 'llm_call' || span.usage === null || span.costUsd !== null || span.model === null) return span;
      const speed = span.attributes['llm.speed'] === 'fast' ? 'fast' : 'standard';
      const cost = prices.cost(span.model, span.usage, { speed, at: nanoToMs(span.startNs) });
      if (cost === null) return span;
      changed = true;
      return { ...span, costUsd: cost };
    });
    return changed ? { ...batch, spans } : batch;
  };
