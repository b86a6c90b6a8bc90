import type { Span } from '@agent-trace/schema';

export interface SpanNode {
  span: Span;
  children: SpanNode[];
}

const byStart = (a: SpanNode, b: SpanNode): number =>
  a.span.startNs < b.span.startNs ? -1 : a.span.startNs > b.span.startNs ? 1 : a.span.spanId.localeCompare(b.span.spanId);

/**
 * Builds the span tree of one trace. Spans whose parent is missing (not arrived yet, or sampled out)
 * become roots, so nothing is ever hidden.
 */
export const buildSpanTree = (spans: readonly Span[]): SpanNode[] => {
  const nodes = new Map<string, SpanNode>();
  for (const span of spans) nodes.set(span.spanId, { span, children: [] });
  const roots: SpanNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.span.parentSpanId;
    const parent = parentId !== null && parentId !== node.span.spanId ? nodes.get(parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sortDeep = (list: SpanNode[]): void => {
    list.sort(byStart);
    for (const n of list) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
};
