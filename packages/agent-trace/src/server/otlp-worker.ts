import type { Worker } from 'node:worker_threads';
import type { Span } from '@agent-trace/schema';
import type { Config } from '../config/config.js';
import { createOtlpIngest, OtlpDecodeError, type MappedRequest, type OtlpIngest, type OtlpEncoding, type Rejection, type Signal } from '../ingest/otlp/index.js';
import { RejectionList } from '../ingest/otlp/rejection.js';
import type { SessionUpsert, WriteBatch } from '../store/types.js';
import { unpackSpans, type PackedSpans } from '../ingest/span-transfer.js';
import { startWorker } from '../util/start-worker.js';

/**
 * OTLP decoding, mapping and the pipeline (redaction, pricing, sampling) in a worker thread, so that the collector's
 * thread only reads requests, writes the store and answers. Measured with bench/otlp-ingest.mjs on 2 cores: those
 * steps were ~6.5 µs of the ~20 µs that thread spent per span; what it now spends on them is unpacking the
 * worker's answer (ingest/span-transfer.ts).
 *
 * The worker builds its pipeline from the same configuration and salt as the collector's thread (re-sent whenever
 * the configuration object changes), and is told of every session with a working directory that the collector's
 * own pipeline sees (hooks, spool, transcripts), so both redact paths against the same project roots.
 */

/** What the worker's pipeline is built from: the configuration in force and the install's salt. */
export interface PipelineSpec {
  config: Config;
  salt: Uint8Array | string;
}

export type WorkerRequest =
  | { kind: 'configure'; config: Config; salt: Uint8Array | string }
  | { kind: 'sessions'; sessions: SessionUpsert[] }
  | { kind: 'map'; id: number; signal: Signal; encoding: OtlpEncoding; body: Uint8Array };

export type WorkerReply =
  | {
      id: number;
      kind: 'mapped';
      accepted: number;
      rejections: { count: number; byReason: Array<[string, number]>; kept: Rejection[] };
      /** Whether the batch has been through the pipeline (always, once configured). */
      processed: boolean;
      batch: Omit<WriteBatch, 'spans' | 'sampledSpans'>;
      spans: PackedSpans | readonly Span[] | null;
      sampledSpans: PackedSpans | readonly Span[] | null;
      /** The pipeline threw on the records (then the batch is empty). */
      pipelineError: { name: string; message: string } | null;
    }
  | { id: number; kind: 'invalid'; reason: string; message: string }
  | { id: number; kind: 'failed'; name: string; message: string }
  | { kind: 'ready' };

/**
 * A mapped request, whether its batch already went through the pipeline, and the pipeline's error when it threw
 * on the records (answered as a failed write, as when the pipeline ran at write time).
 */
export interface ProcessedRequest extends MappedRequest {
  processed: boolean;
  pipelineError?: Error;
}

const spansIn = (value: PackedSpans | readonly Span[] | null): readonly Span[] | undefined =>
  value === null ? undefined : Array.isArray(value) ? (value as readonly Span[]) : unpackSpans(value as PackedSpans);

const rejectionsOf = (r: { count: number; byReason: Array<[string, number]>; kept: Rejection[] }): RejectionList => {
  const list = new RejectionList();
  list.count = r.count;
  for (const [reason, n] of r.byReason) list.byReason.set(reason, n);
  list.kept.push(...r.kept);
  return list;
};

const errorWithName = (name: string, message: string): Error => {
  const err = new Error(message);
  err.name = name;
  return err;
};


interface Waiting {
  resolve: (mapped: ProcessedRequest) => void;
  reject: (err: Error) => void;
}

export class OtlpWorker {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private sentConfig: Config | null = null;
  private idle: Array<() => void> = [];
  private readyWaiters: Array<() => void> = [];
  private loaded = false;
  private closed = false;
  private fallback: OtlpIngest | null = null;

  constructor(private readonly spec: () => PipelineSpec) {
    this.ensureWorker();
  }

