import type { IncomingMessage } from 'node:http';
import type * as NodeHttps from 'node:https';
import { routeUrl } from './collector-url.js';
import { plainHttpPost, type PostAnswer } from './plain-http-post.js';

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

const classify = (answer: PostAnswer): ForwardResult => {
  if ('error' in answer) return { kind: 'unavailable', reason: answer.error };
  const { status } = answer;
  if (status >= 200 && status < 300) return { kind: 'accepted' };
  if (status >= 400 && status < 500 && !RETRYABLE_4XX.has(status)) return { kind: 'rejected', status, message: answer.answer };
  return { kind: 'unavailable', reason: `collector answered ${status}` };
};

/**
 * node:https through `require` where there is one: the hook's CommonJS bundle runs compiled by node:vm
 * (cli/hook-loader.ts), where `import()` has no loader to call.
 */
const loadHttps = async (): Promise<typeof NodeHttps> =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  typeof require === 'function' ? (require('node:https') as typeof NodeHttps) : import('node:https');

/** The same POST through node:https, loaded only for an https collector. */
const httpsPost = async (url: URL, headers: Record<string, string | number>, body: Buffer, timeoutMs: number): Promise<PostAnswer> => {
  const { request } = await loadHttps();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: PostAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const outgoing = request(url, { method: 'POST', agent: false, headers }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => settle({ status: res.statusCode ?? 0, answer: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_BYTES) }));
      res.on('error', (err) => settle({ error: err.message }));
    });
    const timer = setTimeout(() => {
      settle({ error: `no answer within ${timeoutMs} ms` });
      outgoing.destroy();
    }, timeoutMs);
    outgoing.on('error', (err: NodeJS.ErrnoException) => settle({ error: err.code ?? err.message }));
    outgoing.end(body);
  });
};

/**
 * POSTs the raw hook JSON to the collector with one time limit for connect and answer. Not fetch: it loads
 * undici on first use, which costs more start-up time than the whole hook should take; and for a plain-http
 * collector not node:http either (plain-http-post.ts says why).
 */
export const forwardHook = async (req: ForwardRequest): Promise<ForwardResult> => {
  const url = routeUrl(req.collector, '/v1/hooks');
  const body = Buffer.from(req.body);
  const headers = {
    'content-type': 'application/json',
    'content-length': body.length,
    [AGENT_HEADER]: req.agent,
    [RECEIVED_AT_HEADER]: req.receivedAtNs.toString(),
  };
  const answer =
    url.protocol === 'https:'
      ? await httpsPost(url, headers, body, req.timeoutMs)
      : await plainHttpPost(url, headers, body, req.timeoutMs, MAX_ANSWER_BYTES);
  return classify(answer);
};
