import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectSnapshot } from '../../test-support/snapshot.js';
import { buildReport } from '../../query/reports.js';
import { startWebHarness, TEST_NOW, TEST_TZ, type WebHarness } from '../test/web-harness.js';
import { checkSchema } from './test/schema-check.js';

type Json = Record<string, unknown>;
let h: WebHarness;
let doc: { components: { schemas: Record<string, Json> }; paths: Record<string, { get: { responses: Record<string, { content?: Record<string, { schema: Json }> }> } }> };

const get = async (path: string, init: RequestInit = {}): Promise<{ status: number; body: Json }> => {
  const res = await fetch(h.url + path, init);
  return { status: res.status, body: (await res.json()) as Json };
};

/** Checks a response against the schema the OpenAPI document gives for that path and status. */
const conforms = (template: string, status: number, body: unknown): void => {
  const response = doc.paths[template]?.get.responses[String(status)];
  const schema = response?.content?.['application/json']?.schema;
  assert.ok(schema, `the OpenAPI document has no ${status} schema for ${template}`);
  assert.deepEqual(checkSchema(body, schema, doc.components.schemas), [], `${template} ${status} does not match its documented schema`);
};

/** Responses carry the temp dir and file sizes; snapshots keep what is stable. */
const stable = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

before(async () => {
  h = await startWebHarness();
  doc = (await get('/api/v1/openapi.json')).body as unknown as typeof doc;
});
after(() => h.stop());

