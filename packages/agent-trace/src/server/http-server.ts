import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { OtlpEncoding, Signal } from '../ingest/otlp/index.js';
import { refuseIfNotAllowed, type AccessPolicy } from './access-guard.js';
import type { Counters } from './counters.js';
import type { ExportHandler } from './export-handler.js';
import type { Logger } from './logger.js';
import { exportResponse, RPC_CODE, statusBody } from './otlp-responses.js';
import { BodyError, MAX_BODY_BYTES, readBody } from './request-body.js';

export interface HttpRoutesOptions {
  exportHandler: ExportHandler;
  counters: Counters;
  logger: Logger;
  /** JSON for GET /readyz, and whether the collector is ready (200) or not (503). */
  readiness: () => { ready: boolean; body: Record<string, unknown> };
  /** Prometheus text for GET /metrics. */
  prometheus: () => string;
  /** POST /v1/hooks: Claude Code hook events (see hook-route.ts). */
  hooks: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  maxBodyBytes?: number;
  /** Who may call: origin, Host and token checks for every route (none when absent). */
  access?: AccessPolicy;
  /** Everything else: the REST API, the live stream and the dashboard. */
  web?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;
}

const OTLP_PATHS: Record<string, Signal> = { '/v1/traces': 'traces', '/v1/logs': 'logs', '/v1/metrics': 'metrics' };
const GET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
/** Seconds a client should wait before retrying when the queue is full. */
const RETRY_AFTER_S = 1;

const send = (res: ServerResponse, status: number, contentType: string, body: Buffer | string, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
};

const sendJson = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void =>
  send(res, status, 'application/json', JSON.stringify(value), headers);

const encodingOf = (contentType: string | undefined): OtlpEncoding | null => {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'application/x-protobuf' || mediaType === 'application/protobuf') return 'protobuf';
  return null;
};

const CONTENT_TYPE: Record<OtlpEncoding, string> = { json: 'application/json', protobuf: 'application/x-protobuf' };

/** The HTTP routes: OTLP/HTTP export, health, readiness, Prometheus metrics; JSON 404/405 for the rest. */
export const createHttpHandler = (options: HttpRoutesOptions) => {
  const { counters, logger } = options;
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;

  const exportRoute = async (req: IncomingMessage, res: ServerResponse, signal: Signal): Promise<void> => {
    const encoding = encodingOf(req.headers['content-type']);
    if (encoding === null) {
      req.resume();
      counters.reject('unsupported_media_type');
      counters.request('http', 'invalid');
      sendJson(res, 415, {
        code: RPC_CODE.invalidArgument,
        message: `Content-Type '${req.headers['content-type'] ?? ''}' is not supported; use application/x-protobuf or application/json`,
      });
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, maxBody);
    } catch (err) {
      if (!(err instanceof BodyError)) throw err;
      counters.reject(err.reason);
      counters.request('http', 'invalid');
      send(res, err.status, CONTENT_TYPE[encoding], statusBody(encoding, RPC_CODE.invalidArgument, err.message), err.status === 413 ? { Connection: 'close' } : {});
      return;
    }
    const outcome = await options.exportHandler(signal, encoding, body, 'http');
    switch (outcome.kind) {
      case 'ok':
        send(res, 200, CONTENT_TYPE[encoding], exportResponse(signal, encoding, outcome.rejected, outcome.message));
        return;
      case 'invalid':
        send(res, 400, CONTENT_TYPE[encoding], statusBody(encoding, RPC_CODE.invalidArgument, outcome.message));
        return;
      case 'unavailable':
        send(res, 503, CONTENT_TYPE[encoding], statusBody(encoding, RPC_CODE.unavailable, outcome.message), { 'Retry-After': String(RETRY_AFTER_S) });
        return;
      case 'failed':
        send(res, 500, CONTENT_TYPE[encoding], statusBody(encoding, RPC_CODE.internal, outcome.message));
        return;
      case 'disabled':
        send(res, 403, CONTENT_TYPE[encoding], statusBody(encoding, RPC_CODE.permissionDenied, outcome.message));
        return;
      default:
        outcome satisfies never;
    }
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (options.access) {
      const isPublic = path === '/healthz' || (options.web !== undefined && !path.startsWith('/api/') && !path.startsWith('/v1/') && !GET_PATHS.has(path));
      if (refuseIfNotAllowed(req, res, new URL(req.url ?? '/', 'http://localhost'), options.access, isPublic)) {
        counters.reject('access_refused');
        return;
      }
    }
    if (path === '/v1/hooks') {
      if (req.method !== 'POST') {
        req.resume();
        counters.reject('method_not_allowed');
        sendJson(res, 405, { error: 'method not allowed', message: `${path} takes POST`, path }, { Allow: 'POST' });
        return;
      }
      await options.hooks(req, res);
      return;
    }
    const signal = OTLP_PATHS[path];
    if (signal) {
      if (req.method !== 'POST') {
        req.resume();
        counters.reject('method_not_allowed');
        sendJson(res, 405, { error: 'method not allowed', message: `${path} takes POST`, path }, { Allow: 'POST' });
        return;
      }
      await exportRoute(req, res, signal);
      return;
    }
    req.resume();
    if (GET_PATHS.has(path)) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        counters.reject('method_not_allowed');
        sendJson(res, 405, { error: 'method not allowed', message: `${path} takes GET`, path }, { Allow: 'GET, HEAD' });
        return;
      }
      if (path === '/healthz') sendJson(res, 200, { status: 'ok' });
      else if (path === '/readyz') {
        const { ready, body } = options.readiness();
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', ...body });
      } else send(res, 200, 'text/plain; version=0.0.4', options.prometheus());
      return;
    }
    if (options.web && !path.startsWith('/v1/')) {
      await options.web(req, res, new URL(req.url ?? '/', 'http://localhost'));
      return;
    }
    counters.reject('not_found');
    sendJson(res, 404, { error: 'not found', message: `no route for ${req.method ?? 'GET'} ${path}`, path });
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((err: unknown) => {
      logger.error('request failed', { path: req.url, error: err as Error });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error', message: (err as Error).message });
      else res.destroy();
    });
  };
};

/** Listens on host:port (0 = any free port) and resolves with the bound port. */
export const listenHttp = (handler: ReturnType<typeof createHttpHandler>, host: string, port: number): Promise<{ server: Server; port: number }> =>
  new Promise((resolve, reject) => {
    const server = createServer({ keepAliveTimeout: 65_000 }, handler);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : port });
    });
  });
