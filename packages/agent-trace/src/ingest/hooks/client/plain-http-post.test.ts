import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { plainHttpPost } from './plain-http-post.js';

describe('plainHttpPost (the hook forward over node:net)', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ method?: string; url?: string; body: string; agent?: string | string[] }> = [];
  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, body: Buffer.concat(chunks).toString('utf8'), agent: req.headers['x-agent'] });
        if (req.url === '/chunked') {
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.write('missing ');
          res.end('agent_id');
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"accepted":1}');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the body and headers, and reads the status and body of a sized answer', async () => {
    const body = Buffer.from('{"é":1}');
    const answer = await plainHttpPost(new URL(`${base}/v1/hooks?x=1`), { 'content-length': body.length, 'x-agent': 'claude-code' }, body, 2000, 4096);
    assert.deepEqual(answer, { status: 200, answer: '{"accepted":1}' });
    assert.deepEqual(seen.at(-1), { method: 'POST', url: '/v1/hooks?x=1', body: '{"é":1}', agent: 'claude-code' });
  });

  it('decodes a chunked answer and cuts it at the answer limit', async () => {
    const body = Buffer.from('{}');
    assert.deepEqual(await plainHttpPost(new URL(`${base}/chunked`), { 'content-length': 2 }, body, 2000, 4096), { status: 400, answer: 'missing agent_id' });
    assert.deepEqual(await plainHttpPost(new URL(`${base}/chunked`), { 'content-length': 2 }, body, 2000, 7), { status: 400, answer: 'missing' });
  });

  it('reports a refused connection as an error, not an answer', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    assert.deepEqual(await plainHttpPost(new URL(`http://127.0.0.1:${port}/v1/hooks`), {}, Buffer.from('{}'), 2000, 4096), { error: 'ECONNREFUSED' });
  });
});
