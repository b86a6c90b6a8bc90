import { nanoToIso, nanoToMs, type Session } from '@agent-trace/schema';
import type { SpanOutline } from '../store/types.js';
import { sessionToJson, type SessionJson } from './session-json.js';

/**
 * A session's timeline as one flat list in reading order: each span followed by its children (depth-first,
 * children by start time), with its depth and the prompt (turn) it belongs to. Flat, so a list of tens of
 * thousands of rows can be virtualized; light (no attributes), so it loads fast; detail is fetched per span.
 */
export interface TimelineRow {
  spanId: string;
  parentSpanId: string | null;
  depth: number;
  /** 1-based index of the turn (user prompt) this row belongs to; null before the first prompt. */
  turn: number | null;
  type: SpanOutline['type'];
  name: string;
  startTime: string;
  /** Milliseconds from the session's start. */
  offsetMs: number;
  durationMs: number | null;
  status: SpanOutline['status'];
  statusMessage: string | null;
  model: string | null;
  toolName: string | null;
  usage: SpanOutline['usage'];
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

interface Node {
  outline: SpanOutline;
  children: Node[];
}

const byStart = (a: Node, b: Node): number =>
  a.outline.startNs < b.outline.startNs ? -1 : a.outline.startNs > b.outline.startNs ? 1 : a.outline.spanId.localeCompare(b.outline.spanId);

/** Outlines come ordered by start time (the store's order), so children are appended already sorted. */
export const buildTimeline = (session: Session, outlines: readonly SpanOutline[]): Timeline => {
  const nodes = new Map<string, Node>();
  for (const o of outlines) nodes.set(o.spanId, { outline: o, children: [] });
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parentId = node.outline.parentSpanId;
    const parent = parentId !== null && parentId !== node.outline.spanId ? nodes.get(parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  roots.sort(byStart);
  const startMs = nanoToMs(session.startNs);
  const rows: TimelineRow[] = [];
  let turns = 0;
  // An explicit stack instead of recursion: sub-agent chains can nest deeper than a comfortable call stack.
  const stack: Array<{ node: Node; depth: number; turn: number | null }> = roots
    .slice()
    .reverse()
    .map((node) => ({ node, depth: 0, turn: null }));
  while (stack.length > 0) {
    const { node, depth, turn: inherited } = stack.pop() as { node: Node; depth: number; turn: number | null };
    const o = node.outline;
    const turn = o.type === 'turn' ? ++turns : inherited;
    rows.push({
      spanId: o.spanId,
      parentSpanId: o.parentSpanId,
      depth,
      turn,
      type: o.type,
      name: o.name,
      startTime: nanoToIso(o.startNs),
      offsetMs: Math.round((nanoToMs(o.startNs) - startMs) * 1000) / 1000,
      durationMs: o.endNs === null ? null : Math.max(0, nanoToMs(o.endNs) - nanoToMs(o.startNs)),
      status: o.status,
      statusMessage: o.statusMessage,
      model: o.model,
      toolName: o.toolName,
      usage: o.usage,
      costUsd: o.costUsd,
      eventCount: o.eventCount,
      childCount: node.children.length,
      preview: o.preview,
    });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as Node, depth: depth + 1, turn });
  }
  return { session: sessionToJson(session), turns, rows };
};