  /** Requests posted and not answered yet. */
  get pending(): number {
    return this.waiting.size;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(import.meta.url, 'otlp-worker-main');
    // Pending requests keep the process alive through their HTTP connections; an idle worker must not.
    worker.unref();
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    const stopped = (err: Error): void => {
      if (this.worker !== worker) return;
      this.wakeReady();
      this.loaded = false;
      this.worker = null;
      this.sentConfig = null;
      const waiting = [...this.waiting.values()];
      this.waiting.clear();
      for (const w of waiting) w.reject(err);
      this.wakeIdle();
    };
    worker.on('error', (err) => stopped(new Error(`the OTLP worker failed: ${err.message}`)));
    worker.on('exit', (code) => stopped(new Error(`the OTLP worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  /** The worker, with the configuration in force sent ahead of whatever is posted next. */
  private configured(): Worker {
    const worker = this.ensureWorker();
    const { config, salt } = this.spec();
    if (config !== this.sentConfig) {
      worker.postMessage({ kind: 'configure', config, salt } satisfies WorkerRequest);
      this.sentConfig = config;
    }
    return worker;
  }

  /** Decodes, maps and processes one request in the worker; throws OtlpDecodeError or Error as map() on this thread would. */
  map(signal: Signal, encoding: OtlpEncoding, body: Buffer): Promise<ProcessedRequest> {
    // After close, a late request is mapped here, without the pipeline: the writer, closed by then, refuses it as
    // it always did (503 / UNAVAILABLE), with the same counts.
    if (this.closed) return Promise.resolve({ ...(this.fallback ??= createOtlpIngest()).map(signal, encoding, body), processed: false });
    const worker = this.configured();
    const id = this.nextId++;
    // A copy of its own to transfer: the request's buffer may be a view of memory others use (~10 µs per 100 kB).
    const copy = new Uint8Array(body.byteLength);
    copy.set(body);
    return new Promise<ProcessedRequest>((resolve, reject) => {
      // Posted first: should posting throw, nothing is left waiting (close() waits for what is).
      worker.postMessage({ kind: 'map', id, signal, encoding, body: copy } satisfies WorkerRequest, [copy.buffer]);
      this.waiting.set(id, { resolve, reject });
    });
  }

  /** Sessions the collector's own pipeline is about to see: the worker remembers their project roots too. */
  sessionsSeen(sessions: readonly SessionUpsert[] | undefined): void {
    if (!sessions) return;
    const withRoot = sessions.filter((s) => s.cwd);
    if (withRoot.length === 0 || this.closed) return;
    this.configured().postMessage({ kind: 'sessions', sessions: withRoot } satisfies WorkerRequest);
  }

  private settle(reply: WorkerReply): void {
    if (reply.kind === 'ready') {
      this.loaded = true;
      this.wakeReady();
      return;
    }
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    switch (reply.kind) {
      case 'mapped': {
        const batch: WriteBatch = { ...reply.batch };
        const spans = spansIn(reply.spans);
        const sampledSpans = spansIn(reply.sampledSpans);
        if (spans) batch.spans = spans;
        if (sampledSpans) batch.sampledSpans = sampledSpans;
        const mapped: ProcessedRequest = { batch, accepted: reply.accepted, rejections: rejectionsOf(reply.rejections), processed: reply.processed };
        if (reply.pipelineError) mapped.pipelineError = errorWithName(reply.pipelineError.name, reply.pipelineError.message);
        waiting.resolve(mapped);
        break;
      }
      case 'invalid':
        waiting.reject(new OtlpDecodeError(reply.reason, reply.message));
        break;
      case 'failed':
        waiting.reject(errorWithName(reply.name, reply.message));
        break;
      default:
        reply satisfies never;
    }
    if (this.waiting.size === 0) this.wakeIdle();
  }

  private wakeReady(): void {
    const ready = this.readyWaiters;
    this.readyWaiters = [];
    for (const wake of ready) wake();
  }

  /**
   * Resolves once the worker has loaded (or has failed to: requests then start another). Started from the sources
   * through tsx, loading took ~0.5 s on the bench machine, and the first requests waited for it.
   */
  ready(): Promise<void> {
    if (this.loaded || !this.worker) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private wakeIdle(): void {
    const idle = this.idle;
    this.idle = [];
    for (const wake of idle) wake();
  }

  /** Resolves once every request posted so far has been answered. */
  drained(): Promise<void> {
    if (this.waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Waits for the requests in flight, then stops the worker. */
  async close(): Promise<void> {
    this.closed = true;
    await this.drained();
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
