import { request as httpRequest, type IncomingMessage } from 'node:http';
import { routeUrl } from './collector-url.js';

export type ForwardResult =
  | { kind: 'accepted' }
  /** The collector answered that this payload can never be accepted (4xx): retrying will not help. */
  | { kind: 'rejected'; status: number; message: string }
  /** Refused, timed out, or a 5xx / 408 / 429 answer: worth spooling for later. */
  | { kind: 'unavailable'; reason: string };

export interface ForwardRequest {
  collector: URL;
  body: string;
  agent: string;
  receivedAtNs: bigint;
  timeoutMs: number;
}

/** Headers of the hook ingest contract (POST /v1/hooks). */
export const AGENT_HEADER = 'x-agent-trace-agent';
export const RECEIVED_AT_HEADER = 'x-agent-trace-received-at';

const MAX_ANSWER_BYTES = 4096;
const RETRYABLE_4XX = new Set([408, 429]);

const loadRequest = async (url: URL): Promise<typeof httpRequest> =>
  url.protocol === 'https:' ? (await import('node:https')).request : httpRequest;

/**
 * POSTs the raw hook JSON to the collector with one time limit for connect and answer. node:http rather than
 * fetch: fetch loads undici on first use, which costs more start-up time than the whole hook should take.
 */
export const forwardHook = async (req: ForwardRequest): Promise<ForwardResult> => {
  const url = routeUrl(req.collector, '/v1/hooks');
  const request = await loadRequest(url);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: ForwardResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const body = Buffer.from(req.body);
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          [AGENT_HEADER]: req.agent,
          [RECEIVED_AT_HEADER]: req.receivedAtNs.toString(),
        },
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const answer = Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_BYTES);
          if (status >= 200 && status < 300) settle({ kind: 'accepted' });
          else if (status >= 400 && status < 500 && !RETRYABLE_4XX.has(status)) settle({ kind: 'rejected', status, message: answer });
          else settle({ kind: 'unavailable', reason: `collector answered ${status}` });
        });
        res.on('error', (err) => settle({ kind: 'unavailable', reason: err.message }));
      },
    );
    const timer = setTimeout(() => {
      settle({ kind: 'unavailable', reason: `no answer within ${req.timeoutMs} ms` });
      outgoing.destroy();
    }, req.timeoutMs);
    outgoing.on('error', (err: NodeJS.ErrnoException) => settle({ kind: 'unavailable', reason: err.code ?? err.message }));
    outgoing.end(body);
  });
};
