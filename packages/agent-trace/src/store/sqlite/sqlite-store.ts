import type { Database, Transaction } from 'better-sqlite3';
import type { Session, SessionId, Span } from '@agent-trace/schema';
import { AgentTraceError } from '../../errors.js';
import type {
  FileStamp,
  FileState,
  LlmCallRow,
  SessionQuery,
  SessionSearch,
  SessionSearchPage,
  SpanFact,
  SpanOutline,
  Store,
  StoreStats,
  UsageBucket,
  UsageQuery,
  PruneOptions,
  PruneResult,
  PurgeContentResult,
  WriteBatch,
  WriteResult,
} from '../types.js';
import { ApiQueries } from './api-queries.js';
import { BackgroundCheckpointer } from './checkpointer.js';
import { SessionDeriver } from './derive-session.js';
import { openDatabase } from './open-db.js';
import { Pruner } from './prune.js';
import { ContentPurger } from './purge-content.js';
import { ReadQueries } from './read-queries.js';
import { SampledSpanWriter } from './sampled-spans.js';
import { fileParams, logParams, metricParams, sessionParams, spanParams } from './row-mapping.js';
import { StoreStatsQuery } from './store-stats.js';
import { UsageRollup } from './usage-rollup.js';
import { prepareWriteStatements, type WriteStatements } from './write-statements.js';

const DEFAULT_FIND_LIMIT = 10;

/** Runs one record's statement, naming the record when the database rejects it. */
const runRecord = (what: () => string, run: () => unknown): void => {
  try {
    run();
  } catch (err) {
    throw new AgentTraceError('store', `cannot write ${what()}: ${(err as Error).message}`, { cause: err });
  }
};

/**
 * The embedded backend: one SQLite file in WAL mode, so any number of processes can read while one writes.
 * Each write() is one transaction: upserts with the merge rules in SQL, then the touched sessions' derived
 * totals and usage roll-ups are recomputed, so readers never see a batch half applied.
 */
export class SqliteStore implements Store {
  readonly backend = 'sqlite';
  private closed = false;
  private readonly writes: WriteStatements;
  private readonly deriver: SessionDeriver;
  private readonly rollup: UsageRollup;
  private readonly sampledWriter: SampledSpanWriter;
  private readonly pruner: Pruner;
  private readonly contentPurger: ContentPurger;
  private readonly reads: ReadQueries;
  private readonly apiReads: ApiQueries;
  private readonly statsQuery: StoreStatsQuery;
  private readonly writeTransaction: Transaction<(batch: WriteBatch) => WriteResult>;
  private readonly checkpointer: BackgroundCheckpointer;

  private constructor(
    private readonly db: Database,
    readonly path: string,
  ) {
    this.writes = prepareWriteStatements(db);
    this.deriver = new SessionDeriver(db);
    this.rollup = new UsageRollup(db);
    this.sampledWriter = new SampledSpanWriter(db);
    this.pruner = new Pruner(db, path);
    this.contentPurger = new ContentPurger(db);
    this.reads = new ReadQueries(db);
    this.apiReads = new ApiQueries(db);
    this.statsQuery = new StoreStatsQuery(db, path);
    this.writeTransaction = db.transaction((batch: WriteBatch) => this.applyBatch(batch));
    this.checkpointer = new BackgroundCheckpointer(db, path);
  }

  static open(path: string): SqliteStore {
    return new SqliteStore(openDatabase(path), path);
  }

  private applyBatch(batch: WriteBatch): WriteResult {
    const w = this.writes;
    const touched = new Set<string>();
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    for (const s of batch.sessions ?? []) {
      runRecord(
        () => `session ${s.id}`,
        () => w.upsertSession.run(...sessionParams(s, nowNs)),
      );
      touched.add(s.id);
    }
    const spans = batch.spans ?? [];
    for (const s of spans) {
      runRecord(
        () => `span ${s.spanId} (trace ${s.traceId}, session ${s.sessionId})`,
        () => w.upsertSpan.run(...spanParams(s)),
      );
      touched.add(s.sessionId);
    }
    for (const s of batch.sampledSpans ?? []) {
      runRecord(
        () => `sampled-out span ${s.spanId} (trace ${s.traceId}, session ${s.sessionId})`,
        () => this.sampledWriter.write(s),
      );
      touched.add(s.sessionId);
    }
    const logs = batch.logs ?? [];
    for (const l of logs) runRecord(() => `log ${l.id}`, () => w.upsertLog.run(...logParams(l)));
    const metrics = batch.metrics ?? [];
    for (const m of metrics) runRecord(() => `metric ${m.name}`, () => w.upsertMetric.run(...metricParams(m)));
    for (const f of batch.fileStates ?? []) runRecord(() => `file state of ${f.path}`, () => w.upsertFile.run(...fileParams(f)));
    const anySampled = touched.size > 0 && this.deriver.anySampled();
    for (const id of touched) {
      if (this.deriver.derive(id, anySampled)) this.rollup.rebuild(id, anySampled);
    }
    return { sessionsTouched: touched.size, spansWritten: spans.length, logsWritten: logs.length, metricsWritten: metrics.length };
  }

