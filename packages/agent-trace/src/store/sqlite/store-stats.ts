import { statSync } from 'node:fs';
import type { Database, Statement } from 'better-sqlite3';
import type { Agent } from '@agent-trace/schema';
import type { StoreStats } from '../types.js';

const COUNTS = `
  SELECT (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM spans) AS spans,
         (SELECT count(*) FROM logs) AS logs, (SELECT count(*) FROM metrics) AS metrics,
         (SELECT count(*) FROM files) AS files,
         (SELECT min(start_ns) FROM sessions) AS first_start_ns, (SELECT max(start_ns) FROM sessions) AS last_start_ns`;

/** Spans per agent from the derived event counts: one pass over sessions instead of a join over every span. */
const BY_AGENT = `
  SELECT agent, count(*) AS sessions, sum(event_count) AS spans, min(start_ns) AS first_start_ns, max(start_ns) AS last_start_ns
  FROM sessions GROUP BY agent ORDER BY agent`;

interface CountsRow {
  sessions: bigint;
  spans: bigint;
  logs: bigint;
  metrics: bigint;
  files: bigint;
  first_start_ns: bigint | null;
  last_start_ns: bigint | null;
}

interface AgentRow {
  agent: string;
  sessions: bigint;
  spans: bigint;
  first_start_ns: bigint;
  last_start_ns: bigint;
}

const fileSize = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

export class StoreStatsQuery {
  private readonly counts: Statement;
  private readonly byAgent: Statement;

  constructor(
    db: Database,
    private readonly path: string,
  ) {
    this.counts = db.prepare(COUNTS).safeIntegers(true);
    this.byAgent = db.prepare(BY_AGENT).safeIntegers(true);
  }

  read(): StoreStats {
    const c = this.counts.get() as CountsRow;
    return {
      backend: 'sqlite',
      location: this.path,
      sizeBytes: fileSize(this.path) + fileSize(`${this.path}-wal`),
      sessions: Number(c.sessions),
      spans: Number(c.spans),
      logs: Number(c.logs),
      metrics: Number(c.metrics),
      files: Number(c.files),
      firstStartNs: c.first_start_ns,
      lastStartNs: c.last_start_ns,
      byAgent: (this.byAgent.all() as AgentRow[]).map((r) => ({
        agent: r.agent as Agent,
        sessions: Number(r.sessions),
        spans: Number(r.spans),
        firstStartNs: r.first_start_ns,
        lastStartNs: r.last_start_ns,
      })),
    };
  }
}
