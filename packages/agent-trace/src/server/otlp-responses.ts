import { encodeExportResponse, type OtlpEncoding, type Signal } from '../ingest/otlp/index.js';

/** The partial_success count field of each signal's Export response (OTLP/JSON names). */
const REJECTED_FIELD: Record<Signal, string> = {
  traces: 'rejectedSpans',
  logs: 'rejectedLogRecords',
  metrics: 'rejectedDataPoints',
};

/** A successful export response in the request's encoding; partial_success only when something was rejected. */
export const exportResponse = (signal: Signal, encoding: OtlpEncoding, rejected: number, message: string): Buffer => {
  if (encoding === 'protobuf') return encodeExportResponse(rejected, message);
  if (rejected === 0 && message === '') return Buffer.from('{}');
  return Buffer.from(JSON.stringify({ partialSuccess: { [REJECTED_FIELD[signal]]: String(rejected), errorMessage: message } }));
};

const varint = (value: number): number[] => {
  const out: number[] = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
};

/** google.rpc.Status code values used for OTLP/HTTP error bodies. */
export const RPC_CODE = { invalidArgument: 3, permissionDenied: 7, resourceExhausted: 8, unavailable: 14, internal: 13 } as const;

/** An OTLP/HTTP error body: google.rpc.Status {code 1, message 2}, in the request's encoding. */
export const statusBody = (encoding: OtlpEncoding, code: number, message: string): Buffer => {
  if (encoding === 'json') return Buffer.from(JSON.stringify({ code, message }));
  const text = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from([0x08, ...varint(code), 0x12, ...varint(text.length)]), text]);
};
