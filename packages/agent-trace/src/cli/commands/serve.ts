import { join } from 'node:path';
import { LOG_LEVELS } from '@agent-trace/schema';
import { lazyCommand } from '../command.js';

export const LOG_FILE = join('logs', 'agent-trace.log');

export const serveCommand = lazyCommand({
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
      --flush-ms N       longest a request waits to share a store transaction with others (default 0:
                         the next timer turn; requests that arrive during a write share the next one)
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
  configFlags: { host: 'server.host', port: 'server.port', 'grpc-port': 'server.grpcPort' },
  load: async () => (await import('./serve-run.js')).runServe,
});
