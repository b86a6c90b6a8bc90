import type { Database, Statement } from 'better-sqlite3';

/** Null-aware min/max: SQLite's multi-argument min()/max() return NULL when any argument is NULL. */
const minNullable = (a: string, b: string): string =>
  `CASE WHEN ${a} IS NULL THEN ${b} WHEN ${b} IS NULL THEN ${a} ELSE min(${a}, ${b}) END`;
const maxNullable = (a: string, b: string): string =>
  `CASE WHEN ${a} IS NULL THEN ${b} WHEN ${b} IS NULL THEN ${a} ELSE max(${a}, ${b}) END`;

/**
 * Session upsert: the newest non-null value wins, the earliest start and the latest end are kept.
 * Identity fields that every source must send (trace id, agent) take the newest value.
 */
const UPSERT_SESSION = `
  INSERT INTO sessions (id, trace_id, agent, agent_version, project_name, project_hash, user_hash, cwd, git_branch, title,
                        src_start_ns, src_end_ns, status, first_seen_ns, start_ns, last_ns)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET
    trace_id = excluded.trace_id,
    agent = excluded.agent,
    agent_version = coalesce(excluded.agent_version, agent_version),
    project_name = coalesce(excluded.project_name, project_name),
    project_hash = coalesce(excluded.project_hash, project_hash),
    user_hash = coalesce(excluded.user_hash, user_hash),
    cwd = coalesce(excluded.cwd, cwd),
    git_branch = coalesce(excluded.git_branch, git_branch),
    title = coalesce(excluded.title, title),
    src_start_ns = ${minNullable('excluded.src_start_ns', 'src_start_ns')},
    src_end_ns = ${maxNullable('excluded.src_end_ns', 'src_end_ns')},
    status = coalesce(excluded.status, status)`;

/**
 * For an llm_call the new span's usage replaces the stored one only when its total is larger (a null usage
 * counts as -1), so streaming partials (output 3) and the final record (output 150) converge on the final
 * one in either order, and a tie keeps what is stored (idempotent). Its calculated cost, source and model
 * travel with the usage they belong to. For other span types a non-null usage simply wins.
 */
export const NEW_USAGE_WINS = `(CASE WHEN excluded.type = 'llm_call'
    THEN coalesce(excluded.total_tokens, -1) > coalesce(total_tokens, -1)
    ELSE excluded.total_tokens IS NOT NULL END)`;

export const usageColumn = (col: string): string => `${col} = CASE WHEN ${NEW_USAGE_WINS} THEN excluded.${col} ELSE ${col} END`;

/**
 * Span upsert keyed by (trace_id, span_id), with the merge rules of `WriteBatch.spans` in SQL so a write
 * never reads rows back into JS. In an UPDATE every right-hand side sees the old row, so the order of the
 * assignments does not matter. Session and trace ids are identity: the first stored value is kept, so a
 * span can never leave a session's derived totals stale.
 */
const UPSERT_SPAN = `
  INSERT INTO spans (trace_id, span_id, parent_span_id, session_id, name, type, start_ns, end_ns, status, status_message,
                     source, model, tool_name, input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens,
                     cache_write_1h_tokens, reasoning_tokens, total_tokens, cost_usd, reported_cost_usd, lines_added, lines_removed,
                     attributes, events)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (trace_id, span_id) DO UPDATE SET
    parent_span_id = coalesce(excluded.parent_span_id, parent_span_id),
    name = excluded.name,
    type = excluded.type,
    start_ns = min(start_ns, excluded.start_ns),
    end_ns = ${maxNullable('excluded.end_ns', 'end_ns')},
    status = max(status, excluded.status),
    status_message = CASE WHEN excluded.status >= status
      THEN coalesce(excluded.status_message, status_message)
      ELSE coalesce(status_message, excluded.status_message) END,
    source = CASE WHEN excluded.type <> 'llm_call' OR ${NEW_USAGE_WINS} THEN excluded.source ELSE source END,
    model = CASE WHEN excluded.type <> 'llm_call' OR ${NEW_USAGE_WINS} THEN coalesce(excluded.model, model) ELSE coalesce(model, excluded.model) END,
    tool_name = coalesce(excluded.tool_name, tool_name),
    ${usageColumn('input_tokens')},
    ${usageColumn('output_tokens')},
    ${usageColumn('cache_read_tokens')},
    ${usageColumn('cache_write_5m_tokens')},
    ${usageColumn('cache_write_1h_tokens')},
    ${usageColumn('reasoning_tokens')},
    ${usageColumn('total_tokens')},
    cost_usd = CASE WHEN excluded.type = 'llm_call'
      THEN (CASE WHEN ${NEW_USAGE_WINS} THEN excluded.cost_usd ELSE cost_usd END)
      ELSE coalesce(excluded.cost_usd, cost_usd) END,
    reported_cost_usd = CASE WHEN excluded.type <> 'llm_call' OR ${NEW_USAGE_WINS}
      THEN coalesce(excluded.reported_cost_usd, reported_cost_usd)
      ELSE coalesce(reported_cost_usd, excluded.reported_cost_usd) END,
    lines_added = coalesce(excluded.lines_added, lines_added),
    lines_removed = coalesce(excluded.lines_removed, lines_removed),
    attributes = CASE
      WHEN excluded.attributes = '{}' OR excluded.attributes = attributes THEN attributes
      WHEN attributes = '{}' THEN excluded.attributes
      ELSE at_merge_attributes(attributes, excluded.attributes) END,
    events = CASE
      WHEN excluded.events = '[]' OR excluded.events = events THEN events
      WHEN events = '[]' THEN excluded.events
      ELSE at_union_events(events, excluded.events) END`;

const UPSERT_LOG = `
  INSERT INTO logs (id, time_ns, level, component, event_name, session_id, trace_id, span_id, body, fields)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET
    time_ns = excluded.time_ns, level = excluded.level, component = excluded.component,
    event_name = coalesce(excluded.event_name, event_name), session_id = coalesce(excluded.session_id, session_id),
    trace_id = coalesce(excluded.trace_id, trace_id), span_id = coalesce(excluded.span_id, span_id),
    body = excluded.body, fields = excluded.fields`;

const UPSERT_METRIC = `
  INSERT INTO metrics (point_key, name, kind, value, labels, time_ns, session_id) VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (point_key) DO UPDATE SET kind = excluded.kind, value = excluded.value`;

const UPSERT_FILE = `
  INSERT INTO files (path, size, mtime_ms, byte_offset, head_hash, parser_state) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (path) DO UPDATE SET
    size = excluded.size, mtime_ms = excluded.mtime_ms, byte_offset = excluded.byte_offset,
    head_hash = excluded.head_hash, parser_state = excluded.parser_state`;

export interface WriteStatements {
  upsertSession: Statement;
  upsertSpan: Statement;
  upsertLog: Statement;
  upsertMetric: Statement;
  upsertFile: Statement;
}

/** Compiled once per connection: preparing the span upsert costs more than running it. */
export const prepareWriteStatements = (db: Database): WriteStatements => ({
  upsertSession: db.prepare(UPSERT_SESSION),
  upsertSpan: db.prepare(UPSERT_SPAN),
  upsertLog: db.prepare(UPSERT_LOG),
  upsertMetric: db.prepare(UPSERT_METRIC),
  upsertFile: db.prepare(UPSERT_FILE),
});
