import {
  asSessionId,
  asSpanId,
  asTraceId,
  totalTokens,
  type Agent,
  type LogRecord,
  type MetricPoint,
  type Session,
  type SessionStatus,
  type Span,
  type SpanStatus,
  type SpanType,
  type Source,
  type Usage,
} from '@agent-trace/schema';
import type { FileState, LlmCallRow, SessionUpsert, UsageBucket } from '../types.js';
import { decodeEvents, encodeEvents } from './json-merge.js';

/** Status ranks: the stored value, so that "error wins over ok over unset" is max(). */
export const STATUS_RANK: Record<SpanStatus, number> = { unset: 0, ok: 1, error: 2 };
const STATUS_BY_RANK: readonly SpanStatus[] = ['unset', 'ok', 'error'];

/** Integers come back as bigint from statements with safeIntegers(); counts and sizes fit a number. */
const num = (v: number | bigint): number => (typeof v === 'bigint' ? Number(v) : v);

const encodeAttributes = (attributes: Span['attributes']): string => {
  for (const _ in attributes) return JSON.stringify(attributes);
  return '{}';
};

export const sessionParams = (s: SessionUpsert, nowNs: bigint): unknown[] => [
  s.id,
  s.traceId,
  s.agent,
  s.agentVersion ?? null,
  s.projectName ?? null,
  s.projectHash ?? null,
  s.userHash ?? null,
  s.cwd ?? null,
  s.gitBranch ?? null,
  s.title ?? null,
  s.startNs ?? null,
  s.endNs ?? null,
  s.status ?? null,
  nowNs,
  s.startNs ?? nowNs,
  s.endNs ?? s.startNs ?? nowNs,
];

/** A numeric attribute, or null; merged like the attributes themselves (the newer span's value wins). */
export const numericAttribute = (attributes: Span['attributes'], key: string): number | null => {
  const v = attributes[key];
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null;
};

export const spanParams = (s: Span): unknown[] => {
  const u = s.usage;
  return [
    s.traceId,
    s.spanId,
    s.parentSpanId,
    s.sessionId,
    s.name,
    s.type,
    s.startNs,
    s.endNs,
    STATUS_RANK[s.status],
    s.statusMessage,
    s.source,
    s.model,
    s.toolName,
    u ? u.input : null,
    u ? u.output : null,
    u ? u.cacheRead : null,
    u ? u.cacheWrite5m : null,
    u ? u.cacheWrite1h : null,
    u ? u.reasoning : null,
    u ? totalTokens(u) : null,
    s.costUsd,
    s.reportedCostUsd,
    numericAttribute(s.attributes, 'lines.added'),
    numericAttribute(s.attributes, 'lines.removed'),
    encodeAttributes(s.attributes),
    encodeEvents(s.events),
  ];
};

export const logParams = (l: LogRecord): unknown[] => [
  l.id,
  l.timeNs,
  l.level,
  l.component,
  l.eventName,
  l.sessionId,
  l.traceId,
  l.spanId,
  JSON.stringify(l.body),
  JSON.stringify(l.fields),
];

