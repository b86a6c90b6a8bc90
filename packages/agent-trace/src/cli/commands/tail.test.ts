import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { mapHookEvent } from '../../ingest/hooks/map-hook-event.js';
import { runTail, type TailOptions } from '../../live/tail-loop.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { usageError } from '../../errors.js';
import { tailCommand } from './tail.js';
import { runCommand } from './test/run-command.js';

const root = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(root, { recursive: true, force: true }));

const T = 1_795_000_000_000_000_000n;
const S = 1_000_000_000n;
const hook = (session: string, name: string, extra: Record<string, unknown>) => ({ session_id: session, hook_event_name: name, cwd: '/w/p', ...extra });

/** Collects lines; `until` waits (a bounded number of polls) for a condition on them. */
const collector = () => {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const until = async (pred: (l: string[]) => boolean): Promise<void> => {
    for (let i = 0; i < 400 && !pred(lines); i++) await sleep(10);
    assert.ok(pred(lines), `condition not met; lines: ${JSON.stringify(lines)}`);
  };
  return { lines, out, until };
};

describe('agent-trace tail', () => {
  it('prints spans that start and end after it starts, filtered by session and type, as text or JSON', async () => {
    const store = SqliteStore.open(join(root, 'tail.db'));
    await store.write(mapHookEvent(hook('old-session', 'PreToolUse', { tool_name: 'Read', tool_use_id: 'toolu_old' }), { receivedAtNs: T }));
    const all = collector();
    const tools = collector();
    const json = collector();
    const stop = new AbortController();
    const base: Omit<TailOptions, 'filter' | 'json'> = { intervalMs: 5, sinceNs: T + S, signal: stop.signal };
    const loops = [
      runTail(store, all.out, { ...base, filter: {}, json: false }),
      runTail(store, tools.out, { ...base, filter: { session: 'live', type: 'tool_call' }, json: false }),
      runTail(store, json.out, { ...base, filter: { session: 'other' }, json: true }),
    ];
    try {
      await sleep(30);
      await store.write(mapHookEvent(hook('live-session', 'UserPromptSubmit', { prompt_id: 'p1', prompt: 'hi' }), { receivedAtNs: T + 2n * S }));
      await store.write(mapHookEvent(hook('live-session', 'PreToolUse', { prompt_id: 'p1', tool_name: 'Bash', tool_use_id: 'toolu_1' }), { receivedAtNs: T + 3n * S }));
      await all.until((l) => l.some((x) => x.includes('execute_tool Bash  started')));
      await store.write(mapHookEvent(hook('live-session', 'PostToolUse', { prompt_id: 'p1', tool_name: 'Bash', tool_use_id: 'toolu_1', duration_ms: 1500 }), { receivedAtNs: T + 5n * S }));
      await store.write(mapHookEvent(hook('other-session', 'SubagentStart', { agent_id: 'ag1', agent_type: 'Explore' }), { receivedAtNs: T + 6n * S }));
      await all.until((l) => l.some((x) => x.includes('execute_tool Bash  ok 2.0s')));
      await tools.until((l) => l.length === 2);
      await json.until((l) => l.length === 1);
    } finally {
      stop.abort();
      await Promise.all(loops);
    }
    assert.ok(!all.lines.some((l) => l.includes('old-session'.slice(0, 8)) || l.includes('toolu_old')), 'nothing from before the start');
    assert.ok(all.lines.some((l) => /^\d\d:\d\d:\d\d\.\d{3} {2}live-ses {2}turn {8}turn {2}started {2}\[hook\]$/.test(l)), JSON.stringify(all.lines));
    assert.deepEqual(
      tools.lines.map((l) => l.split(/ {2,}/).slice(1, 5)),
      [
        ['live-ses', 'tool_call', 'execute_tool Bash', 'started'],
        ['live-ses', 'tool_call', 'execute_tool Bash', 'ok 2.0s'],
      ],
    );
    const parsed = JSON.parse(json.lines[0]!) as { change: string; span: { type: string; name: string } };
    assert.deepEqual([parsed.change, parsed.span.type, parsed.span.name], ['start', 'subagent', 'invoke_agent']);
    await store.close();
  });

  it('refuses an unknown span type', async () => {
    await assert.rejects(runCommand(tailCommand, ['--type', 'banana'], { dataDir: join(root, 'd') }), (err: Error) => err.message === usageError(`--type must be one of session, turn, llm_call, tool_call, subagent, decision, error, checkpoint, idle, custom; got 'banana'`).message);
  });
});
