import { statSync } from 'node:fs';
import { redactSpoolPayload } from '../pipeline/spool-redaction.js';
import { appendLine } from './append-line.js';
import { encodeEnvelope, type SpooledHookEvent } from './envelope.js';
import { spoolPaths } from './spool-paths.js';

/**
 * The spool is bounded: when the collector stays down for long, new events are dropped (and counted in the
 * dead-letter file) rather than filling the disk. 256 MiB holds roughly a million stripped events.
 */
export const SPOOL_MAX_BYTES = 256 * 1024 * 1024;

export const spoolFullReason = (maxBytes: number): string => `spool full (${maxBytes} bytes): event dropped`;

const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

/**
 * Redacts the event's payload and appends its envelope to the spool; when the spool has no room left, appends
 * nothing and gives back the line, for the dead-letter file. Apart from spool-writer.ts, which writes that
 * dead letter itself: the hook process loads the dead-letter module (and with it node:crypto, ~3.5 ms) only
 * when the spool is full.
 */
export const appendToSpool = (dataDir: string, event: SpooledHookEvent, maxBytes = SPOOL_MAX_BYTES): { dropped: string | null } => {
  const path = spoolPaths(dataDir).spool;
  const line = encodeEnvelope({ ...event, payload: redactSpoolPayload(event.payload) });
  if (sizeOf(path) + line.length > maxBytes) return { dropped: line };
  appendLine(path, line);
  return { dropped: null };
};
