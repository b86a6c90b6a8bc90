import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { asSessionId } from '@agent-trace/schema';
import { createBatchRedactor } from '../../../pipeline/redact.js';
import { drainSpool } from '../../../spool/drain.js';
import { spoolPaths } from '../../../spool/spool-paths.js';
import { SqliteStore } from '../../../store/sqlite/sqlite-store.js';
import { fixturesDir } from '../../../test-support/paths.js';
import { claudeToolSpanId, claudeTurnSpanId } from '../../correlation.js';
import { mapSpooledEvents } from '../map-spooled-events.js';
import { closedPortUrl, startCollectorStandIn, startHangingServer, type StandIn } from './test/collector-stand-in.js';
import { runHookProcess } from './test/run-hook-process.js';

const SID = '7c1e9a52-3b4d-4f6e-8a90-1b2c3d4e5f60';
const PID = '0f3e2d1c-aaaa-4bbb-8ccc-123456789abc';
const fixture = (name: string): string => readFileSync(join(fixturesDir, 'hooks', 'claude-code', `${name}.json`), 'utf8');
const SEQUENCE = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'Stop', 'SessionEnd'];

const root = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => join(root, `case-${++n}`);
const readLines = (path: string): string[] => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : []);

/** Drains through the real mapper, redactor and store, as the collector does at start-up. */
const drainInto = (dataDir: string, store: SqliteStore) => {
  const redact = createBatchRedactor({ tier: 1, salt: 'test-salt' });
  return drainSpool(
    dataDir,
    async (events) => {
      const { batch, rejected } = mapSpooledEvents(events);
      await store.write(redact(batch));
      return { rejected };
    },
    { graceMs: 1, baseDelayMs: 1 },
  );
};

