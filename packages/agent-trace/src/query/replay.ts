import { nanoToIso, type Session, type Span } from '@agent-trace/schema';
import { sessionToJson, type SessionJson } from './session-json.js';
import { buildSpanTree, type SpanNode } from './span-tree.js';
import { durationMs } from './span-json.js';

/**
 * The replay: a session's turns in order, and in each turn what happened, in order: model calls
 * with tokens and cost, tool calls with duration and status, sub-agents with their own calls
 * nested, errors. A compact projection of the span tree, for people and for `show --json`.
 */
export interface ReplayItem {
  kind: Span['type'];
  spanId: string;
  name: string;
  startTime: string;
  endTime: string | null;
  durationMs: number | null;
  status: Span['status'];
  statusMessage: string | null;
  model?: string | null;
  usage?: Span['usage'];
  costUsd?: number | null;
  toolName?: string | null;
  toolUseId?: string | null;
  agentType?: string | null;
  children?: ReplayItem[];
}

export interface ReplayTurn {
  index: number;
  spanId: string;
  startTime: string;
  endTime: string | null;
  durationMs: number | null;
  status: Span['status'];
  llmCalls: number;
  toolCalls: number;
  errors: number;
  costUsd: number;
  items: ReplayItem[];
}

/** Time the agent spent working, and time it waited on the user (between a turn's end and the next prompt). */
export interface ReplayActivity {
  durationMs: number | null;
  activeMs: number | null;
  idleMs: number;
}

export interface ReplayIdle {
  spanId: string;
  startTime: string;
  endTime: string | null;
  durationMs: number | null;
  reason: string | null;
}

export interface Replay {
  session: SessionJson;
  activity: ReplayActivity;
  /** Each wait on the user, in order (from transcripts, and idle notifications from hooks). */
  idle: ReplayIdle[];
  turns: ReplayTurn[];
  /** Spans that belong to no turn (e.g. activity before the first prompt, or whose parent has not arrived). */
  other: ReplayItem[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const toItem = (node: SpanNode): ReplayItem => {
  const s = node.span;
  const item: ReplayItem = {
    kind: s.type,
    spanId: s.spanId,
    name: s.name,
    startTime: nanoToIso(s.startNs),
    endTime: s.endNs === null ? null : nanoToIso(s.endNs),
    durationMs: durationMs(s),
    status: s.status,
    statusMessage: s.statusMessage,
  };
  if (s.type === 'llm_call') {
    item.model = s.model;
    item.usage = s.usage;
    item.costUsd = s.costUsd;
  }
  if (s.type === 'tool_call') {
    item.toolName = s.toolName;
    item.toolUseId = str(s.attributes['tool_use_id']) ?? str(s.attributes['gen_ai.tool.call.id']);
  }
  if (s.type === 'subagent') {
    item.agentType = str(s.attributes['subagent.type']) ?? str(s.attributes['agent_type']) ?? str(s.attributes['gen_ai.agent.name']);
    item.model = s.model;
  }
  if (node.children.length > 0) item.children = node.children.map(toItem);
  return item;
};

const countDeep = (nodes: readonly SpanNode[], acc: { llm: number; tools: number; errors: number; cost: number }): void => {
  for (const n of nodes) {
    if (n.span.type === 'llm_call') {
      acc.llm++;
      acc.cost += n.span.costUsd ?? 0;
    }
    if (n.span.type === 'tool_call') acc.tools++;
    if (n.span.status === 'error') acc.errors++;
    countDeep(n.children, acc);
  }
};

export const buildReplay = (session: Session, spans: readonly Span[]): Replay => {
  const roots = buildSpanTree(spans);
  // The session span is the root; its children are the turns. Without a session span, roots stand in.
  const top = roots.flatMap((r) => (r.span.type === 'session' ? r.children : [r]));
  const turns: ReplayTurn[] = [];
  const other: ReplayItem[] = [];
  // Waits on the user: between turns (transcripts), or an idle notification inside one (hooks).
  const idleSpans = spans.filter((s) => s.type === 'idle').sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0));
  for (const node of top) {
    if (node.span.type === 'idle') continue;
    if (node.span.type !== 'turn') {
      other.push(toItem(node));
      continue;
    }
    const acc = { llm: 0, tools: 0, errors: 0, cost: 0 };
    countDeep(node.children, acc);
    turns.push({
      index: turns.length + 1,
      spanId: node.span.spanId,
      startTime: nanoToIso(node.span.startNs),
      endTime: node.span.endNs === null ? null : nanoToIso(node.span.endNs),
      durationMs: durationMs(node.span),
      status: node.span.status,
      llmCalls: acc.llm,
      toolCalls: acc.tools,
      errors: acc.errors,
      costUsd: acc.cost,
      items: node.children.map(toItem),
    });
  }
  const sessionJson = sessionToJson(session);
  const turnStarts = top.filter((n) => n.span.type === 'turn').map((n) => n.span.startNs);
  const idleMs = idleTime(idleSpans, turnStarts);
  return {
    session: sessionJson,
    activity: {
      durationMs: sessionJson.durationMs,
      activeMs: sessionJson.durationMs === null ? null : Math.max(0, sessionJson.durationMs - idleMs),
      idleMs,
    },
    idle: idleSpans.map((s) => ({
      spanId: s.spanId,
      startTime: nanoToIso(s.startNs),
      endTime: s.endNs === null ? null : nanoToIso(s.endNs),
      durationMs: durationMs(s),
      reason: str(s.attributes['idle.reason']) ?? str(s.attributes['notification.type']),
    })),
    turns,
    other,
  };
};

/**
 * Total idle time: the union of the idle intervals, so a wait reported by both the transcript (the gap before
 * a prompt) and a hook (an idle notification) counts once. A hook's idle span has no end: the wait ended when
 * the next prompt came; one with no later prompt is still going and is not counted.
 */
export const idleTime = (idle: readonly Span[], turnStarts: readonly bigint[]): number => {
  const intervals: Array<[bigint, bigint]> = [];
  for (const s of idle) {
    const end = s.endNs ?? turnStarts.filter((t) => t > s.startNs).reduce<bigint | null>((m, t) => (m === null || t < m ? t : m), null);
    if (end !== null && end > s.startNs) intervals.push([s.startNs, end]);
  }
  intervals.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let total = 0n;
  let current: [bigint, bigint] | null = null;
  for (const [start, end] of intervals) {
    if (current && start <= current[1]) {
      if (end > current[1]) current[1] = end;
      continue;
    }
    if (current) total += current[1] - current[0];
    current = [start, end];
  }
  if (current) total += current[1] - current[0];
  return Number(total / 1_000_000n);
};
