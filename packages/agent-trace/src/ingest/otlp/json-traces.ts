import { array, attributes, enumValue, hexId, isObject, nanos, object, readJsonEnvelope, str, type Json } from './json-common.js';
import type { OtlpSpan, TracesRequest } from './model.js';
import type { RejectionList } from './rejection.js';

const SPAN_KINDS = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
] as const;
const STATUS_CODES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;

const readSpan = (s: Json, path: string): OtlpSpan => {
  const status = object(s, 'status', 'status', path);
  return {
    traceId: hexId(s, 'traceId', 'trace_id', path),
    spanId: hexId(s, 'spanId', 'span_id', path),
    parentSpanId: hexId(s, 'parentSpanId', 'parent_span_id', path),
    traceState: str(s, 'traceState', 'trace_state', path),
    name: str(s, 'name', 'name', path),
    kind: enumValue(s, 'kind', 'kind', path, SPAN_KINDS),
    startNs: nanos(s, 'startTimeUnixNano', 'start_time_unix_nano', path),
    endNs: nanos(s, 'endTimeUnixNano', 'end_time_unix_nano', path),
    attributes: attributes(s, path),
    events: array(s, 'events', 'events', path).map((e, i) => {
      const epath = `${path}.events[${i}]`;
      const ev = isObject(e) ? e : {};
      return { name: str(ev, 'name', 'name', epath), timeNs: nanos(ev, 'timeUnixNano', 'time_unix_nano', epath), attributes: attributes(ev, epath) };
    }),
    links: array(s, 'links', 'links', path).map((l, i) => {
      const lpath = `${path}.links[${i}]`;
      const link = isObject(l) ? l : {};
      return { traceId: hexId(link, 'traceId', 'trace_id', lpath), spanId: hexId(link, 'spanId', 'span_id', lpath), attributes: attributes(link, lpath) };
    }),
    statusCode: status ? enumValue(status, 'code', 'code', `${path}.status`, STATUS_CODES) : 0,
    statusMessage: status ? str(status, 'message', 'message', `${path}.status`) : '',
  };
};

export const decodeTracesJson = (body: unknown, rejections: RejectionList): TracesRequest =>
  readJsonEnvelope(body, { resources: ['resourceSpans', 'resource_spans'], scopes: ['scopeSpans', 'scope_spans'], items: ['spans', 'spans'] }, readSpan, rejections);
