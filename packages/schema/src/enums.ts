/** Closed sets, as `as const` tuples so that types and validators come from one list. */

export const AGENTS = ['claude-code', 'codex', 'gemini-cli', 'opencode', 'sdk', 'otel'] as const;
export type Agent = (typeof AGENTS)[number];

export const SPAN_TYPES = [
  'session',
  'turn',
  'llm_call',
  'tool_call',
  'subagent',
  'decision',
  'error',
  'checkpoint',
  'idle',
  'custom',
] as const;
export type SpanType = (typeof SPAN_TYPES)[number];

export const SPAN_STATUSES = ['unset', 'ok', 'error'] as const;
export type SpanStatus = (typeof SPAN_STATUSES)[number];

export const SESSION_STATUSES = ['running', 'completed', 'error', 'unknown'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Where a record came from. Usage and cost are counted once per model call, from the most authoritative source. */
export const SOURCES = ['transcript', 'hook', 'otlp', 'sdk'] as const;
export type Source = (typeof SOURCES)[number];

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const METRIC_KINDS = ['counter', 'gauge', 'histogram'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export const CONTRIBUTOR_TYPES = ['human', 'ai', 'mixed', 'unknown'] as const;
export type ContributorType = (typeof CONTRIBUTOR_TYPES)[number];

export const PRIVACY_TIERS = [1, 2, 3] as const;
export type PrivacyTier = (typeof PRIVACY_TIERS)[number];
