import type { AttrValue, Attributes, Session, Span } from '@agent-trace/schema';
import { cacheWriteTokens } from '@agent-trace/schema';

/**
 * OTLP/JSON, in the layout of the OpenTelemetry Collector's file exporter: one ExportTraceServiceRequest per line,
 * here one line per session, so `otelcol`'s otlpjsonfile receiver, or any OTLP/JSON reader, can load the file.
 * Encoding as the OTLP specification gives it for JSON: ids as lowercase hex, 64-bit integers as decimal
 * strings, enums as numbers, attribute values wrapped in AnyValue.
 */

type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } }
  | Record<string, never>;

interface KeyValue {
  key: string;
  value: AnyValue;
}

/** OTLP SpanKind: INTERNAL for work inside the agent, CLIENT for a call to a model API. */
const SPAN_KIND_INTERNAL = 1;
const SPAN_KIND_CLIENT = 3;
const STATUS_CODE = { unset: 0, ok: 1, error: 2 } as const;

const anyValue = (value: AttrValue): AnyValue => {
  if (value === null) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  return { kvlistValue: { values: keyValues(value) } };
};

const keyValues = (attributes: Attributes): KeyValue[] => Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));

/** The span's first-class columns as OTel attributes (GenAI conventions where one exists), without overwriting any the source sent. */
const spanAttributes = (span: Span): Attributes => {
  const extra: Attributes = { 'agent_trace.span.type': span.type, 'agent_trace.source': span.source };
  if (span.type === 'llm_call') extra['gen_ai.operation.name'] = 'chat';
  if (span.type === 'tool_call') extra['gen_ai.operation.name'] = 'execute_tool';
  if (span.model !== null) extra['gen_ai.request.model'] = span.model;
  if (span.toolName !== null) extra['gen_ai.tool.name'] = span.toolName;
  if (span.usage) {
    const u = span.usage;
    // gen_ai.usage.input_tokens includes cached tokens (the convention); Claude's `input` does not.
    extra['gen_ai.usage.input_tokens'] = u.input + u.cacheRead + cacheWriteTokens(u);
    extra['gen_ai.usage.output_tokens'] = u.output;
    extra['gen_ai.usage.cache_read.input_tokens'] = u.cacheRead;
    extra['gen_ai.usage.cache_creation.input_tokens'] = cacheWriteTokens(u);
    extra['agent_trace.usage.cache_write_1h_tokens'] = u.cacheWrite1h;
    if (u.reasoning > 0) extra['gen_ai.usage.reasoning.output_tokens'] = u.reasoning;
  }
  if (span.costUsd !== null) extra['agent_trace.cost_usd'] = span.costUsd;
  if (span.reportedCostUsd !== null) extra['agent_trace.reported_cost_usd'] = span.reportedCostUsd;
  return { ...extra, ...span.attributes };
};

const resourceAttributes = (session: Session): Attributes => {
  const attributes: Attributes = {
    'service.name': session.agent,
    'session.id': session.id,
    'agent_trace.agent': session.agent,
  };
  if (session.agentVersion !== null) attributes['service.version'] = session.agentVersion;
  if (session.projectName !== null) attributes['agent_trace.project.name'] = session.projectName;
  if (session.projectHash !== null) attributes['agent_trace.project.hash'] = session.projectHash;
  if (session.userHash !== null) attributes['agent_trace.user.hash'] = session.userHash;
  if (session.gitBranch !== null) attributes['vcs.ref.head.name'] = session.gitBranch;
  return attributes;
};

/** One session and its spans as one OTLP/JSON ExportTraceServiceRequest, on one line. */
export const otlpJsonLine = (session: Session, spans: readonly Span[], exporterVersion: string): string =>
  JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: keyValues(resourceAttributes(session)) },
        scopeSpans: [
          {
            scope: { name: 'agent-trace', version: exporterVersion },
            spans: spans.map((span) => ({
              traceId: span.traceId,
              spanId: span.spanId,
              ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
              name: span.name,
              kind: span.type === 'llm_call' ? SPAN_KIND_CLIENT : SPAN_KIND_INTERNAL,
              startTimeUnixNano: span.startNs.toString(),
              // OTLP has no open span: one still running ends where it started.
              endTimeUnixNano: (span.endNs ?? span.startNs).toString(),
              attributes: keyValues(spanAttributes(span)),
              events: span.events.map((e) => ({ timeUnixNano: e.timeNs.toString(), name: e.name, attributes: keyValues(e.attributes) })),
              status: { code: STATUS_CODE[span.status], ...(span.statusMessage ? { message: span.statusMessage } : {}) },
            })),
          },
        ],
      },
    ],
  }) + '\n';
