import type { IncomingMessage, ServerResponse } from 'node:http';
import { HookPayloadError } from '../ingest/hooks/hook-payload-error.js';
import { mapHookEvent } from '../ingest/hooks/map-hook-event.js';
import { RECEIVED_AT_HEADER } from '../ingest/hooks/client/forward.js';
import type { Counters } from './counters.js';
import { QueueFullError, type DurableWriter } from './durable-writer.js';
import type { Logger } from './logger.js';
import { BodyError, readBody } from './request-body.js';

/** Hook payloads are small; anything larger than this is not one. */
export const MAX_HOOK_BODY_BYTES = 8 * 1024 * 1024;

const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void => {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
};

const receivedAt = (req: IncomingMessage): bigint => {
  const header = req.headers[RECEIVED_AT_HEADER];
  return typeof header === 'string' && /^\d{1,20}$/.test(header) ? BigInt(header) : BigInt(Date.now()) * 1_000_000n;
};

/**
 * POST /v1/hooks: one Claude Code hook payload (the JSON the agent gave the hook on stdin), as `agent-trace hook`
 * forwards it, or as Claude Code's own `type: "http"` hooks post it. Answered 200 {"accepted":1} only once the
 * records are committed; 400 {"error":{code,message}} for a body that is not a hook event; 503 when the write
 * queue is full (the hook command spools and retries).
 */
export const createHookRoute = (writer: DurableWriter, counters: Counters, logger: Logger, enabled: () => boolean = () => true) =>
  async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!enabled()) {
      req.resume();
      counters.reject('collection_off');
      json(res, 403, { error: { code: 'collection_off', message: 'collection of hook events is turned off in the configuration (collection.enabled, collection.sources.hooks)' } });
      return;
    }
    let payload: unknown;
    try {
      const body = await readBody(req, MAX_HOOK_BODY_BYTES);
      payload = JSON.parse(body.toString('utf8'));
    } catch (err) {
      if (err instanceof BodyError) {
        counters.reject(err.reason);
        json(res, err.status, { error: { code: err.reason, message: err.message } });
        return;
      }
      counters.reject('invalid_hook_payload');
      json(res, 400, { error: { code: 'invalid_hook_payload', message: `body is not JSON: ${(err as Error).message}` } });
      return;
    }
    let batch;
    try {
      batch = mapHookEvent(payload, { receivedAtNs: receivedAt(req) });
    } catch (err) {
      if (!(err instanceof HookPayloadError)) throw err;
      counters.reject('invalid_hook_payload');
      json(res, 400, { error: { code: err.code, message: err.message } });
      return;
    }
    try {
      await writer.enqueue(batch, 1);
    } catch (err) {
      if (err instanceof QueueFullError) {
        counters.reject('queue_full');
        json(res, 503, { error: { code: 'unavailable', message: err.message } }, { 'Retry-After': '1' });
        return;
      }
      logger.error('hook event not stored', { error: err as Error });
      json(res, 500, { error: { code: 'store_error', message: (err as Error).message } });
      return;
    }
    counters.accept('hooks', 1);
    json(res, 200, { accepted: 1 });
  };
