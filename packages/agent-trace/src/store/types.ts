import type {
  Agent,
  LogRecord,
  MetricPoint,
  Session,
  SessionId,
  SessionStatus,
  Span,
  SpanStatus,
  SpanType,
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

/** What tells an unchanged file without reading its saved state: its size and mtime when last read. */
export type FileStamp = Pick<FileState, 'path' | 'size' | 'mtimeMs'>;

export interface WriteBatch {
  sessions?: readonly SessionUpsert[];
  /**
   * Spans are upserted by (traceId, spanId). On conflict: for `llm_call` spans the one with the larger
   * total token count wins (never simply the first or the last); otherwise non-null fields of the new span
   * replace null ones, `startNs` keeps the earliest value, `endNs` the latest, `error` status wins over `ok`
   * over `unset`, attributes are merged (new keys win) and events are unioned.
   */
  spans?: readonly Span[];
  /**
   * Spans of traces the sampler left out (pipeline/sample.ts): only their numbers are kept (type, times, status,
   * model, usage, cost, lines), so session totals and usage roll-ups stay exact while names, attributes and events
   * are not stored. Upserted by (traceId, spanId) with the same merge rules; a span also stored in full counts once.
   */
  sampledSpans?: readonly Span[];
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

/** The place after which the next page starts: the sort value, the start time and the id of the last row shown. */
export interface SessionCursor {
  /** The row's value of the sort key (a number; nanosecond keys as decimal strings). */
  value: number | string;
  startNs: UnixNano;
  id: SessionId;
}

/** A session search for the API: the filters of SessionQuery, plus user, text and keyset pagination. */
export interface SessionSearch extends Omit<SessionQuery, 'offset'> {
  /** Exact user hash. */
  user?: string;
  /** Case-insensitive substring of the title or of any stored span attribute (prompts, tool input and results at tiers 2 and 3). */
  text?: string;
  /** Rows strictly after this one in the requested order. */
  after?: SessionCursor;
}

export interface SessionSearchPage {
  sessions: Session[];
  /** Where the next page starts; null on the last page. */
  next: SessionCursor | null;
}

/** A span without its attributes and events: what a timeline of tens of thousands of spans needs. */
export interface SpanOutline {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  type: SpanType;
  startNs: UnixNano;
  endNs: UnixNano | null;
  status: SpanStatus;
  statusMessage: string | null;
  model: string | null;
  toolName: string | null;
  usage: Usage | null;
  costUsd: number | null;
  eventCount: number;
  /** The start of a turn's prompt or a tool call's input, where stored (tiers 2 and 3); null otherwise. */
  preview: string | null;
}

/** The facts about one span that derived metrics need (counts, rates, latencies, tool usage). */
export interface SpanFact {
  sessionId: SessionId;
  type: SpanType;
  name: string;
  toolName: string | null;
  model: string | null;
  status: SpanStatus;
  startNs: UnixNano;
  endNs: UnixNano | null;
}

/**
 * What `prune` deletes: whole sessions (their spans, left-out spans, roll-ups, logs and metrics), oldest last
 * activity first, until every limit given holds. Logs and metrics of no session go by their own time.
 */
export interface PruneOptions {
  /** Sessions whose last activity is before this time. */
  olderThanNs?: UnixNano;
  /** Keep at most this many sessions (the newest). */
  maxSessions?: number;
  /** Delete the oldest sessions until the data takes at most this many bytes. */
  maxBytes?: number;
  /** Rows deleted per transaction (default 2,000): the longest a concurrent write waits is one such batch. */
  batchRows?: number;
  /** Count what would go, delete nothing. */
  dryRun?: boolean;
}

export interface PruneResult {
  sessions: number;
  spans: number;
  logs: number;
  metrics: number;
  /** Transactions used (0 on a dry run). */
  batches: number;
  /** Bytes the store's file takes before and after (after space was given back to the file system). */
  bytesBefore: number;
  bytesAfter: number;
}

export interface PurgeContentResult {
  spans: number;
  logs: number;
  sessions: number;
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
  /** Path, size and mtime of every saved file state (what a re-import compares with stat()). */
  listFileStamps(): Promise<FileStamp[]>;

  getSession(id: SessionId): Promise<Session | null>;
  /** Ids of sessions whose id starts with the prefix (at most `limit`, default 10). */
  findSessionIds(prefix: string, limit?: number): Promise<SessionId[]>;
  listSessions(query: SessionQuery): Promise<Session[]>;
  countSessions(query: SessionQuery): Promise<number>;
  /** All spans of a session, ordered by start time then span id. */
  getSpans(sessionId: SessionId): Promise<Span[]>;

  usageBuckets(query: UsageQuery): Promise<UsageBucket[]>;
  llmCalls(query: UsageQuery): Promise<LlmCallRow[]>;

  /** Sessions matching a search, one page in the requested order (API and dashboard). */
  searchSessions(search: SessionSearch): Promise<SessionSearchPage>;
  /** One span of a session, with attributes and events; null when absent. */
  getSpan(sessionId: SessionId, spanId: string): Promise<Span | null>;
  /** A session's spans without attributes and events, ordered by start time then span id. */
  getSpanOutlines(sessionId: SessionId): Promise<SpanOutline[]>;
  /** Spans (of every type) whose start is in [sinceNs, untilNs) and whose session matches the filter. */
  spanFacts(query: UsageQuery): Promise<SpanFact[]>;
  /** The user hash of each of these sessions that exists (for reports by user). */
  sessionUsers(ids: readonly SessionId[]): Promise<Array<{ sessionId: SessionId; userHash: string | null }>>;

  stats(): Promise<StoreStats>;

  /** Retention: deletes whole sessions in small transactions, yielding between them so ingest keeps going. */
  prune(options: PruneOptions): Promise<PruneResult>;
  /** Deletes every session, span, log and metric (file read positions are kept, so nothing is re-imported). */
  purgeAll(): Promise<PruneResult>;
  /** Strips stored content down to privacy tier 1: `content.*` attributes, log fields and titles. */
  purgeContent(): Promise<PurgeContentResult>;
  close(): Promise<void>;
}
