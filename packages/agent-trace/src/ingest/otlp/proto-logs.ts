import type { LogsRequest, OtlpLogRecord } from './model.js';
import { readAnyValue, readEnvelope, readKeyValueInto } from './proto-common.js';
import { WireReader } from './wire-reader.js';

/** LogRecord (logs.proto): time 1, severity_number 2, severity_text 3, body 5, attributes 6, trace_id 9, span_id 10, observed 11, event_name 12. */
const readLogRecord = (r: WireReader): OtlpLogRecord => {
  const record: OtlpLogRecord = {
    timeNs: 0n,
    observedTimeNs: 0n,
    severityNumber: 0,
    severityText: '',
    body: null,
    attributes: {},
    traceId: '',
    spanId: '',
    eventName: '',
  };
  while (r.more()) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        record.timeNs = r.fixed64();
        break;
      case 2:
        record.severityNumber = r.uint32();
        break;
      case 3:
        record.severityText = r.string();
        break;
      case 5:
        record.body = r.nested('AnyValue', readAnyValue);
        break;
      case 6:
        r.nested('KeyValue', (kv) => readKeyValueInto(kv, record.attributes));
        break;
      case 9:
        record.traceId = r.hex();
        break;
      case 10:
        record.spanId = r.hex();
        break;
      case 11:
        record.observedTimeNs = r.fixed64();
        break;
      case 12:
        record.eventName = r.string();
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return record;
};

/** ExportLogsServiceRequest: repeated ResourceLogs resource_logs = 1. */
export const decodeLogsProto = (body: Buffer): LogsRequest => readEnvelope(new WireReader(body), 'Logs', 'LogRecord', readLogRecord);
