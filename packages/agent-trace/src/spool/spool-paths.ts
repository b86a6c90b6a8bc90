import { join } from 'node:path';

/** The spool's files, all in the data dir (0700), each 0600. */
export interface SpoolPaths {
  /** Hook events waiting for the collector, one JSON envelope per line, appended by many hook processes. */
  spool: string;
  /** The spool renamed for draining: new events go to a fresh spool while this one is sent. */
  draining: string;
  /** What can never be ingested: not JSON, not a hook event, rejected by the collector. */
  deadLetter: string;
  /** Held (created exclusively, holding the drainer's pid) while one process drains. */
  lock: string;
}

export const spoolPaths = (dataDir: string): SpoolPaths => ({
  spool: join(dataDir, 'hook-spool.jsonl'),
  draining: join(dataDir, 'hook-spool.jsonl.draining'),
  deadLetter: join(dataDir, 'hook-dead-letter.jsonl'),
  lock: join(dataDir, 'hook-spool.lock'),
});
