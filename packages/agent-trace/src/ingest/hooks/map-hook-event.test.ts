import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Attributes } from '@agent-trace/schema';
import { LogRecord, Span } from '@agent-trace/schema/validators';
import { fixturesDir } from '../../test-support/paths.js';
import type { WriteBatch } from '../../store/types.js';
import { claudeSessionSpanId, claudeSubagentSpanId, claudeToolSpanId, claudeTraceId, claudeTurnSpanId } from '../correlation.js';
import { CONTENT_FIELDS, stripContent } from './content-fields.js';
import { CLAUDE_HOOK_EVENTS } from './event-names.js';
import { HookPayloadError } from './hook-payload-error.js';
import { mapHookEvent } from './map-hook-event.js';
import { payloadDigest } from './payload-digest.js';

const dir = join(fixturesDir, 'hooks', 'claude-code');
const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Record<string, unknown>;
const T0 = 1_795_000_000_000_000_000n;
const map = (payload: unknown, at = T0): WriteBatch => mapHookEvent(payload, { receivedAtNs: at });
const onlySpan = (batch: WriteBatch): Span => {
  assert.equal(batch.spans?.length, 1, 'one span');
  return batch.spans[0]!;
};

const withoutContent = (attrs: Attributes): Attributes => Object.fromEntries(Object.entries(attrs).filter(([k]) => !k.startsWith('content.')));
/** The batch as the store would see it at privacy tier 1: every content.* attribute gone. */
const metadataOnly = (batch: WriteBatch): string =>
  JSON.stringify(
    {
      sessions: batch.sessions,
      spans: batch.spans?.map((s) => ({ ...s, attributes: withoutContent(s.attributes), events: s.events.map((e) => ({ ...e, attributes: withoutContent(e.attributes) })) })),
      logs: batch.logs?.map((l) => ({ ...l, fields: withoutContent(l.fields) })),
    },
    (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
  );

/**
 * Every string of ≥ 6 characters inside a payload's content fields (in PostToolBatch's calls, their inputs and
 * responses), except values the payload also carries as metadata (a CwdChanged old_cwd equal to cwd).
 */
const contentStrings = (payload: Record<string, unknown>): string[] => {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && v.length >= 6) out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  for (const [k, v] of Object.entries(payload)) {
    if (k === 'tool_calls' && Array.isArray(v)) {
      for (const call of v as Array<Record<string, unknown>>) walk([call['tool_input'], call['tool_response']]);
    } else if (CONTENT_FIELDS.has(k) && !(payload['hook_event_name'] === 'SessionEnd' && k === 'reason')) walk(v);
  }
  return out.filter((text) => text !== payload['cwd']);
};

