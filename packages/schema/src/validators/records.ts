import { z } from 'zod';
import { SessionId, SpanId, TraceId } from './ids.js';
import { CONTRIBUTOR_TYPES, LOG_LEVELS, METRIC_KINDS } from '../enums.js';
import { Attributes, AttrValue } from './attributes.js';
import { UnixNano } from './time.js';

/** The structured-log foundation: every event that is not a span. */
export const LogRecord = z.object({
  id: z.string().min(1),
  timeNs: UnixNano,
  level: z.enum(LOG_LEVELS),
  component: z.string(),
  eventName: z.string().nullable(),
  sessionId: SessionId.nullable(),
  traceId: TraceId.nullable(),
  spanId: SpanId.nullable(),
  body: AttrValue,
  fields: Attributes,
});
export type LogRecord = z.infer<typeof LogRecord>;

export const MetricPoint = z.object({
  name: z.string().min(1),
  kind: z.enum(METRIC_KINDS),
  value: z.number(),
  labels: z.record(z.string(), z.string()),
  timeNs: UnixNano,
  sessionId: SessionId.nullable(),
});
export type MetricPoint = z.infer<typeof MetricPoint>;

/** A line range as the Agent Trace format has it (1-based, inclusive). */
export const LineRange = z.object({
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  contentHash: z.string().nullable(),
});
export type LineRange = z.infer<typeof LineRange>;

export const Attribution = z.object({
  id: z.string().min(1),
  timeNs: UnixNano,
  sessionId: SessionId.nullable(),
  spanId: SpanId.nullable(),
  filePath: z.string().min(1),
  ranges: z.array(LineRange),
  contributor: z.enum(CONTRIBUTOR_TYPES),
  modelId: z.string().nullable(),
  vcsRevision: z.string().nullable(),
});
export type Attribution = z.infer<typeof Attribution>;

export const CommitLink = z.object({
  repository: z.string().min(1),
  commit: z.string().regex(/^[0-9a-f]{7,64}$/),
  sessionIds: z.array(SessionId),
  linesByAi: z.number().int().nonnegative(),
  linesByHumans: z.number().int().nonnegative(),
  timeNs: UnixNano,
});
export type CommitLink = z.infer<typeof CommitLink>;
