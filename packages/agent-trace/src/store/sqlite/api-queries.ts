import type { Database, Statement } from 'better-sqlite3';
import { asSessionId, type SessionId, type Span, type SpanStatus, type SpanType } from '@agent-trace/schema';
import type { SessionCursor, SessionSearch, SessionSearchPage, SessionSortKey, SpanFact, SpanOutline, UsageQuery } from '../types.js';
import { sessionFilter, usageFilter } from './query-filters.js';
import { sessionFromRow, spanFromRow, type SessionRow, type SpanRow } from './row-mapping.js';

const STATUS_BY_RANK: readonly SpanStatus[] = ['unset', 'ok', 'error'];
const num = (v: number | bigint | null): number => (v === null ? 0 : typeof v === 'bigint' ? Number(v) : v);

/**
 * Sort expressions for the API's session list. Unlike the CLI's order, a session without an end sorts by
 * its latest activity when sorting by end, so every row has a value and keyset pagination needs no NULL cases.
 */
const SORT_EXPR: Record<SessionSortKey, string> = {
  start: 'start_ns',
  end: 'coalesce(end_ns, last_ns)',
  cost: 'cost_usd',
  tokens: 'total_tokens',
  duration: 'duration_ms',
  tools: 'tool_calls',
  errors: 'errors',
};
/** Keys whose values are nanoseconds: carried in cursors as decimal strings, bound as BigInt. */
const NANO_KEYS = new Set<SessionSortKey>(['start', 'end']);

/** Characters of a prompt or tool input shown in a timeline row; the whole text comes with the span's detail. */
const PREVIEW_CHARS = 160;
/** Older SQLite builds allow at most 999 bound parameters per statement; chunks stay well below. */
const IN_CHUNK = 500;

interface OutlineRow {
  span_id: string;
  parent_span_id: string | null;
  name: string;
  type: string;
  start_ns: bigint;
  end_ns: bigint | null;
  status: bigint;
  status_message: string | null;
  model: string | null;
  tool_name: string | null;
  input_tokens: bigint | null;
  output_tokens: bigint | null;
  cache_read_tokens: bigint | null;
  cache_write_5m_tokens: bigint | null;
  cache_write_1h_tokens: bigint | null;
  reasoning_tokens: bigint | null;
  cost_usd: number | null;
  event_count: bigint;
  preview: string | null;
}

interface FactRow {
  session_id: string;
  type: string;
  name: string;
  tool_name: string | null;
  model: string | null;
  status: bigint;
  start_ns: bigint;
  end_ns: bigint | null;
}

const outlineFromRow = (r: OutlineRow): SpanOutline => ({
  spanId: r.span_id,
  parentSpanId: r.parent_span_id,
  name: r.name,
  type: r.type as SpanType,
  startNs: r.start_ns,
  endNs: r.end_ns,
  status: STATUS_BY_RANK[num(r.status)] ?? 'unset',
  statusMessage: r.status_message,
  model: r.model,
  toolName: r.tool_name,
  usage:
    r.input_tokens === null
      ? null
      : {
          input: num(r.input_tokens),
          output: num(r.output_tokens),
          cacheRead: num(r.cache_read_tokens),
          cacheWrite5m: num(r.cache_write_5m_tokens),
          cacheWrite1h: num(r.cache_write_1h_tokens),
          reasoning: num(r.reasoning_tokens),
        },
  costUsd: r.cost_usd,
  eventCount: num(r.event_count),
  preview: r.preview,
});

/** The queries behind the REST API: session search with keyset pages, single spans, span outlines and facts. */
export class ApiQueries {
  private readonly cache = new Map<string, Statement>();
  private readonly spanById: Statement;
  private readonly outlinesBySession: Statement;

  constructor(private readonly db: Database) {
    this.spanById = db.prepare('SELECT * FROM spans WHERE session_id = ? AND span_id = ?').safeIntegers(true);
    // json_array_length and json_extract read the events column without building objects: a timeline of 20,000 spans needs
    // only how many events each span has; their content is loaded with the span's detail.
    this.outlinesBySession = db
      .prepare(
        `SELECT span_id, parent_span_id, name, type, start_ns, end_ns, status, status_message, model, tool_name,
                input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, reasoning_tokens,
                cost_usd, json_array_length(events) AS event_count,
                CASE type WHEN 'turn' THEN substr(json_extract(attributes, '$."content.prompt"'), 1, ${PREVIEW_CHARS})
                          WHEN 'tool_call' THEN substr(json_extract(attributes, '$."content.tool_input"'), 1, ${PREVIEW_CHARS}) END AS preview
         FROM spans WHERE session_id = ? ORDER BY start_ns, span_id`,
      )
      .safeIntegers(true);
  }

