import { appendDeadLetter, deadLetterOf } from './dead-letter.js';
import type { SpooledHookEvent } from './envelope.js';
import { appendToSpool, SPOOL_MAX_BYTES, spoolFullReason } from './spool-append.js';

export { SPOOL_MAX_BYTES } from './spool-append.js';

export type SpoolOutcome = 'spooled' | 'dropped';

/** Appends one event to the spool (spool-append.ts), or, when the spool is full, records it as dropped. */
export const spoolHookEvent = (dataDir: string, event: SpooledHookEvent, maxBytes = SPOOL_MAX_BYTES): SpoolOutcome => {
  const { dropped } = appendToSpool(dataDir, event, maxBytes);
  if (dropped === null) return 'spooled';
  appendDeadLetter(dataDir, deadLetterOf(spoolFullReason(maxBytes), 'hook', dropped, false));
  return 'dropped';
};
