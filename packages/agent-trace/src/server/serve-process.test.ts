import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';

// Run from sources (tsx) or from the build (dist), whichever this test file is.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const RUNNER = fileURLToPath(new URL(`./test/run-serve.${FROM_SOURCES ? 'ts' : 'js'}`, import.meta.url));
const NODE_ARGS = FROM_SOURCES ? ['--import', 'tsx'] : [];
const TRACE = '7a8efff798038103d269b633813fc60c';

interface Running {
  child: ChildProcess;
  httpPort: number;
  exited: Promise<number | null>;
}

const startServe = async (dataDir: string, ...args: string[]): Promise<Running> => {
  const child = spawn(process.execPath, [...NODE_ARGS, RUNNER, dataDir, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const nl = text.indexOf('\n');
      if (nl >= 0) resolve(text.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening`)));
  });
  return { child, httpPort: (JSON.parse(line) as { httpPort: number }).httpPort, exited };
};

/** A JSON export of `count` spans whose span ids encode (request, index). */
const exportBody = (requestNo: number, count: number): string => {
  const spans = Array.from({ length: count }, (_, i) => ({
    traceId: TRACE,
    spanId: (requestNo * 1000 + i + 1).toString(16).padStart(16, '0'),
    name: `r${requestNo}`,
    startTimeUnixNano: String(1_763_700_000_000_000_000n + BigInt(requestNo * 1000 + i)),
    endTimeUnixNano: String(1_763_700_000_000_000_000n + BigInt(requestNo * 1000 + i) + 10n),
  }));
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 't' }, spans }] }] });
};

const send = (port: number, body: string): Promise<number> =>
  new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/v1/traces', method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });

const queuedRecords = (port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/readyz' }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve((JSON.parse(text) as { queue: { records: number } }).queue.records));
    })
      .on('error', reject)
      .end();
  });

const storedSpanIds = async (dbPath: string): Promise<Set<string>> => {
  const store = SqliteStore.open(dbPath);
  try {
    return new Set((await store.getSpans(TRACE as never)).map((s) => s.spanId));
  } finally {
    await store.close();
  }
};

const spanIdsOf = (requestNo: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => (requestNo * 1000 + i + 1).toString(16).padStart(16, '0'));

describe('agent-trace serve as a process', () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('SIGKILL mid-stream loses no acknowledged record', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'agent-trace-'));
    dirs.push(dataDir);
    const serve = await startServe(dataDir);
    const acked: number[] = [];
    let requestNo = 0;
    const client = async (): Promise<void> => {
      while (requestNo < 400) {
        const n = requestNo++;
        const status = await send(serve.httpPort, exportBody(n, 50));
        if (status === 200) acked.push(n);
        if (status === 0) return;
      }
    };
    const clients = [client(), client(), client(), client()];
    while (acked.length < 40) await new Promise((r) => setTimeout(r, 5));
    serve.child.kill('SIGKILL');
    await Promise.all(clients);
    assert.equal(await serve.exited, null);
    assert.ok(requestNo > acked.length, 'some requests were still in flight when the process died');

    const restarted = await startServe(dataDir);
    restarted.child.kill('SIGTERM');
    assert.equal(await restarted.exited, 0);
    const stored = await storedSpanIds(join(dataDir, 'agent-trace.db'));
    const missing = acked.flatMap((n) => spanIdsOf(n, 50)).filter((id) => !stored.has(id));
    assert.deepEqual(missing, [], `${acked.length} acknowledged requests, all stored`);
  });

  test('SIGTERM flushes what is queued, answers it, and exits 0; the log file is private', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'agent-trace-'));
    dirs.push(dataDir);
    // A long batching window keeps the requests queued (unacknowledged) until the signal comes.
    const serve = await startServe(dataDir, '--flush-ms', '60000');
    const pending = Array.from({ length: 8 }, (_, n) => send(serve.httpPort, exportBody(n, 100)));
    while ((await queuedRecords(serve.httpPort)) < 800) await new Promise((r) => setTimeout(r, 10));
    serve.child.kill('SIGTERM');
    const statuses = await Promise.all(pending);
    assert.equal(await serve.exited, 0);
    const stored = await storedSpanIds(join(dataDir, 'agent-trace.db'));
    statuses.forEach((status, n) => {
      if (status === 200) assert.ok(spanIdsOf(n, 100).every((id) => stored.has(id)), `request ${n} was acknowledged, so it is stored`);
    });
    assert.deepEqual(statuses, Array(8).fill(200));
    const logPath = join(dataDir, 'logs', 'agent-trace.log');
    assert.equal(statSync(logPath).mode & 0o777, 0o600);
    const lines = readFileSync(logPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { msg: string; component: string });
    assert.ok(lines.some((l) => l.msg === 'signal received'));
    assert.ok(lines.some((l) => l.msg === 'collector stopped'));
  });

  test('a changed config.yaml applies without a restart; a bad edit is rejected and the old one stays', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'agent-trace-reload-'));
    dirs.push(dataDir);
    const configPath = join(dataDir, 'config.yaml');
    writeFileSync(configPath, '# collection switches\ncollection:\n  sources:\n    otlp: true\n', { mode: 0o600 });
    const serve = await startServe(dataDir);
    const until = async (want: number): Promise<void> => {
      const deadline = Date.now() + 15_000;
      let status = 0;
      for (let n = 1; Date.now() < deadline; n++) {
        status = await send(serve.httpPort, exportBody(n, 1));
        if (status === want) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.fail(`expected ${want}, still ${status}`);
    };
    try {
      assert.equal(await send(serve.httpPort, exportBody(0, 1)), 200);
      writeFileSync(configPath, 'collection:\n  sources:\n    otlp: false\n');
      await until(403);
      writeFileSync(configPath, 'collection:\n  sources:\n    otlp: maybe\n');
      const logPath = join(dataDir, 'logs', 'agent-trace.log');
      const deadline = Date.now() + 15_000;
      while (!readFileSync(logPath, 'utf8').includes('configuration change rejected') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.match(readFileSync(logPath, 'utf8'), /configuration change rejected/);
      assert.equal(await send(serve.httpPort, exportBody(900, 1)), 403, 'the previous configuration stays in force');
      writeFileSync(configPath, 'collection:\n  sources:\n    otlp: true\n');
      await until(200);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });
});
