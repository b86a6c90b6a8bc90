import type { Database, Statement } from 'better-sqlite3';
import { totalTokens, type Span } from '@agent-trace/schema';
import { numericAttribute, STATUS_RANK } from './row-mapping.js';
import { NEW_USAGE_WINS, usageColumn } from './write-statements.js';

/**
 * The same merge rules as a full span, on the columns a left-out span keeps. A span already stored in full
 * (an error, or a trace sampled in by an earlier rate) is not written again here: the totals read both tables
 * and count a span of `spans` only once (derive-session.ts, usage-rollup.ts).
 */
const UPSERT_SAMPLED_SPAN = `
  INSERT INTO sampled_spans (trace_id, span_id, session_id, type, start_ns, end_ns, status, model, fast, input_tokens,
                             output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, reasoning_tokens,
                             total_tokens, cost_usd, reported_cost_usd, lines_added, lines_removed)
  SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
  WHERE NOT EXISTS (SELECT 1 FROM spans WHERE trace_id = ? AND span_id = ?)
  ON CONFLICT (trace_id, span_id) DO UPDATE SET
    type = excluded.type,
    start_ns = min(start_ns, excluded.start_ns),
    end_ns = CASE WHEN excluded.end_ns IS NULL THEN end_ns WHEN end_ns IS NULL THEN excluded.end_ns ELSE max(end_ns, excluded.end_ns) END,
    status = max(status, excluded.status),
    model = CASE WHEN excluded.type <> 'llm_call' OR ${NEW_USAGE_WINS} THEN coalesce(excluded.model, model) ELSE coalesce(model, excluded.model) END,
    fast = max(fast, excluded.fast),
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
    lines_removed = coalesce(excluded.lines_removed, lines_removed)`;

const params = (s: Span): unknown[] => {
  const u = s.usage;
  return [
    s.traceId,
    s.spanId,
    s.sessionId,
    s.type,
    s.startNs,
    s.endNs,
    STATUS_RANK[s.status],
    s.model,
    s.attributes['llm.speed'] === 'fast' ? 1 : 0,
    u ? u.input : null,
    u ? u.output : null,
    u ? u.cacheRead : null,
    u ? u.cacheWrite5m : null,
    u ? u.cacheWrite1h : null,
    u ? u.reasoning : null,
    u ? totalTokens(u) : null,
    s.costUsd,
    s.reportedCostUsd,
    numericAttribute(s.attributes, 'lines.added'),
    numericAttribute(s.attributes, 'lines.removed'),
  ];
};

export class SampledSpanWriter {
  private readonly upsert: Statement;
  constructor(db: Database) {
    this.upsert = db.prepare(UPSERT_SAMPLED_SPAN);
  }

  write(span: Span): void {
    const p = params(span);
    this.upsert.run(...p, span.traceId, span.spanId);
  }
}

