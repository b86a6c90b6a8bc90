import { statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';

const fileSize = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

/** The database file and its WAL, as the file system counts them. */
export const fileBytes = (path: string): number => fileSize(path) + fileSize(`${path}-wal`);

/** Bytes the data takes: pages in use, free pages (which later writes reuse) left out. */
export const usedBytes = (db: Database): number => {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  return (pages - free) * size;
};

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Free pages handed back per step: 1 MiB at the default page size. Pruning 1M spans while ingesting
 * (bench/prune-while-ingest.mjs), the longest event-loop turn was 82 ms with 1000-page steps and 43 ms with 256.
 */
const VACUUM_STEP_PAGES = 256;

/**
 * Gives free pages back to the file system without stalling writers: in incremental auto-vacuum mode (the mode
 * new stores are created in, open-db.ts) a step at a time with the event loop free between steps; then the WAL
 * is checkpointed and truncated, so deleted rows leave neither file.
 */
export const reclaimSpace = async (db: Database): Promise<void> => {
  if ((db.pragma('auto_vacuum', { simple: true }) as number) === 2) {
    while ((db.pragma('freelist_count', { simple: true }) as number) > 0) {
      db.pragma(`incremental_vacuum(${VACUUM_STEP_PAGES})`);
      await yieldToEventLoop();
    }
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
};
