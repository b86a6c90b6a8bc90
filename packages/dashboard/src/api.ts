/** The server's REST API (same origin). A token, when the server needs one, comes from the page's fragment once. */
const TOKEN_KEY = 'agent-trace-token';

export const takeTokenFromUrl = (): void => {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!m?.[1]) return;
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
  history.replaceState(null, '', `${location.pathname}#/`);
};

export const token = (): string | null => sessionStorage.getItem(TOKEN_KEY);

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const apiGet = async <T>(path: string, signal?: AbortSignal): Promise<T> => {
  const t = token();
  const res = await fetch(`/api/v1${path}`, { headers: t ? { Authorization: `Bearer ${t}` } : {}, ...(signal ? { signal } : {}) });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiFailure(res.status, body?.error?.code ?? 'error', body?.error?.message ?? `HTTP ${res.status}`);
  }
  return (await res.json()) as T;
};

export const query = (params: Record<string, string | number | undefined | null>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

export interface Usage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  reasoning: number;
}

export interface SessionJson {
  id: string;
  agent: string;
  projectName: string | null;
  projectHash: string | null;
  userHash: string | null;
  gitBranch: string | null;
  title: string | null;
  status: 'running' | 'completed' | 'error' | 'unknown';
  models: string[];
  totals: {
    inputTokens: number;
    outputTokens: number;
    cacheReadTokens: number;
    cacheWriteTokens: number;
    costUsd: number;
    llmCalls: number;
    toolCalls: number;
    errors: number;
    prompts: number;
    subagents: number;
  };
  startTime: string;
  endTime: string | null;
  durationMs: number | null;
}

export interface TimelineRow {
  spanId: string;
  parentSpanId: string | null;
  depth: number;
  turn: number | null;
  type: string;
  name: string;
  startTime: string;
  offsetMs: number;
  durationMs: number | null;
  status: 'unset' | 'ok' | 'error';
  statusMessage: string | null;
  model: string | null;
  toolName: string | null;
  usage: Usage | null;
  costUsd: number | null;
  eventCount: number;
  childCount: number;
  preview: string | null;
}

export interface Timeline {
  session: SessionJson;
  turns: number;
  rows: TimelineRow[];
}

export interface SpanDetail {
  span: {
    spanId: string;
    name: string;
    type: string;
    status: string;
    statusMessage: string | null;
    startTime: string;
    endTime: string | null;
    durationMs: number | null;
    model: string | null;
    toolName: string | null;
    usage: Usage | null;
    costUsd: number | null;
    source: string;
    attributes: Record<string, unknown>;
    events: Array<{ name: string; time: string; attributes: Record<string, unknown> }>;
  };
  content: Record<string, unknown>;
  privacyTier: number;
}

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  totalTokens: number;
  totalCost: number;
}

export type ReportRow = UsageTotals & { calls: number; modelsUsed: string[] } & Record<string, unknown>;
export interface Report {
  kind: string;
  totals: UsageTotals;
  [rows: string]: unknown;
}

export interface RateRow {
  count: number;
  errors: number;
  errorRate: number | null;
  latencyMs: { count: number; p50: number | null; p90: number | null; p95: number | null; p99: number | null; max: number | null };
}
export interface Metrics {
  sessions: number;
  spans: number;
  errors: number;
  errorRate: number | null;
  byType: Array<RateRow & { type: string }>;
  tools: Array<RateRow & { tool: string }>;
  models: Array<RateRow & { model: string }>;
}

export interface Stats {
  sessions: number;
  spans: number;
  privacyTier: number;
  demo: boolean;
}
