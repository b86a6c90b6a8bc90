import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBatchRedactor } from '../../../../pipeline/redact.js';
import type { Store } from '../../../../store/types.js';
import { HookPayloadError } from '../../hook-payload-error.js';
import { mapHookEvent } from '../../map-hook-event.js';
import { RECEIVED_AT_HEADER } from '../forward.js';

/**
 * The collector's side of the hook contract, for tests: POST /v1/hooks with the raw hook JSON, mapped with the
 * real mapper, redacted at tier 1 and written to a real store before answering 200 {"accepted":1};
 * 400 {"error":{code,message}} for a payload that is not a hook event; GET /readyz answers 200.
 */
export interface StandIn {
  url: string;
  server: Server;
  requests: number;
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
};

const answer = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

export const startCollectorStandIn = async (store: Store): Promise<StandIn> => {
  const redact = createBatchRedactor({ tier: 1, salt: 'test-salt' });
  const standIn: StandIn = { url: '', server: createServer(), requests: 0, close: () => closeServer(standIn.server) };
  standIn.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      if (req.method === 'GET' && req.url === '/readyz') return answer(res, 200, { status: 'ready' });
      if (req.method !== 'POST' || req.url !== '/v1/hooks') return answer(res, 404, { error: { code: 'not_found', message: req.url } });
      standIn.requests++;
      const header = req.headers[RECEIVED_AT_HEADER];
      const receivedAtNs = typeof header === 'string' && /^\d+$/.test(header) ? BigInt(header) : BigInt(Date.now()) * 1_000_000n;
      let payload: unknown;
      try {
        payload = JSON.parse(await readBody(req));
        await store.write(redact(mapHookEvent(payload, { receivedAtNs })));
      } catch (err) {
        if (err instanceof HookPayloadError || err instanceof SyntaxError) {
          return answer(res, 400, { error: { code: 'invalid_hook_payload', message: (err as Error).message } });
        }
        return answer(res, 500, { error: { code: 'internal', message: (err as Error).message } });
      }
      answer(res, 200, { accepted: 1 });
    })();
  });
  standIn.url = await listen(standIn.server);
  return standIn;
};

/** A server that accepts connections and reads requests but never answers. */
export const startHangingServer = async (): Promise<{ url: string; connections: number; close(): Promise<void> }> => {
  const server = createServer();
  const state = { url: '', connections: 0, close: () => closeServer(server) };
  server.on('connection', () => state.connections++);
  server.on('request', () => {
    // Never answers.
  });
  state.url = await listen(server);
  return state;
};

/** A loopback URL where nothing listens: a port that was free a moment ago. */
export const closedPortUrl = async (): Promise<string> => {
  const server = createServer();
  const url = await listen(server);
  await closeServer(server);
  return url;
};
