import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { asSessionId, deriveSpanId, msToNano } from '@agent-trace/schema';
import { syntheticSession } from '../../demo/synthetic-session.js';
import { findDashboardDir } from '../static-files.js';
import { startWebHarness, type WebHarness } from '../test/web-harness.js';
import { CHROMIUM, openBrowser, type Browser, type PageGlobals } from './browser.js';
import { PAYLOADS, plantedSession } from './planted.js';

type Json = Record<string, unknown>;
const usd = (v: number): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: v !== 0 && Math.abs(v) < 0.01 ? 4 : 2, maximumFractionDigits: v !== 0 && Math.abs(v) < 0.01 ? 4 : 2 }).format(v);

const ready = existsSync(CHROMIUM) && findDashboardDir() !== null;
// On a developer's machine without Chromium the browser tests are skipped, and say why; CI installs it
// (.ci/run), so there a missing browser is a failure, never a silent skip.
const skip = ready || process.env['CI'] ? false : `needs ${CHROMIUM} (apt-get install chromium) and a built dashboard (npm run build)`;

describe('dashboard in a real Chromium', { skip }, () => {
  let h: WebHarness;
  let b: Browser;
  const api = async (path: string): Promise<Json> => (await (await fetch(h.url + path)).json()) as Json;

  before(async () => {
    h = await startWebHarness({ tier: 3 });
    b = await openBrowser(h.url);
  });
  after(async () => {
    await b?.close();
    await h?.stop();
  });

  it('lists the right sessions with their totals', async () => {
    const expected = (await api('/api/v1/sessions?limit=500'))['sessions'] as Array<{ id: string; totals: { costUsd: number; toolCalls: number } }>;
    await b.page.goto(`${h.url}/`);
    await b.page.waitForSelector('[data-testid="session-row"]');
    const rows = await b.page.$$eval('[data-testid="session-row"]', (els) =>
      els.map((e) => ({ id: e.getAttribute('data-session-id'), cost: e.querySelector('[data-testid="row-cost"]')?.textContent, tools: e.querySelector('[data-testid="row-tools"]')?.textContent })),
    );
    assert.deepEqual(rows.map((r) => r.id), expected.map((s) => s.id));
    assert.deepEqual(rows.map((r) => r.cost), expected.map((s) => usd(s.totals.costUsd)));
    assert.deepEqual(rows.map((r) => Number(r.tools)), expected.map((s) => s.totals.toolCalls));
    const total = expected.reduce((sum, s) => sum + s.totals.costUsd, 0);
    assert.equal(await b.page.textContent('[data-testid="list-cost"]'), usd(total));
    assert.deepEqual(b.foreignRequests, [], 'no request leaves the machine');
    await b.screenshot('sessions-dark');
  });

  it('a filter narrows the list, and sorting by cost reorders it', async () => {
    await b.page.goto(`${h.url}/`);
    await b.page.waitForSelector('[data-testid="session-row"]');
    await b.page.fill('[data-testid="filter-project"]', 'blog');
    await b.page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('[data-testid="session-row"]').length === 1);
    assert.equal(await b.page.getAttribute('[data-testid="session-row"]', 'data-session-id'), 'e7a15c20-3d4b-4a8e-9f10-6b2d8c4e0a59');
    await b.page.fill('[data-testid="filter-project"]', '');
    await b.page.fill('[data-testid="search"]', 'short post about tracing');
    await b.page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('[data-testid="session-row"]').length === 1);
    await b.page.fill('[data-testid="search"]', '');
    await b.page.click('[data-testid="sort-cost"]');
    const byCost = ((await api('/api/v1/sessions?sort=cost')) ['sessions'] as Array<{ id: string }>).map((s) => s.id);
    await b.page.waitForFunction((first) => (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="session-row"]')?.getAttribute('data-session-id') === first, byCost[0]);
  });

  it('a replay shows every tool call in order, and a span deep link opens its detail with content', async () => {
    const id = '8d59a421-a73b-4fd9-9542-1ff4c99eb95f';
    const timeline = (await api(`/api/v1/sessions/${id}/timeline`))['rows'] as Array<{ spanId: string; type: string; toolName: string }>;
    const tools = timeline.filter((r) => r.type === 'tool_call');
    assert.ok(tools.length >= 5);
    await b.page.goto(`${h.url}/#/sessions/${id}`);
    await b.page.waitForSelector('[data-testid="timeline-row"]');
    const shown = await b.page.$$eval('[data-testid="timeline-row"][data-type="tool_call"]', (els) => els.map((e) => e.getAttribute('data-span-id')));
    assert.deepEqual(shown, tools.map((t) => t.spanId));
    const tool = tools[0] as { spanId: string };
    await b.page.goto(`${h.url}/#/sessions/${id}/span/${tool.spanId}`);
    await b.page.waitForSelector('[data-testid="content-tool_input"]');
    await b.screenshot('replay-dark');
    await b.page.keyboard.press('j');
    await b.page.waitForFunction((prev) => !(globalThis as unknown as PageGlobals).location.hash.endsWith(prev), tool.spanId);
    await b.page.keyboard.press('Escape');
    await b.page.waitForFunction(() => !(globalThis as unknown as PageGlobals).location.hash.includes('/span/'));
  });

  it('a live event appears without a reload, in the list and in the replay', async () => {
    await b.page.goto(`${h.url}/`);
    await b.page.waitForSelector('[data-testid="session-row"]');
    await b.page.evaluate(() => ((globalThis as unknown as PageGlobals).__marker = 1));
    const live = syntheticSession({ id: 'live-e2e', seed: 7, startMs: Date.UTC(2026, 10, 30, 10), spans: 12, project: 'live-project', user: 'u', models: ['claude-sonnet-4-5-20250929'], running: true, content: true });
    await h.write(live);
    await b.page.waitForSelector('[data-session-id="live-e2e"] [data-testid="live-badge"]', { timeout: 5000 });
    await b.page.goto(`${h.url}/#/sessions/live-e2e`);
    await b.page.waitForSelector('[data-testid="timeline-row"]');
    const before = await b.page.$$eval('[data-testid="timeline-row"]', (els) => els.length);
    const marker = await b.page.evaluate(() => (globalThis as unknown as PageGlobals).__marker);
    assert.equal(marker, 1, 'the page was not reloaded');
    const root = (live.spans ?? []).find((s) => s.type === 'session');
    await h.write({
      spans: [
        { ...(live.spans ?? [])[2]!, spanId: deriveSpanId('e2e', 'extra'), name: 'LiveTool', toolName: 'LiveTool', type: 'tool_call', parentSpanId: root?.spanId ?? null, startNs: msToNano(Date.UTC(2026, 10, 30, 12)), endNs: msToNano(Date.UTC(2026, 10, 30, 12) + 40), attributes: {} },
      ],
      sessions: [{ id: asSessionId('live-e2e'), traceId: live.sessions![0]!.traceId, agent: 'claude-code' }],
    });
    await b.page.waitForFunction((n) => (globalThis as unknown as PageGlobals).document.querySelectorAll('[data-testid="timeline-row"]').length > n, before, { timeout: 5000 });
    await b.screenshot('replay-live');
  });

  it('the charts show the right totals', async () => {
    const daily = await api('/api/v1/reports/daily');
    const totals = daily['totals'] as { totalCost: number; totalTokens: number; cacheReadTokens: number; inputTokens: number; cacheCreationTokens: number };
    await b.page.goto(`${h.url}/#/analytics`);
    await b.page.waitForSelector('[data-testid="chart-cost"]');
    assert.equal(await b.page.textContent('[data-testid="total-cost"]'), usd(totals.totalCost));
    assert.equal(await b.page.textContent('[data-testid="total-tokens"]'), new Intl.NumberFormat('en-US').format(totals.totalTokens));
    const bars = await b.page.$$eval('[data-testid="chart-cost"] rect title', (els) => els.map((e) => e.textContent));
    assert.equal(bars.length, (daily['daily'] as unknown[]).length);
    const models = (await api('/api/v1/reports/model'))['models'] as Array<{ model: string; totalCost: number }>;
    const modelValues = await b.page.$$eval('[data-testid="by-model"] .hbar-value', (els) => els.map((e) => e.textContent));
    assert.deepEqual(modelValues, models.map((m) => usd(m.totalCost)));
    await b.screenshot('analytics-dark');
    await b.page.keyboard.press('t');
    await b.page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.documentElement.dataset['theme'] === 'light');
    await b.screenshot('analytics-light');
    await b.page.goto(`${h.url}/`);
    await b.page.waitForSelector('[data-testid="session-row"]');
    await b.screenshot('sessions-light');
    await b.page.keyboard.press('t');
    assert.deepEqual(b.foreignRequests, []);
  });

  it('renders planted HTML and script payloads as text and runs none of them', async () => {
    await h.write(plantedSession());
    await b.page.goto(`${h.url}/`);
    await b.page.waitForSelector('[data-session-id="planted-xss"]');
    const title = await b.page.textContent('[data-session-id="planted-xss"] .title');
    assert.equal(title, `${PAYLOADS[1]} title`);
    const tool = deriveSpanId('planted', 'planted-xss', 'tool');
    await b.page.goto(`${h.url}/#/sessions/planted-xss/span/${tool}`);
    await b.page.waitForSelector('[data-testid="content-tool_result"]');
    assert.equal(await b.page.textContent('[data-testid="content-tool_result"]'), PAYLOADS.join('\n'));
    await b.page.goto(`${h.url}/#/sessions/planted-xss/span/${deriveSpanId('planted', 'planted-xss', 'turn')}`);
    await b.page.waitForSelector('[data-testid="content-prompt"]');
    await new Promise((r) => setTimeout(r, 300));
    const planted = await b.page.evaluate(() => (globalThis as unknown as PageGlobals).__planted);
    assert.equal(planted, undefined, 'a planted payload ran');
    const injected = await b.page.$$eval('main img, main script, main iframe, main svg:not(.chart)', (els) => els.length);
    assert.equal(injected, 0, 'payload markup became elements');
  });
});
