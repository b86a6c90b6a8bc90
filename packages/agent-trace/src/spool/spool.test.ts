import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../test-support/paths.js';
import { appendLine } from './append-line.js';
import { backoffDelayMs } from './backoff.js';
import { drainSpool } from './drain.js';
import { encodeEnvelope, type SpooledHookEvent } from './envelope.js';
import { acquireSpoolLock } from './spool-lock.js';
import { spoolPaths } from './spool-paths.js';
import { spoolHookEvent } from './spool-writer.js';

const root = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => {
  const dir = join(root, `d${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

const event = (i: number, pad = 0): SpooledHookEvent => ({
  agent: 'claude-code',
  receivedAtNs: 1_795_000_000_000_000_000n + BigInt(i),
  payloadDigest: `digest-${i}`,
  payload: { session_id: 's', hook_event_name: 'PreToolUse', i, pad: 'x'.repeat(pad) },
});
const lines = (path: string): string[] => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : []);
const fast = { graceMs: 1, baseDelayMs: 1 };

const runNode = (code: string): Promise<number | null> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', resolve);
  });

describe('spool', () => {
  it('keeps every line whole when many processes append at once, small lines and lines far above PIPE_BUF', async () => {
    const dir = freshDir();
    const path = spoolPaths(dir).spool;
    const module = pathToFileURL(join(repoRoot, 'packages/agent-trace/src/spool/append-line.ts')).href;
    const writers = Array.from({ length: 6 }, (_, w) =>
      runNode(`
        const { appendLine } = await import(${JSON.stringify(module)});
        for (let i = 0; i < 150; i++) {
          const size = i % 10 === 0 ? 200_000 : 50 + (i % 7) * 900;
          appendLine(${JSON.stringify(path)}, JSON.stringify({ w: ${w}, i, pad: 'y'.repeat(size) }));
        }`),
    );
    assert.deepEqual(await Promise.all(writers), [0, 0, 0, 0, 0, 0]);
    const got = lines(path).map((l) => JSON.parse(l) as { w: number; i: number });
    assert.equal(got.length, 900);
    for (let w = 0; w < 6; w++) assert.equal(got.filter((g) => g.w === w).length, 150);
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('drains in batches and never loses an event appended while draining', async () => {
    const dir = freshDir();
    for (let i = 0; i < 7; i++) spoolHookEvent(dir, event(i));
    const seen: number[] = [];
    const result = await drainSpool(
      dir,
      async (events) => {
        seen.push(...events.map((e) => e.payload['i'] as number));
        if (seen.length <= 3) spoolHookEvent(dir, event(100 + seen.length));
      },
      { ...fast, batchSize: 3 },
    );
    assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual([result.sent, result.incomplete], [7, false]);
    assert.deepEqual(lines(spoolPaths(dir).spool).map((l) => (JSON.parse(l) as { payload: { i: number } }).payload.i), [103]);
    const next: number[] = [];
    await drainSpool(dir, async (events) => void next.push(...events.map((e) => e.payload['i'] as number)), fast);
    assert.deepEqual(next, [103]);
  });

  it('sends what a late writer put into the renamed file before removing it', async () => {
    const dir = freshDir();
    const paths = spoolPaths(dir);
    spoolHookEvent(dir, event(1));
    writeFileSync(paths.draining, encodeEnvelope(event(0)));
    let round = 0;
    const seen: number[] = [];
    await drainSpool(
      dir,
      async (events) => {
        seen.push(...events.map((e) => e.payload['i'] as number));
        // A hook process that opened the file just before the rename writes into it now.
        if (round++ === 0) appendFileSync(paths.draining, encodeEnvelope(event(2)));
      },
      fast,
    );
    assert.deepEqual(seen, [0, 2, 1]);
    assert.equal(existsSync(paths.draining), false);
  });

  it('dead-letters lines that are not envelopes and events the receiver rejects, and sends the rest', async () => {
    const dir = freshDir();
    const paths = spoolPaths(dir);
    writeFileSync(paths.spool, `${encodeEnvelope(event(1))}not json\n{"v":2}\n${encodeEnvelope(event(2))}${encodeEnvelope(event(3))}{"v":1,"agent":"claude-code"`);
    const result = await drainSpool(dir, async (events) => ({ rejected: events.flatMap((e, index) => (e.payload['i'] === 3 ? [{ index, reason: 'no good' }] : [])) }), fast);
    assert.deepEqual([result.sent, result.deadLettered], [2, 4]);
    const letters = lines(paths.deadLetter).map((l) => JSON.parse(l) as { reason: string; line?: string });
    assert.match(letters[0]!.reason, /spool line 2 is not a valid envelope/);
    assert.equal(letters[0]!.line, 'not json');
    assert.match(letters[1]!.reason, /line 3 .*unknown envelope version 2/);
    assert.match(letters[2]!.reason, /rejected by the collector: no good/);
    assert.match(letters[3]!.reason, /incomplete spool line/);
  });

  it('one drainer at a time; a lock left by a dead process is taken over', async () => {
    const dir = freshDir();
    const paths = spoolPaths(dir);
    spoolHookEvent(dir, event(1));
    const release = acquireSpoolLock(paths.lock);
    assert.ok(release);
    const blocked = await drainSpool(dir, async () => undefined, fast);
    assert.equal(blocked.locked, true);
    release();
    writeFileSync(paths.lock, '999999999');
    const taken = await drainSpool(dir, async () => undefined, fast);
    assert.deepEqual([taken.locked, taken.sent], [false, 1]);
  });

  it('drops (and counts) events once the spool is full', () => {
    const dir = freshDir();
    assert.equal(spoolHookEvent(dir, event(1, 500), 1000), 'spooled');
    assert.equal(spoolHookEvent(dir, event(2, 500), 1000), 'dropped');
    assert.equal(lines(spoolPaths(dir).spool).length, 1);
    assert.match(lines(spoolPaths(dir).deadLetter)[0]!, /spool full/);
  });

  it('backs off exponentially with full jitter, capped', () => {
    assert.deepEqual([0, 1, 2, 3, 10].map((a) => backoffDelayMs(a, 100, 1000, () => 0.999)), [99, 199, 399, 799, 999]);
    assert.equal(backoffDelayMs(5, 100, 1000, () => 0), 0);
  });

  it('appendLine adds the newline a line lacks', () => {
    const dir = freshDir();
    appendLine(join(dir, 'f'), 'a');
    appendLine(join(dir, 'f'), 'b\n');
    assert.equal(readFileSync(join(dir, 'f'), 'utf8'), 'a\nb\n');
  });
});