describe('REST API /api/v1', () => {
  it('serves an OpenAPI 3.1 document naming every route', async () => {
    assert.equal((doc as unknown as Json)['openapi'], '3.1.0');
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/metrics', '/openapi.json', '/reports/{kind}', '/sessions', '/sessions/{id}', '/sessions/{id}/replay', '/sessions/{id}/spans/{spanId}',
      '/sessions/{id}/timeline', '/sessions/{id}/tree', '/stats', '/stream',
    ]);
  });

  it('lists sessions newest first, with totals, matching the snapshot and the schema', async () => {
    const { status, body } = await get('/api/v1/sessions');
    assert.equal(status, 200);
    conforms('/sessions', 200, body);
    const sessions = body['sessions'] as Json[];
    assert.equal(sessions.length, 10);
    expectSnapshot('api/sessions-list.json', stable(body));
  });

  it('pages with a cursor through every session exactly once, for each sort key', async () => {
    for (const sort of ['start', 'end', 'cost', 'tokens', 'duration', 'tools', 'errors']) {
      const all = ((await get(`/api/v1/sessions?sort=${sort}&order=asc`)).body['sessions'] as Json[]).map((s) => s['id']);
      const paged: unknown[] = [];
      let cursor: string | null = null;
      do {
        const { body }: { body: Json } = await get(`/api/v1/sessions?sort=${sort}&order=asc&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        paged.push(...(body['sessions'] as Json[]).map((s) => s['id']));
        cursor = body['nextCursor'] as string | null;
      } while (cursor);
      assert.deepEqual(paged, all, `sort=${sort}`);
    }
  });

  it('filters by project, model, status, time and text in stored content', async () => {
    const ids = async (query: string): Promise<unknown[]> => ((await get(`/api/v1/sessions?${query}`)).body['sessions'] as Json[]).map((s) => s['id']);
    const shop = await ids('project=shop');
    assert.equal(shop.length, 5);
    assert.deepEqual(await ids('project=blog'), ['e7a15c20-3d4b-4a8e-9f10-6b2d8c4e0a59']);
    assert.ok((await ids('model=opus-4-5')).includes('e7a15c20-3d4b-4a8e-9f10-6b2d8c4e0a59'));
    assert.deepEqual(await ids('status=running'), []);
    assert.deepEqual(await ids('q=short%20post%20about%20TRACING'), ['e7a15c20-3d4b-4a8e-9f10-6b2d8c4e0a59']);
    assert.deepEqual(await ids('since=2026-11-20T00:00:00Z&project=blog'), ['e7a15c20-3d4b-4a8e-9f10-6b2d8c4e0a59']);
    assert.deepEqual(await ids('until=2026-10-01'), []);
  });

  it('gives a session, its timeline, replay, tree and span detail, each as documented', async () => {
    const id = 'c3f0a9d2-7b1e-4f60-8d2a-5e9c0b7a1f33';
    const session = await get(`/api/v1/sessions/${id}`);
    conforms('/sessions/{id}', 200, (session.body as Json)['session']);
    const timeline = await get(`/api/v1/sessions/${id}/timeline`);
    conforms('/sessions/{id}/timeline', 200, timeline.body);
    expectSnapshot('api/session-timeline.json', stable(timeline.body));
    const rows = timeline.body['rows'] as Json[];
    const tools = rows.filter((r) => r['type'] === 'tool_call');
    assert.equal(tools.length, (session.body['session'] as { totals: { toolCalls: number } }).totals.toolCalls);
    const replay = await get(`/api/v1/sessions/${id}/replay`);
    conforms('/sessions/{id}/replay', 200, replay.body);
    conforms('/sessions/{id}/tree', 200, (await get(`/api/v1/sessions/${id}/tree`)).body);
    const tool = tools[0] as Json;
    const detail = await get(`/api/v1/sessions/${id}/spans/${tool['spanId'] as string}`);
    conforms('/sessions/{id}/spans/{spanId}', 200, detail.body);
    assert.equal((detail.body['span'] as Json)['spanId'], tool['spanId']);
    assert.ok('tool_input' in (detail.body['content'] as Json), 'tool input is stored at tier 2');
    expectSnapshot('api/span-detail.json', stable(detail.body));
  });

  it('reports give the CLI\'s numbers, by day, week, month, model, project and user', async () => {
    for (const kind of ['daily', 'weekly', 'monthly', 'model', 'project', 'session', 'user']) {
      const { status, body } = await get(`/api/v1/reports/${kind}?timezone=UTC`);
      assert.equal(status, 200, kind);
      conforms('/reports/{kind}', 200, body);
      if (kind !== 'user') {
        const cli = await buildReport(h.store, { kind: kind as 'daily', timezone: TEST_TZ, range: {}, costMode: 'auto', startOfWeek: 'sunday', now: TEST_NOW });
        assert.deepEqual(body, JSON.parse(JSON.stringify(cli)), `report ${kind} equals buildReport's`);
      }
    }
    const daily = (await get('/api/v1/reports/daily?timezone=UTC')).body;
    const user = (await get('/api/v1/reports/user')).body;
    assert.equal((user['totals'] as Json)['totalCost'], (daily['totals'] as Json)['totalCost']);
    expectSnapshot('api/report-daily.json', stable(daily));
  });

  it('derives metrics: counts, error rates, latency percentiles and tool usage', async () => {
    const { body } = await get('/api/v1/metrics');
    conforms('/metrics', 200, body);
    expectSnapshot('api/metrics.json', stable(body));
    const windowed = (await get('/api/v1/metrics?since=2026-11-20T00:00:00Z&until=2026-11-21T00:00:00Z')).body;
    assert.equal((windowed['window'] as Json)['minutes'], 1440);
    assert.ok((windowed['spans'] as number) < (body['spans'] as number));
  });

  it('gives store statistics', async () => {
    const { body } = await get('/api/v1/stats');
    conforms('/stats', 200, body);
    assert.equal(body['sessions'], 10);
  });

  it('answers errors as JSON with a code and a message', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/v1/sessions/nope', 404, 'not_found'],
      ['/api/v1/sessions/c3f0a9d2-7b1e-4f60-8d2a-5e9c0b7a1f33/spans/0000000000000000', 404, 'not_found'],
      ['/api/v1/reports/yearly', 404, 'not_found'],
      ['/api/v1/sessions?limit=0', 400, 'bad_parameter'],
      ['/api/v1/sessions?sort=name', 400, 'bad_parameter'],
      ['/api/v1/sessions?cursor=garbage', 400, 'bad_parameter'],
      ['/api/v1/sessions?since=yesterday', 400, 'bad_parameter'],
      ['/api/v1/reports/daily?timezone=Mars/Base', 400, 'bad_parameter'],
      ['/api/v1/unknown', 404, 'not_found'],
    ];
    for (const [path, status, code] of cases) {
      const res = await get(path);
      assert.equal(res.status, status, path);
      assert.equal((res.body['error'] as Json)['code'], code, path);
      assert.equal(typeof (res.body['error'] as Json)['message'], 'string');
    }
    const post = await get('/api/v1/sessions', { method: 'POST', body: '{}' });
    assert.equal(post.status, 405);
    assert.equal((post.body['error'] as Json)['code'], 'method_not_allowed');
  });
});
