import { anyValue, attributes, field, hexId, nanos, num, readJsonEnvelope, str, type Json } from './json-common.js';
import type { LogsRequest, OtlpLogRecord } from './model.js';
import type { RejectionList } from './rejection.js';

const readLogRecord = (l: Json, path: string): OtlpLogRecord => ({
  timeNs: nanos(l, 'timeUnixNano', 'time_unix_nano', path),
  observedTimeNs: nanos(l, 'observedTimeUnixNano', 'observed_time_unix_nano', path),
  severityNumber: num(l, 'severityNumber', 'severity_number', path),
  severityText: str(l, 'severityText', 'severity_text', path),
  body: anyValue(field(l, 'body', 'body'), `${path}.body`),
  attributes: attributes(l, path),
  traceId: hexId(l, 'traceId', 'trace_id', path),
  spanId: hexId(l, 'spanId', 'span_id', path),
  eventName: str(l, 'eventName', 'event_name', path),
});

export const decodeLogsJson = (body: unknown, rejections: RejectionList): LogsRequest =>
  readJsonEnvelope(body, { resources: ['resourceLogs', 'resource_logs'], scopes: ['scopeLogs', 'scope_logs'], items: ['logRecords', 'log_records'] }, readLogRecord, rejections);
