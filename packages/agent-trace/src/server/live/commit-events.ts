import { nanoToIso, type MetricPoint, type Span, type Usage } from '@agent-trace/schema';
import { createMsIsoFormatter } from './iso-time.js';
import { sessionToJson } from '../../query/session-json.js';
import type { Store, WriteBatch } from '../../store/types.js';
import type { Logger } from '../logger.js';
import type { EventHub } from './event-hub.js';

/** Spans listed in one `spans` event; a bigger batch (an import) says how many more there were. */
const MAX_SPANS_PER_EVENT = 1000;

const startIso = createMsIsoFormatter();
const NS_PER_MS = 1_000_000n;

/** The light form of a span on the stream: no attributes or events (content stays behind the span detail route). */
interface SpanOutline {
  spanId: string;
  parentSpanId: string | null;
  type: string;
  name: string;
  startTime: string;
  durationMs: number | null;
  status: string;
  model: string | null;
  toolName: string | null;
  usage: Usage | null;
  costUsd: number | null;
}

/** Fields per span in SpanOutlines.refs and .times. */
const REFS = 9;
const TIMES = 4;

/**
 * A `spans` event's value, kept in columns until its JSON is first wanted (BufferedEvent writes it with
 * JSON.stringify, which calls toJSON): the same object then, so the same JSON. The hub keeps the last 10,000
 * events whether or not a client ever reads them, and an outline object per span kept that long made the
 * garbage collector copy and mark them all: with no client connected, outlines cost the collector's thread
 * ~1.6 µs per span of OTLP ingest in a CPU profile (300k spans), against ~0.2 µs to make them and drop them.
 * Times are kept as the two exact numbers nanoToMs adds, so durations are computed by the same arithmetic.
 */
export class SpanOutlines {
  private readonly refs: unknown[];
  private readonly times: Float64Array;

  constructor(
    private readonly sessionId: string,
    spans: readonly Span[],
    private readonly more: number,
  ) {
    const refs: unknown[] = new Array<unknown>(spans.length * REFS);
    const times = new Float64Array(spans.length * TIMES);
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i] as Span;
      const r = i * REFS;
      refs[r] = s.spanId;
      refs[r + 1] = s.parentSpanId;
      refs[r + 2] = s.type;
      refs[r + 3] = s.name;
      refs[r + 4] = s.status;
      refs[r + 5] = s.model;
      refs[r + 6] = s.toolName;
      refs[r + 7] = s.usage;
      refs[r + 8] = s.costUsd;
      const t = i * TIMES;
      times[t] = Number(s.startNs / NS_PER_MS);
      times[t + 1] = Number(s.startNs % NS_PER_MS);
      if (s.endNs === null) times[t + 2] = Number.NaN;
      else {
        times[t + 2] = Number(s.endNs / NS_PER_MS);
        times[t + 3] = Number(s.endNs % NS_PER_MS);
      }
    }
    this.refs = refs;
    this.times = times;
  }

  toJSON(): { sessionId: string; spans: SpanOutline[]; more: number } {
    const { refs, times } = this;
    const spans: SpanOutline[] = new Array<SpanOutline>(refs.length / REFS);
    for (let i = 0; i < spans.length; i++) {
      const r = i * REFS;
      const t = i * TIMES;
      const endMs = times[t + 2] as number;
      spans[i] = {
        spanId: refs[r] as string,
        parentSpanId: refs[r + 1] as string | null,
        type: refs[r + 2] as string,
        name: refs[r + 3] as string,
        startTime: startIso(times[t] as number),
        // nanoToMs(end) - nanoToMs(start), term for term.
        durationMs: Number.isNaN(endMs)
          ? null
          : Math.max(0, endMs + (times[t + 3] as number) / 1e6 - ((times[t] as number) + (times[t + 1] as number) / 1e6)),
        status: refs[r + 4] as string,
        model: refs[r + 5] as string | null,
        toolName: refs[r + 6] as string | null,
        usage: refs[r + 7] as Usage | null,
        costUsd: refs[r + 8] as number | null,
      };
    }
    return { sessionId: this.sessionId, spans, more: this.more };
  }
}

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
        hub.publish('spans', id, new SpanOutlines(id, spans.length > MAX_SPANS_PER_EVENT ? spans.slice(0, MAX_SPANS_PER_EVENT) : spans, Math.max(0, spans.length - MAX_SPANS_PER_EVENT)));
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
