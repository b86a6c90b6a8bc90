import type { Store, WriteBatch } from '../store/types.js';
import type { Logger } from './logger.js';

export interface DurableWriterOptions {
  store: Store;
  /** The pipeline (redaction, pricing), applied to each flushed batch before it is written. */
  process: (batch: WriteBatch) => WriteBatch;
  logger: Logger;
  /** How long a request may wait for others to share its transaction. */
  lingerMs?: number;
  /** Flush at once when this many records are waiting. */
  flushRecords?: number;
  /** Queue bound in records; beyond it enqueue() refuses (the caller answers 503 / UNAVAILABLE). */
  capacityRecords?: number;
}

/** The queue is full, or the writer is shutting down: the client should retry later. */
export class QueueFullError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueFullError';
  }
}

interface Pending {
  batch: WriteBatch;
  records: number;
  /** Already through the pipeline (the OTLP worker runs it): written as it is. */
  processed: boolean;
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * 0: a request waits only for the next timer turn (about 1 ms), so the requests that arrive while a transaction is
 * being written share the next one. A 20 ms wait here held OTLP ingest at ~33,000 spans/s with the serve thread
 * idle between flushes; without it, 45,600–50,200 (bench/otlp-ingest.mjs, 4 clients, 512-span batches). A commit
 * in WAL mode with synchronous=NORMAL does not sync the disk, so small transactions under light load cost little.
 */
const DEFAULT_LINGER_MS = 0;
const DEFAULT_FLUSH_RECORDS = 8192;
const DEFAULT_CAPACITY_RECORDS = 200_000;

const concat = <T>(parts: (readonly T[] | undefined)[]): T[] | undefined => {
  const present = parts.filter((p): p is readonly T[] => p !== undefined && p.length > 0);
  if (present.length === 0) return undefined;
  return present.length === 1 ? [...(present[0] as readonly T[])] : present.flat() as T[];
};

const merge = (batches: readonly WriteBatch[]): WriteBatch => {
  const out: WriteBatch = {};
  const sessions = concat(batches.map((b) => b.sessions));
  const spans = concat(batches.map((b) => b.spans));
  // Only batches that went through the pipeline on their own (the OTLP worker's) can hold left-out spans.
  const sampledSpans = concat(batches.map((b) => b.sampledSpans));
  const logs = concat(batches.map((b) => b.logs));
  const metrics = concat(batches.map((b) => b.metrics));
  if (sessions) out.sessions = sessions;
  if (spans) out.spans = spans;
  if (sampledSpans) out.sampledSpans = sampledSpans;
  if (logs) out.logs = logs;
  if (metrics) out.metrics = metrics;
  return out;
};

/**
 * Group commit with durable acknowledgement. Requests are queued; one flush writes everything queued in ONE
 * store transaction, and each request's promise settles only after that transaction committed, so an
 * acknowledged record survives a crash (SQLite WAL commit). If a shared transaction fails, each request is
 * retried in its own, so one bad request never fails its neighbours. The queue is bounded in records.
 */
export class DurableWriter {
  private queue: Pending[] = [];
  private queuedRecords = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private closed = false;
  private readonly lingerMs: number;
  private readonly flushRecords: number;
  readonly capacityRecords: number;
  flushes = 0;

  constructor(private readonly options: DurableWriterOptions) {
    this.lingerMs = options.lingerMs ?? DEFAULT_LINGER_MS;
    this.flushRecords = options.flushRecords ?? DEFAULT_FLUSH_RECORDS;
    this.capacityRecords = options.capacityRecords ?? DEFAULT_CAPACITY_RECORDS;
  }

  get depth(): number {
    return this.queuedRecords;
  }

  get full(): boolean {
    return this.queuedRecords >= this.capacityRecords;
  }

  /**
   * Resolves once the batch is committed; throws QueueFullError at once when it cannot be taken. `processed`: the
   * batch has been through the pipeline already (the OTLP worker's), so it is written as it is.
   */
  enqueue(batch: WriteBatch, records: number, processed = false): Promise<void> {
    if (this.closed) return Promise.reject(new QueueFullError('the collector is shutting down'));
    if (this.queuedRecords > 0 && this.queuedRecords + records > this.capacityRecords) {
      return Promise.reject(new QueueFullError(`write queue is full (${this.queuedRecords} of ${this.capacityRecords} records waiting)`));
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ batch, records, processed, resolve, reject });
      this.queuedRecords += records;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.flushing) return;
    if (this.queuedRecords >= this.flushRecords) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      setImmediate(() => void this.flush());
      return;
    }
    if (this.lingerMs === 0) {
      this.timer ??= setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, 0);
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.lingerMs);
  }

  /** Writes everything queued now; resolves when it is committed (or has failed and been reported). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.queue.length === 0) return Promise.resolve();
    const taken = this.queue;
    this.queue = [];
    this.queuedRecords = 0;
    this.flushing = this.writeAll(taken).finally(() => {
      this.flushing = null;
      if (this.queue.length > 0) this.schedule();
    });
    return this.flushing;
  }

  /**
   * One batch to write for the requests taken: each run of requests the pipeline has not seen yet is merged and
   * processed as one batch (as a flush always did: a session's working directory in one request applies to the
   * spans of the others), then everything is merged in request order.
   */
  private prepare(taken: readonly Pending[]): WriteBatch {
    const parts: WriteBatch[] = [];
    let run: WriteBatch[] = [];
    const endRun = (): void => {
      if (run.length === 0) return;
      parts.push(this.options.process(run.length === 1 ? (run[0] as WriteBatch) : merge(run)));
      run = [];
    };
    for (const p of taken) {
      if (p.processed) {
        endRun();
        parts.push(p.batch);
      } else run.push(p.batch);
    }
    endRun();
    return parts.length === 1 ? (parts[0] as WriteBatch) : merge(parts);
  }

  private async write(taken: readonly Pending[]): Promise<void> {
    await this.options.store.write(this.prepare(taken));
  }

  private async writeAll(taken: Pending[]): Promise<void> {
    this.flushes++;
    try {
      await this.write(taken);
      for (const p of taken) p.resolve();
      return;
    } catch (err) {
      if (taken.length === 1) {
        this.options.logger.error('store write failed', { records: taken[0]?.records, error: err as Error });
        taken[0]?.reject(err as Error);
        return;
      }
      this.options.logger.warn('shared store write failed; writing each request on its own', { requests: taken.length, error: err as Error });
    }
    for (const p of taken) {
      try {
        await this.write([p]);
        p.resolve();
      } catch (err) {
        this.options.logger.error('store write failed', { records: p.records, error: err as Error });
        p.reject(err as Error);
      }
    }
  }

  /** Stops taking requests and writes everything already queued. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing || this.queue.length > 0) {
      if (this.flushing) await this.flushing;
      else await this.flush();
    }
  }
}
