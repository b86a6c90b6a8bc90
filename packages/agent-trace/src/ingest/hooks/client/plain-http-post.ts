import { connect } from 'node:net';

/** What came back: the status and up to `maxAnswerBytes` of the body, or why there was no answer. */
export type PostAnswer = { status: number; answer: string } | { error: string };

/** Past this, the collector's answer is not read further (its status line and a short message are all we use). */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** Decodes a `Transfer-Encoding: chunked` body; stops at the last chunk or where the bytes run out. */
const dechunk = (body: Buffer): Buffer => {
  const parts: Buffer[] = [];
  let pos = 0;
  while (pos < body.length) {
    const lineEnd = body.indexOf('\r\n', pos);
    if (lineEnd < 0) break;
    const size = Number.parseInt(body.toString('latin1', pos, lineEnd), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    pos = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
};

/** Status and body of a complete HTTP/1.1 response read to the end of the connection, or null when it is not one. */
const parseResponse = (raw: Buffer, maxAnswerBytes: number): { status: number; answer: string } | null => {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const head = raw.toString('latin1', 0, headEnd);
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  if (!status) return null;
  let body = raw.subarray(headEnd + 4);
  if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(head)) body = dechunk(body);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) body = body.subarray(0, Number(length[1]));
  return { status: Number(status[1]), answer: body.subarray(0, maxAnswerBytes).toString('utf8') };
};

/**
 * One HTTP/1.1 POST over a plain TCP connection (`Connection: close`), with one time limit for connect and
 * answer. For the hook's one request to a loopback collector this replaces node:http, whose loading alone
 * (http, its parser and agent machinery) cost ~2 ms more than node:net, and whose request set-up more again, in
 * a process whose whole budget is a few milliseconds over Node's own start (measured: require('node:net')
 * 3.1 ms, require('node:http') 5.3 ms). https collectors still go through node:https (forward.ts).
 */
export const plainHttpPost = (url: URL, headers: Record<string, string | number>, body: Buffer, timeoutMs: number, maxAnswerBytes: number): Promise<PostAnswer> =>
  new Promise((resolve) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80) });
    const settle = (result: PostAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => settle({ error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    const lines = [`POST ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, 'Connection: close'];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    socket.on('connect', () => {
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      socket.write(body);
    });
    socket.on('data', (chunk: Buffer) => {
      if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
      size += chunk.length;
    });
    socket.on('end', () => {
      const parsed = parseResponse(Buffer.concat(chunks), maxAnswerBytes);
      settle(parsed ?? { error: 'the collector did not answer with HTTP' });
    });
    socket.on('error', (err: NodeJS.ErrnoException) => settle({ error: err.code ?? err.message }));
  });
