import { asSpanId, asTraceId, deriveId, isoToNano, type LogLevel, type LogRecord } from '@agent-trace/schema';
import type { BatchBuilder } from './batch-builder.js';
import { CLAUDE_SPAN_EVENTS, claudeEventSpan } from './claude-events.js';
import { markContent } from './content-keys.js';
import type { LogsRequest, OtlpLogRecord } from './model.js';
import { agentOf, sessionIdIn, sessionRefOf, traceSessionRef, type SessionRef } from './session-ref.js';
import { asString, coerceLooseValues } from './values.js';

/** SeverityNumber ranges of the OTel log data model: 1–4 trace, 5–8 debug, 9–12 info, 13–16 warn, 17–20 error, 21–24 fatal. */
const LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const levelOf = (severity: number): LogLevel => (severity >= 1 && severity <= 24 ? (LEVELS[Math.floor((severity - 1) / 4)] ?? 'info') : 'info');

/** Time of the event: its own time, else when it was observed, else Claude's event.timestamp, else now. */
const timeOf = (r: OtlpLogRecord, receivedNs: bigint): bigint => {
  if (r.timeNs > 0n) return r.timeNs;
  if (r.observedTimeNs > 0n) return r.observedTimeNs;
  const iso = asString(r.attributes['event.timestamp']);
  return (iso ? isoToNano(iso) : undefined) ?? receivedNs;
};

/** Claude Code names events in `event.name` and in the body (`claude_code.<name>`). */
const eventNameOf = (r: OtlpLogRecord): string | null => {
  if (r.eventName) return r.eventName;
  const attr = asString(r.attributes['event.name']);
  if (attr) return attr;
  return typeof r.body === 'string' && r.body.startsWith('claude_code.') ? r.body.slice('claude_code.'.length) : null;
};

const HEX_TRACE = /^[0-9a-f]{32}$/;
const HEX_SPAN = /^[0-9a-f]{16}$/;
const ZERO = /^0+$/;

/** Log records may carry no ids (or all-zero ones, meaning none); present ids must be well-formed. */
const idsProblem = (r: OtlpLogRecord): string | null => {
  if (ZERO.test(r.traceId)) r.traceId = '';
  if (ZERO.test(r.spanId)) r.spanId = '';
  if (r.traceId !== '' && !HEX_TRACE.test(r.traceId)) return 'invalid_trace_id';
  if (r.spanId !== '' && !HEX_SPAN.test(r.spanId)) return 'invalid_span_id';
  return null;
};

/**
 * Maps decoded OTLP log records. Claude Code's model-call, tool and prompt events become spans on the
 * correlation ids (agent-formats.md §3.4); every other record is a LogRecord with all its attributes.
 * The log id is derived from the record's content, so an exporter's retry of the same batch is stored once.
 */
export const mapLogs = (request: LogsRequest, out: BatchBuilder, receivedNs: bigint): void => {
  for (const res of request) {
    const agent = agentOf(res.resource);
    const serviceName = asString(res.resource['service.name']);
    const version = asString(res.resource['service.version']);
    for (const { scope, items } of res.scopes) {
      for (const r of items) {
        const problem = idsProblem(r);
        if (problem) {
          out.rejections.add(problem, `log record "${eventNameOf(r) ?? ''}" (trace ${r.traceId || '-'}, span ${r.spanId || '-'}): invalid ${problem === 'invalid_trace_id' ? 'trace' : 'span'} id`);
          continue;
        }
        const timeNs = timeOf(r, receivedNs);
        const eventName = eventNameOf(r);
        const sid = sessionIdIn(r.attributes, res.resource);
        const ref: SessionRef | null = sid ? sessionRefOf(sid, agent) : r.traceId ? traceSessionRef(r.traceId, agent) : null;
        out.accepted++;
        if (agent === 'claude-code') coerceLooseValues(r.attributes);
        if (agent === 'claude-code' && sid && ref && eventName && CLAUDE_SPAN_EVENTS.has(eventName)) {
          const span = claudeEventSpan(eventName, ref, timeNs, markContent(r.attributes));
          out.spans.push(span);
          out.extendClaudeRoot(ref, span.startNs, span.endNs ?? span.startNs);
          out.touchSession(ref, span.startNs, version);
          continue;
        }
        const id = deriveId('otlp-log', serviceName ?? '', timeNs.toString(), String(r.severityNumber), r.traceId, r.spanId, eventName ?? '', JSON.stringify(r.body), JSON.stringify(r.attributes));
        const fields = markContent(r.attributes);
        if (serviceName !== null && fields['service.name'] === undefined) fields['service.name'] = serviceName;
        const record: LogRecord = {
          id,
          timeNs,
          level: levelOf(r.severityNumber),
          component: scope.name || serviceName || 'otlp',
          eventName,
          sessionId: ref ? ref.id : null,
          traceId: r.traceId ? asTraceId(r.traceId) : null,
          spanId: r.spanId ? asSpanId(r.spanId) : null,
          body: r.body,
          fields,
        };
        out.logs.push(record);
        if (ref) {
          out.touchSession(ref, timeNs, version);
          if (agent === 'claude-code' && sid) out.extendClaudeRoot(ref, timeNs, timeNs);
        }
      }
    }
  }
};
