import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrivacyTier } from '@agent-trace/schema';
import { defaultConfig } from '../../config/config.js';
import { importTranscripts } from '../../ingest/import.js';
import { createPipeline } from '../../pipeline/index.js';
import { createPriceBook } from '../../pricing/index.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { WriteBatch } from '../../store/types.js';
import { fixturesDir } from '../../test-support/paths.js';
import type { AccessPolicy } from '../access-guard.js';
import { startCollector, type Collector } from '../collector.js';
import { createLogger } from '../logger.js';
import { openRotatingFile } from '../rotating-file.js';

export const FIXTURE_SETS = ['edge-cases', 'parity'] as const;
/** Reports and dates in the tests are in UTC, whatever the machine's zone. */
export const TEST_TZ = 'UTC';
/** A fixed "now" after every fixture session, so "running" and durations never depend on the clock. */
export const TEST_NOW = new Date('2026-12-01T12:00:00Z');

export interface WebHarness {
  dir: string;
  store: SqliteStore;
  collector: Collector;
  url: string;
  /** The pipeline the collector writes through (tier as configured), for tests that write directly. */
  process: (batch: WriteBatch) => WriteBatch;
  /** Writes through the collector's notifying store, as ingest does, and waits until it is on the stream. */
  write(batch: WriteBatch): Promise<void>;
  stop(): Promise<void>;
}

export interface WebHarnessOptions {
  tier?: PrivacyTier;
  access?: AccessPolicy;
  host?: string;
  /** Import the Claude Code fixtures (default true). */
  fixtures?: boolean;
  dashboardDir?: string | null;
}

/** A real `serve` stack (collector, API, stream, dashboard) on 127.0.0.1:0 over a temp SQLite store holding the fixtures. */
export const startWebHarness = async (options: WebHarnessOptions = {}): Promise<WebHarness> => {
  const dir = mkdtempSync(join(tmpdir(), 'agent-trace-'));
  const store = SqliteStore.open(join(dir, 'agent-trace.db'));
  const config = defaultConfig();
  const tier = options.tier ?? 2;
  config.privacy.tier = tier;
  config.privacy.keepProjectNames = true;
  const pipeline = createPipeline(config, createPriceBook(config.pricing.models), { salt: 'web-harness-salt' });
  const process = (b: WriteBatch): WriteBatch => pipeline.process(b);
  if (options.fixtures !== false) {
    const claudeDir = join(dir, 'claude');
    for (const set of FIXTURE_SETS) cpSync(join(fixturesDir, 'claude-code', set, 'projects'), join(claudeDir, 'projects'), { recursive: true });
    await importTranscripts({ store, env: { CLAUDE_CONFIG_DIR: claudeDir }, home: join(dir, 'home'), includeContent: tier > 1, process });
  }
  const logFile = openRotatingFile(join(dir, 'logs', 'agent-trace.log'), { maxBytes: 1 << 20, keep: 2 });
  const collector = await startCollector({
    store,
    process,
    logger: createLogger(logFile, 'debug'),
    host: options.host ?? '127.0.0.1',
    httpPort: 0,
    grpcPort: null,
    watch: null,
    writer: { lingerMs: 1 },
    access: options.access ?? { token: null, loopback: true },
    web: {
      api: { timezone: TEST_TZ, privacyTier: tier, demo: false, now: () => TEST_NOW },
      ...(options.dashboardDir !== undefined ? { dashboardDir: options.dashboardDir } : {}),
    },
  });
  const web = collector.web;
  if (!web) throw new Error('the collector started without its web routes');
  let stopped = false;
  return {
    dir,
    store,
    collector,
    url: `http://127.0.0.1:${collector.httpPort}`,
    process,
    async write(batch) {
      await web.store.write(process(batch));
      await web.published();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await collector.close();
      await store.close();
      logFile.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
