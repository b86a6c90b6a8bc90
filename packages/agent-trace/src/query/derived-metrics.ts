import { nanoToIso, nanoToMs, type SpanType } from '@agent-trace/schema';
import type { SpanFact } from '../store/types.js';

/** Latency percentiles in milliseconds (nearest rank), over the spans that have ended. */
export interface Latency {
  count: number;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export interface RateRow {
  count: number;
  errors: number;
  /** errors / count; null when count is 0. */
  errorRate: number | null;
  latencyMs: Latency;
}

export interface DerivedMetrics {
  window: { since: string | null; until: string | null; minutes: number | null };
  sessions: number;
  spans: number;
  errors: number;
  errorRate: number | null;
  /** Spans per minute over the window (null for an open-ended window). */
  spansPerMinute: number | null;
  byType: Array<{ type: SpanType } & RateRow>;
  tools: Array<{ tool: string } & RateRow>;
  models: Array<{ model: string } & RateRow>;
}

/** Nearest-rank percentile of an ascending list. */
const percentile = (sorted: readonly number[], p: number): number | null => {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
};

const round3 = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 1000);

export const latencyOf = (durations: number[]): Latency => {
  const sorted = durations.sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round3(percentile(sorted, 50)),
    p90: round3(percentile(sorted, 90)),
    p95: round3(percentile(sorted, 95)),
    p99: round3(percentile(sorted, 99)),
    max: round3(sorted.at(-1) ?? null),
  };
};

interface Acc {
  count: number;
  errors: number;
  durations: number[];
}

const add = (map: Map<string, Acc>, key: string, fact: SpanFact): void => {
  let acc = map.get(key);
  if (!acc) map.set(key, (acc = { count: 0, errors: 0, durations: [] }));
  acc.count++;
  if (fact.status === 'error') acc.errors++;
  if (fact.endNs !== null) acc.durations.push(Math.max(0, nanoToMs(fact.endNs) - nanoToMs(fact.startNs)));
};

const rows = <K extends string>(map: Map<string, Acc>, key: K): Array<{ [P in K]: string } & RateRow> =>
  [...map.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .map(([k, acc]) => ({ [key]: k, count: acc.count, errors: acc.errors, errorRate: acc.count === 0 ? null : acc.errors / acc.count, latencyMs: latencyOf(acc.durations) }) as { [P in K]: string } & RateRow);

/** Counts, rates, error rates and latency percentiles over the spans that started in a window. */
export const deriveMetrics = (facts: readonly SpanFact[], window: { sinceNs?: bigint; untilNs?: bigint }): DerivedMetrics => {
  const byType = new Map<string, Acc>();
  const tools = new Map<string, Acc>();
  const models = new Map<string, Acc>();
  const sessions = new Set<string>();
  let errors = 0;
  for (const f of facts) {
    sessions.add(f.sessionId);
    if (f.status === 'error') errors++;
    add(byType, f.type, f);
    if (f.type === 'tool_call') add(tools, f.toolName ?? f.name, f);
    if (f.type === 'llm_call') add(models, f.model ?? 'unknown', f);
  }
  const minutes =
    window.sinceNs !== undefined && window.untilNs !== undefined ? (nanoToMs(window.untilNs) - nanoToMs(window.sinceNs)) / 60_000 : null;
  return {
    window: {
      since: window.sinceNs === undefined ? null : nanoToIso(window.sinceNs),
      until: window.untilNs === undefined ? null : nanoToIso(window.untilNs),
      minutes,
    },
    sessions: sessions.size,
    spans: facts.length,
    errors,
    errorRate: facts.length === 0 ? null : errors / facts.length,
    spansPerMinute: minutes === null || minutes <= 0 ? null : facts.length / minutes,
    byType: rows(byType, 'type') as Array<{ type: SpanType } & RateRow>,
    tools: rows(tools, 'tool'),
    models: rows(models, 'model'),
  };
};
