#!/usr/bin/env node
// OTLP ingest throughput: protobuf batches of 512 spans POSTed to a running `agent-trace serve` over real
// loopback HTTP by a few concurrent clients, each acknowledged only after its SQLite commit. Beside it, on the
// same spans: the floor a user would get from a hand-rolled receiver, i.e. the same rows inserted into SQLite
// with one prepared statement and one transaction per batch and nothing else (no HTTP, no decoding, no
// pipeline, no merge rules or session roll-ups), and our decoder + mapping alone (no HTTP, no store).
//   npm run build && node --import tsx bench/otlp-ingest.mjs [--batches 200] [--clients 4] [--seconds 60] [--flush-ms 0]
//        [--no-write] [--cpu-prof DIR] [--from-source]
// (--cpu-prof DIR: the serve process writes a V8 CPU profile into DIR, for chrome://inspect or any .cpuprofile viewer.)
// `serve` is the built CLI, as users run it (packages/agent-trace/dist/cli/agent-trace.cjs); --from-source runs it
// from the TypeScript sources through tsx instead (tsx's loader then costs the serve process extra time).
// (tsx: the in-process decoder row is run from the TypeScript sources.)
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { context, trace } from '@opentelemetry/api';
import { machineInfo } from './lib/machine.mjs';
import { upsertSection } from './lib/results-md.mjs';

const BENCH_DIR = resolve(import.meta.dirname);
const REPO = resolve(BENCH_DIR, '..');
const SPANS_PER_BATCH = 512;

const { values } = parseArgs({
  options: {
    batches: { type: 'string', default: '200' },
    clients: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '60' },
    'no-write': { type: 'boolean', default: false },
    'flush-ms': { type: 'string', default: '0' },
    'cpu-prof': { type: 'string' },
    'from-source': { type: 'boolean', default: false },
  },
});
const batches = Number(values.batches);
const clients = Number(values.clients);
const deadline = Date.now() + Number(values.seconds) * 1000;

/** Real SDK spans, one trace per batch (a root and 511 children), serialised by the SDK's own protobuf code. */
const makePayloads = async () => {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'bench-agent', 'service.version': '1.0.0' }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('bench');
  const payloads = [];
  const rows = [];
  const t0 = Date.now();
  for (let b = 0; b < batches; b++) {
    memory.reset();
    const root = tracer.startSpan('invoke_agent bench', { attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'bench' }, startTime: t0 + b });
    const ctx = trace.setSpan(context.active(), root);
    for (let i = 1; i < SPANS_PER_BATCH; i++) {
      const llm = i % 3 === 0;
      const span = tracer.startSpan(
        llm ? 'chat claude-sonnet-4-5' : 'execute_tool Read',
        {
          startTime: t0 + b + i / 1000,
          attributes: llm
            ? { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'claude-sonnet-4-5', 'gen_ai.usage.input_tokens': 1200 + i, 'gen_ai.usage.output_tokens': 90, 'gen_ai.usage.cache_read.input_tokens': 1000 }
            : { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'Read', 'tool.call.id': `call_${b}_${i}`, 'file.size': 2048 },
        },
        ctx,
      );
      span.end(t0 + b + i / 1000 + 0.5);
    }
    root.end(t0 + b + 1);
    const spans = memory.getFinishedSpans();
    payloads.push(Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)));
    rows.push(spans);
  }
  await provider.shutdown();
  return { payloads, rows };
};

const CLI = join(REPO, 'packages/agent-trace/dist/cli/agent-trace.cjs');
if (!values['from-source'] && !existsSync(CLI)) throw new Error(`agent-trace CLI not built: ${CLI} is missing. Run 'npm run build' first (or pass --from-source).`);

