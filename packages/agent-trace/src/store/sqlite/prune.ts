import type { Database, Statement } from 'better-sqlite3';
import type { PruneOptions, PruneResult } from '../types.js';
import { fileBytes, reclaimSpace, usedBytes, yieldToEventLoop } from './space.js';

/**
 * 2,000 rows per transaction: 13.7 ms on average on the bench machine while pruning 1M spans, the longest
 * ingest wait 42 ms (bench/prune-while-ingest.mjs, bench/RESULTS.md).
 */
const DEFAULT_BATCH_ROWS = 2000;

/** The tables holding a session's rows, deleted in this order; the session row goes last, so an interrupted prune resumes. */
const SESSION_TABLES = ['spans', 'sampled_spans', 'logs', 'metrics'] as const;
type SessionTable = (typeof SESSION_TABLES)[number];

/** Later than any stored time: the largest 64-bit integer. */
const LATEST_NS = 2n ** 63n - 1n;

interface Counts {
  sessions: number;
  spans: number;
  logs: number;
  metrics: number;
}

const counted = (table: SessionTable): keyof Counts | null => (table === 'sampled_spans' ? 'spans' : table);

/** Deletes whole sessions and old session-less logs and metrics, in transactions of at most `batchRows` rows. */
export class Pruner {
  private readonly deleteChunk: Record<SessionTable, Statement>;
  private readonly deleteRollup: Statement;
  private readonly deleteSession: Statement;
  private readonly olderThan: Statement;
  private readonly oldestFirst: Statement;
  private readonly sessionCount: Statement;
  private readonly spanCount: Statement;
  private readonly totalSpans: Statement;
  private readonly deleteOldLogs: Statement;
  private readonly deleteOldMetrics: Statement;

