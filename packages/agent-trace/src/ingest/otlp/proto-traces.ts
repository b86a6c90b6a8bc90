import type { Attributes } from '@agent-trace/schema';
import type { OtlpLink, OtlpSpan, OtlpSpanEvent, TracesRequest } from './model.js';
import { readEnvelope, readKeyValueInto } from './proto-common.js';
import { WireReader } from './wire-reader.js';

const readEvent = (r: WireReader): OtlpSpanEvent => {
  const event: OtlpSpanEvent = { name: '', timeNs: 0n, attributes: {} };
  while (r.more()) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        event.timeNs = r.fixed64();
        break;
      case 2:
        event.name = r.string();
        break;
      case 3:
        r.nested('KeyValue', (kv) => readKeyValueInto(kv, event.attributes));
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return event;
};

const readLink = (r: WireReader): OtlpLink => {
  const link: OtlpLink = { traceId: '', spanId: '', attributes: {} };
  while (r.more()) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        link.traceId = r.hex();
        break;
      case 2:
        link.spanId = r.hex();
        break;
      case 4:
        r.nested('KeyValue', (kv) => readKeyValueInto(kv, link.attributes));
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return link;
};

const readStatus = (r: WireReader, span: OtlpSpan): void => {
  while (r.more()) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 2) span.statusMessage = r.string();
    else if (field === 3) span.statusCode = r.uint32();
    else r.skip(tag & 7);
  }
};

/** Span (trace.proto) field numbers: trace_id 1, span_id 2, trace_state 3, parent 4, name 5, kind 6, start 7, end 8, attributes 9, events 11, links 13, status 15. */
const readSpan = (r: WireReader): OtlpSpan => {
  const attributes: Attributes = {};
  const span: OtlpSpan = {
    traceId: '',
    spanId: '',
    parentSpanId: '',
    traceState: '',
    name: '',
    kind: 0,
    startNs: 0n,
    endNs: 0n,
    attributes,
    events: [],
    links: [],
    statusCode: 0,
    statusMessage: '',
  };
  while (r.more()) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        span.traceId = r.hex();
        break;
      case 2:
        span.spanId = r.hex();
        break;
      case 3:
        span.traceState = r.string();
        break;
      case 4:
        span.parentSpanId = r.hex();
        break;
      case 5:
        span.name = r.string();
        break;
      case 6:
        span.kind = r.uint32();
        break;
      case 7:
        span.startNs = r.fixed64();
        break;
      case 8:
        span.endNs = r.fixed64();
        break;
      case 9:
        r.nested('KeyValue', (kv) => readKeyValueInto(kv, attributes));
        break;
      case 11:
        span.events.push(r.nested('Span.Event', readEvent));
        break;
      case 13:
        span.links.push(r.nested('Span.Link', readLink));
        break;
      case 15:
        r.nested('Status', (s) => readStatus(s, span));
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return span;
};

/** ExportTraceServiceRequest: repeated ResourceSpans resource_spans = 1. */
export const decodeTracesProto = (body: Buffer): TracesRequest => readEnvelope(new WireReader(body), 'Spans', 'Span', readSpan);