  private ensureOpen(): void {
    if (this.closed) throw new AgentTraceError('store', `the store ${this.path} is closed`);
  }

  async write(batch: WriteBatch): Promise<WriteResult> {
    this.ensureOpen();
    try {
      // IMMEDIATE takes the write lock up front: a deferred transaction that upgrades from read to write can
      // fail with SQLITE_BUSY at once instead of waiting out the busy timeout when another process writes.
      const result = this.writeTransaction.immediate(batch);
      this.checkpointer.committed();
      return result;
    } catch (err) {
      if (err instanceof AgentTraceError) throw err;
      throw new AgentTraceError('store', `cannot write to ${this.path}: ${(err as Error).message}`, { cause: err });
    }
  }

  async getFileState(path: string): Promise<FileState | null> {
    this.ensureOpen();
    return this.reads.getFileState(path);
  }

  async listFileStamps(): Promise<FileStamp[]> {
    this.ensureOpen();
    return this.reads.listFileStamps();
  }

  async listFileStates(): Promise<FileState[]> {
    this.ensureOpen();
    return this.reads.listFileStates();
  }

  async getSession(id: SessionId): Promise<Session | null> {
    this.ensureOpen();
    return this.reads.getSession(id);
  }

  async findSessionIds(prefix: string, limit = DEFAULT_FIND_LIMIT): Promise<SessionId[]> {
    this.ensureOpen();
    return this.reads.findSessionIds(prefix, limit);
  }

  async listSessions(query: SessionQuery): Promise<Session[]> {
    this.ensureOpen();
    return this.reads.listSessions(query);
  }

  async countSessions(query: SessionQuery): Promise<number> {
    this.ensureOpen();
    return this.reads.countSessions(query);
  }

  async getSpans(sessionId: SessionId): Promise<Span[]> {
    this.ensureOpen();
    return this.reads.getSpans(sessionId);
  }

  async usageBuckets(query: UsageQuery): Promise<UsageBucket[]> {
    this.ensureOpen();
    return this.reads.usageBuckets(query);
  }

  async llmCalls(query: UsageQuery): Promise<LlmCallRow[]> {
    this.ensureOpen();
    return this.reads.llmCalls(query);
  }

  async searchSessions(search: SessionSearch): Promise<SessionSearchPage> {
    this.ensureOpen();
    return this.apiReads.searchSessions(search);
  }

  async getSpan(sessionId: SessionId, spanId: string): Promise<Span | null> {
    this.ensureOpen();
    return this.apiReads.getSpan(sessionId, spanId);
  }

  async getSpanOutlines(sessionId: SessionId): Promise<SpanOutline[]> {
    this.ensureOpen();
    return this.apiReads.getSpanOutlines(sessionId);
  }

  async spanFacts(query: UsageQuery): Promise<SpanFact[]> {
    this.ensureOpen();
    return this.apiReads.spanFacts(query);
  }

  async sessionUsers(ids: readonly SessionId[]): Promise<Array<{ sessionId: SessionId; userHash: string | null }>> {
    this.ensureOpen();
    return this.apiReads.sessionUsers(ids);
  }

  async stats(): Promise<StoreStats> {
    this.ensureOpen();
    return this.statsQuery.read();
  }

  async prune(options: PruneOptions): Promise<PruneResult> {
    this.ensureOpen();
    const result = await this.pruner.prune(options);
    this.checkpointer.committed();
    return result;
  }

  async purgeAll(): Promise<PruneResult> {
    this.ensureOpen();
    const result = await this.pruner.purgeAll();
    this.checkpointer.committed();
    return result;
  }

  async purgeContent(): Promise<PurgeContentResult> {
    this.ensureOpen();
    const result = await this.contentPurger.purge();
    this.checkpointer.committed();
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.checkpointer.close();
    this.db.pragma('optimize');
    this.db.close();
  }
}