describe('mapHookEvent', () => {
  const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));

  it('has a fixture for every one of the 33 events', () => {
    assert.equal(CLAUDE_HOOK_EVENTS.length, 33);
    for (const name of CLAUDE_HOOK_EVENTS) assert.ok(fixtures.includes(name), `fixtures/hooks/claude-code/${name}.json`);
  });

  for (const name of fixtures) {
    it(`maps ${name} to valid records, with content only under content.*`, () => {
      const payload = load(name);
      const batch = map(payload);
      assert.ok((batch.spans?.length ?? 0) + (batch.logs?.length ?? 0) > 0, 'produces a span or a log');
      for (const s of batch.spans ?? []) {
        Span.parse(s);
        assert.equal(s.source, 'hook');
        assert.equal(s.traceId, claudeTraceId(payload['session_id'] as string));
      }
      for (const l of batch.logs ?? []) LogRecord.parse(l);
      assert.equal(batch.sessions?.[0]?.id, payload['session_id']);
      const metadata = metadataOnly(batch);
      for (const text of contentStrings(payload)) assert.ok(!metadata.includes(JSON.stringify(text)), `content ${JSON.stringify(text)} outside content.*`);
    });
  }

  it('PreToolUse starts the tool span that PostToolUse ends, with the transcript/OTel tool span id', () => {
    const pre = onlySpan(map(load('PreToolUse'), T0));
    const post = onlySpan(map(load('PostToolUse'), T0 + 5_000_000_000n));
    const sid = '7c1e9a52-3b4d-4f6e-8a90-1b2c3d4e5f60';
    assert.equal(pre.spanId, claudeToolSpanId(sid, 'toolu_01Q7abcDEF'));
    assert.equal(post.spanId, pre.spanId);
    assert.equal(pre.parentSpanId, claudeTurnSpanId(sid, '0f3e2d1c-aaaa-4bbb-8ccc-123456789abc'));
    assert.deepEqual([pre.type, pre.status, pre.endNs, pre.toolName, pre.name], ['tool_call', 'unset', null, 'Bash', 'execute_tool Bash']);
    assert.equal(post.status, 'ok');
    assert.equal(post.endNs, T0 + 5_000_000_000n);
    assert.equal(post.startNs, T0 + 5_000_000_000n - 4_210_000_000n, 'start = end - duration_ms');
    assert.equal(post.attributes['tool.duration_ms'], 4210);
    assert.equal(post.attributes['permission.mode'], 'default');
    assert.equal(pre.attributes['effort.level'], 'high');
    assert.equal(typeof post.attributes['tool.response_bytes'], 'number');
    assert.equal(pre.attributes['content.tool_input'], JSON.stringify({ command: 'npm test', description: 'Run unit tests' }));
  });

  it('PostToolUseFailure ends the span with an error class as status and the error text as content', () => {
    const span = onlySpan(map(load('PostToolUseFailure')));
    assert.equal(span.status, 'error');
    assert.equal(span.statusMessage, 'not_found');
    assert.equal(span.attributes['error.type'], 'not_found');
    assert.equal(span.attributes['tool.is_interrupt'], false);
    assert.match(String(span.attributes['content.error']), /does not exist/);
    const interrupted = onlySpan(map({ ...load('PostToolUseFailure'), is_interrupt: true }));
    assert.equal(interrupted.statusMessage, 'interrupted');
  });

  it('PostToolBatch ends each call of the batch', () => {
    const batch = map(load('PostToolBatch'));
    assert.deepEqual(
      batch.spans?.map((s) => [s.toolName, s.endNs, s.status]),
      [
        ['Bash', T0, 'unset'],
        ['Grep', T0, 'unset'],
      ],
    );
  });

  it('UserPromptSubmit opens the turn of its prompt_id and Stop ends it; StopFailure ends it with an error', () => {
    const sid = '7c1e9a52-3b4d-4f6e-8a90-1b2c3d4e5f60';
    const turnId = claudeTurnSpanId(sid, '0f3e2d1c-aaaa-4bbb-8ccc-123456789abc');
    const start = onlySpan(map(load('UserPromptSubmit')));
    const stop = onlySpan(map(load('Stop'), T0 + 9n));
    const failed = onlySpan(map(load('StopFailure'), T0 + 9n));
    assert.deepEqual([start.spanId, start.type, start.endNs, start.parentSpanId], [turnId, 'turn', null, claudeSessionSpanId(sid)]);
    assert.equal(start.attributes['prompt.chars'], 'Fix the failing checkout test'.length);
    assert.deepEqual([stop.spanId, stop.endNs, stop.status], [turnId, T0 + 9n, 'ok']);
    assert.deepEqual([failed.spanId, failed.status, failed.statusMessage], [turnId, 'error', 'rate_limited']);
  });

  it('a turn event without a prompt_id is kept as a log record', () => {
    const { prompt_id: _drop, ...payload } = load('Stop');
    const batch = map(payload);
    assert.equal(batch.spans, undefined);
    assert.equal(batch.logs?.[0]?.eventName, 'Stop');
  });

  it('SessionStart and SessionEnd upsert the session: start and running, then end and completed', () => {
    const start = map(load('SessionStart'));
    const end = map(load('SessionEnd'), T0 + 60n);
    assert.deepEqual(
      { ...start.sessions?.[0], projectHash: undefined },
      { id: '7c1e9a52-3b4d-4f6e-8a90-1b2c3d4e5f60', traceId: claudeTraceId('7c1e9a52-3b4d-4f6e-8a90-1b2c3d4e5f60'), agent: 'claude-code', cwd: '/home/ana/shop', projectName: 'shop', projectHash: undefined, startNs: T0, status: 'running' },
    );
    assert.match(String(start.sessions?.[0]?.projectHash), /^[0-9a-f]{64}$/);
    assert.equal(onlySpan(start).attributes['session.model'], 'claude-sonnet-4-5-20250929');
    assert.equal(onlySpan(start).attributes['session.source'], 'startup');
    assert.deepEqual([end.sessions?.[0]?.endNs, end.sessions?.[0]?.status], [T0 + 60n, 'completed']);
    assert.equal(onlySpan(end).attributes['session.end_reason'], 'prompt_input_exit');
  });

  it('SubagentStart/SubagentStop are one subagent span keyed by agent_id', () => {
    const sid = '7c1e9a52-3b4d-4f6e-8a90-1b2c3d4e5f60';
    const start = onlySpan(map(load('SubagentStart')));
    const stop = onlySpan(map(load('SubagentStop'), T0 + 3n));
    assert.equal(start.spanId, claudeSubagentSpanId(sid, 'a1b2c3d4e5f6'));
    assert.equal(stop.spanId, start.spanId);
    assert.equal(start.attributes['subagent.type'], 'general-purpose');
    assert.deepEqual([stop.endNs, stop.status], [T0 + 3n, 'ok']);
    const inside = onlySpan(map(load('PreToolUse.in-subagent')));
    assert.equal(inside.parentSpanId, start.spanId, 'a tool call inside a sub-agent hangs under it');
  });

  it('idle notifications are idle spans, other notifications log records', () => {
    assert.equal(onlySpan(map(load('Notification'))).type, 'idle');
    const other = map(load('Notification.permission_prompt'));
    assert.equal(other.spans, undefined);
    assert.equal(other.logs?.[0]?.fields['hook.notification_type'], 'permission_prompt');
  });

  it('permission events are decision spans; a denial also ends the tool call with an error', () => {
    assert.equal(onlySpan(map(load('PermissionRequest'))).type, 'decision');
    const denied = map(load('PermissionDenied'));
    assert.deepEqual(
      denied.spans?.map((s) => [s.type, s.status, s.statusMessage]),
      [
        ['decision', 'ok', null],
        ['tool_call', 'error', 'permission_denied'],
      ],
    );
  });

  it('PreCompact and PostCompact open and close one checkpoint span', () => {
    const pre = onlySpan(map(load('PreCompact')));
    const post = onlySpan(map(load('PostCompact'), T0 + 7n));
    assert.equal(pre.type, 'checkpoint');
    assert.equal(post.spanId, pre.spanId);
    assert.equal(post.endNs, T0 + 7n);
  });

  it('keeps an event name it does not know, with identifiers as metadata and free text as content', () => {
    const log = map(load('FutureEvent.unknown')).logs?.[0];
    assert.equal(log?.eventName, 'BrandNewEvent');
    assert.equal(log?.fields['hook.widget_id'], 'w-1');
    assert.equal(log?.fields['hook.count'], 3);
    assert.equal(log?.fields['hook.note'], undefined);
    assert.equal(log?.fields['content.note'], 'free text the ingester has never seen');
  });

  it('gives a re-delivered event the same ids, and a spooled (content-stripped) copy too', () => {
    for (const name of ['PermissionRequest', 'Notification', 'MessageDisplay', 'PostToolUse']) {
      const payload = load(name);
      const direct = map(payload);
      const again = map(JSON.parse(JSON.stringify(payload)));
      const spooled = mapHookEvent(stripContent(payload), { receivedAtNs: T0, payloadDigest: payloadDigest(payload) });
      const ids = (b: WriteBatch) => [...(b.spans ?? []).map((s) => s.spanId), ...(b.logs ?? []).map((l) => l.id)];
      assert.deepEqual(ids(again), ids(direct), name);
      assert.deepEqual(ids(spooled), ids(direct), `${name} spooled`);
      const spooledAttrs = JSON.stringify([...(spooled.spans ?? []).map((s) => s.attributes), ...(spooled.logs ?? []).map((l) => l.fields)]);
      assert.ok(!spooledAttrs.includes('"content.'), `${name}: a stripped payload yields no content`);
    }
    const tool = map(load('PostToolUse'));
    const spooledTool = mapHookEvent(stripContent(load('PostToolUse')), { receivedAtNs: T0 });
    assert.equal(spooledTool.spans?.[0]?.attributes['tool.response_bytes'], tool.spans?.[0]?.attributes['tool.response_bytes'], 'sizes survive stripping');
  });

  it('rejects what is not a hook event object, naming the problem', () => {
    const cases: Array<[unknown, string]> = [
      [null, '(root)'],
      [[1, 2], '(root)'],
      ['PreToolUse', '(root)'],
      [{ hook_event_name: 'Stop' }, 'session_id'],
      [{ session_id: '', hook_event_name: 'Stop' }, 'session_id'],
      [{ session_id: 's' }, 'hook_event_name'],
      [{ session_id: 's', hook_event_name: 'SubagentStart' }, 'agent_id'],
    ];
    for (const [payload, field] of cases) {
      assert.throws(
        () => map(payload),
        (err: unknown) => err instanceof HookPayloadError && err.field === field && err.message.includes(field === '(root)' ? 'JSON object' : field),
        JSON.stringify(payload),
      );
    }
  });
});
