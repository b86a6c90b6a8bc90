import { homedir } from 'node:os';
import { join } from 'node:path';
import { LOG_LEVELS, type LogLevel } from '@agent-trace/schema';
import { EXIT, usageError } from '../../errors.js';
import { configFilePath } from '../../config/config.js';
import { flagOverrides } from '../../config/flag-overrides.js';
import { watchConfig } from '../../config/watch-config.js';
import { createPipeline } from '../../pipeline/index.js';
import { createRedactor, loadOrCreateSalt } from '../../privacy/index.js';
import { applyCollectionSwitch } from '../../retention/collection-switch.js';
import { scheduleDailyPrune } from '../../retention/daily-prune.js';
import { looseModes } from '../../retention/file-modes.js';
import { createPriceBook } from '../../pricing/index.js';
import { startCollector } from '../../server/collector.js';
import { createLogger } from '../../server/logger.js';
import { openRotatingFile } from '../../server/rotating-file.js';
import { flag, oneOf, str } from '../args.js';
import { systemTimeZone } from '../../util/timezone.js';
import { accessPolicy, dashboardUrl, demoDataDir, openBrowser, openDemoStore } from './serve-web.js';
import type { CommandRun } from '../command.js';
import { LOG_FILE, serveCommand } from './serve.js';

/** The collector's own log: `<dataDir>/logs/agent-trace.log`, rotated at 10 MiB, five old files kept. */
const LOG_MAX_BYTES = 10 * 1024 * 1024;
const LOG_KEEP = 5;
/** Longest a request waits for others to share its store transaction (group commit). */
/** The durable writer's wait for other requests to share a transaction (durable-writer.ts says why 0). */
const DEFAULT_FLUSH_MS = 0;

const portArg = (value: string | undefined, name: string, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw usageError(`--${name} must be a whole number from 0 to 65535; got '${value}'`);
  return Number(value);
};

/** Resolves on the first SIGINT or SIGTERM. */
const untilSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });

export const runServe: CommandRun = async (ctx, values) => {
  // --host, --port and --grpc-port are configuration flags (serve.ts configFlags): ctx.config.server holds them.
  const server = ctx.config.server;
  const host = server.host;
  const access = accessPolicy(host, ctx.env);
  const demo = flag(values, 'demo');
  const port = server.port;
  const grpcPort = flag(values, 'no-grpc') ? null : server.grpcPort;
  const flushMs = portArg(str(values, 'flush-ms'), 'flush-ms', DEFAULT_FLUSH_MS);
  const level = oneOf<LogLevel>(values, 'log-level', LOG_LEVELS, 'info');
  const salt = loadOrCreateSalt(ctx.dataDir);
  // The configuration in force: replaced when config.yaml changes (watchConfig below); everything that
  // can apply live reads it through this variable.
  let config = ctx.config;
  let pipeline = createPipeline(config, createPriceBook(config.pricing.models), { salt });
  const store = demo ? await openDemoStore(ctx.dataDir, ctx.config, ctx.now()) : await ctx.openStore();
  const logFile = openRotatingFile(join(ctx.dataDir, LOG_FILE), { maxBytes: LOG_MAX_BYTES, keep: LOG_KEEP });
  const redaction = ctx.config.privacy.redaction;
  const logger = createLogger(
    logFile,
    level,
    'serve',
    createRedactor({ secretKeyNames: redaction.extraKeys, sensitivePaths: redaction.extraPaths, patterns: redaction.patterns }),
  );
  for (const warning of looseModes(ctx.dataDir)) {
    ctx.stderr.write(`warning: ${warning}\n`);
    logger.warn('loose file mode', { warning });
  }
  const purged = demo ? null : await applyCollectionSwitch(ctx.config.collection, store);
  if (purged) logger.info('collection is off (collection.enabled: false): the store was purged', { ...purged });
  let dailyPrune = demo ? null : scheduleDailyPrune(store, ctx.config.retention, logger, ctx.now);
  const configWatcher = demo
    ? null
    : watchConfig({
        path: configFilePath(ctx.dataDir, str(values, 'config')),
        env: ctx.env,
        flags: flagOverrides(serveCommand.configFlags, values),
        current: ctx.config,
        onChange: (change) => {
          config = change.config;
          pipeline = createPipeline(config, createPriceBook(config.pricing.models), { salt });
          dailyPrune?.stop();
          dailyPrune = scheduleDailyPrune(store, config.retention, logger, ctx.now);
          void applyCollectionSwitch(config.collection, store).then(
            (p) => p && logger.info('collection is off (collection.enabled: false): the store was purged', { ...p }),
            (err: unknown) => logger.error('purge after collection was turned off failed', { error: err as Error }),
          );
          logger.info('configuration reloaded', { changed: change.changed });
          if (change.needsRestart.length > 0) logger.warn('these settings take effect after serve restarts', { keys: change.needsRestart });
        },
        onError: (err) => logger.error('configuration change rejected; the previous configuration stays in force', { error: err.message }),
      });
  // Listen for signals before announcing the ports: a signal sent right after must still shut down cleanly.
  const stopSignal = untilSignal();
  try {
    const collector = await startCollector({
      store,
      process: (batch) => pipeline.process(batch),
      // OTLP requests are processed in a worker by a pipeline built from the same configuration (otlp-worker.ts).
      pipelineSpec: () => ({ config, salt }),
      logger,
      host,
      httpPort: port,
      grpcPort,
      writer: { lingerMs: flushMs },
      // The demo store takes neither the real hook spool nor the real transcripts.
      ...(demo ? {} : { spoolDir: ctx.dataDir }),
      access,
      web: { api: { timezone: ctx.env['TZ'] || systemTimeZone(), privacyTier: demo ? 3 : ctx.config.privacy.tier, demo, now: ctx.now } },
      accepts: () => ({
        otlp: config.collection.enabled && config.collection.sources.otlp,
        hooks: config.collection.enabled && config.collection.sources.hooks,
      }),
      watch: demo || flag(values, 'no-watch') || !ctx.config.collection.enabled || !ctx.config.collection.sources.transcripts ? null : { env: ctx.env, home: ctx.env['HOME'] ?? homedir(), includeContent: ctx.config.privacy.tier > 1 },
    });
    const url = dashboardUrl(host, collector.httpPort, access.token);
    const listening = { host, httpPort: collector.httpPort, grpcPort: collector.grpcPort, pid: process.pid, dashboard: url.split('#')[0], demo };
    if (flag(values, 'json')) ctx.stdout.write(`${JSON.stringify(listening)}\n`);
    else {
      ctx.stdout.write(
        `agent-trace collector: OTLP/HTTP http://${host}:${collector.httpPort}` +
          (collector.grpcPort === null ? '' : `, OTLP/gRPC ${host}:${collector.grpcPort}`) +
          ` (log: ${join(ctx.dataDir, LOG_FILE)}). Ctrl-C stops.\n` +
          `Dashboard: ${url.split('#')[0]}${demo ? `  (DEMO DATA from ${demoDataDir(ctx.dataDir)})` : ''}\n`,
      );
    }
    if (flag(values, 'open')) {
      const problem = await openBrowser(url);
      if (problem) ctx.stderr.write(`${problem}\n`);
    }
    const signal = await stopSignal;
    logger.info('signal received', { signal });
    await collector.close();
    return EXIT.ok;
  } finally {
    configWatcher?.close();
    dailyPrune?.stop();
    logFile.close();
  }
};
