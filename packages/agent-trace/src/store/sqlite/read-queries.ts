import type { Database, Statement } from 'better-sqlite3';
import { asSessionId, type Agent, type Session, type SessionId, type Span } from '@agent-trace/schema';
import type { FileStamp, FileState, LlmCallRow, SessionQuery, UsageBucket, UsageQuery } from '../types.js';
import { sessionFilter, sessionOrder, sessionPage, usageFilter } from './query-filters.js';
import {
  fileFromRow,
  llmCallFromRow,
  sessionFromRow,
  spanFromRow,
  type FileRow,
  type LlmCallDbRow,
  type SessionRow,
  type SpanRow,
} from './row-mapping.js';
import { REPORT_MODEL_SQL, UNKNOWN_MODEL } from './usage-rollup.js';

/** The highest code point: in UTF-8 (SQLite's binary collation) it sorts after every string with the prefix. */
const PREFIX_END = '\u{10ffff}';

/** Milliseconds, rounded up: an integer bucket start t satisfies t >= ns/1e6 exactly when t >= ceil(ns/1e6). */
const ceilMs = (ns: bigint): number => Number(ns / 1_000_000n) + (ns % 1_000_000n > 0n ? 1 : 0);

const USAGE_BUCKET_COLS = {
  time: 'bucket_start_ms',
  model: 'model',
  session: 'session_id',
  agent: 'agent',
  projectName: 'project_name',
  projectHash: 'project_hash',
};

const LLM_CALL_COLS = {
  time: 's.start_ns',
  model: `coalesce(s.model, '${UNKNOWN_MODEL}')`,
  session: 's.session_id',
  agent: 'se.agent',
  projectName: 'se.project_name',
  projectHash: 'se.project_hash',
};

/**
 * Model calls stored in full, and those sampling left out (kept as numbers only in `sampled_spans`, so that
 * reports stay exact at any sampling rate); a call stored in both counts once.
 */
const LLM_CALLS_WITH_SAMPLED = `
  SELECT session_id, span_id, type, start_ns, model, attributes, input_tokens, output_tokens, cache_read_tokens,
         cache_write_5m_tokens, cache_write_1h_tokens, reasoning_tokens, cost_usd, reported_cost_usd
  FROM spans WHERE type = 'llm_call'
  UNION ALL
  SELECT session_id, span_id, type, start_ns, model, CASE WHEN fast = 1 THEN '{"llm.speed":"fast"}' ELSE '{}' END, input_tokens,
         output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, reasoning_tokens, cost_usd, reported_cost_usd
  FROM sampled_spans ss WHERE type = 'llm_call'
    AND NOT EXISTS (SELECT 1 FROM spans x WHERE x.trace_id = ss.trace_id AND x.span_id = ss.span_id)`;

/** `usage_rollup` columns in the order bucketFromTuple reads them (every column is NOT NULL but the project's). */
const BUCKET_TUPLE_COLUMNS =
  'bucket_start_ms, session_id, agent, project_name, project_hash, model, input_tokens, output_tokens, cache_read_tokens, ' +
  'cache_write_5m_tokens, cache_write_1h_tokens, reasoning_tokens, calls, cost_usd, unpriced_calls, reported_cost_usd, reported_calls, auto_cost_usd';

type BucketTuple = [
  bucketStartMs: number,
  sessionId: string,
  agent: string,
  projectName: string | null,
  projectHash: string | null,
  model: string,
  input: number,
  output: number,
  cacheRead: number,
  cacheWrite5m: number,
  cacheWrite1h: number,
  reasoning: number,
  calls: number,
  costUsd: number,
  unpricedCalls: number,
  reportedCostUsd: number,
  reportedCalls: number,
  autoCostUsd: number,
];

/** The UsageBucket bucketFromRow makes of the same row (same keys in the same order). */
const bucketFromTuple = (r: BucketTuple): UsageBucket => ({
  bucketStartMs: r[0],
  sessionId: asSessionId(r[1]),
  agent: r[2] as Agent,
  projectName: r[3],
  projectHash: r[4],
  model: r[5],
  usage: { input: r[6], output: r[7], cacheRead: r[8], cacheWrite5m: r[9], cacheWrite1h: r[10], reasoning: r[11] },
  calls: r[12],
  costUsd: r[13],
  unpricedCalls: r[14],
  reportedCostUsd: r[15],
  reportedCalls: r[16],
  autoCostUsd: r[17],
});

/** Read statements: fixed ones compiled once, query-shaped ones compiled once per distinct SQL text. */
export class ReadQueries {
  private readonly cache = new Map<string, Statement>();
  private readonly sessionById: Statement;
  private readonly sessionIdsByPrefix: Statement;
  private readonly spansBySession: Statement;
  private readonly fileByPath: Statement;
  private readonly allFiles: Statement;
  private readonly allStamps: Statement;

