import { nanoToIso, nanoToMs, type MetricPoint, type Span } from '@agent-trace/schema';
import { createIsoFormatter } from './iso-time.js';
import { sessionToJson } from '../../query/session-json.js';
import type { Store, WriteBatch } from '../../store/types.js';
import type { Logger } from '../logger.js';
import type { EventHub } from './event-hub.js';

/** Spans listed in one `spans` event; a bigger batch (an import) says how many more there were. */
const MAX_SPANS_PER_EVENT = 1000;

const startIso = createIsoFormatter();

/** The light form of a span on the stream: no attributes or events (content stays behind the span detail route). */
const spanOutlineJson = (s: Span) => ({
  spanId: s.spanId,
  parentSpanId: s.parentSpanId,
  type: s.type,
  name: s.name,
  startTime: startIso(s.startNs),
  durationMs: s.endNs === null ? null : Math.max(0, nanoToMs(s.endNs) - nanoToMs(s.startNs)),
  status: s.status,
  model: s.model,
  toolName: s.toolName,
  usage: s.usage,
  costUsd: s.costUsd,
});

const metricJson = (m: MetricPoint) => {
  const { timeNs, ...rest } = m;
  return { ...rest, time: nanoToIso(timeNs) };
};

/**
 * Turns each committed batch into stream events, in commit order: one `spans` event and one `session` event
 * (the session as stored now, totals included) per touched session, and one `metrics` event for the points.
 * Reading the sessions back is asynchronous, so batches are handled one after another on a chain.
 */
export const createCommitPublisher = (store: Store, hub: EventHub, logger: Logger) => {
  let chain: Promise<void> = Promise.resolve();
  const publishBatch = async (batch: WriteBatch): Promise<void> => {
    const spansBySession = new Map<string, Span[]>();
    for (const s of batch.spans ?? []) {
      let list = spansBySession.get(s.sessionId);
      if (!list) spansBySession.set(s.sessionId, (list = []));
      list.push(s);
    }
    const touched = new Set<string>([...(batch.sessions ?? []).map((s) => s.id), ...spansBySession.keys()]);
    for (const id of touched) {
      const spans = spansBySession.get(id) ?? [];
      if (spans.length > 0) {
        hub.publish('spans', id, {
          sessionId: id,
          spans: spans.slice(0, MAX_SPANS_PER_EVENT).map(spanOutlineJson),
          more: Math.max(0, spans.length - MAX_SPANS_PER_EVENT),
        });
      }
      const session = await store.getSession(id as Parameters<Store['getSession']>[0]);
      if (session) hub.publish('session', id, sessionToJson(session));
    }
    const metrics = batch.metrics ?? [];
    if (metrics.length > 0) hub.publish('metrics', null, { points: metrics.map(metricJson) });
  };
  return {
    /** Called after a batch committed; never throws into the writer. */
    committed(batch: WriteBatch): void {
      chain = chain.then(() => publishBatch(batch)).catch((err: unknown) => logger.warn('live event publishing failed', { error: err as Error }));
    },
    /** Resolves when every committed batch so far has been published. */
    settled(): Promise<void> {
      return chain;
    },
  };
};
