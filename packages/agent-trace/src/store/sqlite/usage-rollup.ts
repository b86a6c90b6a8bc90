import type { Database, Statement } from 'better-sqlite3';

/** 15 minutes: the finest offset any time zone has, so buckets group exactly into local days. */
export const BUCKET_MS = 15 * 60 * 1000;
const BUCKET_NS = BigInt(BUCKET_MS) * 1_000_000n;

/** The model name a call without one is reported under. */
export const UNKNOWN_MODEL = 'unknown';

/**
 * The model a call is reported under: its id, with `-fast` for calls made in fast mode (`llm.speed`),
 * which are billed at a multiple of the standard price — ccusage reports them the same way.
 */
/**
 * `instr` first: attributes are always written by JSON.stringify, which never escapes a character of the key
 * `llm.speed`, so a row whose JSON lacks that text cannot have the key, and only rows that have it are parsed.
 * Parsing every model call's attributes was ~25% of a session's roll-up rebuild (measured on OTLP ingest).
 */
export const REPORT_MODEL_SQL = `coalesce(s.model, '${UNKNOWN_MODEL}') || CASE WHEN s.type = 'llm_call' AND instr(s.attributes, '"llm.speed"') > 0 AND json_extract(s.attributes, '$."llm.speed"') = 'fast' THEN '-fast' ELSE '' END`;

const DELETE_SESSION_ROWS = `DELETE FROM usage_rollup WHERE session_id = ?`;

const LLM_CALL_COLUMNS = `session_id, type, start_ns, model, attributes, input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens,
           cache_write_1h_tokens, reasoning_tokens, cost_usd, reported_cost_usd`;

/** Integer division on non-negative INTEGER nanoseconds floors to the bucket start. */
const insertSessionRows = (from: string): string => `
  INSERT INTO usage_rollup (bucket_start_ms, session_id, model, agent, project_name, project_hash,
                            input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
                            reasoning_tokens, calls, cost_usd, unpriced_calls, reported_cost_usd, reported_calls, auto_cost_usd)
  SELECT (s.start_ns / ${BUCKET_NS}) * ${BUCKET_MS} AS bucket, s.session_id, ${REPORT_MODEL_SQL} AS m,
         se.agent, se.project_name, se.project_hash,
         coalesce(sum(s.input_tokens), 0), coalesce(sum(s.output_tokens), 0), coalesce(sum(s.cache_read_tokens), 0),
         coalesce(sum(s.cache_write_5m_tokens), 0), coalesce(sum(s.cache_write_1h_tokens), 0), coalesce(sum(s.reasoning_tokens), 0),
         count(*), coalesce(sum(s.cost_usd), 0.0), count(*) - count(s.cost_usd),
         coalesce(sum(s.reported_cost_usd), 0.0), count(s.reported_cost_usd),
         coalesce(sum(coalesce(s.reported_cost_usd, s.cost_usd)), 0.0)
  FROM (${from}) s JOIN sessions se ON se.id = s.session_id
  GROUP BY bucket, m`;

const STORED_LLM_CALLS = `
    SELECT ${LLM_CALL_COLUMNS}
    FROM spans WHERE session_id = ? AND type = 'llm_call'`;

const INSERT_SESSION_ROWS = insertSessionRows(`${STORED_LLM_CALLS}
    UNION ALL
    SELECT session_id, type, start_ns, model, CASE WHEN fast = 1 THEN '{"llm.speed":"fast"}' ELSE '{}' END, input_tokens, output_tokens,
           cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, reasoning_tokens, cost_usd, reported_cost_usd
    FROM sampled_spans ss WHERE session_id = ? AND type = 'llm_call'
      AND NOT EXISTS (SELECT 1 FROM spans x WHERE x.trace_id = ss.trace_id AND x.span_id = ss.span_id)`);

/**
 * The same rows when the store holds no sampled-out spans at all (sampling off, the default): the left-out part
 * of the union would be empty, and the stored spans are read and summed in the same order.
 */
const INSERT_SESSION_ROWS_STORED_ONLY = insertSessionRows(STORED_LLM_CALLS);

/** Keeps `usage_rollup` equal to the llm_call spans (stored and left out by sampling) of each session, rebuilt per session a write touched. */
export class UsageRollup {
  private readonly deleteRows: Statement;
  private readonly insertRows: Statement;
  private readonly insertStoredRows: Statement;

  constructor(db: Database) {
    this.deleteRows = db.prepare(DELETE_SESSION_ROWS);
    this.insertRows = db.prepare(INSERT_SESSION_ROWS);
    this.insertStoredRows = db.prepare(INSERT_SESSION_ROWS_STORED_ONLY);
  }

  /** `anySampled`: whether the store holds any sampled-out span (SessionDeriver.anySampled). */
  rebuild(sessionId: string, anySampled = true): void {
    this.deleteRows.run(sessionId);
    if (anySampled) this.insertRows.run(sessionId, sessionId);
    else this.insertStoredRows.run(sessionId);
  }
}