  private statement(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql).safeIntegers(true);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  searchSessions(q: SessionSearch): SessionSearchPage {
    const base = sessionFilter(q);
    const conds: string[] = base.where ? [base.where.replace(/^WHERE /, '')] : [];
    const params: unknown[] = [...base.params];
    if (q.user !== undefined) {
      conds.push('user_hash = ?');
      params.push(q.user);
    }
    if (q.text !== undefined && q.text !== '') {
      // Substring search over the stored text: titles, and span attributes (where content lives at tiers 2 and 3).
      conds.push(
        `(instr(lower(coalesce(title, '')), lower(?)) > 0
          OR EXISTS (SELECT 1 FROM spans sp WHERE sp.session_id = sessions.id AND instr(lower(sp.attributes), lower(?)) > 0))`,
      );
      params.push(q.text, q.text);
    }
    const key = q.sort ?? 'start';
    const expr = SORT_EXPR[key];
    const desc = q.order !== 'asc';
    if (q.after) {
      conds.push(`(${expr}, start_ns, id) ${desc ? '<' : '>'} (?, ?, ?)`);
      params.push(NANO_KEYS.has(key) ? BigInt(q.after.value) : Number(q.after.value), q.after.startNs, q.after.id);
    }
    const dir = desc ? 'DESC' : 'ASC';
    const limit = q.limit ?? 50;
    const where = conds.length > 0 ? `WHERE ${conds.join(' AND ')}` : '';
    const sql = `SELECT *, ${expr} AS sort_value FROM sessions ${where} ORDER BY ${expr} ${dir}, start_ns ${dir}, id ${dir} LIMIT ?`;
    // One row more than asked tells whether there is a next page without a count.
    const rows = this.statement(sql).all(...params, limit + 1) as Array<SessionRow & { sort_value: bigint | number }>;
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page.at(-1);
    const next: SessionCursor | null =
      more && last
        ? {
            value: typeof last.sort_value === 'bigint' ? (NANO_KEYS.has(key) ? last.sort_value.toString() : Number(last.sort_value)) : last.sort_value,
            startNs: last.start_ns,
            id: asSessionId(last.id),
          }
        : null;
    return { sessions: page.map(sessionFromRow), next };
  }

  getSpan(sessionId: SessionId, spanId: string): Span | null {
    const row = this.spanById.get(sessionId, spanId) as SpanRow | undefined;
    return row ? spanFromRow(row) : null;
  }

  getSpanOutlines(sessionId: SessionId): SpanOutline[] {
    return (this.outlinesBySession.all(sessionId) as OutlineRow[]).map(outlineFromRow);
  }

  /** Like llmCalls: the time bounds first pick the sessions active in the window, then their spans by index. */
  spanFacts(q: UsageQuery): SpanFact[] {
    const bounds: string[] = [];
    const boundParams: unknown[] = [];
    if (q.untilNs !== undefined) {
      bounds.push('se.start_ns < ?');
      boundParams.push(q.untilNs);
    }
    if (q.sinceNs !== undefined) {
      bounds.push('se.last_ns >= ?');
      boundParams.push(q.sinceNs);
    }
    const cols = { time: 's.start_ns', model: 's.model', session: 's.session_id', agent: 'se.agent', projectName: 'se.project_name', projectHash: 'se.project_hash' };
    const f = usageFilter(q, cols, (ns) => ns, { where: bounds.join(' AND '), params: boundParams });
    const sql = `SELECT s.session_id, s.type, s.name, s.tool_name, s.model, s.status, s.start_ns, s.end_ns
      FROM sessions se JOIN spans s ON s.session_id = se.id ${f.where} ORDER BY s.start_ns, s.span_id`;
    return (this.statement(sql).all(...f.params) as FactRow[]).map((r) => ({
      sessionId: asSessionId(r.session_id),
      type: r.type as SpanType,
      name: r.name,
      toolName: r.tool_name,
      model: r.model,
      status: STATUS_BY_RANK[num(r.status)] ?? 'unset',
      startNs: r.start_ns,
      endNs: r.end_ns,
    }));
  }

  sessionUsers(ids: readonly SessionId[]): Array<{ sessionId: SessionId; userHash: string | null }> {
    const out: Array<{ sessionId: SessionId; userHash: string | null }> = [];
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const chunk = ids.slice(i, i + IN_CHUNK);
      const sql = `SELECT id, user_hash FROM sessions WHERE id IN (${chunk.map(() => '?').join(',')})`;
      for (const r of this.statement(sql).all(...chunk) as Array<{ id: string; user_hash: string | null }>) {
        out.push({ sessionId: asSessionId(r.id), userHash: r.user_hash });
      }
    }
    return out;
  }
}
