import { z } from 'zod';
import { SessionId, SpanId, TraceId } from './ids.js';
import { SOURCES, SPAN_STATUSES, SPAN_TYPES } from '../enums.js';
import { Attributes } from './attributes.js';
import { UnixNano } from './time.js';
import { Usage } from './usage.js';

export const SpanEvent = z.object({
  name: z.string(),
  timeNs: UnixNano,
  attributes: Attributes,
});
export type SpanEvent = z.infer<typeof SpanEvent>;

/**
 * One span, with OpenTelemetry semantics. One trace per session: the root span is the session,
 * its children are turns (one per user prompt), below them model calls, tool calls and sub-agents.
 * Columns analytics needs are first-class; everything else lives in `attributes`.
 */
export const Span = z.object({
  traceId: TraceId,
  spanId: SpanId,
  parentSpanId: SpanId.nullable(),
  sessionId: SessionId,
  name: z.string().min(1),
  type: z.enum(SPAN_TYPES),
  startNs: UnixNano,
  endNs: UnixNano.nullable(),
  status: z.enum(SPAN_STATUSES),
  statusMessage: z.string().nullable(),
  source: z.enum(SOURCES),
  /** Model of an llm_call (or the model a sub-agent ran). */
  model: z.string().nullable(),
  /** Tool name of a tool_call. */
  toolName: z.string().nullable(),
  /** Token usage of an llm_call; null for other types. */
  usage: Usage.nullable(),
  /** Calculated cost in USD; null when the model has no known price. */
  costUsd: z.number().nonnegative().nullable(),
  /** Cost the source itself reported (transcript costUSD, OTel cost_usd); null when absent. */
  reportedCostUsd: z.number().nonnegative().nullable(),
  attributes: Attributes,
  events: z.array(SpanEvent),
});
export type Span = z.infer<typeof Span>;
