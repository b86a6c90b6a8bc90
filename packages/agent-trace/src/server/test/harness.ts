import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from '../../store/sqlite/better-sqlite3.js';
import { defaultConfig, type Config } from '../../config/config.js';
import { createPipeline } from '../../pipeline/index.js';
import { createPriceBook } from '../../pricing/index.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { startCollector, type Collector, type CollectorOptions } from '../collector.js';
import { createLogger } from '../logger.js';
import { openRotatingFile, type RotatingFile } from '../rotating-file.js';

/** A real collector on 127.0.0.1 with free ports, over a real SQLite store in a temp dir. */
export interface Harness {
  dir: string;
  dbPath: string;
  store: SqliteStore;
  collector: Collector;
  httpUrl: string;
  grpcUrl: string;
  /** A read-only view of the database, for what the Store interface has no reader for (logs, metrics). */
  query<T>(sql: string, ...params: unknown[]): T[];
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** OTLP decoded, mapped and processed on the collector's thread rather than in its worker (as `serve` runs it). */
  inThread?: boolean;
  /** Changes to the default configuration the pipeline is built from. */
  configure?: (config: Config) => void;
}

export const startHarness = async (overrides: Partial<CollectorOptions> = {}, options: HarnessOptions = {}): Promise<Harness> => {
  const dir = mkdtempSync(join(tmpdir(), 'agent-trace-'));
  const dbPath = join(dir, 'agent-trace.db');
  const store = SqliteStore.open(dbPath);
  const config = defaultConfig();
  options.configure?.(config);
  const salt = 'harness-salt';
  const pipeline = createPipeline(config, createPriceBook(config.pricing.models), { salt });
  const logFile: RotatingFile = openRotatingFile(join(dir, 'logs', 'agent-trace.log'), { maxBytes: 1 << 20, keep: 2 });
  const collector = await startCollector({
    store,
    process: (b) => pipeline.process(b),
    // OTLP requests go through the worker thread, as in `serve` (otlp-worker.ts), with the same pipeline.
    ...(options.inThread ? {} : { pipelineSpec: () => ({ config, salt }) }),
    logger: createLogger(logFile, 'debug'),
    host: '127.0.0.1',
    httpPort: 0,
    grpcPort: 0,
    watch: null,
    ...overrides,
  });
  const reader = new Database(dbPath, { readonly: true });
  reader.defaultSafeIntegers(true);
  let stopped = false;
  return {
    dir,
    dbPath,
    store,
    collector,
    httpUrl: `http://127.0.0.1:${collector.httpPort}`,
    grpcUrl: `http://127.0.0.1:${collector.grpcPort ?? 0}`,
    query: <T>(sql: string, ...params: unknown[]) => reader.prepare(sql).all(...params) as T[],
    async stop() {
      if (stopped) return;
      stopped = true;
      await collector.close();
      reader.close();
      await store.close();
      logFile.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
