/**
 * The data model's main entry: types, closed sets, id casts and derivation, time and usage helpers.
 * It loads no zod at run time (types come from the validators through `export type`); the validators
 * themselves are at `@agent-trace/schema/validators`.
 */
export * from './ids.js';
export * from './enums.js';
export * from './time.js';
export * from './usage.js';
export * from './session.js';
export * from './derive-id.js';
export * from './span.js';
export type { AttrValue, Attributes } from './validators/attributes.js';
export type { SpanEvent, Span } from './validators/span.js';
export type { Attribution, CommitLink, LineRange, LogRecord, MetricPoint } from './validators/records.js';
