import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { asSessionId, type Session } from '@agent-trace/schema';
import { defaultConfig } from '../config/config.js';
import { payloadDigest } from '../ingest/hooks/payload-digest.js';
import { importTranscripts } from '../ingest/import.js';
import { createPipeline } from '../pipeline/index.js';
import { createPriceBook } from '../pricing/index.js';
import { spoolHookEvent } from '../spool/spool-writer.js';
import { fixturesDir } from '../test-support/paths.js';
import { startHarness, type Harness } from './test/harness.js';

/**
 * One Claude Code session arriving through all three layers (hooks, OTLP log events, its transcript), in
 * every order, must give the same session as its transcript alone: one set of turns and tool calls, usage
 * and cost counted once per model call.
 */
const SESSION = '9b2c4e7a-1f3d-4c55-9a0e-2d6f8b1c3e47';
const TRANSCRIPT_DIR = join(fixturesDir, 'claude-code', 'edge-cases', 'projects', '-home-ana-shop');
const TRANSCRIPT = join(TRANSCRIPT_DIR, `${SESSION}.jsonl`);

interface Line {
  type?: string;
  uuid?: string;
  promptId?: string;
  requestId?: string;
  timestamp?: string;
  cwd?: string;
  isSidechain?: boolean;
  message?: { id?: string; model?: string; content?: unknown; usage?: Record<string, number> };
}

const lines = (): Line[] =>
  readFileSync(TRANSCRIPT, 'utf8')
    .split('\n')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Line];
      } catch {
        return [];
      }
    });

const prices = createPriceBook({});
const pipeline = createPipeline(defaultConfig(), prices, { salt: 'layers-test-salt' });

/** The hook payloads Claude Code would have sent for this session: prompts and tool calls. */
const hookPayloads = (): Array<Record<string, unknown>> => {
  const out: Array<Record<string, unknown>> = [];
  const base = { session_id: SESSION, transcript_path: TRANSCRIPT, cwd: '/home/ana/shop', permission_mode: 'default' };
  let promptId: string | undefined;
  for (const l of lines()) {
    if (l.type === 'user' && l.promptId && typeof l.message?.content === 'string') {
      promptId = l.promptId;
      out.push({ ...base, hook_event_name: 'UserPromptSubmit', prompt_id: promptId, prompt: l.message.content });
    }
    const blocks = Array.isArray(l.message?.content) ? (l.message!.content as Array<Record<string, unknown>>) : [];
    for (const b of blocks) {
      if (b['type'] === 'tool_use' && !l.isSidechain) {
        out.push({ ...base, hook_event_name: 'PreToolUse', prompt_id: promptId, tool_name: b['name'], tool_input: b['input'], tool_use_id: b['id'] });
      }
      if (b['type'] === 'tool_result') {
        const failed = b['is_error'] === true;
        out.push({
          ...base,
          hook_event_name: failed ? 'PostToolUseFailure' : 'PostToolUse',
          prompt_id: promptId,
          tool_name: 'Bash',
          tool_input: {},
          tool_use_id: b['tool_use_id'],
          ...(failed ? { error: 'command failed' } : { tool_response: { stdout: 'ok' } }),
          duration_ms: 1000,
        });
      }
    }
  }
  return out;
};

/** Claude Code's OTel `api_request` log events for the same model calls (final usage, its own cost). */
const otlpLogs = (): unknown => {
  const finals = new Map<string, Line>();
  for (const l of lines()) {
    if (l.type !== 'assistant' || !l.requestId || !l.message?.usage || l.message.model === '<synthetic>') continue;
    const u = l.message.usage;
    const prev = finals.get(l.requestId)?.message?.usage;
    const total = (x: Record<string, number>) => (x['input_tokens'] ?? 0) + (x['output_tokens'] ?? 0) + (x['cache_read_input_tokens'] ?? 0) + (x['cache_creation_input_tokens'] ?? 0);
    if (!prev || total(u) > total(prev)) finals.set(l.requestId, l);
  }
  const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
  const records = [...finals.entries()].map(([requestId, l]) => {
    const u = l.message!.usage!;
    const usage = {
      input: u['input_tokens'] ?? 0,
      output: u['output_tokens'] ?? 0,
      cacheRead: u['cache_read_input_tokens'] ?? 0,
      cacheWrite5m: (u as { cache_creation?: { ephemeral_5m_input_tokens?: number } }).cache_creation?.ephemeral_5m_input_tokens ?? u['cache_creation_input_tokens'] ?? 0,
      cacheWrite1h: (u as { cache_creation?: { ephemeral_1h_input_tokens?: number } }).cache_creation?.ephemeral_1h_input_tokens ?? 0,
      reasoning: 0,
    };
    const cost = prices.cost(l.message!.model!, usage, { at: Date.parse(l.timestamp!) }) ?? 0;
    const timeNs = String(BigInt(Date.parse(l.timestamp!)) * 1_000_000n);
    return {
      timeUnixNano: timeNs,
      observedTimeUnixNano: timeNs,
      body: { stringValue: 'claude_code.api_request' },
      attributes: [
        str('event.name', 'api_request'),
        str('session.id', SESSION),
        str('request_id', requestId),
        str('model', l.message!.model!),
        str('input_tokens', String(usage.input)),
        str('output_tokens', String(usage.output)),
        str('cache_read_tokens', String(usage.cacheRead)),
        str('cache_creation_tokens', String(usage.cacheWrite5m + usage.cacheWrite1h)),
        str('cost_usd', String(cost)),
        str('duration_ms', '1200'),
      ],
    };
  });
  return {
    resourceLogs: [
      {
        resource: { attributes: [str('service.name', 'claude-code'), str('service.version', '2.1.197')] },
        scopeLogs: [{ scope: { name: 'com.anthropic.claude_code.events' }, logRecords: records }],
      },
    ],
  };
};

