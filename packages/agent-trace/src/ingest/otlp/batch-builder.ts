import { makeSpan, type LogRecord, type MetricPoint, type Span } from '@agent-trace/schema';
import { claudeSessionSpanId } from '../correlation.js';
import type { SessionUpsert, WriteBatch } from '../../store/types.js';
import { RejectionList } from './rejection.js';
import type { SessionRef } from './session-ref.js';

/** What one OTLP request maps to: the records to write, and those refused. */
export interface MappedRequest {
  batch: WriteBatch;
  /** Records accepted (spans, log records or metric data points, in OTLP's own counting). */
  accepted: number;
  rejections: RejectionList;
}

/** Collects the records of one request; a session is upserted once, with the earliest time seen. */
export class BatchBuilder {
  readonly spans: Span[] = [];
  readonly logs: LogRecord[] = [];
  readonly metrics: MetricPoint[] = [];
  readonly rejections = new RejectionList();
  accepted = 0;
  private readonly sessions = new Map<string, SessionUpsert>();
  private readonly roots = new Map<string, Span>();

  constructor(rejections?: RejectionList) {
    if (rejections) this.rejections = rejections;
  }

  touchSession(ref: SessionRef, timeNs: bigint, agentVersion: string | null): void {
    const known = this.sessions.get(ref.id);
    if (!known) {
      this.sessions.set(ref.id, {
        id: ref.id,
        traceId: ref.traceId,
        agent: ref.agent,
        agentVersion,
        startNs: timeNs > 0n ? timeNs : null,
      });
      return;
    }
    if (timeNs > 0n && (known.startNs === null || known.startNs === undefined || timeNs < known.startNs)) known.startNs = timeNs;
  }

  /**
   * Claude Code sessions get the same root span the transcript importer writes (same id), spanning every
   * record seen; the store keeps the earliest start and the latest end across batches and layers.
   */
  extendClaudeRoot(ref: SessionRef, startNs: bigint, endNs: bigint): void {
    const root = this.roots.get(ref.id);
    if (!root) {
      this.roots.set(
        ref.id,
        makeSpan({
          traceId: ref.traceId,
          spanId: claudeSessionSpanId(ref.id),
          parentSpanId: null,
          sessionId: ref.id,
          name: 'session',
          type: 'session',
          startNs,
          endNs,
          status: 'unset',
          source: 'otlp',
        }),
      );
      return;
    }
    if (startNs < root.startNs) root.startNs = startNs;
    if (root.endNs === null || endNs > root.endNs) root.endNs = endNs;
  }

  build(): MappedRequest {
    for (const root of this.roots.values()) this.spans.push(root);
    const batch: WriteBatch = {};
    if (this.sessions.size > 0) batch.sessions = [...this.sessions.values()];
    if (this.spans.length > 0) batch.spans = this.spans;
    if (this.logs.length > 0) batch.logs = this.logs;
    if (this.metrics.length > 0) batch.metrics = this.metrics;
    return { batch, accepted: this.accepted, rejections: this.rejections };
  }
}
