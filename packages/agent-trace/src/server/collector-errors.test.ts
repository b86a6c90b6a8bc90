import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { startHarness, type Harness } from './test/harness.js';
import { makeSpans } from './test/otel-sdk.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const post = (url: string, path: string, body: Buffer | string, headers: Record<string, string>, method = 'POST'): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });

const JSON_TYPE = { 'Content-Type': 'application/json' };
const PROTO_TYPE = { 'Content-Type': 'application/x-protobuf' };

const goodJson = (spanId: string) =>
  JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeSpans: [{ scope: { name: 's' }, spans: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId, name: 'ok', startTimeUnixNano: '1763700000000000001', endTimeUnixNano: 1763700000000000000 + 5 }] }],
      },
    ],
  });

describe('bad input is refused with the right status, named and counted, and the next request still works', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ maxBodyBytes: 64 * 1024 });
  });
  after(async () => {
    await h.stop();
  });

  const rejected = (reason: string): number => h.collector.counters.rejected.get(reason) ?? 0;

  const expectGoodRequestWorks = async (spanId: string): Promise<void> => {
    const ok = await post(h.httpUrl, '/v1/traces', goodJson(spanId), JSON_TYPE);
    assert.equal(ok.status, 200, ok.body);
    assert.equal(ok.body, '{}');
  };

  test('malformed JSON → 400 naming the parse error', async () => {
    const r = await post(h.httpUrl, '/v1/traces', '{"resourceSpans": [', JSON_TYPE);
    assert.equal(r.status, 400);
    assert.match(JSON.parse(r.body).message, /not valid JSON/);
    assert.equal(rejected('malformed_json'), 1);
    await expectGoodRequestWorks('1000000000000001');
  });

  test('a bad field inside one span rejects that span only (partial success)', async () => {
    const body = JSON.parse(goodJson('1000000000000002'));
    body.resourceSpans[0].scopeSpans[0].spans.push({ traceId: 'abc', spanId: '1000000000000003', name: 'bad id', startTimeUnixNano: '1' });
    body.resourceSpans[0].scopeSpans[0].spans.push({ traceId: '5b8efff798038103d269b633813fc60c', spanId: '1000000000000004', name: 'bad time', startTimeUnixNano: 'soon' });
    const r = await post(h.httpUrl, '/v1/traces', JSON.stringify(body), JSON_TYPE);
    assert.equal(r.status, 200);
    const partial = JSON.parse(r.body).partialSuccess;
    assert.equal(partial.rejectedSpans, '2');
    assert.match(partial.errorMessage, /trace id must be 16 bytes/);
    assert.match(partial.errorMessage, /spans\[2\]\.startTimeUnixNano: expected nanoseconds/);
    const stored = h.query<{ span_id: string }>("SELECT span_id FROM spans WHERE trace_id = '5b8efff798038103d269b633813fc60c' ORDER BY span_id");
    assert.ok(stored.some((s) => s.span_id === '1000000000000002'));
    assert.ok(!stored.some((s) => s.span_id === '1000000000000003' || s.span_id === '1000000000000004'));
    assert.equal(rejected('invalid_trace_id'), 1);
    assert.equal(rejected('invalid_field'), 1);
  });

  test('wrong content type → 415', async () => {
    const r = await post(h.httpUrl, '/v1/logs', 'hello', { 'Content-Type': 'text/plain' });
    assert.equal(r.status, 415);
    assert.match(JSON.parse(r.body).message, /application\/x-protobuf or application\/json/);
    assert.equal(rejected('unsupported_media_type'), 1);
    await expectGoodRequestWorks('1000000000000005');
  });

  test('truncated protobuf → 400 naming the message', async () => {
    const spans = await makeSpans({ 'service.name': 'svc' }, [{ name: 'x', startNs: 1_763_700_000_000_000_000n, endNs: 1_763_700_000_000_000_009n, attributes: { k: 'v' } }]);
    const full = Buffer.from(ProtobufTraceSerializer.serializeRequest(spans) as Uint8Array);
    const r = await post(h.httpUrl, '/v1/traces', full.subarray(0, full.length - 7), PROTO_TYPE);
    assert.equal(r.status, 400);
    assert.equal(r.headers['content-type'], 'application/x-protobuf');
    assert.match(r.body, /protobuf body is truncated or malformed/);
    assert.equal(rejected('malformed_protobuf'), 1);
    const good = await post(h.httpUrl, '/v1/traces', full, PROTO_TYPE);
    assert.equal(good.status, 200);
    assert.equal(good.body, '');
  });

  test('a body over the limit → 413, also when it only grows that big when decompressed (gzip bomb)', async () => {
    const big = Buffer.alloc(65 * 1024, 0x20);
    const r = await post(h.httpUrl, '/v1/traces', big, JSON_TYPE);
    assert.equal(r.status, 413);
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    assert.ok(bomb.length < 64 * 1024);
    const rb = await post(h.httpUrl, '/v1/traces', bomb, { ...JSON_TYPE, 'Content-Encoding': 'gzip' });
    assert.equal(rb.status, 413);
    assert.match(JSON.parse(rb.body).message, /larger than 65536 bytes after decompression/);
    assert.equal(rejected('body_too_large'), 2);
    await expectGoodRequestWorks('1000000000000006');
  });

  test('a gzip body that is not gzip → 400', async () => {
    const r = await post(h.httpUrl, '/v1/metrics', '{"resourceMetrics":[]}', { ...JSON_TYPE, 'Content-Encoding': 'gzip' });
    assert.equal(r.status, 400);
    assert.match(JSON.parse(r.body).message, /not valid gzip data/);
    assert.equal(rejected('bad_compression'), 1);
    const ok = await post(h.httpUrl, '/v1/traces', gzipSync(goodJson('1000000000000007')), { ...JSON_TYPE, 'Content-Encoding': 'gzip' });
    assert.equal(ok.status, 200);
  });

  test('unknown path → 404 JSON; wrong method → 405', async () => {
    const r = await post(h.httpUrl, '/v1/nope', '{}', JSON_TYPE);
    assert.equal(r.status, 404);
    assert.equal(JSON.parse(r.body).path, '/v1/nope');
    const m = await post(h.httpUrl, '/v1/traces', '', JSON_TYPE, 'GET');
    assert.equal(m.status, 405);
    assert.equal(m.headers['allow'], 'POST');
    assert.equal(rejected('not_found'), 1);
    assert.equal(rejected('method_not_allowed'), 1);
  });

  test('health, readiness (with counters) and Prometheus metrics', async () => {
    assert.equal((await post(h.httpUrl, '/healthz', '', {}, 'GET')).status, 200);
    const ready = await post(h.httpUrl, '/readyz', '', {}, 'GET');
    assert.equal(ready.status, 200);
    const body = JSON.parse(ready.body);
    assert.equal(body.ports.http, h.collector.httpPort);
    assert.equal(body.ports.grpc, h.collector.grpcPort);
    assert.equal(body.queue.records, 0);
    assert.equal(body.counters.rejected.malformed_json, 1);
    const prom = await post(h.httpUrl, '/metrics', '', {}, 'GET');
    assert.match(prom.body, /agent_trace_rejected_total\{reason="body_too_large"\} 2/);
  });
});
