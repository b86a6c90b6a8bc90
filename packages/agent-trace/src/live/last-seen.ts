import { SOURCES, type Source } from '@agent-trace/schema';
import type { Store } from '../store/types.js';

export interface LastSeen {
  source: Source;
  /** The latest span start or end from this source, in ns since the epoch; null when none was found. */
  lastNs: bigint | null;
  sessionId: string | null;
}

/**
 * The newest span per source (transcript, hook, otlp, sdk) among the most recently started sessions. The Store
 * has no per-source index, so this looks at a few recent sessions rather than every span: enough to tell
 * whether hooks and OTLP are arriving now.
 */
export const lastSeenBySource = async (store: Store, recentSessions = 5): Promise<LastSeen[]> => {
  const best = new Map<Source, { lastNs: bigint; sessionId: string }>();
  for (const session of await store.listSessions({ sort: 'start', order: 'desc', limit: recentSessions })) {
    for (const span of await store.getSpans(session.id)) {
      const t = span.endNs !== null && span.endNs > span.startNs ? span.endNs : span.startNs;
      const current = best.get(span.source);
      if (!current || t > current.lastNs) best.set(span.source, { lastNs: t, sessionId: session.id });
    }
  }
  return SOURCES.map((source) => ({ source, lastNs: best.get(source)?.lastNs ?? null, sessionId: best.get(source)?.sessionId ?? null }));
};
