import { asSpanId, asTraceId, makeSpan, type Attributes, type SessionId, type Span, type SpanEvent, type SpanStatus } from '@agent-trace/schema';
import { markContent } from './content-keys.js';
import type { OtlpScope, OtlpSpan } from './model.js';

const KIND_NAMES = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const;

export const statusOf = (code: number): SpanStatus => (code === 2 ? 'error' : code === 1 ? 'ok' : 'unset');

const eventsOf = (s: OtlpSpan): SpanEvent[] =>
  s.events.map((e) => ({ name: e.name || '(unnamed)', timeNs: e.timeNs, attributes: markContent(e.attributes) }));

/**
 * An OTLP span as a stored span of type `custom`, before any convention refines it: ids as hex, exact
 * nanosecond times, status, events, and its attributes with the OTel facts we have no column for
 * (kind, scope, service, links) added under `otel.*` / `service.name`. Content attributes are renamed
 * under `content.` for the redactor. The OTLP attribute object is reused, not copied.
 */
export const baseSpan = (s: OtlpSpan, sessionId: SessionId, scope: OtlpScope, serviceName: string | null): Span => {
  const attributes: Attributes = markContent(s.attributes);
  if (s.kind > 0 && s.kind < KIND_NAMES.length) attributes['otel.span.kind'] = KIND_NAMES[s.kind] ?? null;
  if (scope.name) attributes['otel.scope.name'] = scope.name;
  if (serviceName !== null && attributes['service.name'] === undefined) attributes['service.name'] = serviceName;
  if (s.links.length > 0) attributes['otel.links'] = s.links.map((l) => `${l.traceId}-${l.spanId}`);
  return makeSpan({
    traceId: asTraceId(s.traceId),
    spanId: asSpanId(s.spanId),
    parentSpanId: s.parentSpanId === '' ? null : asSpanId(s.parentSpanId),
    sessionId,
    name: s.name || '(unnamed)',
    type: 'custom',
    startNs: s.startNs,
    endNs: s.endNs >= s.startNs ? s.endNs : null,
    status: statusOf(s.statusCode),
    statusMessage: s.statusMessage || null,
    source: 'otlp',
    attributes,
    events: eventsOf(s),
  });
};