  constructor(
    private readonly db: Database,
    private readonly path: string,
  ) {
    const chunk = (table: string): Statement =>
      db.prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE session_id = ? LIMIT ?)`);
    this.deleteChunk = { spans: chunk('spans'), sampled_spans: chunk('sampled_spans'), logs: chunk('logs'), metrics: chunk('metrics') };
    this.deleteRollup = db.prepare('DELETE FROM usage_rollup WHERE session_id = ?');
    this.deleteSession = db.prepare('DELETE FROM sessions WHERE id = ?');
    this.olderThan = db.prepare('SELECT id FROM sessions WHERE last_ns < ? ORDER BY last_ns, id').pluck();
    this.oldestFirst = db.prepare('SELECT id FROM sessions ORDER BY last_ns, id LIMIT ?').pluck();
    this.sessionCount = db.prepare('SELECT count(*) FROM sessions').pluck();
    this.spanCount = db.prepare('SELECT (SELECT count(*) FROM spans WHERE session_id = ?) + (SELECT count(*) FROM sampled_spans WHERE session_id = ?)').pluck();
    this.totalSpans = db.prepare('SELECT (SELECT count(*) FROM spans) + (SELECT count(*) FROM sampled_spans)').pluck();
    this.deleteOldLogs = db.prepare(
      'DELETE FROM logs WHERE rowid IN (SELECT rowid FROM logs WHERE time_ns < ? AND session_id IS NULL LIMIT ?)',
    );
    this.deleteOldMetrics = db.prepare(
      'DELETE FROM metrics WHERE rowid IN (SELECT rowid FROM metrics WHERE time_ns < ? AND session_id IS NULL LIMIT ?)',
    );
  }

  async prune(options: PruneOptions): Promise<PruneResult> {
    return options.dryRun ? this.plan(options) : this.run(options);
  }

  /** Everything: every session, and every session-less log and metric. */
  async purgeAll(): Promise<PruneResult> {
    const result = await this.run({ olderThanNs: LATEST_NS });
    // Now that it is empty, a VACUUM is quick: it drops every old copy of a row left in free space, shrinks the
    // file, and switches a store made before incremental auto-vacuum to that mode for later prunes.
    this.db.pragma('auto_vacuum = INCREMENTAL');
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return { ...result, bytesAfter: fileBytes(this.path) };
  }

  private async run(options: PruneOptions): Promise<PruneResult> {
    const batchRows = Math.max(1, options.batchRows ?? DEFAULT_BATCH_ROWS);
    const bytesBefore = fileBytes(this.path);
    const counts: Counts = { sessions: 0, spans: 0, logs: 0, metrics: 0 };
    let batches = 0;
    const secureDelete = this.db.pragma('secure_delete', { simple: true }) as number;
    // Deleted rows are overwritten with zeros rather than left readable in free pages.
    this.db.pragma('secure_delete = ON');
    try {
      const drain = async (ids: readonly string[], enough: () => boolean = () => false): Promise<void> => {
        let next = 0;
        while (next < ids.length && !enough()) {
          next = this.db.transaction(() => this.deleteSessions(ids, next, batchRows, counts)).immediate();
          batches++;
          await yieldToEventLoop();
        }
      };
      if (options.olderThanNs !== undefined) {
        await drain(this.olderThan.all(options.olderThanNs) as string[]);
        for (const [statement, key] of [[this.deleteOldLogs, 'logs'], [this.deleteOldMetrics, 'metrics']] as const) {
          for (;;) {
            const n = statement.run(options.olderThanNs, batchRows).changes;
            batches++;
            counts[key] += n;
            await yieldToEventLoop();
            if (n < batchRows) break;
          }
        }
      }
      if (options.maxSessions !== undefined) {
        const excess = (this.sessionCount.get() as number) - options.maxSessions;
        if (excess > 0) await drain(this.oldestFirst.all(excess) as string[]);
      }
      if (options.maxBytes !== undefined) {
        const max = options.maxBytes;
        while (usedBytes(this.db) > max) {
          const oldest = this.oldestFirst.all(16) as string[];
          if (oldest.length === 0) break;
          await drain(oldest, () => usedBytes(this.db) <= max);
        }
      }
    } finally {
      this.db.pragma(`secure_delete = ${secureDelete}`);
    }
    await reclaimSpace(this.db);
    return { ...counts, batches, bytesBefore, bytesAfter: fileBytes(this.path) };
  }

  /**
   * One transaction: deletes rows of `ids[from…]` until `batchRows` rows are gone; a session whose rows are all
   * gone loses its roll-ups and its row. Returns the index of the first session not finished.
   */
  private deleteSessions(ids: readonly string[], from: number, batchRows: number, counts: Counts): number {
    let budget = batchRows;
    let i = from;
    for (; i < ids.length; i++) {
      const id = ids[i] as string;
      for (const table of SESSION_TABLES) {
        const n = this.deleteChunk[table].run(id, budget).changes;
        const key = counted(table);
        if (key) counts[key] += n;
        budget -= n;
        if (budget <= 0) return i;
      }
      this.deleteRollup.run(id);
      counts.sessions += this.deleteSession.run(id).changes;
    }
    return i;
  }

  /** What `run` would delete, counted without deleting; the byte limit is estimated from span counts. */
  private plan(options: PruneOptions): PruneResult {
    const bytes = fileBytes(this.path);
    const chosen = new Set<string>(options.olderThanNs === undefined ? [] : (this.olderThan.all(options.olderThanNs) as string[]));
    const total = this.sessionCount.get() as number;
    if (options.maxSessions !== undefined && total - chosen.size > options.maxSessions) {
      const all = this.oldestFirst.all(total) as string[];
      let keep = total - chosen.size;
      for (const id of all) {
        if (keep <= options.maxSessions) break;
        if (!chosen.has(id)) {
          chosen.add(id);
          keep--;
        }
      }
    }
    let spans = 0;
    for (const id of chosen) spans += this.spanCount.get(id, id) as number;
    if (options.maxBytes !== undefined) {
      const used = usedBytes(this.db);
      const allSpans = Math.max(1, this.totalSpans.get() as number);
      let remaining = used * (1 - spans / allSpans);
      for (const id of this.oldestFirst.all(total) as string[]) {
        if (remaining <= options.maxBytes) break;
        if (chosen.has(id)) continue;
        const n = this.spanCount.get(id, id) as number;
        chosen.add(id);
        spans += n;
        remaining -= (used * n) / allSpans;
      }
    }
    return { sessions: chosen.size, spans, logs: 0, metrics: 0, batches: 0, bytesBefore: bytes, bytesAfter: bytes };
  }
}
