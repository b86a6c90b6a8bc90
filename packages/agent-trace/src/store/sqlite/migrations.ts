import type { Database } from 'better-sqlite3';
import { AgentTraceError } from '../../errors.js';

export interface Migration {
  /** 1, 2, 3, … in order; stored in `PRAGMA user_version` once applied. */
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema, as an ordered list of steps. A step is never edited once released: a change is a new step.
 *
 * Status is stored as its rank (0 unset, 1 ok, 2 error) so the merge rule "error wins over ok over unset"
 * is a plain `max()`. Nanosecond times are INTEGER (64-bit) and read back as BigInt. A span's usage is
 * null when `input_tokens` is null; `lines_added` / `lines_removed` copy the numeric span attributes of those
 * names so totals need no JSON parsing. Session columns below `-- derived` are recomputed from the spans after
 * every write (`last_ns`: the end, else the latest span time, else the start); `src_start_ns` / `src_end_ns`
 * keep what the sources said, so the derivation can be redone.
 *
 * Spans have one secondary index, (session_id, start_ns, span_id): every read of spans (a session's
 * timeline, its totals, model calls in a time range via the sessions active then) goes through it, and
 * each extra index cost about 10% of write throughput in measurements. No foreign keys: spans may arrive
 * before their session.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        trace_id TEXT NOT NULL,
        agent TEXT NOT NULL,
        agent_version TEXT,
        project_name TEXT,
        project_hash TEXT,
        user_hash TEXT,
        cwd TEXT,
        git_branch TEXT,
        title TEXT,
        src_start_ns INTEGER,
        src_end_ns INTEGER,
        status TEXT,
        first_seen_ns INTEGER NOT NULL,
        -- derived
        start_ns INTEGER NOT NULL,
        end_ns INTEGER,
        last_ns INTEGER NOT NULL,
        input_tokens INTEGER NOT NULL DEFAULT 0,
        output_tokens INTEGER NOT NULL DEFAULT 0,
        cache_read_tokens INTEGER NOT NULL DEFAULT 0,
        cache_write_tokens INTEGER NOT NULL DEFAULT 0,
        total_tokens INTEGER NOT NULL DEFAULT 0,
        cost_usd REAL NOT NULL DEFAULT 0,
        llm_calls INTEGER NOT NULL DEFAULT 0,
        unpriced_calls INTEGER NOT NULL DEFAULT 0,
        tool_calls INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        prompts INTEGER NOT NULL DEFAULT 0,
        subagents INTEGER NOT NULL DEFAULT 0,
        lines_added INTEGER NOT NULL DEFAULT 0,
        lines_removed INTEGER NOT NULL DEFAULT 0,
        models TEXT NOT NULL DEFAULT '[]',
        event_count INTEGER NOT NULL DEFAULT 0,
        duration_ms REAL NOT NULL DEFAULT 0,
        success_rate REAL
      );
      CREATE INDEX sessions_start ON sessions (start_ns);
      CREATE INDEX sessions_end ON sessions (end_ns);

      CREATE TABLE spans (
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        parent_span_id TEXT,
        session_id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        start_ns INTEGER NOT NULL,
        end_ns INTEGER,
        status INTEGER NOT NULL,
        status_message TEXT,
        source TEXT NOT NULL,
        model TEXT,
        tool_name TEXT,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cache_read_tokens INTEGER,
        cache_write_5m_tokens INTEGER,
        cache_write_1h_tokens INTEGER,
        reasoning_tokens INTEGER,
        total_tokens INTEGER,
        cost_usd REAL,
        reported_cost_usd REAL,
        lines_added INTEGER,
        lines_removed INTEGER,
        attributes TEXT NOT NULL,
        events TEXT NOT NULL,
        PRIMARY KEY (trace_id, span_id)
      );
      CREATE INDEX spans_session_start ON spans (session_id, start_ns, span_id);

      CREATE TABLE usage_rollup (
        bucket_start_ms INTEGER NOT NULL,
        session_id TEXT NOT NULL,
        model TEXT NOT NULL,
        agent TEXT NOT NULL,
        project_name TEXT,
        project_hash TEXT,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cache_read_tokens INTEGER NOT NULL,
        cache_write_5m_tokens INTEGER NOT NULL,
        cache_write_1h_tokens INTEGER NOT NULL,
        reasoning_tokens INTEGER NOT NULL,
        calls INTEGER NOT NULL,
        cost_usd REAL NOT NULL,
        unpriced_calls INTEGER NOT NULL,
        reported_cost_usd REAL NOT NULL,
        reported_calls INTEGER NOT NULL,
        auto_cost_usd REAL NOT NULL,
        PRIMARY KEY (bucket_start_ms, session_id, model)
      );
      CREATE INDEX usage_rollup_session ON usage_rollup (session_id);

      CREATE TABLE logs (
        id TEXT PRIMARY KEY,
        time_ns INTEGER NOT NULL,
        level TEXT NOT NULL,
        component TEXT NOT NULL,
        event_name TEXT,
        session_id TEXT,
        trace_id TEXT,
        span_id TEXT,
        body TEXT NOT NULL,
        fields TEXT NOT NULL
      );
      CREATE INDEX logs_time ON logs (time_ns);
      CREATE INDEX logs_session ON logs (session_id) WHERE session_id IS NOT NULL;

      CREATE TABLE metrics (
        point_key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        value REAL NOT NULL,
        labels TEXT NOT NULL,
        time_ns INTEGER NOT NULL,
        session_id TEXT
      );
      CREATE INDEX metrics_name_time ON metrics (name, time_ns);

      CREATE TABLE files (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ms REAL NOT NULL,
        byte_offset INTEGER NOT NULL,
        head_hash TEXT NOT NULL,
        parser_state TEXT
      );
    `,
  },
  {
    version: 2,
    name: 'sampled-out spans, metrics by session',
    /*
     * The numbers of spans the sampler left out (WriteBatch.sampledSpans): enough for session totals and usage
     * roll-ups to stay exact, nothing that names or describes what happened. `fast` is the `llm.speed` = fast
     * flag the report model name needs. Keyed like `spans`; the session index serves totals and pruning.
     */
    sql: `
      CREATE TABLE sampled_spans (
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        type TEXT NOT NULL,
        start_ns INTEGER NOT NULL,
        end_ns INTEGER,
        status INTEGER NOT NULL,
        model TEXT,
        fast INTEGER NOT NULL DEFAULT 0,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cache_read_tokens INTEGER,
        cache_write_5m_tokens INTEGER,
        cache_write_1h_tokens INTEGER,
        reasoning_tokens INTEGER,
        total_tokens INTEGER,
        cost_usd REAL,
        reported_cost_usd REAL,
        lines_added INTEGER,
        lines_removed INTEGER,
        PRIMARY KEY (trace_id, span_id)
      );
      CREATE INDEX sampled_spans_session ON sampled_spans (session_id, start_ns);
      -- Pruning deletes a session's metrics; without this it scanned every metric once per session.
      CREATE INDEX metrics_session ON metrics (session_id) WHERE session_id IS NOT NULL;
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

