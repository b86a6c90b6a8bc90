import { closeSync, openSync } from 'node:fs';
import Database from './better-sqlite3.js';
import { AgentTraceError } from '../../errors.js';
import { registerJsonMergeFunctions } from './json-merge.js';
import { applyMigrations } from './migrations.js';

/** How long a connection waits for another process's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Creates the file with mode 0600 before SQLite sees it: SQLite gives the -wal and -shm files the same
 * permissions as the database file, so all three stay private to the user. An existing file is left as is.
 */
const createPrivateFile = (path: string): void => {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
};

/** Opens (creating when missing) and migrates the database file; WAL so readers never wait for the writer. */
export const openDatabase = (path: string): Database.Database => {
  let db: Database.Database;
  try {
    createPrivateFile(path);
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw new AgentTraceError('store', `cannot open ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    // Only takes effect on a new, empty file: pruning then gives space back a step at a time (space.ts)
    // instead of needing a VACUUM that blocks every writer while it rewrites the whole file.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode is durable against application crashes; only an OS crash can lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    registerJsonMergeFunctions(db);
    applyMigrations(db, path);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof AgentTraceError) throw err;
    throw new AgentTraceError('store', `cannot open ${path}: ${(err as Error).message}`, { cause: err });
  }
};
