import { makeSpan, type Span, type SpanCore, type SpanId, type SpanStatus } from '@agent-trace/schema';

/** A model-call span with what "which line wins" compares (ccusage's order of preference). */
export interface LlmCandidate {
  span: Span;
  total: number;
  sidechain: boolean;
  hasSpeed: boolean;
}

const STATUS_RANK: Record<SpanStatus, number> = { unset: 0, ok: 1, error: 2 };

/**
 * The spans of one chunk, merged by span id with the store's own rules, so one chunk writes each
 * span once. Model calls: a main-thread line beats a sidechain line, then the larger token total,
 * then a line that states its speed; on a tie the first line stays (as ccusage keeps it).
 */
export class SpanSet {
  private spans = new Map<SpanId, Span>();
  private llm = new Map<SpanId, LlmCandidate>();

  putLlm(candidate: LlmCandidate): void {
    const id = candidate.span.spanId;
    const existing = this.llm.get(id);
    if (existing && !replaces(candidate, existing)) return;
    this.llm.set(id, candidate);
    this.spans.set(id, candidate.span);
  }

  /** Adds a span, or merges it into the one already held: non-null fields fill nulls, times widen, the worse status wins. */
  put(span: Span): void {
    const existing = this.spans.get(span.spanId);
    if (!existing) {
      this.spans.set(span.spanId, span);
      return;
    }
    if (span.startNs < existing.startNs) existing.startNs = span.startNs;
    if (span.endNs !== null && (existing.endNs === null || span.endNs > existing.endNs)) existing.endNs = span.endNs;
    if (STATUS_RANK[span.status] > STATUS_RANK[existing.status]) {
      existing.status = span.status;
      existing.statusMessage = span.statusMessage ?? existing.statusMessage;
    }
    existing.parentSpanId ??= span.parentSpanId;
    existing.toolName ??= span.toolName;
    existing.model ??= span.model;
    if (existing.type === 'tool_call' && existing.toolName === null && span.toolName !== null) existing.name = span.name;
    Object.assign(existing.attributes, span.attributes);
  }

  /** Widens a span held in this chunk to cover `ts`, creating it first when absent. */
  extend(id: SpanId, ts: bigint, create: () => Span): void {
    const existing = this.spans.get(id);
    if (!existing) {
      this.spans.set(id, create());
      return;
    }
    if (ts < existing.startNs) existing.startNs = ts;
    if (existing.endNs === null || ts > existing.endNs) existing.endNs = ts;
  }

  setModel(id: SpanId, model: string): void {
    const span = this.spans.get(id);
    if (span) span.model = model;
  }

  take(): Span[] {
    const out = [...this.spans.values()];
    this.spans = new Map();
    this.llm = new Map();
    return out;
  }
}

const replaces = (candidate: LlmCandidate, existing: LlmCandidate): boolean => {
  if (candidate.sidechain !== existing.sidechain) return existing.sidechain;
  if (candidate.total !== existing.total) return candidate.total > existing.total;
  return candidate.hasSpeed && !existing.hasSpeed;
};

/** A span from a transcript: the given fields, nulls and empties for the rest (cost is priced later). */
export const transcriptSpan = (fields: Omit<SpanCore, 'source'> & Partial<Span>): Span => makeSpan({ source: 'transcript', ...fields });
