import type { Span } from './validators/span.js';

/** What every span must be given; the rest defaults to nothing known. */
export type SpanCore = Pick<Span, 'traceId' | 'spanId' | 'parentSpanId' | 'sessionId' | 'name' | 'type' | 'startNs' | 'endNs' | 'status' | 'source'>;

/** A span from its core fields: no status message, model, tool, usage, cost, attributes or events unless given. */
export const makeSpan = (fields: SpanCore & Partial<Span>): Span => ({
  statusMessage: null,
  model: null,
  toolName: null,
  usage: null,
  costUsd: null,
  reportedCostUsd: null,
  attributes: {},
  events: [],
  ...fields,
});
