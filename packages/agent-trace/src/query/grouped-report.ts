import { SYNTHETIC_MODEL } from '../pricing/synthetic-model.js';
import type { UsageBucket } from '../store/types.js';
import { bucketCost, type CostMode } from './cost-mode.js';
import { addToTotals, emptyTotals, type ModelBreakdown, type UsageTotals } from './usage-totals.js';

export interface GroupRow extends UsageTotals {
  key: string;
  /** Models in the order they were first used. */
  modelsUsed: string[];
  /** Per model, most expensive first (as ccusage orders them). */
  modelBreakdowns: ModelBreakdown[];
  calls: number;
  /** Calls whose model has no known price: their cost is not in totalCost. */
  unpricedCalls: number;
}

export interface GroupedReport {
  rows: GroupRow[];
  totals: UsageTotals;
  calls: number;
  unpricedModels: string[];
}

interface Acc {
  row: GroupRow;
  byModel: Map<string, ModelBreakdown>;
}

/** A local date ('YYYY-MM-DD') or month ('YYYY-MM'): the keys of the daily, weekly and monthly reports. */
const isDateKey = (k: string): boolean => {
  if (k.length !== 7 && k.length !== 10) return false;
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (i === 4 || i === 7 ? c !== 45 /* - */ : c < 48 || c > 57 /* 0-9 */) return false;
  }
  return true;
};

/**
 * localeCompare's order (the order rows have always had), without ICU for dates: the first localeCompare call
 * loads ICU's collator, ~7 ms of `report daily` on the bench machine. Two date keys of one shape differ first
 * at a digit, and digits collate in numeric order, so comparing code units gives the same sign
 * (grouped-report.test.ts checks it against localeCompare).
 */
export const compareGroupKeys = (a: string, b: string): number =>
  a.length === b.length && isDateKey(a) && isDateKey(b) ? (a < b ? -1 : a > b ? 1 : 0) : a.localeCompare(b);

/**
 * Groups roll-up buckets by a key (a local date, a week, a month, a model, a project…).
 * Buckets must come sorted by time so that `modelsUsed` keeps the order of first use.
 */
export const groupBuckets = (
  buckets: readonly UsageBucket[],
  keyOf: (b: UsageBucket) => string,
  mode: CostMode,
  order: 'asc' | 'desc',
): GroupedReport => {
  const groups = new Map<string, Acc>();
  const totals = emptyTotals();
  const unpriced = new Set<string>();
  let calls = 0;
  for (const b of buckets) {
    const key = keyOf(b);
    let acc = groups.get(key);
    if (!acc) {
      acc = { row: { key, ...emptyTotals(), modelsUsed: [], modelBreakdowns: [], calls: 0, unpricedCalls: 0 }, byModel: new Map() };
      groups.set(key, acc);
    }
    const cost = bucketCost(b, mode);
    addToTotals(acc.row, b.usage, cost);
    addToTotals(totals, b.usage, cost);
    acc.row.calls += b.calls;
    calls += b.calls;
    const unpricedHere = mode === 'display' ? 0 : mode === 'calculate' ? b.unpricedCalls : Math.max(0, b.unpricedCalls - b.reportedCalls);
    acc.row.unpricedCalls += unpricedHere;
    if (unpricedHere > 0) unpriced.add(b.model);
    // Locally generated messages (errors, interruptions) are not a model the user ran: ccusage leaves them out of the lists too.
    if (b.model === SYNTHETIC_MODEL) continue;
    let m = acc.byModel.get(b.model);
    if (!m) {
      m = { modelName: b.model, inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, cost: 0 };
      acc.byModel.set(b.model, m);
      acc.row.modelsUsed.push(b.model);
    }
    m.inputTokens += b.usage.input;
    m.outputTokens += b.usage.output;
    m.cacheCreationTokens += b.usage.cacheWrite5m + b.usage.cacheWrite1h;
    m.cacheReadTokens += b.usage.cacheRead;
    m.cost += cost;
  }
  const rows = [...groups.values()].map(({ row, byModel }) => {
    row.modelBreakdowns = [...byModel.values()].sort((a, b) => b.cost - a.cost || a.modelName.localeCompare(b.modelName));
    return row;
  });
  rows.sort((a, b) => (order === 'asc' ? compareGroupKeys(a.key, b.key) : compareGroupKeys(b.key, a.key)));
  return { rows, totals, calls, unpricedModels: [...unpriced].sort() };
};