  constructor(private readonly db: Database) {
    this.sessionById = db.prepare('SELECT * FROM sessions WHERE id = ?').safeIntegers(true);
    // A range on the primary key, not LIKE: LIKE is case-insensitive and cannot use the index.
    this.sessionIdsByPrefix = db.prepare('SELECT id FROM sessions WHERE id >= ? AND id < ? ORDER BY id LIMIT ?').pluck();
    this.spansBySession = db
      .prepare('SELECT * FROM spans WHERE session_id = ? ORDER BY start_ns, span_id')
      .safeIntegers(true);
    this.fileByPath = db.prepare('SELECT * FROM files WHERE path = ?');
    this.allFiles = db.prepare('SELECT * FROM files ORDER BY path');
    this.allStamps = db.prepare('SELECT path, size, mtime_ms FROM files').raw(true);
  }

  private statement(sql: string, safeIntegers: boolean): Statement {
    const key = `${safeIntegers ? 1 : 0}${sql}`;
    let stmt = this.cache.get(key);
    if (!stmt) {
      stmt = this.db.prepare(sql).safeIntegers(safeIntegers);
      this.cache.set(key, stmt);
    }
    return stmt;
  }

  getSession(id: SessionId): Session | null {
    const row = this.sessionById.get(id) as SessionRow | undefined;
    return row ? sessionFromRow(row) : null;
  }

  findSessionIds(prefix: string, limit: number): SessionId[] {
    return (this.sessionIdsByPrefix.all(prefix, prefix + PREFIX_END, limit) as string[]).map(asSessionId);
  }

  listSessions(q: SessionQuery): Session[] {
    const f = sessionFilter(q);
    const page = sessionPage(q);
    const sql = `SELECT * FROM sessions ${f.where} ${sessionOrder(q)} ${page.sql}`;
    return (this.statement(sql, true).all(...f.params, ...page.params) as SessionRow[]).map(sessionFromRow);
  }

  countSessions(q: SessionQuery): number {
    const f = sessionFilter(q);
    return this.statement(`SELECT count(*) FROM sessions ${f.where}`, false).pluck().get(...f.params) as number;
  }

  getSpans(sessionId: SessionId): Span[] {
    return (this.spansBySession.all(sessionId) as SpanRow[]).map(spanFromRow);
  }

  /**
   * Rows read as arrays (raw mode), not objects: better-sqlite3 building an 18-key object per row made this
   * query 27 ms against 15 ms for the 4,313 roll-up rows of the bench corpus (`report daily` reads them all).
   * The result equals bucketFromRow over `SELECT *` (read-queries.test.ts).
   */
  usageBuckets(q: UsageQuery): UsageBucket[] {
    const f = usageFilter(q, USAGE_BUCKET_COLS, ceilMs);
    const sql = `SELECT ${BUCKET_TUPLE_COLUMNS} FROM usage_rollup ${f.where} ORDER BY bucket_start_ms, session_id, model`;
    const stmt = this.statement(sql, false).raw(true);
    return (stmt.all(...f.params) as BucketTuple[]).map(bucketFromTuple);
  }

  /**
   * Spans have no time index of their own (see migrations.ts): the time bounds first pick the sessions active
   * in the range (a session's [start_ns, last_ns] covers all its spans), then each one's spans by the
   * (session_id, start_ns) index.
   */
  llmCalls(q: UsageQuery): LlmCallRow[] {
    const sessionBounds: string[] = [`s.type = 'llm_call'`];
    const boundParams: unknown[] = [];
    if (q.untilNs !== undefined) {
      sessionBounds.push('se.start_ns < ?');
      boundParams.push(q.untilNs);
    }
    if (q.sinceNs !== undefined) {
      sessionBounds.push('se.last_ns >= ?');
      boundParams.push(q.sinceNs);
    }
    const f = usageFilter(q, LLM_CALL_COLS, (ns) => ns, { where: sessionBounds.join(' AND '), params: boundParams });
    const sql = `
      SELECT s.session_id, s.span_id, s.start_ns, ${REPORT_MODEL_SQL} AS model,
             s.input_tokens, s.output_tokens, s.cache_read_tokens, s.cache_write_5m_tokens, s.cache_write_1h_tokens,
             s.reasoning_tokens, s.cost_usd, s.reported_cost_usd, se.project_name
      FROM sessions se JOIN (${LLM_CALLS_WITH_SAMPLED}) s ON s.session_id = se.id
      ${f.where} ORDER BY s.start_ns, s.span_id`;
    return (this.statement(sql, true).all(...f.params) as LlmCallDbRow[]).map(llmCallFromRow);
  }

  getFileState(path: string): FileState | null {
    const row = this.fileByPath.get(path) as FileRow | undefined;
    return row ? fileFromRow(row) : null;
  }

  /**
   * Three columns as arrays: a re-import of 3,743 unchanged files spent ~30 ms reading every saved state
   * (parser states are ~1 KiB each) against ~4 ms for these.
   */
  listFileStamps(): FileStamp[] {
    return (this.allStamps.all() as [string, number, number][]).map(([path, size, mtimeMs]) => ({ path, size, mtimeMs }));
  }

  listFileStates(): FileState[] {
    return (this.allFiles.all() as FileRow[]).map(fileFromRow);
  }
}
