import { homedir } from 'node:os';
import { join } from 'node:path';
import { LOG_LEVELS, type LogLevel } from '@agent-trace/schema';
import { EXIT, usageError } from '../../errors.js';
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
import type { Command } from '../command.js';

/** The collector's own log: `<dataDir>/logs/agent-trace.log`, rotated at 10 MiB, five old files kept. */
const LOG_FILE = join('logs', 'agent-trace.log');
const LOG_MAX_BYTES = 10 * 1024 * 1024;
const LOG_KEEP = 5;
/** Longest a request waits for others to share its store transaction (group commit). */
const DEFAULT_FLUSH_MS = 20;

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

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the collector: OTLP/HTTP and OTLP/gRPC in, transcripts watched, all into the store',
  usage: 'serve [--host 127.0.0.1] [--port 8318] [--grpc-port 4717] [--no-watch] [--open] [--demo] [--json]',
  help: `Receives OpenTelemetry traces, logs and metrics and writes them to the store:
  OTLP/HTTP  POST http://HOST:PORT/v1/traces, /v1/logs, /v1/metrics
             (application/x-protobuf or application/json; Content-Encoding: gzip accepted;
             bodies up to 16 MiB after decompression)
  OTLP/gRPC  HOST:GRPC_PORT (TraceService, LogsService, MetricsService; gzip accepted)
  GET /healthz (process up), /readyz (JSON: ports, queue, counters), /metrics (Prometheus text)
  Dashboard  http://HOST:PORT/   REST API  /api/v1 (OpenAPI: /api/v1/openapi.json)   live: /api/v1/stream (SSE)

A request is answered only after its records are committed to the store. When the write queue is
full the answer is 503 (gRPC UNAVAILABLE) with Retry-After: exporters retry, nothing is dropped.
Claude Code's transcripts are imported every few seconds and on file changes (new bytes only).
The collector's own log is <data-dir>/${LOG_FILE} (JSON lines, rotated).

Point Claude Code at it:
  CLAUDE_CODE_ENABLE_TELEMETRY=1 OTEL_LOGS_EXPORTER=otlp OTEL_METRICS_EXPORTER=otlp
  OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:8318

Options:
      --host HOST        address to listen on (config server.host, default 127.0.0.1); any other than
                         loopback requires AGENT_TRACE_TOKEN, which every request must then carry
                         (Authorization: Bearer TOKEN), the API, the live stream and ingest alike
      --port N           HTTP port (config server.port, default 8318; 0 = any free port)
      --grpc-port N      OTLP/gRPC port (config server.grpcPort, default 4717; 0 = any free port)
      --no-grpc          no gRPC listener
      --no-watch         do not import transcripts while running
      --flush-ms N       longest a request waits to share a store transaction with others (default 20)
      --open             open the dashboard in the default browser
      --demo             serve a generated, labelled demo data set from <data-dir>/demo (your data is untouched;
                         no transcripts are watched)
      --log-level L      ${LOG_LEVELS.join(', ')} (default info)
  -j, --json           print the listening line as JSON ({"host","httpPort","grpcPort","pid"})

Stops on SIGINT or SIGTERM: stops accepting, writes everything queued, closes the store, exits 0.`,
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    'grpc-port': { type: 'string' },
    'no-grpc': { type: 'boolean' },
    'no-watch': { type: 'boolean' },
    'log-level': { type: 'string' },
    'flush-ms': { type: 'string' },
    json: { type: 'boolean', short: 'j' },
    open: { type: 'boolean' },
    demo: { type: 'boolean' },
  },
  async run(ctx, values) {
    const server = ctx.config.server;
    const host = str(values, 'host') ?? server.host;
    const access = accessPolicy(host, ctx.env);
    const demo = flag(values, 'demo');
    const port = portArg(str(values, 'port'), 'port', server.port);
    const grpcPort = flag(values, 'no-grpc') ? null : portArg(str(values, 'grpc-port'), 'grpc-port', server.grpcPort);
    const flushMs = portArg(str(values, 'flush-ms'), 'flush-ms', DEFAULT_FLUSH_MS);
    const level = oneOf<LogLevel>(values, 'log-level', LOG_LEVELS, 'info');
    const pipeline = createPipeline(ctx.config, createPriceBook(ctx.config.pricing.models), { salt: loadOrCreateSalt(ctx.dataDir) });
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
    const dailyPrune = demo ? null : scheduleDailyPrune(store, ctx.config.retention, logger, ctx.now);
    // Listen for signals before announcing the ports: a signal sent right after must still shut down cleanly.
    const stopSignal = untilSignal();
    try {
      const collector = await startCollector({
        store,
        process: (batch) => pipeline.process(batch),
        logger,
        host,
        httpPort: port,
        grpcPort,
        writer: { lingerMs: flushMs },
        // The demo store takes neither the real hook spool nor the real transcripts.
        ...(demo ? {} : { spoolDir: ctx.dataDir }),
        access,
        web: { api: { timezone: ctx.env['TZ'] || systemTimeZone(), privacyTier: demo ? 3 : ctx.config.privacy.tier, demo, now: ctx.now } },
        watch: demo || flag(values, 'no-watch') ? null : { env: ctx.env, home: ctx.env['HOME'] ?? homedir(), includeContent: ctx.config.privacy.tier > 1 },
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
      dailyPrune?.stop();
      logFile.close();
    }
  },
};
