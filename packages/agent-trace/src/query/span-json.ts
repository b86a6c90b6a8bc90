import { nanoToIso, nanoToMs, type Span } from '@agent-trace/schema';
import type { SpanNode } from './span-tree.js';

/** The public JSON form of a span: ids, times as ISO and as decimal nanosecond strings, and the first-class columns. */
export interface SpanJson {
  spanId: string;
  parentSpanId: string | null;
  traceId: string;
  name: string;
  type: Span['type'];
  status: Span['status'];
  statusMessage: string | null;
  source: Span['source'];
  startTime: string;
  endTime: string | null;
  startTimeUnixNano: string;
  endTimeUnixNano: string | null;
  durationMs: number | null;
  model: string | null;
  toolName: string | null;
  usage: Span['usage'];
  costUsd: number | null;
  reportedCostUsd: number | null;
  attributes: Span['attributes'];
  events: Array<{ name: string; time: string; timeUnixNano: string; attributes: Span['attributes'] }>;
  children?: SpanJson[];
}

export const durationMs = (span: Span): number | null =>
  span.endNs === null ? null : Math.max(0, nanoToMs(span.endNs) - nanoToMs(span.startNs));

export const spanToJson = (span: Span): SpanJson => ({
  spanId: span.spanId,
  parentSpanId: span.parentSpanId,
  traceId: span.traceId,
  name: span.name,
  type: span.type,
  status: span.status,
  statusMessage: span.statusMessage,
  source: span.source,
  startTime: nanoToIso(span.startNs),
  endTime: span.endNs === null ? null : nanoToIso(span.endNs),
  startTimeUnixNano: span.startNs.toString(),
  endTimeUnixNano: span.endNs === null ? null : span.endNs.toString(),
  durationMs: durationMs(span),
  model: span.model,
  toolName: span.toolName,
  usage: span.usage,
  costUsd: span.costUsd,
  reportedCostUsd: span.reportedCostUsd,
  attributes: span.attributes,
  events: span.events.map((e) => ({ name: e.name, time: nanoToIso(e.timeNs), timeUnixNano: e.timeNs.toString(), attributes: e.attributes })),
});

export const treeToJson = (node: SpanNode): SpanJson => ({ ...spanToJson(node.span), children: node.children.map(treeToJson) });
