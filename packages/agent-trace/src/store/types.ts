import type {
  Agent,
  LogRecord,
  MetricPoint,
  Session,
  SessionId,
  SessionStatus,
  Span,
  TraceId,
  UnixNano,
  Usage,
} from '@agent-trace/schema';

/**
 * What one source knows about a session. The store merges it into what it already has:
 * a non-null field replaces a null one (the newest non-null value wins), `startNs` keeps the
 * earliest value and `endNs` the latest. Totals, models and summary are never written by a
 * source: the store derives them from the session's spans after every batch.
 */
export interface SessionUpsert {
  id: SessionId;
  traceId: TraceId;
  agent: Agent;
  agentVersion?: string | null;
  projectName?: string | null;
  projectHash?: string | null;
  userHash?: string | null;
  cwd?: string | null;
  gitBranch?: string | null;
  title?: string | null;
  startNs?: UnixNano | null;
  endNs?: UnixNano | null;
  status?: SessionStatus | null;
}

/**
 * What an importer remembers about one file it has read, so the next run reads only new bytes.
 * `offset` is the byte just past the last complete line consumed; `headHash` is a hash of the
 * file's first bytes, which tells a replaced file from an appended one. `parserState` is opaque
 * to the store (the parser's own JSON, e.g. the open turn at the end of the file).
 */
export interface FileState {
  path: string;
  size: number;
  mtimeMs: number;
  offset: number;
  headHash: string;
  parserState: string | null;
}

export interface WriteBatch {
  sessions?: readonly SessionUpsert[];
  /**
   * Spans are upserted by (traceId, spanId). On conflict: for `llm_call` spans the one with the larger
   * total token count wins (never simply the first or the last); otherwise non-null fields of the new span
   * replace null ones, `startNs` keeps the earliest value, `endNs` the latest, `error` status wins over `ok`
   * over `unset`, attributes are merged (new keys win) and events are unioned.
   */
  spans?: readonly Span[];
  logs?: readonly LogRecord[];
  metrics?: readonly MetricPoint[];
  /** Saved in the same transaction as the data they describe. */
  fileStates?: readonly FileState[];
}

export interface WriteResult {
  sessionsTouched: number;
  spansWritten: number;
  logsWritten: number;
  metricsWritten: number;
}

export const SESSION_SORT_KEYS = ['start', 'end', 'cost', 'tokens', 'duration', 'tools', 'errors'] as const;
export type SessionSortKey = (typeof SESSION_SORT_KEYS)[number];

export interface SessionQuery {
  /** Sessions active at or after this time (end ≥ since, or start when no end). */
  sinceNs?: UnixNano;
  /** Sessions that started before this time. */
  untilNs?: UnixNano;
  /** Matches the project name, a case-insensitive substring of it, or the project hash exactly. */
  project?: string;
  /** Sessions that used this model (exact model id, or a case-insensitive substring). */
  model?: string;
  agent?: Agent;
  status?: SessionStatus;
  sort?: SessionSortKey;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/** Filter for usage queries: a model call is in when its start time is in [sinceNs, untilNs). */
export interface UsageQuery {
  sinceNs?: UnixNano;
  untilNs?: UnixNano;
  project?: string;
  model?: string;
  agent?: Agent;
  sessionId?: SessionId;
}

/**
 * One roll-up row: the model calls of one session and one model inside one 15-minute UTC bucket.
 * Fifteen minutes is the finest offset any time zone has, so daily, weekly and monthly reports in
 * any zone group these rows exactly, without reading individual spans.
 */
export interface UsageBucket {
  bucketStartMs: number;
  sessionId: SessionId;
  agent: Agent;
  projectName: string | null;
  projectHash: string | null;
  model: string;
  usage: Usage;
  calls: number;
  /** Sum of calculated costs of the priced calls. */
  costUsd: number;
  /** Calls whose model had no known price (their calculated cost is unknown, not zero). */
  unpricedCalls: number;
  /** Sum of source-reported costs (0 where absent). */
  reportedCostUsd: number;
  /** Calls that carried a source-reported cost. */
  reportedCalls: number;
  /** Sum over calls of the reported cost when present, else the calculated one (ccusage's `auto`). */
  autoCostUsd: number;
}

/** One model call, for reports that need individual timestamps (billing blocks). */
export interface LlmCallRow {
  sessionId: SessionId;
  spanId: string;
  startNs: UnixNano;
  model: string;
  usage: Usage;
  costUsd: number | null;
  reportedCostUsd: number | null;
  projectName: string | null;
}

export interface StoreStats {
  backend: string;
  location: string;
  sizeBytes: number;
  sessions: number;
  spans: number;
  logs: number;
  metrics: number;
  files: number;
  firstStartNs: UnixNano | null;
  lastStartNs: UnixNano | null;
  byAgent: Array<{ agent: Agent; sessions: number; spans: number; firstStartNs: UnixNano | null; lastStartNs: UnixNano | null }>;
}

/**
 * The storage interface. Every backend passes the same contract suite (`store/contract.ts`).
 * Methods are async so that networked backends (ClickHouse) fit the same shape.
 */
export interface Store {
  readonly backend: string;
  write(batch: WriteBatch): Promise<WriteResult>;

  getFileState(path: string): Promise<FileState | null>;
  listFileStates(): Promise<FileState[]>;

  getSession(id: SessionId): Promise<Session | null>;
  /** Ids of sessions whose id starts with the prefix (at most `limit`, default 10). */
  findSessionIds(prefix: string, limit?: number): Promise<SessionId[]>;
  listSessions(query: SessionQuery): Promise<Session[]>;
  countSessions(query: SessionQuery): Promise<number>;
  /** All spans of a session, ordered by start time then span id. */
  getSpans(sessionId: SessionId): Promise<Span[]>;

  usageBuckets(query: UsageQuery): Promise<UsageBucket[]>;
  llmCalls(query: UsageQuery): Promise<LlmCallRow[]>;

  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
