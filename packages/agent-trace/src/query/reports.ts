import { nanoToIso, type Agent, type Session, type SessionId } from '@agent-trace/schema';
import { SYNTHETIC_MODEL } from '../pricing/synthetic-model.js';
import type { LlmCallRow, Store, UsageQuery } from '../store/types.js';
import { localDate, weekStart, type Weekday } from '../util/timezone.js';
import { callCost, isUnpriced, type CostMode } from './cost-mode.js';
import { groupBuckets, type GroupRow } from './grouped-report.js';
import { buildBlocks, type BillingBlock } from './blocks.js';
import { addToTotals, addTotals, emptyTotals, type ModelBreakdown, type UsageTotals } from './usage-totals.js';
import type { TimeRange } from './time-range.js';

export const REPORT_KINDS = ['daily', 'weekly', 'monthly', 'session', 'model', 'project', 'blocks'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportOptions {
  kind: ReportKind;
  timezone: string;
  range: TimeRange;
  costMode: CostMode;
  /** Rows by date ascending, or by cost descending for session/model/project, unless set. */
  order?: 'asc' | 'desc';
  startOfWeek: Weekday;
  project?: string;
  model?: string;
  agent?: Agent;
  now: Date;
}

type Row<K extends string> = { [P in K]: string } & UsageTotals & {
  modelsUsed: string[];
  modelBreakdowns: ModelBreakdown[];
  calls: number;
  unpricedCalls: number;
};

/** JSON shapes: ccusage's field names for the rows and totals, plus a few of our own (calls, unpricedCalls, unpricedModels). */
export type Report =
  | { kind: 'daily'; daily: Row<'date'>[]; totals: UsageTotals; unpricedModels: string[] }
  | { kind: 'weekly'; weekly: Row<'week'>[]; totals: UsageTotals; unpricedModels: string[] }
  | { kind: 'monthly'; monthly: Row<'month'>[]; totals: UsageTotals; unpricedModels: string[] }
  | { kind: 'model'; models: Row<'model'>[]; totals: UsageTotals; unpricedModels: string[] }
  | { kind: 'project'; projects: Row<'project'>[]; totals: UsageTotals; unpricedModels: string[] }
  | { kind: 'session'; sessions: SessionRow[]; totals: UsageTotals; unpricedModels: string[] }
  | { kind: 'blocks'; blocks: BillingBlock[] };

export interface SessionRow extends UsageTotals {
  sessionId: SessionId;
  agent: Agent;
  /** The transcript folder name Claude Code uses for the project (its cwd with every non-alphanumeric as '-'), as ccusage shows. */
  projectPath: string | null;
  projectName: string | null;
  firstActivity: string;
  lastActivity: string;
  modelsUsed: string[];
  modelBreakdowns: ModelBreakdown[];
  calls: number;
  unpricedCalls: number;
}

const rename = <K extends string>(row: GroupRow, key: K): Row<K> => {
  const { key: value, ...rest } = row;
  return { [key]: value, ...rest } as Row<K>;
};

const usageQuery = (o: ReportOptions): UsageQuery => ({
  ...o.range,
  ...(o.project ? { project: o.project } : {}),
  ...(o.model ? { model: o.model } : {}),
  ...(o.agent ? { agent: o.agent } : {}),
});

export const encodeProjectPath = (cwd: string | null): string | null => (cwd === null ? null : cwd.replace(/[^a-zA-Z0-9]/g, '-'));

const sessionReport = async (store: Store, o: ReportOptions): Promise<Report> => {
  const calls = await store.llmCalls(usageQuery(o));
  const bySession = new Map<SessionId, { calls: LlmCallRow[] }>();
  for (const c of calls) {
    let s = bySession.get(c.sessionId);
    if (!s) bySession.set(c.sessionId, (s = { calls: [] }));
    s.calls.push(c);
  }
  const totals = emptyTotals();
  const unpriced = new Set<string>();
  const rows: SessionRow[] = [];
  for (const [sessionId, { calls: list }] of bySession) {
    const session: Session | null = await store.getSession(sessionId);
    const t = emptyTotals();
    const byModel = new Map<string, ModelBreakdown>();
    const modelsUsed: string[] = [];
    let unpricedCalls = 0;
    let first = list[0]!.startNs;
    let last = list[0]!.startNs;
    for (const c of list) {
      const cost = callCost(c.costUsd, c.reportedCostUsd, o.costMode);
      if (isUnpriced(c.costUsd, c.reportedCostUsd, o.costMode)) {
        unpricedCalls++;
        unpriced.add(c.model);
      }
      addToTotals(t, c.usage, cost);
      if (c.startNs < first) first = c.startNs;
      if (c.startNs > last) last = c.startNs;
      if (c.model === SYNTHETIC_MODEL) continue;
      let m = byModel.get(c.model);
      if (!m) {
        m = { modelName: c.model, inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, cost: 0 };
        byModel.set(c.model, m);
        modelsUsed.push(c.model);
      }
      m.inputTokens += c.usage.input;
      m.outputTokens += c.usage.output;
      m.cacheCreationTokens += c.usage.cacheWrite5m + c.usage.cacheWrite1h;
      m.cacheReadTokens += c.usage.cacheRead;
      m.cost += cost;
    }
    addTotals(totals, t);
    rows.push({
      sessionId,
      agent: session?.agent ?? 'claude-code',
      projectPath: encodeProjectPath(session?.cwd ?? null),
      projectName: session?.projectName ?? null,
      firstActivity: nanoToIso(first),
      lastActivity: nanoToIso(last),
      ...t,
      modelsUsed,
      modelBreakdowns: [...byModel.values()].sort((a, b) => b.cost - a.cost || a.modelName.localeCompare(b.modelName)),
      calls: list.length,
      unpricedCalls,
    });
  }
  // Most expensive first, as ccusage lists sessions; `--order asc` turns it round.
  rows.sort((a, b) => (o.order === 'asc' ? -1 : 1) * (b.totalCost - a.totalCost || b.lastActivity.localeCompare(a.lastActivity)));
  return { kind: 'session', sessions: rows, totals, unpricedModels: [...unpriced].sort() };
};

/** Most expensive first (ties by name), or cheapest first with `asc`. */
const byCost =
  (order: 'asc' | 'desc' | undefined) =>
  (a: GroupRow, b: GroupRow): number =>
    (order === 'asc' ? -1 : 1) * (b.totalCost - a.totalCost) || a.key.localeCompare(b.key);

export const buildReport = async (store: Store, o: ReportOptions): Promise<Report> => {
  if (o.kind === 'session') return sessionReport(store, o);
  if (o.kind === 'blocks') {
    const calls = await store.llmCalls(usageQuery(o));
    return { kind: 'blocks', blocks: buildBlocks(calls, o.costMode, o.now) };
  }
  const buckets = await store.usageBuckets(usageQuery(o));
  buckets.sort((a, b) => a.bucketStartMs - b.bucketStartMs);
  const tz = o.timezone;
  // Buckets repeat their start (one per session and model in each 15 minutes: 4,313 buckets, 1,741 starts on the
  // bench corpus), and outside UTC each date is an Intl format call (~5 µs).
  const dates = new Map<number, string>();
  const dateOf = (ms: number): string => {
    let d = dates.get(ms);
    if (d === undefined) dates.set(ms, (d = localDate(ms, tz)));
    return d;
  };
  switch (o.kind) {
    case 'daily': {
      const g = groupBuckets(buckets, (b) => dateOf(b.bucketStartMs), o.costMode, o.order ?? 'asc');
      return { kind: 'daily', daily: g.rows.map((r) => rename(r, 'date')), totals: g.totals, unpricedModels: g.unpricedModels };
    }
    case 'weekly': {
      const g = groupBuckets(buckets, (b) => weekStart(dateOf(b.bucketStartMs), o.startOfWeek), o.costMode, o.order ?? 'asc');
      return { kind: 'weekly', weekly: g.rows.map((r) => rename(r, 'week')), totals: g.totals, unpricedModels: g.unpricedModels };
    }
    case 'monthly': {
      const g = groupBuckets(buckets, (b) => dateOf(b.bucketStartMs).slice(0, 7), o.costMode, o.order ?? 'asc');
      return { kind: 'monthly', monthly: g.rows.map((r) => rename(r, 'month')), totals: g.totals, unpricedModels: g.unpricedModels };
    }
    case 'model': {
      const g = groupBuckets(buckets, (b) => b.model, o.costMode, 'asc');
      g.rows.sort(byCost(o.order));
      return { kind: 'model', models: g.rows.map((r) => rename(r, 'model')), totals: g.totals, unpricedModels: g.unpricedModels };
    }
    case 'project': {
      const g = groupBuckets(buckets, (b) => b.projectName ?? b.projectHash ?? '(unknown)', o.costMode, 'asc');
      g.rows.sort(byCost(o.order));
      return { kind: 'project', projects: g.rows.map((r) => rename(r, 'project')), totals: g.totals, unpricedModels: g.unpricedModels };
    }
    default:
      return o.kind satisfies never;
  }
};
