// Dashboard and API under load: session-list p95 and replay load time of a 20,000-span session with a
// million spans stored, and event-to-screen latency through SSE in a real headless Chromium.
//
//   npm run build && node bench/dashboard.mjs [--spans 1000000] [--big 20000] [--events 50] [--no-write]
//
// The store is built once under bench/.work/dashboard-<spans>/ (spans written straight through store.write,
// sessions of ~2,000 spans plus one of --big spans) and reused while its size matches.
// Node's own globals, and the browser's for the functions that run inside the page:
/* global document, window, requestAnimationFrame, Event, MutationObserver */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { machineInfo } from './lib/machine.mjs';
import { upsertSection } from './lib/results-md.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BENCH_DIR = join(REPO, 'bench');
const DIST = join(REPO, 'packages', 'agent-trace', 'dist');
const { values } = parseArgs({
  options: { spans: { type: 'string', default: '1000000' }, big: { type: 'string', default: '20000' }, events: { type: 'string', default: '50' }, 'no-write': { type: 'boolean' } },
});
const TOTAL = Number(values.spans);
const BIG = Number(values.big);
const EVENTS = Number(values.events);
const PER_SESSION = 2000;

const { SqliteStore } = await import(join(DIST, 'store/sqlite/sqlite-store.js'));
const { syntheticSession } = await import(join(DIST, 'demo/synthetic-session.js'));
const { startCollector } = await import(join(DIST, 'server/collector.js'));
const { createLogger } = await import(join(DIST, 'server/logger.js'));
const { openRotatingFile } = await import(join(DIST, 'server/rotating-file.js'));
const { deriveSpanId, msToNano, asSessionId } = await import('@agent-trace/schema');

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (ms) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
const MODELS = ['claude-sonnet-4-5-20250929', 'claude-opus-4-5-20251101', 'claude-haiku-4-5-20251001'];
const DAY = 86_400_000;