type Layer = 'transcript' | 'hooks' | 'otlp';

const feed = async (h: Harness, layer: Layer): Promise<void> => {
  if (layer === 'transcript') {
    await importTranscripts({ store: h.store, env: {}, home: h.dir, paths: [TRANSCRIPT], process: (b) => pipeline.process(b) });
    return;
  }
  if (layer === 'otlp') {
    const res = await fetch(`${h.httpUrl}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(otlpLogs()) });
    assert.equal(res.status, 200, await res.text());
    return;
  }
  for (const payload of hookPayloads()) {
    const res = await fetch(`${h.httpUrl}/v1/hooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    assert.equal(res.status, 200, await res.text());
  }
};

const summary = (s: Session | null) => {
  assert.ok(s, 'the session exists');
  const t = s.totals;
  return {
    inputTokens: t.inputTokens,
    outputTokens: t.outputTokens,
    cacheReadTokens: t.cacheReadTokens,
    cacheWriteTokens: t.cacheWriteTokens,
    costUsd: Math.round(t.costUsd * 1e9) / 1e9,
    llmCalls: t.llmCalls,
    toolCalls: t.toolCalls,
    prompts: t.prompts,
    models: s.models,
  };
};

describe('cross-layer merge: hooks + OTLP + transcript = transcript alone', () => {
  const harnesses: Harness[] = [];
  after(async () => {
    for (const h of harnesses) await h.stop();
  });

  const alone = async () => {
    const h = await startHarness();
    harnesses.push(h);
    await feed(h, 'transcript');
    return summary(await h.store.getSession(asSessionId(SESSION)));
  };

  const orders: Layer[][] = [
    ['transcript', 'hooks', 'otlp'],
    ['hooks', 'otlp', 'transcript'],
    ['otlp', 'transcript', 'hooks'],
    ['hooks', 'transcript', 'otlp'],
  ];

  it('gives the same totals, turns and tool calls in any order', async () => {
    const expected = await alone();
    assert.ok(expected.llmCalls > 0 && expected.toolCalls > 0 && expected.prompts > 0);
    for (const order of orders) {
      const h = await startHarness();
      harnesses.push(h);
      for (const layer of order) await feed(h, layer);
      assert.deepEqual(summary(await h.store.getSession(asSessionId(SESSION))), expected, order.join(' → '));
    }
  });

  it('hook events spooled while the collector was down are drained once at start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'agent-trace-spool-'));
    try {
      const payloads = hookPayloads();
      for (const [i, payload] of payloads.entries()) {
        spoolHookEvent(dataDir, { agent: 'claude-code', receivedAtNs: 1_795_000_000_000_000_000n + BigInt(i), payloadDigest: payloadDigest(payload), payload });
      }
      const h = await startHarness({ spoolDir: dataDir });
      harnesses.push(h);
      const deadline = Date.now() + 10_000;
      let session = await h.store.getSession(asSessionId(SESSION));
      while ((session?.totals.toolCalls ?? 0) === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        session = await h.store.getSession(asSessionId(SESSION));
      }
      const tools = hookPayloads().filter((p) => p['hook_event_name'] === 'PreToolUse').length;
      assert.equal(session?.totals.toolCalls, tools);
      // The same events forwarded again (a hook retried after a timeout) are stored once.
      for (const payload of payloads) {
        await fetch(`${h.httpUrl}/v1/hooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      }
      assert.equal((await h.store.getSession(asSessionId(SESSION)))?.totals.toolCalls, tools);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers 400 for a body that is not a hook event, 405 for GET, and keeps working', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const bad = await fetch(`${h.httpUrl}/v1/hooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hello":' });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /not JSON/);
    const notHook = await fetch(`${h.httpUrl}/v1/hooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hello":"world"}' });
    assert.equal(notHook.status, 400);
    assert.equal((await fetch(`${h.httpUrl}/v1/hooks`)).status, 405);
    assert.equal(h.collector.counters.rejected.get('invalid_hook_payload'), 2);
    await feed(h, 'hooks');
    assert.ok(((await h.store.getSession(asSessionId(SESSION)))?.totals.toolCalls ?? 0) > 0);
  });

  it('a source turned off in the configuration is refused with 403, the other still collected', async () => {
    let sources = { otlp: false, hooks: true };
    const h = await startHarness({ accepts: () => sources });
    harnesses.push(h);
    const logs = await fetch(`${h.httpUrl}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(otlpLogs()) });
    assert.equal(logs.status, 403);
    assert.match(((await logs.json()) as { message: string }).message, /collection\.sources\.otlp/);
    await feed(h, 'hooks');
    assert.equal((await h.store.getSession(asSessionId(SESSION)))?.totals.llmCalls, 0, 'no model call came through OTLP');
    sources = { otlp: true, hooks: false };
    const hook = await fetch(`${h.httpUrl}/v1/hooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(hookPayloads()[0]) });
    assert.equal(hook.status, 403);
    await feed(h, 'otlp');
    assert.ok(((await h.store.getSession(asSessionId(SESSION)))?.totals.llmCalls ?? 0) > 0, 'the switch applies per request');
  });
});