/** A metric point's identity: name, time, labels (key order ignored) and session. */
export const metricParams = (m: MetricPoint): unknown[] => {
  const labels = JSON.stringify(Object.fromEntries(Object.entries(m.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  const key = JSON.stringify([m.name, m.timeNs.toString(), labels, m.sessionId]);
  return [key, m.name, m.kind, m.value, labels, m.timeNs, m.sessionId];
};

export const fileParams = (f: FileState): unknown[] => [f.path, f.size, f.mtimeMs, f.offset, f.headHash, f.parserState];

export interface FileRow {
  path: string;
  size: number;
  mtime_ms: number;
  byte_offset: number;
  head_hash: string;
  parser_state: string | null;
}

export const fileFromRow = (r: FileRow): FileState => ({
  path: r.path,
  size: r.size,
  mtimeMs: r.mtime_ms,
  offset: r.byte_offset,
  headHash: r.head_hash,
  parserState: r.parser_state,
});

interface UsageColumns {
  input_tokens: number | bigint | null;
  output_tokens: number | bigint | null;
  cache_read_tokens: number | bigint | null;
  cache_write_5m_tokens: number | bigint | null;
  cache_write_1h_tokens: number | bigint | null;
  reasoning_tokens: number | bigint | null;
}

const usageFromColumns = (r: UsageColumns): Usage => ({
  input: num(r.input_tokens ?? 0),
  output: num(r.output_tokens ?? 0),
  cacheRead: num(r.cache_read_tokens ?? 0),
  cacheWrite5m: num(r.cache_write_5m_tokens ?? 0),
  cacheWrite1h: num(r.cache_write_1h_tokens ?? 0),
  reasoning: num(r.reasoning_tokens ?? 0),
});

/** A row of `spans`, read with safeIntegers() so nanoseconds stay exact. */
export interface SpanRow extends UsageColumns {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  session_id: string;
  name: string;
  type: string;
  start_ns: bigint;
  end_ns: bigint | null;
  status: bigint;
  status_message: string | null;
  source: string;
  model: string | null;
  tool_name: string | null;
  cost_usd: number | null;
  reported_cost_usd: number | null;
  attributes: string;
  events: string;
}

export const spanFromRow = (r: SpanRow): Span => ({
  traceId: asTraceId(r.trace_id),
  spanId: asSpanId(r.span_id),
  parentSpanId: r.parent_span_id === null ? null : asSpanId(r.parent_span_id),
  sessionId: asSessionId(r.session_id),
  name: r.name,
  type: r.type as SpanType,
  startNs: r.start_ns,
  endNs: r.end_ns,
  status: STATUS_BY_RANK[num(r.status)] ?? 'unset',
  statusMessage: r.status_message,
  source: r.source as Source,
  model: r.model,
  toolName: r.tool_name,
  usage: r.input_tokens === null ? null : usageFromColumns(r),
  costUsd: r.cost_usd,
  reportedCostUsd: r.reported_cost_usd,
  attributes: r.attributes === '{}' ? {} : (JSON.parse(r.attributes) as Span['attributes']),
  events: decodeEvents(r.events),
});

/** A row of `sessions`, read with safeIntegers(). */
export interface SessionRow {
  id: string;
  trace_id: string;
  agent: string;
  agent_version: string | null;
  project_name: string | null;
  project_hash: string | null;
  user_hash: string | null;
  cwd: string | null;
  git_branch: string | null;
  title: string | null;
  status: string | null;
  start_ns: bigint;
  end_ns: bigint | null;
  input_tokens: bigint;
  output_tokens: bigint;
  cache_read_tokens: bigint;
  cache_write_tokens: bigint;
  cost_usd: number;
  llm_calls: bigint;
  unpriced_calls: bigint;
  tool_calls: bigint;
  errors: bigint;
  prompts: bigint;
  subagents: bigint;
  lines_added: bigint;
  lines_removed: bigint;
  models: string;
  event_count: bigint;
  duration_ms: number;
  success_rate: number | null;
}

export const sessionFromRow = (r: SessionRow): Session => ({
  id: asSessionId(r.id),
  traceId: asTraceId(r.trace_id),
  agent: r.agent as Agent,
  agentVersion: r.agent_version,
  projectName: r.project_name,
  projectHash: r.project_hash,
  userHash: r.user_hash,
  cwd: r.cwd,
  gitBranch: r.git_branch,
  title: r.title,
  startNs: r.start_ns,
  endNs: r.end_ns,
  status: (r.status ?? 'unknown') as SessionStatus,
  models: JSON.parse(r.models) as string[],
  totals: {
    inputTokens: num(r.input_tokens),
    outputTokens: num(r.output_tokens),
    cacheReadTokens: num(r.cache_read_tokens),
    cacheWriteTokens: num(r.cache_write_tokens),
    costUsd: r.cost_usd,
    llmCalls: num(r.llm_calls),
    unpricedCalls: num(r.unpriced_calls),
    toolCalls: num(r.tool_calls),
    errors: num(r.errors),
    prompts: num(r.prompts),
    subagents: num(r.subagents),
    linesAdded: num(r.lines_added),
    linesRemoved: num(r.lines_removed),
  },
  summary: { eventCount: num(r.event_count), durationMs: r.duration_ms, successRate: r.success_rate },
});

/** A row of `usage_rollup` (plain numbers: no nanoseconds in it). */
export interface BucketRow extends UsageColumns {
  bucket_start_ms: number;
  session_id: string;
  model: string;
  agent: string;
  project_name: string | null;
  project_hash: string | null;
  calls: number;
  cost_usd: number;
  unpriced_calls: number;
  reported_cost_usd: number;
  reported_calls: number;
  auto_cost_usd: number;
}

export const bucketFromRow = (r: BucketRow): UsageBucket => ({
  bucketStartMs: r.bucket_start_ms,
  sessionId: asSessionId(r.session_id),
  agent: r.agent as Agent,
  projectName: r.project_name,
  projectHash: r.project_hash,
  model: r.model,
  usage: usageFromColumns(r),
  calls: r.calls,
  costUsd: r.cost_usd,
  unpricedCalls: r.unpriced_calls,
  reportedCostUsd: r.reported_cost_usd,
  reportedCalls: r.reported_calls,
  autoCostUsd: r.auto_cost_usd,
});

/** A model call joined with its session, read with safeIntegers(). */
export interface LlmCallDbRow extends UsageColumns {
  session_id: string;
  span_id: string;
  start_ns: bigint;
  model: string;
  cost_usd: number | null;
  reported_cost_usd: number | null;
  project_name: string | null;
}

export const llmCallFromRow = (r: LlmCallDbRow): LlmCallRow => ({
  sessionId: asSessionId(r.session_id),
  spanId: r.span_id,
  startNs: r.start_ns,
  model: r.model,
  usage: usageFromColumns(r),
  costUsd: r.cost_usd,
  reportedCostUsd: r.reported_cost_usd,
  projectName: r.project_name,
});
