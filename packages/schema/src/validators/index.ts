/**
 * The zod validators of the data model (`@agent-trace/schema/validators`), apart from the main entry so that
 * code which only needs the types, ids and helpers does not load zod: importing zod and building these
 * schemas cost ~280 ms of a 373 ms CLI start-up (measured on the 2-core bench machine).
 */
export * from './ids.js';
export * from './time.js';
export * from './usage.js';
export * from './attributes.js';
export * from './session.js';
export * from './span.js';
export * from './records.js';