describe('agent-trace hook → collector → SQLite store', () => {
  let store: SqliteStore;
  let collector: StandIn;
  before(async () => {
    store = SqliteStore.open(join(root, 'collector.db'));
    collector = await startCollectorStandIn(store);
  });
  after(async () => {
    await collector.close();
    await store.close();
  });

  it('forwards each event; the store holds the session, its turn and its tool calls; nothing on stdout, exit 0', async () => {
    const dataDir = freshDir();
    for (const name of SEQUENCE) {
      const r = await runHookProcess(fixture(name), { AGENT_TRACE_HOME: dataDir, AGENT_TRACE_URL: collector.url });
      assert.deepEqual([r.status, r.stdout, r.stderr], [0, '', ''], name);
    }
    assert.equal(existsSync(spoolPaths(dataDir).spool), false, 'nothing spooled');
    const session = await store.getSession(asSessionId(SID));
    assert.equal(session?.status, 'completed');
    // The cwd is kept only with privacy.keepProjectNames; the project is its salted hash.
    assert.equal(session?.cwd, null);
    assert.match(session?.projectHash ?? '', /^[0-9a-f]{64}$/);
    assert.equal(session?.totals.toolCalls, 2);
    assert.equal(session?.totals.prompts, 1);
    const spans = await store.getSpans(asSessionId(SID));
    const bash = spans.find((s) => s.spanId === claudeToolSpanId(SID, 'toolu_01Q7abcDEF'));
    assert.deepEqual([bash?.status, bash?.toolName, bash?.endNs !== null], ['ok', 'Bash', true]);
    assert.ok(bash && bash.startNs < bash.endNs!, 'the tool span starts at PreToolUse and ends at PostToolUse');
    assert.equal(bash?.attributes['content.tool_input'], undefined, 'tier 1 keeps no content');
    const turn = spans.find((s) => s.spanId === claudeTurnSpanId(SID, PID));
    assert.equal(turn?.status, 'ok');
    assert.equal(spans.find((s) => s.toolName === 'Read')?.statusMessage, 'not_found');
  });

  it('spools when the collector is down (content stripped), then a drain writes each event once, even drained twice', async () => {
    const dataDir = freshDir();
    const down = await closedPortUrl();
    for (const name of SEQUENCE) {
      const r = await runHookProcess(fixture(name).replaceAll(SID, 'spool-session'), { AGENT_TRACE_HOME: dataDir, AGENT_TRACE_URL: down });
      assert.deepEqual([r.status, r.stdout], [0, ''], name);
    }
    const paths = spoolPaths(dataDir);
    const spooled = readFileSync(paths.spool, 'utf8');
    assert.equal(readLines(paths.spool).length, SEQUENCE.length);
    assert.ok(!spooled.includes('npm test') && !spooled.includes('Fix the failing checkout test'), 'no content in the spool');
    const copy = spooled;

    const first = await drainInto(dataDir, store);
    assert.deepEqual([first.sent, first.deadLettered, first.incomplete], [SEQUENCE.length, 0, false]);
    assert.equal(existsSync(paths.spool) || existsSync(paths.draining), false, 'spool removed after the drain');
    const sid = asSessionId('spool-session');
    const afterFirst = await store.getSpans(sid);
    const sessionAfterFirst = await store.getSession(sid);

    writeFileSync(paths.spool, copy, { mode: 0o600 });
    const second = await drainInto(dataDir, store);
    assert.equal(second.sent, SEQUENCE.length);
    const afterSecond = await store.getSpans(sid);
    assert.deepEqual(afterSecond, afterFirst, 'a second drain of the same events changes nothing');
    assert.equal(sessionAfterFirst?.totals.toolCalls, 2);
    assert.deepEqual((await store.getSession(sid))?.totals, sessionAfterFirst?.totals);
    assert.equal(sessionAfterFirst?.status, 'completed');
  });

  it('dead-letters input that is not JSON, exits 0, prints nothing', async () => {
    const dataDir = freshDir();
    const before = collector.requests;
    const r = await runHookProcess('{"session_id": "s", oops', { AGENT_TRACE_HOME: dataDir, AGENT_TRACE_URL: collector.url });
    assert.deepEqual([r.status, r.stdout, r.stderr], [0, '', '']);
    const [letter] = readLines(spoolPaths(dataDir).deadLetter).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.match(String(letter?.['reason']), /^not JSON: .* at line 1 column 21$/);
    assert.ok(!JSON.stringify(letter).includes('oops'), 'the raw input is not kept');
    assert.equal(typeof letter?.['time'], 'string');
    assert.equal(collector.requests, before, 'nothing sent');
    assert.equal(existsSync(spoolPaths(dataDir).spool), false);
  });

  it('dead-letters what the collector rejects (400) instead of spooling it', async () => {
    const dataDir = freshDir();
    const payload = JSON.stringify({ session_id: 's', hook_event_name: 'SubagentStart' });
    const r = await runHookProcess(payload, { AGENT_TRACE_HOME: dataDir, AGENT_TRACE_URL: collector.url });
    assert.equal(r.status, 0);
    const [letter] = readLines(spoolPaths(dataDir).deadLetter).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.match(String(letter?.['reason']), /collector rejected it \(400\).*agent_id/);
  });

  it('gives up on a collector that accepts the connection but never answers: spools and exits 0', async () => {
    const hanging = await startHangingServer();
    try {
      const dataDir = freshDir();
      const r = await runHookProcess(fixture('PreToolUse'), { AGENT_TRACE_HOME: dataDir, AGENT_TRACE_URL: hanging.url });
      assert.deepEqual([r.status, r.signal, r.stdout], [0, null, ''], 'exited by itself, with 0');
      assert.ok(hanging.connections >= 1, 'it did connect');
      assert.equal(readLines(spoolPaths(dataDir).spool).length, 1, 'the event is spooled');
    } finally {
      await hanging.close();
    }
  });

  it('leaves a drain it cannot finish for the next one, without losing events', async () => {
    const dataDir = freshDir();
    const down = await closedPortUrl();
    await runHookProcess(fixture('PreToolUse').replaceAll(SID, 'retry-session'), { AGENT_TRACE_HOME: dataDir, AGENT_TRACE_URL: down });
    let calls = 0;
    const failing = await drainSpool(
      dataDir,
      async () => {
        calls++;
        throw new Error('store busy');
      },
      { graceMs: 1, baseDelayMs: 1, maxAttempts: 3 },
    );
    assert.deepEqual([failing.incomplete, failing.sent, failing.lastError, calls], [true, 0, 'store busy', 3]);
    assert.ok(existsSync(spoolPaths(dataDir).draining));
    await runHookProcess(fixture('PostToolUse').replaceAll(SID, 'retry-session'), { AGENT_TRACE_HOME: dataDir, AGENT_TRACE_URL: down });
    const ok = await drainInto(dataDir, store);
    assert.deepEqual([ok.sent, ok.incomplete], [2, false]);
    assert.deepEqual(readdirSync(dataDir).filter((f) => f.startsWith('hook-spool')), []);
    const span = (await store.getSpans(asSessionId('retry-session'))).find((s) => s.type === 'tool_call');
    assert.equal(span?.status, 'ok');
  });
});
