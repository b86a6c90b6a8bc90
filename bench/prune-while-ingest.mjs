#!/usr/bin/env node
// Pruning a large store while ingest keeps writing, on one store as `serve` has it (one connection, one event loop).
//   node --import tsx bench/prune-while-ingest.mjs [--spans 1000000] [--spans-per-session 500] [--batch-rows 2000]
// Fills a store with old sessions, then prunes all of them while a writer sends a small batch every millisecond;
// reports the prune's duration and the longest wait of any ingest write against the longest prune transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const REPO = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    spans: { type: 'string', default: '1000000' },
    'spans-per-session': { type: 'string', default: '500' },
    'batch-rows': { type: 'string', default: '2000' },
  },
});
const src = (path) => import(pathToFileURL(join(REPO, 'packages/agent-trace/src', path)).href);
const [{ SqliteStore }, schema] = await Promise.all([src('store/sqlite/sqlite-store.ts'), import('@agent-trace/schema')]);
const { asSessionId, deriveSpanId, deriveTraceId, ZERO_USAGE } = schema;

const total = Number(values.spans);
const perSession = Number(values['spans-per-session']);
const batchRows = Number(values['batch-rows']);
const DAY = 86_400_000_000_000n;
const now = BigInt(Date.now()) * 1_000_000n;

const span = (session, i, startNs) => ({
  traceId: deriveTraceId('bench', session),
  spanId: deriveSpanId('bench', session, String(i)),
  parentSpanId: null,
  sessionId: asSessionId(session),
  name: i % 3 === 0 ? 'llm' : 'Bash',
  type: i % 3 === 0 ? 'llm_call' : 'tool_call',
  startNs: startNs + BigInt(i) * 1_000_000n,
  endNs: startNs + BigInt(i) * 1_000_000n + 500_000n,
  status: 'ok',
  statusMessage: null,
  source: 'transcript',
  model: i % 3 === 0 ? 'claude-sonnet-4' : null,
  toolName: i % 3 === 0 ? null : 'Bash',
  usage: i % 3 === 0 ? { ...ZERO_USAGE, input: 100, output: 20 } : null,
  costUsd: null,
  reportedCostUsd: null,
  attributes: { 'tool.exit_code': 0, 'lines.added': 2, 'hook.duration_ms': 40 },
  events: [],
});

const dir = mkdtempSync(join(tmpdir(), 'agent-trace-bench-'));
const store = SqliteStore.open(join(dir, 'bench.db'));
const sessions = Math.ceil(total / perSession);
let t = performance.now();
for (let s = 0; s < sessions; s++) {
  const id = `old-${s}`;
  const startNs = now - 60n * DAY + BigInt(s) * 1_000_000_000n;
  await store.write({
    sessions: [{ id: asSessionId(id), traceId: deriveTraceId('bench', id), agent: 'claude-code', startNs, endNs: startNs + 1_000_000_000n }],
    spans: Array.from({ length: perSession }, (_, i) => span(id, i, startNs)),
  });
}
const fillMs = performance.now() - t;
const before = await store.stats();

// The writer: one small batch (a session upsert and 10 spans) every millisecond, timing each write from the moment
// it was due, so time spent waiting behind a prune transaction counts.
let running = true;
let writes = 0;
let maxWaitMs = 0;
const waits = [];
const writer = (async () => {
  let n = 0;
  while (running) {
    const due = performance.now();
    await new Promise((r) => setTimeout(r, 1));
    const id = `new-${n++ % 50}`;
    await store.write({
      sessions: [{ id: asSessionId(id), traceId: deriveTraceId('bench', id), agent: 'claude-code', startNs: now }],
      spans: Array.from({ length: 10 }, (_, i) => span(id, n * 10 + i, now)),
    });
    const waited = performance.now() - due - 1;
    waits.push(waited);
    maxWaitMs = Math.max(maxWaitMs, waited);
    writes++;
  }
})();

// Longest single prune transaction: measured by timing each event-loop turn the prune holds.
let longestTurn = 0;
let last = performance.now();
const turnTimer = setInterval(() => {
  const n = performance.now();
  longestTurn = Math.max(longestTurn, n - last);
  last = n;
}, 0);

t = performance.now();
const result = await store.prune({ olderThanNs: now - 30n * DAY, batchRows });
const pruneMs = performance.now() - t;
running = false;
await writer;
clearInterval(turnTimer);
const after = await store.stats();
await store.close();
rmSync(dir, { recursive: true, force: true });

waits.sort((a, b) => a - b);
const p99 = waits[Math.floor(waits.length * 0.99)] ?? 0;
console.log(
  [
    `### Prune while ingesting (${before.spans.toLocaleString('en-US')} spans in ${sessions.toLocaleString('en-US')} sessions, ${batchRows} rows per prune transaction)`,
    '',
    `| fill | prune | sessions deleted | spans deleted | transactions | per transaction | ingest writes during prune | ingest wait p99 | ingest wait max | longest event-loop turn | store before → after |`,
    `| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    `| ${(fillMs / 1000).toFixed(1)} s | ${(pruneMs / 1000).toFixed(1)} s | ${result.sessions.toLocaleString('en-US')} | ${result.spans.toLocaleString('en-US')} | ${result.batches} | ${(pruneMs / result.batches).toFixed(1)} ms | ${writes.toLocaleString('en-US')} | ${p99.toFixed(1)} ms | ${maxWaitMs.toFixed(1)} ms | ${longestTurn.toFixed(1)} ms | ${(result.bytesBefore / 2 ** 20).toFixed(0)} MiB → ${(result.bytesAfter / 2 ** 20).toFixed(0)} MiB (${after.spans.toLocaleString('en-US')} spans left) |`,
  ].join('\n'),
);
