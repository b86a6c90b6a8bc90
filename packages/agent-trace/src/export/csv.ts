import { cacheWriteTokens, nanoToIso, type Session, type Span } from '@agent-trace/schema';
import { durationMs } from '../query/span-json.js';

/** One row per span, with its session's agent and project; the header is the first line. */
export const CSV_COLUMNS = [
  'session_id',
  'agent',
  'project',
  'trace_id',
  'span_id',
  'parent_span_id',
  'type',
  'name',
  'status',
  'status_message',
  'source',
  'start_time',
  'end_time',
  'duration_ms',
  'model',
  'tool_name',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'cost_usd',
] as const;

/**
 * RFC 4180 quoting. Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a
 * leading apostrophe: an exported span name or status message must not execute when the file is opened.
 */
export const csvCell = (value: string | number | null): string => {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export const csvHeader = (): string => CSV_COLUMNS.join(',') + '\r\n';

export const csvRows = (session: Session, spans: readonly Span[]): string =>
  spans
    .map((span) =>
      [
        session.id,
        session.agent,
        session.projectName ?? session.projectHash,
        span.traceId,
        span.spanId,
        span.parentSpanId,
        span.type,
        span.name,
        span.status,
        span.statusMessage,
        span.source,
        nanoToIso(span.startNs),
        span.endNs === null ? null : nanoToIso(span.endNs),
        durationMs(span),
        span.model,
        span.toolName,
        span.usage?.input ?? null,
        span.usage?.output ?? null,
        span.usage?.cacheRead ?? null,
        span.usage ? cacheWriteTokens(span.usage) : null,
        span.costUsd,
      ]
        .map(csvCell)
        .join(',') + '\r\n',
    )
    .join('');
