import type { Server as GrpcServer } from '@grpc/grpc-js';
import type { Server as HttpServer } from 'node:http';
import { createOtlpIngest } from '../ingest/otlp/index.js';
import type { Store, WriteBatch } from '../store/types.js';
import { Counters, renderPrometheus } from './counters.js';
import { DurableWriter, type DurableWriterOptions } from './durable-writer.js';
import { createExportHandler, type RequestMapper } from './export-handler.js';
import { startGrpcServer } from './grpc-server.js';
import { createHookRoute } from './hook-route.js';
import { startSpoolDrain } from './spool-drain.js';
import { createHttpHandler, listenHttp } from './http-server.js';
import type { Logger } from './logger.js';
import type { AccessPolicy } from './access-guard.js';
import { createWebRoutes, type WebOptions, type WebRoutes } from './web-routes.js';
import { OtlpWorker, type PipelineSpec } from './otlp-worker.js';
import { startTranscriptWatcher, type TranscriptWatcher, type TranscriptWatcherOptions } from './transcript-watcher.js';

export interface CollectorOptions {
  store: Store;
  process: (batch: WriteBatch) => WriteBatch;
  /**
   * What `process` is built from (asked per request, so a reloaded configuration applies at once). Given, OTLP
   * requests are decoded, mapped and processed by an equal pipeline in a worker thread (otlp-worker.ts); absent,
   * on this thread, with `process` at write time.
   */
  pipelineSpec?: () => PipelineSpec;
  logger: Logger;
  host: string;
  /** 0 picks a free port; the bound one is in the result. */
  httpPort: number;
  /** null: no gRPC listener. */
  grpcPort: number | null;
  writer?: Pick<DurableWriterOptions, 'lingerMs' | 'flushRecords' | 'capacityRecords'>;
  maxBodyBytes?: number;
  /** Transcript watcher settings; null turns it off. */
  watch: Omit<TranscriptWatcherOptions, 'store' | 'process' | 'logger'> | null;
  /** The data dir whose hook spool is drained at start and then every `spoolDrainMs`; absent: none. */
  spoolDir?: string;
  spoolDrainMs?: number;
  /** The REST API, live stream and dashboard on the HTTP port; absent: OTLP and hooks only. */
  web?: WebOptions;
  /** Origin, Host and token checks for every HTTP route; absent: none. */
  access?: AccessPolicy;
  /**
   * Which push sources are collected (config `collection`), asked per request so a reloaded configuration
   * applies at once; absent: both. A source that is off is answered 403 / PERMISSION_DENIED.
   */
  accepts?: () => { otlp: boolean; hooks: boolean };
}

export interface Collector {
  readonly httpPort: number;
  readonly grpcPort: number | null;
  readonly counters: Counters;
  /** The API and live stream, when `web` was given (tests wait on `web.published()`). */
  readonly web: WebRoutes | null;
  /** Stops accepting, flushes everything queued, stops the watcher. The store stays open (its owner closes it). */
  close(): Promise<void>;
}

/** Hook events spooled while the collector was down or busy are picked up this often (and at start). */
const SPOOL_DRAIN_MS = 30_000;

/** How long finished requests get to deliver their responses at shutdown before connections are cut. */
const SHUTDOWN_GRACE_MS = 2000;

const closeHttp = (server: HttpServer): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });

const closeGrpc = (server: GrpcServer): Promise<void> =>
  new Promise((resolve) => {
    server.tryShutdown(() => resolve());
  });

