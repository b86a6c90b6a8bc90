import { createHash } from 'node:crypto';
import { appendLine } from './append-line.js';
import { spoolPaths } from './spool-paths.js';

/**
 * What was given up on, and why. A payload that is not JSON is not kept (it could hold anything, and nothing
 * can redact what cannot be parsed): its size and SHA-256 are, so it can be matched with the agent's own logs.
 * A spool line (content already stripped) is kept whole so a fixed collector can re-ingest it.
 */
export interface DeadLetter {
  reason: string;
  source: 'hook' | 'spool' | 'collector';
  /** The raw input's size and digest. */
  bytes: number;
  sha256: string;
  /** A spool envelope line, when that is what failed. */
  line?: string;
}

export const deadLetterOf = (reason: string, source: DeadLetter['source'], input: string, keepLine: boolean): DeadLetter => ({
  reason,
  source,
  bytes: Buffer.byteLength(input),
  sha256: createHash('sha256').update(input).digest('hex'),
  ...(keepLine ? { line: input } : {}),
});

export const appendDeadLetter = (dataDir: string, letter: DeadLetter, now: Date = new Date()): void => {
  appendLine(spoolPaths(dataDir).deadLetter, JSON.stringify({ time: now.toISOString(), ...letter }));
};
