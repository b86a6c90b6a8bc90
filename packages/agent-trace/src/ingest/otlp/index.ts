export { createOtlpIngest, type OtlpEncoding, type OtlpIngest } from './otlp-ingest.js';
export { OtlpDecodeError } from './decode-error.js';
export type { MappedRequest } from './batch-builder.js';
export type { Rejection, RejectionList } from './rejection.js';
export { SIGNALS, type Signal } from './model.js';
export { encodeExportResponse } from './proto-response.js';