const startServe = async (dataDir) => {
  const profile = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', resolve(values['cpu-prof'])] : [];
  const serveFlags = ['--no-grpc', '--flush-ms', String(values['flush-ms'])];
  const command = values['from-source']
    ? ['--import', 'tsx', join(REPO, 'packages/agent-trace/src/server/test/run-serve.ts'), dataDir, ...serveFlags]
    : [CLI, 'serve', '--data-dir', dataDir, '--port', '0', '--no-watch', '--json', ...serveFlags];
  const child = spawn(process.execPath, [...profile, ...command], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, HOME: dataDir } });
  const line = await new Promise((resolveLine, reject) => {
    let text = '';
    child.stdout.on('data', (c) => {
      text += c;
      if (text.includes('\n')) resolveLine(text.slice(0, text.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { child, port: JSON.parse(line).httpPort, exited: new Promise((r) => child.on('exit', r)) };
};

const agent = new (await import('node:http')).Agent({ keepAlive: true, maxSockets: 64 });
const post = (port, body) =>
  new Promise((resolvePost, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/v1/traces', method: 'POST', agent, headers: { 'Content-Type': 'application/x-protobuf', 'Content-Length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolvePost(res.statusCode));
    });
    req.on('error', reject);
    req.end(body);
  });

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const benchServe = async (payloads) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'agent-trace-bench-'));
  const serve = await startServe(dataDir);
  const latencies = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  const client = async () => {
    while (next < payloads.length && Date.now() < deadline) {
      const body = payloads[next++];
      const t = performance.now();
      const status = await post(serve.port, body);
      if (status === 200) latencies.push(performance.now() - t);
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - started) / 1000;
  serve.child.kill('SIGTERM');
  await serve.exited;
  const db = new Database(join(dataDir, 'agent-trace.db'), { readonly: true });
  const stored = db.prepare('SELECT count(*) AS n FROM spans').get().n;
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return { spans: latencies.length * SPANS_PER_BATCH, stored, failed, seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
};

/** The hand-rolled floor: the same rows, one prepared INSERT, one transaction per batch, nothing else. */
const benchRawSqlite = (rows) => {
  const dir = mkdtempSync(join(tmpdir(), 'agent-trace-bench-'));
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE spans (trace_id TEXT, span_id TEXT, parent_span_id TEXT, name TEXT, start_ns INTEGER, end_ns INTEGER, attributes TEXT, PRIMARY KEY (trace_id, span_id))');
  const insert = db.prepare('INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?, ?)');
  const ns = (t) => BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]);
  const writeBatch = db.transaction((spans) => {
    for (const s of spans) {
      const c = s.spanContext();
      insert.run(c.traceId, c.spanId, s.parentSpanContext?.spanId ?? null, s.name, ns(s.startTime), ns(s.endTime), JSON.stringify(s.attributes));
    }
  });
  const started = performance.now();
  for (const spans of rows) writeBatch(spans);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { spans: rows.length * SPANS_PER_BATCH, seconds };
};

/** Our protobuf decoder and mapping alone, in process: the CPU cost per span before the store. */
const benchDecode = async (payloads) => {
  const { createOtlpIngest } = await import('../packages/agent-trace/src/ingest/otlp/index.ts');
  const ingest = createOtlpIngest();
  // One warm-up pass first, so the figure is the JIT-compiled steady state, as in a long-running serve.
  for (const body of payloads) ingest.map('traces', 'protobuf', body);
  const started = performance.now();
  let spans = 0;
  for (const body of payloads) spans += ingest.map('traces', 'protobuf', body).accepted;
  return { spans, seconds: (performance.now() - started) / 1000 };
};

const { payloads, rows } = await makePayloads();
const bytes = payloads.reduce((n, p) => n + p.length, 0);
console.log(`${batches} batches × ${SPANS_PER_BATCH} spans (${(bytes / 1024 / 1024).toFixed(1)} MiB protobuf), ${clients} clients`);
const decode = await benchDecode(payloads);
const serve = await benchServe(payloads);
const raw = benchRawSqlite(rows);
agent.destroy();

const rate = (r) => Math.round(r.spans / r.seconds);
const fmt = (n) => n.toLocaleString('en-US');
const table = [
  '| path | spans | spans/s | ack latency p50 | p99 |',
  '| --- | ---: | ---: | ---: | ---: |',
  `| agent-trace serve: OTLP/HTTP protobuf → decode → map → pipeline → SQLite (durable ack) | ${fmt(serve.spans)} | ${fmt(rate(serve))} | ${serve.p50.toFixed(1)} ms | ${serve.p99.toFixed(1)} ms |`,
  `| hand-rolled floor: raw SQLite INSERT of the same rows, one transaction per batch, no HTTP/decoding/merge | ${fmt(raw.spans)} | ${fmt(rate(raw))} | – | – |`,
  `| agent-trace decoder + mapping alone (in process, no HTTP, no store) | ${fmt(decode.spans)} | ${fmt(rate(decode))} | – | – |`,
].join('\n');
console.log(table);
console.log(`stored spans after the run: ${fmt(serve.stored)} (failed requests: ${serve.failed})`);
if (serve.stored < serve.spans) throw new Error(`only ${serve.stored} of ${serve.spans} acknowledged spans are in the store`);

if (!values['no-write']) {
  const m = machineInfo(REPO);
  upsertSection(
    join(BENCH_DIR, 'RESULTS.md'),
    'otlp-ingest',
    `## OTLP ingest (bench/otlp-ingest.mjs)

${batches} protobuf batches of ${SPANS_PER_BATCH} spans (${(bytes / 1024 / 1024).toFixed(1)} MiB, made by the OTel JS SDK's own serializer), ${clients} concurrent keep-alive clients on loopback; each request is acknowledged after its SQLite commit. \`serve\` is ${values['from-source'] ? 'run from the TypeScript sources through tsx' : 'the built CLI (`dist/cli/agent-trace.cjs serve`), as installed'}. Target: ≥ 50,000 spans/s.

${table}

Machine: ${typeof m === 'string' ? m : JSON.stringify(m)}. Node ${process.version}.`,
  );
}