/** Starts the OTLP/HTTP and OTLP/gRPC listeners, the durable writer and the transcript watcher. */
export const startCollector = async (options: CollectorOptions): Promise<Collector> => {
  const { logger } = options;
  const counters = new Counters();
  const web = options.web ? createWebRoutes(options.store, options.web, logger.child('web')) : null;
  // Writes go through the web layer's store, which publishes each committed batch on the live stream.
  const store = web ? web.store : options.store;
  const otlpWorker = options.pipelineSpec ? new OtlpWorker(options.pipelineSpec) : null;
  const otlpWorkerReady = otlpWorker?.ready();
  // Every batch this thread's pipeline sees first tells the worker's pipeline of its sessions' project roots.
  const process = otlpWorker
    ? (batch: WriteBatch): WriteBatch => {
        otlpWorker.sessionsSeen(batch.sessions);
        return options.process(batch);
      }
    : options.process;
  const writer = new DurableWriter({ store, process, logger: logger.child('writer'), ...options.writer });
  const accepts = options.accepts ?? (() => ({ otlp: true, hooks: true }));
  let mapRequest: RequestMapper;
  if (otlpWorker) mapRequest = (signal, encoding, body) => otlpWorker.map(signal, encoding, body);
  else {
    const ingest = createOtlpIngest();
    mapRequest = (signal, encoding, body) => ({ ...ingest.map(signal, encoding, body), processed: false });
  }
  const exportHandler = createExportHandler(mapRequest, writer, counters, logger.child('otlp'), () => accepts().otlp);
  let ports: { http: number; grpc: number | null } = { http: 0, grpc: null };
  let storeWritable = true;
  const handler = createHttpHandler({
    exportHandler,
    hooks: createHookRoute(writer, counters, logger.child('hooks'), () => accepts().hooks),
    counters,
    logger: logger.child('http'),
    ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.access ? { access: options.access } : {}),
    ...(web ? { web: web.handle } : {}),
    readiness: () => {
      storeWritable = !writer.full;
      return {
        ready: storeWritable,
        body: {
          ports,
          queue: { records: writer.depth, capacity: writer.capacityRecords, full: writer.full, flushes: writer.flushes },
          store: options.store.backend,
          counters: counters.toJSON(),
        },
      };
    },
    prometheus: () => renderPrometheus(counters, { queueRecords: writer.depth, queueCapacity: writer.capacityRecords }),
  });
  let http: Awaited<ReturnType<typeof listenHttp>>;
  try {
    http = await listenHttp(handler, options.host, options.httpPort);
  } catch (err) {
    await otlpWorker?.close();
    throw err;
  }
  let grpc: { server: GrpcServer; port: number } | null = null;
  try {
    if (options.grpcPort !== null) grpc = await startGrpcServer(exportHandler, options.host, options.grpcPort);
  } catch (err) {
    await closeHttp(http.server);
    await otlpWorker?.close();
    throw err;
  }
  await otlpWorkerReady;
  ports = { http: http.port, grpc: grpc?.port ?? null };
  const watcher: TranscriptWatcher | null = options.watch
    ? startTranscriptWatcher({ ...options.watch, store, process, logger: logger.child('watch') })
    : null;
  const spool = options.spoolDir === undefined ? null : startSpoolDrain(options.spoolDir, writer, logger.child('spool'), options.spoolDrainMs ?? SPOOL_DRAIN_MS);
  logger.info('collector listening', { host: options.host, httpPort: ports.http, grpcPort: ports.grpc, watch: watcher !== null });
  return {
    httpPort: http.port,
    grpcPort: grpc?.port ?? null,
    counters,
    web,
    async close() {
      logger.info('collector stopping', { queued: writer.depth });
      // Stop listening first; requests already in flight are waiting for their commit, which the writer's
      // final flush gives them, and only then can their connections finish.
      web?.close();
      const listenersClosed = Promise.all([closeHttp(http.server), grpc ? closeGrpc(grpc.server) : Promise.resolve()]);
      await watcher?.close();
      await spool?.close();
      // Requests the worker is mapping reach the writer before it stops taking them.
      await otlpWorker?.close();
      await writer.close();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
      await Promise.race([listenersClosed, grace]);
      http.server.closeAllConnections();
      grpc?.server.forceShutdown();
      logger.info('collector stopped', { counters: counters.toJSON() });
    },
  };
};
