import type { SessionId } from '@agent-trace/schema';
import type { Store } from '../store/types.js';
import type { CostMode } from './cost-mode.js';
import { groupBuckets, type GroupRow } from './grouped-report.js';
import type { TimeRange } from './time-range.js';
import type { UsageTotals } from './usage-totals.js';

export interface UserReport {
  kind: 'user';
  users: Array<Omit<GroupRow, 'key'> & { user: string }>;
  totals: UsageTotals;
  unpricedModels: string[];
}

/** Sessions with no user hash are grouped under this key. */
export const UNKNOWN_USER = '(unknown)';

/** Usage by user (hashed): the same roll-ups and grouping as the other reports, keyed by the session's user. */
export const buildUserReport = async (
  store: Store,
  o: { range: TimeRange; costMode: CostMode; project?: string; model?: string; order?: 'asc' | 'desc' },
): Promise<UserReport> => {
  const buckets = await store.usageBuckets({ ...o.range, ...(o.project ? { project: o.project } : {}), ...(o.model ? { model: o.model } : {}) });
  buckets.sort((a, b) => a.bucketStartMs - b.bucketStartMs);
  const ids = [...new Set(buckets.map((b) => b.sessionId))];
  const userOf = new Map<SessionId, string>();
  for (const u of await store.sessionUsers(ids)) userOf.set(u.sessionId, u.userHash ?? UNKNOWN_USER);
  const g = groupBuckets(buckets, (b) => userOf.get(b.sessionId) ?? UNKNOWN_USER, o.costMode, 'asc');
  const sign = o.order === 'asc' ? -1 : 1;
  g.rows.sort((a, b) => sign * (b.totalCost - a.totalCost) || a.key.localeCompare(b.key));
  return { kind: 'user', users: g.rows.map(({ key, ...rest }) => ({ user: key, ...rest })), totals: g.totals, unpricedModels: g.unpricedModels };
};
