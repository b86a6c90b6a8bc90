import { statSync } from 'node:fs';
import { redactSpoolPayload } from '../pipeline/spool-redaction.js';
import { appendLine } from './append-line.js';
import { appendDeadLetter, deadLetterOf } from './dead-letter.js';
import { encodeEnvelope, type SpooledHookEvent } from './envelope.js';
import { spoolPaths } from './spool-paths.js';

/**
 * The spool is bounded: when the collector stays down for long, new events are dropped (and counted in the
 * dead-letter file) rather than filling the disk. 256 MiB holds roughly a million stripped events.
 */
export const SPOOL_MAX_BYTES = 256 * 1024 * 1024;

const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

export type SpoolOutcome = 'spooled' | 'dropped';

export const spoolHookEvent = (dataDir: string, event: SpooledHookEvent, maxBytes = SPOOL_MAX_BYTES): SpoolOutcome => {
  const paths = spoolPaths(dataDir);
  const line = encodeEnvelope({ ...event, payload: redactSpoolPayload(event.payload) });
  if (sizeOf(paths.spool) + line.length > maxBytes) {
    appendDeadLetter(dataDir, deadLetterOf(`spool full (${maxBytes} bytes): event dropped`, 'hook', line, false));
    return 'dropped';
  }
  appendLine(paths.spool, line);
  return 'spooled';
};