const userVersion = (db: Database): number => db.pragma('user_version', { simple: true }) as number;

/**
 * Brings the database up to the newest version this code knows, in one IMMEDIATE transaction (so two
 * processes opening an old file at once do not both migrate). A file written by a newer version is refused:
 * reading it with an older schema in mind could silently corrupt it.
 */
export const applyMigrations = (db: Database, location: string, migrations: readonly Migration[] = MIGRATIONS): number => {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  // Already current (every open but the first after an upgrade): nothing to write, so no write lock. The
  // IMMEDIATE transaction took it on every open, and a report or re-import waited for a busy collector's
  // writes just to learn that nothing needed doing.
  if (userVersion(db) === latest) return latest;
  const migrate = db.transaction(() => {
    const current = userVersion(db);
    if (current > latest) {
      throw new AgentTraceError(
        'store',
        `${location} has schema version ${current}, newer than this agent-trace supports (${latest}); upgrade agent-trace to open it`,
      );
    }
    const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
    for (const m of pending) {
      try {
        db.exec(m.sql);
      } catch (err) {
        throw new AgentTraceError('store', `${location}: migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, {
          cause: err,
        });
      }
      db.pragma(`user_version = ${m.version}`);
    }
    return userVersion(db);
  });
  return migrate.immediate();
};