// 1. The store: a million spans.
const dir = join(BENCH_DIR, '.work', `dashboard-${TOTAL}-${BIG}`);
const dbPath = join(dir, 'agent-trace.db');
const fresh = !existsSync(dbPath);
mkdirSync(dir, { recursive: true });
const store = SqliteStore.open(dbPath);
const start = Date.UTC(2026, 5, 1);
if (fresh || (await store.stats()).spans < TOTAL * 0.95) {
  const t0 = performance.now();
  const big = syntheticSession({ id: 'bench-big', seed: 1, startMs: start, spans: BIG, project: 'big-project', user: 'bench', models: MODELS, content: true });
  await store.write(big);
  let written = big.spans.length;
  let i = 0;
  while (written < TOTAL) {
    const b = syntheticSession({ id: `bench-${String(i).padStart(5, '0')}`, seed: 100 + i, startMs: start + (i % 90) * DAY + i * 1000, spans: PER_SESSION, project: `project-${i % 12}`, user: `user-${i % 7}`, models: MODELS, content: true });
    await store.write(b);
    written += b.spans.length;
    i++;
  }
  console.log(`store: ${written.toLocaleString()} spans in ${i + 1} sessions written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const stats = await store.stats();
const bigSpans = (await store.getSpanOutlines(asSessionId('bench-big'))).length;
console.log(`store: ${stats.sessions.toLocaleString()} sessions, ${stats.spans.toLocaleString()} spans; the big session has ${bigSpans.toLocaleString()}`);

// 2. A real serve stack over it.
const logDir = mkdtempSync(join(tmpdir(), 'agent-trace-bench-'));
const logFile = openRotatingFile(join(logDir, 'serve.log'), { maxBytes: 1 << 20, keep: 1 });
const collector = await startCollector({
  store,
  process: (b) => b,
  logger: createLogger(logFile, 'warn'),
  host: '127.0.0.1',
  httpPort: 0,
  grpcPort: null,
  watch: null,
  writer: { lingerMs: 1 },
  access: { token: null, loopback: true },
  web: { api: { timezone: 'UTC', privacyTier: 3, demo: false, now: () => new Date() } },
});
const url = `http://127.0.0.1:${collector.httpPort}`;
const timed = async (path, runs) => {
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const res = await fetch(url + path, { headers: { 'Accept-Encoding': 'gzip' } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    times.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
};

const rows = [];
for (const [label, path] of [
  ['session list, newest first (50)', '/api/v1/sessions'],
  ['session list, by cost (50)', '/api/v1/sessions?sort=cost'],
  ['session list, project filter', '/api/v1/sessions?project=project-3'],
  ['session list, page 10 via cursor', null],
]) {
  if (path) rows.push([label, await timed(path, 200)]);
  else {
    let cursor = null;
    for (let p = 0; p < 9; p++) {
      const next = (await (await fetch(`${url}/api/v1/sessions${cursor ? `?cursor=${cursor}` : ''}`)).json()).nextCursor;
      if (!next) break;
      cursor = next;
    }
    rows.push([label, await timed(`/api/v1/sessions${cursor ? `?cursor=${cursor}` : ''}`, 200)]);
  }
}
rows.push([`timeline of the ${bigSpans.toLocaleString()}-span session (API, gzip)`, await timed('/api/v1/sessions/bench-big/timeline', 20)]);
rows.push(['span detail (API)', await timed(`/api/v1/sessions/bench-big/spans/${deriveSpanId('synthetic', 'bench-big', 'turn-3')}`, 200)]);

// 3. The browser: replay load and scroll, then event-to-screen latency.
const profile = mkdtempSync(join(tmpdir(), 'agent-trace-bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  headless: true,
  viewport: { width: 1440, height: 900 },
});
const page = context.pages()[0] ?? (await context.newPage());
const loads = [];
const scrolls = [];
for (let r = 0; r < 5; r++) {
  await page.goto('about:blank');
  const t = performance.now();
  await page.goto(`${url}/#/sessions/bench-big`);
  await page.waitForSelector('[data-testid="timeline-row"]');
  loads.push(performance.now() - t);
  // Scroll through the whole list in 40 steps, waiting a frame after each: the time per step is what a user feels.
  const perStep = await page.evaluate(async () => {
    const list = document.querySelector('.vlist');
    const frame = () => new Promise((res) => requestAnimationFrame(() => res(undefined)));
    const times = [];
    for (let i = 1; i <= 40; i++) {
      const t0 = performance.now();
      list.scrollTop = (list.scrollHeight * i) / 40;
      list.dispatchEvent(new Event('scroll'));
      await frame();
      await frame();
      times.push(performance.now() - t0);
    }
    return { max: Math.max(...times), mean: times.reduce((a, b) => a + b, 0) / times.length, rows: document.querySelectorAll('[data-testid="timeline-row"]').length };
  });
  scrolls.push(perStep);
}
const domRows = scrolls[0].rows;

// Event-to-screen: a running session open in the replay; each new span is written through the collector's
// store (as ingest does), and the page records when its row appears.
const liveId = `bench-live-${Date.now()}`;
const liveBatch = syntheticSession({ id: liveId, seed: 9, startMs: Date.now() - 3_600_000, spans: 6, project: 'live', user: 'bench', models: MODELS, running: true });
await collector.web.store.write(liveBatch);
await page.goto(`${url}/#/sessions/${liveId}`);
await page.waitForSelector('[data-testid="timeline-row"]');
await page.evaluate(() => {
  window.__seen = {};
  new MutationObserver(() => {
    for (const el of document.querySelectorAll('[data-testid="timeline-row"]')) {
      const name = el.querySelector('.cell-name')?.textContent ?? '';
      const m = /LiveEvent(\d+)/.exec(name);
      if (m && !window.__seen[m[1]]) window.__seen[m[1]] = Date.now();
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
});
const root = liveBatch.spans.find((s) => s.type === 'session');
const latencies = [];
for (let e = 0; e < EVENTS; e++) {
  // Keep the end of the list in view: the new row is appended there (the list is virtualized).
  await page.evaluate(() => {
    document.querySelector('.vlist').scrollTop = 1e9;
  });
  const at = Date.now();
  const span = { ...root, spanId: deriveSpanId(liveId, String(e)), parentSpanId: root.spanId, type: 'tool_call', name: `LiveEvent${e}`, toolName: `LiveEvent${e}`, startNs: msToNano(at), endNs: msToNano(at + 5), attributes: {} };
  await collector.web.store.write({ spans: [span] });
  await page.waitForFunction((n) => window.__seen[n] !== undefined, String(e), { polling: 'raf', timeout: 10_000 });
  latencies.push((await page.evaluate((n) => window.__seen[n], String(e))) - at);
  await new Promise((r) => setTimeout(r, 150));
}
await context.close();
rmSync(profile, { recursive: true, force: true });
await collector.close();
await store.close();
logFile.close();
rmSync(logDir, { recursive: true, force: true });

const table = [
  '| measurement | p50 | p95 |',
  '| --- | ---: | ---: |',
  ...rows.map(([label, r]) => `| ${label} | ${fmt(r.p50)} | ${fmt(r.p95)} |`),
  `| replay in Chromium: navigation to first timeline row, ${bigSpans.toLocaleString()} spans (5 loads) | ${fmt(percentile(loads, 50))} | ${fmt(percentile(loads, 95))} |`,
  `| replay scroll, one step of 1/40 of the list + 2 frames (worst of 40, over 5 loads) | ${fmt(percentile(scrolls.map((s) => s.mean), 50))} mean | ${fmt(Math.max(...scrolls.map((s) => s.max)))} worst |`,
  `| event-to-screen through SSE: store write → row on screen (${EVENTS} events) | ${fmt(percentile(latencies, 50))} | ${fmt(percentile(latencies, 95))} |`,
].join('\n');
console.log(table);
console.log(`rows in the DOM while showing ${bigSpans} spans: ${domRows}`);

if (!values['no-write']) {
  upsertSection(
    join(BENCH_DIR, 'RESULTS.md'),
    'dashboard',
    `## Dashboard and API (bench/dashboard.mjs)

Store: ${stats.sessions.toLocaleString()} sessions, ${stats.spans.toLocaleString()} spans (SQLite), one session of ${bigSpans.toLocaleString()} spans. API timings are over loopback HTTP from Node (200 requests each, 20 for the big timeline); browser figures from Debian's Chromium, headless, 1440×900. Target: event-to-screen p95 ≤ 1 s.

${table}

The big replay keeps ${domRows} rows in the DOM (virtualized list). Machine: ${JSON.stringify(machineInfo(REPO))}. Node ${process.version}.`,
  );
}
