import { nanoToIso } from '@agent-trace/schema';
import type { StoreStats } from '../store/types.js';

const iso = (ns: bigint | null): string | null => (ns === null ? null : nanoToIso(ns));

/** The public JSON form of the store's statistics (the same fields as `agent-trace stats --json`). */
export const statsToJson = (s: StoreStats) => ({
  backend: s.backend,
  location: s.location,
  sizeBytes: s.sizeBytes,
  sessions: s.sessions,
  spans: s.spans,
  logs: s.logs,
  metrics: s.metrics,
  files: s.files,
  firstStart: iso(s.firstStartNs),
  lastStart: iso(s.lastStartNs),
  byAgent: s.byAgent.map((a) => ({ agent: a.agent, sessions: a.sessions, spans: a.spans, firstStart: iso(a.firstStartNs), lastStart: iso(a.lastStartNs) })),
});
