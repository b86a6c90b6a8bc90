import type { Attributes, AttrValue } from '@agent-trace/schema';

/**
 * OTLP requests after decoding, the same shape whichever encoding (protobuf or JSON) they came in.
 * Ids are lowercase hex ('' when absent), times are exact bigint nanoseconds (0n when absent),
 * attribute values are already our AttrValue (64-bit integers beyond 2^53 stay exact as decimal strings).
 */
export interface OtlpScope {
  name: string;
  version: string;
}

export interface OtlpSpanEvent {
  name: string;
  timeNs: bigint;
  attributes: Attributes;
}

export interface OtlpLink {
  traceId: string;
  spanId: string;
  attributes: Attributes;
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  traceState: string;
  name: string;
  /** SpanKind enum: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: Attributes;
  events: OtlpSpanEvent[];
  links: OtlpLink[];
  /** StatusCode enum: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
}

export interface OtlpLogRecord {
  timeNs: bigint;
  observedTimeNs: bigint;
  severityNumber: number;
  severityText: string;
  body: AttrValue;
  attributes: Attributes;
  traceId: string;
  spanId: string;
  eventName: string;
}

export interface OtlpNumberPoint {
  attributes: Attributes;
  startNs: bigint;
  timeNs: bigint;
  value: number;
}

/** Histograms, exponential histograms and summaries reduce to count and sum (buckets are not kept). */
export interface OtlpDistributionPoint {
  attributes: Attributes;
  startNs: bigint;
  timeNs: bigint;
  count: number;
  sum: number;
}

/** AggregationTemporality enum: 0 unspecified, 1 delta, 2 cumulative. */
export type OtlpMetricData =
  | { type: 'gauge'; points: OtlpNumberPoint[] }
  | { type: 'sum'; points: OtlpNumberPoint[]; temporality: number; monotonic: boolean }
  | { type: 'histogram'; points: OtlpDistributionPoint[]; temporality: number }
  | { type: 'summary'; points: OtlpDistributionPoint[] }
  | { type: 'empty' };

export interface OtlpMetric {
  name: string;
  unit: string;
  data: OtlpMetricData;
}

export interface ScopeItems<T> {
  scope: OtlpScope;
  items: T[];
}

export interface ResourceItems<T> {
  resource: Attributes;
  scopes: ScopeItems<T>[];
}

export type TracesRequest = ResourceItems<OtlpSpan>[];
export type LogsRequest = ResourceItems<OtlpLogRecord>[];
export type MetricsRequest = ResourceItems<OtlpMetric>[];

export const SIGNALS = ['traces', 'logs', 'metrics'] as const;
export type Signal = (typeof SIGNALS)[number];
