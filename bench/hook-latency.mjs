#!/usr/bin/env node
// Wall time of `agent-trace hook` from spawn to exit, the cost Claude Code pays per hook event, beside
// `node -e 0` (the floor of any Node hook) on the same machine in the same run. Target: median ≤ 1.5× node -e 0.
//
//   node bench/hook-latency.mjs                       # the built hook: node packages/agent-trace/dist/hook.cjs (a loader running
//                                                     # dist/hook-body.cjs, one CommonJS bundle, with V8's code cache in the data dir)
//   node bench/hook-latency.mjs --entry FILE.js       # another hook entry; repeat --entry to compare several in one run
//   node bench/hook-latency.mjs --cli                 # also `node packages/agent-trace/dist/cli/main.js hook` (the ES-module CLI's fast path)
//   node bench/hook-latency.mjs --runs 500 --store    # --store: the collector writes each event to a real SQLite store (needs dist)
//
// Three modes, interleaved run by run so drift hits them alike: `node -e 0`; the hook with a collector stand-in
// up (it answers 200 after the write, as the real collector does); the hook with the collector down (connection
// refused: the event goes to the spool).
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { machineInfo } from './lib/machine.mjs';
import { formatRatio, median } from './lib/stats.mjs';
import { upsertSection } from './lib/results-md.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const dist = join(repoRoot, 'packages/agent-trace/dist');
const { values } = parseArgs({
  options: { runs: { type: 'string' }, cli: { type: 'boolean' }, entry: { type: 'string', multiple: true }, store: { type: 'boolean' }, 'no-write': { type: 'boolean' } },
});
const runs = Number(values.runs ?? 200);
const hookArgvs = (values.entry ?? [join(dist, 'hook.cjs')]).map((entry) => [entry]);
if (values.cli) hookArgvs.push([join(dist, 'cli/main.js'), 'hook']);
for (const [script] of hookArgvs) {
  if (!existsSync(script)) {
    console.error(`${script} not found: run 'npm run build' first, or pass --entry`);
    process.exit(2);
  }
}
const label = (argv) => argv.map((a) => (a.startsWith(repoRoot) ? a.slice(repoRoot.length) : a)).join(' ');
const payload = readFileSync(join(repoRoot, 'fixtures/hooks/claude-code/PostToolUse.json'), 'utf8');

const work = mkdtempSync(join(tmpdir(), 'agent-trace-hook-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// The collector stand-in: the hook contract (POST /v1/hooks → 200 {"accepted":1} after the write).
let write = async () => {};
if (values.store) {
  const { mapHookEvent } = await import(pathToFileURL(join(dist, 'ingest/hooks/map-hook-event.js')).href);
  const { SqliteStore } = await import(pathToFileURL(join(dist, 'store/sqlite/sqlite-store.js')).href);
  const store = SqliteStore.open(join(work, 'bench.db'));
  write = (body, receivedAt) => store.write(mapHookEvent(JSON.parse(body), { receivedAtNs: BigInt(receivedAt) }));
}
let accepted = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const body = Buffer.concat(chunks).toString('utf8');
    JSON.parse(body);
    await write(body, req.headers['x-agent-trace-received-at']);
    accepted++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"accepted":1}');
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const upUrl = `http://127.0.0.1:${server.address().port}`;
const probe = createServer();
await new Promise((r) => probe.listen(0, '127.0.0.1', r));
const downUrl = `http://127.0.0.1:${probe.address().port}`;
await new Promise((r) => probe.close(r));

const timeOnce = (argv, env, input) =>
  new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, argv, { env: { PATH: process.env.PATH, ...env }, stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${argv.join(' ')} exited ${code}`))));
    child.stdin.end(input);
  });

const modes = [
  { name: 'node -e 0', argv: ['-e', '0'], env: {} },
  ...hookArgvs.flatMap((argv, k) => [
    { name: `${label(argv)}, collector up`, argv, env: { AGENT_TRACE_HOME: join(work, `up-${k}`), AGENT_TRACE_URL: upUrl } },
    { name: `${label(argv)}, collector down (spooled)`, argv, env: { AGENT_TRACE_HOME: join(work, `down-${k}`), AGENT_TRACE_URL: downUrl }, down: k },
  ]),
];
const times = modes.map(() => []);
for (let i = 0; i < 5; i++) for (const m of modes) await timeOnce(m.argv, m.env, payload);
accepted = 0;
for (let i = 0; i < runs; i++) {
  for (const [k, m] of modes.entries()) times[k].push(await timeOnce(m.argv, m.env, payload));
}
server.close();

const p99 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.99) - 1)];
const base = median(times[0]);
const m = machineInfo(repoRoot);
const table = [
  '| mode | median | p99 | median vs node -e 0 |',
  '| --- | ---: | ---: | ---: |',
  ...modes.map((mode, k) => `| ${mode.name} | ${median(times[k]).toFixed(1)} ms | ${p99(times[k]).toFixed(1)} ms | ${formatRatio(median(times[k]) / base)} |`),
].join('\n');
const machine = `${m.cpu}, ${m.memory}, ${m.kernel}, node ${m.node}, load ${m.load}, commit ${m.commit}`;
console.log(`hook latency: ${runs} runs per mode, interleaved${values.store ? ' (collector writes to SQLite)' : ''}`);
console.log(`machine: ${machine}\n`);
console.log(table);
const spooledLines = (k) => {
  const path = join(work, `down-${k}`, 'hook-spool.jsonl');
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).length : 0;
};
const spooled = hookArgvs.map((_, k) => spooledLines(k)).join(' / ');
console.log(`\ncollector accepted ${accepted}/${runs * hookArgvs.length}; spooled ${spooled} per entry (incl. 5 warm-up runs) while down`);
if (!values['no-write']) {
  upsertSection(
    join(repoRoot, 'bench', 'RESULTS.md'),
    'hook-latency',
    `## Hook latency (bench/hook-latency.mjs)

Wall time of one hook run, spawn to exit, with a PostToolUse payload on stdin; ${runs} runs per mode, the modes interleaved run by run. Target: median ≤ 1.5× \`node -e 0\`.

${table}

Machine: ${machine}. The load average is the machine's, other work included: compare the ratios, not the milliseconds.`,
  );
}
