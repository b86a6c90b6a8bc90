import type { SessionQuery, SessionSortKey, UsageQuery } from '../types.js';

/** A WHERE clause and its parameters, built from a query object. */
export interface Filter {
  where: string;
  params: unknown[];
}

const toWhere = (conds: string[]): string => (conds.length === 0 ? '' : `WHERE ${conds.join(' AND ')}`);

/** Project: exact hash, or a case-insensitive substring of the name (which includes the exact name). */
const projectCondition = (nameCol: string, hashCol: string): string =>
  `(${hashCol} = ? OR instr(lower(${nameCol}), lower(?)) > 0)`;

/** Model: exact id, or a case-insensitive substring. */
const modelCondition = (col: string): string => `(${col} = ? OR instr(lower(${col}), lower(?)) > 0)`;

export const sessionFilter = (q: SessionQuery): Filter => {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (q.sinceNs !== undefined) {
    conds.push('coalesce(end_ns, start_ns) >= ?');
    params.push(q.sinceNs);
  }
  if (q.untilNs !== undefined) {
    conds.push('start_ns < ?');
    params.push(q.untilNs);
  }
  if (q.project !== undefined) {
    conds.push(projectCondition('project_name', 'project_hash'));
    params.push(q.project, q.project);
  }
  if (q.model !== undefined) {
    conds.push(`EXISTS (SELECT 1 FROM json_each(sessions.models) WHERE ${modelCondition('value')})`);
    params.push(q.model, q.model);
  }
  if (q.agent !== undefined) {
    conds.push('agent = ?');
    params.push(q.agent);
  }
  if (q.status !== undefined) {
    conds.push(`coalesce(status, 'unknown') = ?`);
    params.push(q.status);
  }
  return { where: toWhere(conds), params };
};

const SORT_COLUMNS: Record<SessionSortKey, string> = {
  start: 'start_ns',
  end: 'end_ns',
  cost: 'cost_usd',
  tokens: 'total_tokens',
  duration: 'duration_ms',
  tools: 'tool_calls',
  errors: 'errors',
};

/** Sessions without an end sort last in either direction; ties break on start, then id, so pages are stable. */
export const sessionOrder = (q: SessionQuery): string => {
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const key = q.sort ?? 'start';
  const col = SORT_COLUMNS[key];
  const nullsLast = key === 'end' ? 'end_ns IS NULL, ' : '';
  return `ORDER BY ${nullsLast}${col} ${dir}, start_ns ${dir}, id ${dir}`;
};

/** LIMIT/OFFSET with bound parameters; -1 is SQLite's "no limit". */
export const sessionPage = (q: SessionQuery): { sql: string; params: unknown[] } => ({
  sql: 'LIMIT ? OFFSET ?',
  params: [q.limit ?? -1, q.offset ?? 0],
});

/**
 * Usage filter. Time bounds apply to `timeCol`: a call's start for spans, the bucket start for roll-ups
 * (exact whenever the bounds fall on 15-minute boundaries, as every time zone's midnight does).
 */
export const usageFilter = (
  q: UsageQuery,
  cols: { time: string; model: string; session: string; agent: string; projectName: string; projectHash: string },
  boundValue: (ns: bigint) => unknown,
  extra: Filter = { where: '', params: [] },
): Filter => {
  const conds: string[] = extra.where ? [extra.where] : [];
  const params: unknown[] = [...extra.params];
  if (q.sinceNs !== undefined) {
    conds.push(`${cols.time} >= ?`);
    params.push(boundValue(q.sinceNs));
  }
  if (q.untilNs !== undefined) {
    conds.push(`${cols.time} < ?`);
    params.push(boundValue(q.untilNs));
  }
  if (q.project !== undefined) {
    conds.push(projectCondition(cols.projectName, cols.projectHash));
    params.push(q.project, q.project);
  }
  if (q.model !== undefined) {
    conds.push(modelCondition(cols.model));
    params.push(q.model, q.model);
  }
  if (q.agent !== undefined) {
    conds.push(`${cols.agent} = ?`);
    params.push(q.agent);
  }
  if (q.sessionId !== undefined) {
    conds.push(`${cols.session} = ?`);
    params.push(q.sessionId);
  }
  return { where: toWhere(conds), params };
};
