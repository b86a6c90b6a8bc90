import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { accessPolicy } from '../cli/commands/serve-web.js';
import { AgentTraceError } from '../errors.js';
import { SseClient } from './test/sse-client.js';
import { startWebHarness, type WebHarness } from './test/web-harness.js';

const TOKEN = 'test-token-0123456789abcdef';

/** A raw request, so that Host and Origin can be set as an attacker's page would send them. */
const raw = (url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });

const OTLP_BODY = JSON.stringify({ resourceSpans: [] });

describe('access: origins and Host on loopback', () => {
  let h: WebHarness;
  before(async () => {
    h = await startWebHarness({ fixtures: false });
  });
  after(() => h.stop());

  it('refuses API, stream and ingest requests from another origin', async () => {
    const evil = { Origin: 'http://evil.example' };
    for (const [path, method] of [['/api/v1/sessions', 'GET'], ['/api/v1/stream', 'GET'], ['/v1/traces', 'POST'], ['/v1/hooks', 'POST']] as const) {
      const res = await raw(h.url + path, { method, headers: { ...evil, 'Content-Type': 'application/json' }, ...(method === 'POST' ? { body: OTLP_BODY } : {}) });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(JSON.parse(res.body).error.code, 'forbidden_origin');
    }
    const cross = await raw(`${h.url}/api/v1/sessions`, { headers: { 'Sec-Fetch-Site': 'cross-site' } });
    assert.equal(cross.status, 403);
  });

  it('answers its own origin, and clients that send none', async () => {
    assert.equal((await raw(`${h.url}/api/v1/sessions`, { headers: { Origin: h.url } })).status, 200);
    assert.equal((await raw(`${h.url}/api/v1/sessions`)).status, 200);
    const ingest = await raw(`${h.url}/v1/traces`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: OTLP_BODY });
    assert.equal(ingest.status, 200);
  });

  it('refuses a Host that is not a loopback name (DNS rebinding)', async () => {
    const res = await raw(`${h.url}/api/v1/sessions`, { headers: { Host: 'attacker.example:8318' } });
    assert.equal(res.status, 403);
    assert.equal((await raw(`${h.url}/api/v1/sessions`, { headers: { Host: `localhost:${h.collector.httpPort}` } })).status, 200);
  });
});

describe('access: a token on a non-loopback address', () => {
  let h: WebHarness;
  before(async () => {
    h = await startWebHarness({ fixtures: false, access: { token: TOKEN, loopback: false } });
  });
  after(() => h.stop());

  it('refuses the API, the stream, OTLP and hook ingest without the token', async () => {
    const cases: Array<[string, string]> = [
      ['/api/v1/sessions', 'GET'],
      ['/api/v1/openapi.json', 'GET'],
      ['/api/v1/stream', 'GET'],
      ['/v1/traces', 'POST'],
      ['/v1/logs', 'POST'],
      ['/v1/hooks', 'POST'],
      ['/readyz', 'GET'],
      ['/metrics', 'GET'],
    ];
    for (const [path, method] of cases) {
      const variants: Array<Record<string, string>> = [{}, { Authorization: 'Bearer wrong-token-0123456789' }, { Authorization: `Basic ${TOKEN}` }];
      for (const headers of variants) {
        const res = await raw(h.url + path, { method, headers: { 'Content-Type': 'application/json', ...headers }, ...(method === 'POST' ? { body: OTLP_BODY } : {}) });
        assert.equal(res.status, 401, `${method} ${path} ${JSON.stringify(headers)}`);
        assert.equal(JSON.parse(res.body).error.code, 'unauthorized');
      }
    }
    const stream = await SseClient.open(`${h.url}/api/v1/stream?token=nope`);
    assert.equal(stream.status, 401);
    stream.close();
  });

  it('accepts the token as a bearer header, and in the query for the stream', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    assert.equal((await raw(`${h.url}/api/v1/sessions`, { headers: auth })).status, 200);
    const ingest = await raw(`${h.url}/v1/traces`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: OTLP_BODY });
    assert.equal(ingest.status, 200);
    const stream = await SseClient.open(`${h.url}/api/v1/stream?token=${TOKEN}`);
    try {
      assert.equal(stream.status, 200);
      await stream.next((e) => e.event === 'ready');
    } finally {
      stream.close();
    }
  });

  it('serves the dashboard page and health check without it (they hold no data)', async () => {
    assert.notEqual((await raw(`${h.url}/`)).status, 401);
    assert.equal((await raw(`${h.url}/healthz`)).status, 200);
  });
});

describe('serve access policy', () => {
  const isUsage = (err: unknown): boolean => err instanceof AgentTraceError && err.kind === 'usage';
  it('requires AGENT_TRACE_TOKEN to bind a non-loopback address', () => {
    assert.throws(() => accessPolicy('0.0.0.0', {}), isUsage);
    assert.throws(() => accessPolicy('192.168.1.5', { AGENT_TRACE_TOKEN: 'short' }), isUsage);
    assert.deepEqual(accessPolicy('0.0.0.0', { AGENT_TRACE_TOKEN: TOKEN }), { token: TOKEN, loopback: false });
    assert.deepEqual(accessPolicy('127.0.0.1', {}), { token: null, loopback: true });
    assert.deepEqual(accessPolicy('::1', { AGENT_TRACE_TOKEN: TOKEN }), { token: TOKEN, loopback: true });
  });
});
