import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoToNano, totalTokens, type Span } from '@agent-trace/schema';
import { llmSpanIdOf, sessionSpanIdOf, subagentSpanIdOf, toolSpanIdOf, traceIdOf, turnSpanIdOf } from './ids.js';
import {
  AGENT_B,
  byType,
  completeLines,
  FILE_A,
  FILE_B,
  FILE_B_AGENT,
  FILE_C,
  mergeLikeStore,
  parseFile,
  parseLines,
  SESSION_A,
  SESSION_B,
  SESSION_C,
} from './test/helpers.js';
import { hasRejectedNull, isSemverPrefix } from './usage-entry.js';

const ns = (iso: string): bigint => isoToNano(iso)!;
const usageSum = (spans: readonly Span[]) =>
  byType(spans, 'llm_call').reduce(
    (acc, s) => ({
      input: acc.input + s.usage!.input,
      output: acc.output + s.usage!.output,
      cacheWrite: acc.cacheWrite + s.usage!.cacheWrite5m + s.usage!.cacheWrite1h,
      cacheRead: acc.cacheRead + s.usage!.cacheRead,
    }),
    { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 },
  );

describe('claude-code parser: session A (turns, tools, errors, dedupe)', () => {
  const { sessions, spans, problems } = parseFile(FILE_A);

  it('builds the session from the envelope', () => {
    assert.equal(sessions.length, 1);
    const s = sessions[0]!;
    assert.equal(s.id, SESSION_A);
    assert.equal(s.traceId, traceIdOf(SESSION_A));
    assert.equal(s.agent, 'claude-code');
    assert.equal(s.agentVersion, '2.1.197');
    assert.equal(s.cwd, '/home/ana/shop');
    assert.equal(s.projectName, 'shop');
    assert.match(s.projectHash!, /^[0-9a-f]{64}$/);
    assert.equal(s.gitBranch, 'main');
    assert.equal(s.title, 'login test fix');
    assert.equal(s.startNs, ns('2026-11-18T10:00:00.000Z'));
    assert.equal(s.endNs, ns('2026-11-18T10:06:40.000Z'));
    assert.equal(s.status, 'completed');
  });

  it('reports the malformed line with its number and skips unknown types silently', () => {
    assert.deepEqual(
      problems.map((p) => [p.file, p.line]),
      [[FILE_A, 9]],
    );
    assert.match(problems[0]!.message, /not valid JSON/);
  });

  it('makes one turn per real prompt; a slash command is one turn, its expansion and an interruption are not', () => {
    const turns = byType(spans, 'turn').sort((a, b) => Number(a.startNs - b.startNs));
    assert.deepEqual(
      turns.map((t) => [t.spanId, t.attributes['turn.kind'], t.startNs]),
      [
        [turnSpanIdOf(SESSION_A, 'p-a-1'), 'prompt', ns('2026-11-18T10:00:00.000Z')],
        [turnSpanIdOf(SESSION_A, 'p-a-2'), 'slash_command', ns('2026-11-18T10:05:00.000Z')],
        [turnSpanIdOf(SESSION_A, 'p-a-3'), 'prompt', ns('2026-11-18T10:06:00.000Z')],
      ],
    );
    assert.equal(turns[1]!.attributes['turn.command'], '/review');
    assert.equal(turns[0]!.endNs, ns('2026-11-18T10:00:20.000Z'));
    assert.equal(turns[2]!.endNs, ns('2026-11-18T10:06:40.000Z'));
    for (const t of turns) assert.equal(t.parentSpanId, sessionSpanIdOf(SESSION_A));
  });

  it('keeps one model call per message, with the larger usage of its duplicated block lines', () => {
    const llm = byType(spans, 'llm_call');
    assert.equal(llm.length, 5);
    const first = llm.find((s) => s.spanId === llmSpanIdOf(SESSION_A, 'msg_01AAAAAAAAAAAAAAAAAAAAA1', 'req_011AAAAAAAAAAAAAAAAAAAA1'))!;
    assert.deepEqual(first.usage, { input: 4, output: 150, cacheRead: 10000, cacheWrite5m: 2000, cacheWrite1h: 0, reasoning: 0 });
    assert.equal(first.startNs, ns('2026-11-18T10:00:04.000Z'), 'the winning line gives the time, as in ccusage');
    const oneHour = llm.find((s) => s.usage!.cacheWrite1h > 0)!;
    assert.deepEqual(oneHour.usage, { input: 6, output: 80, cacheRead: 12000, cacheWrite5m: 0, cacheWrite1h: 3000, reasoning: 0 });
    assert.deepEqual(usageSum(spans), { input: 28, output: 490, cacheWrite: 5500, cacheRead: 52000 });
    for (const s of llm) assert.equal(s.costUsd, null);
  });

  it('pairs tool calls with their results, in order, under the turn', () => {
    const tools = byType(spans, 'tool_call').sort((a, b) => Number(a.startNs - b.startNs));
    const turn1 = turnSpanIdOf(SESSION_A, 'p-a-1');
    assert.deepEqual(
      tools.map((t) => [t.toolName, t.status, t.startNs, t.endNs, t.parentSpanId]),
      [
        ['Read', 'ok', ns('2026-11-18T10:00:04.000Z'), ns('2026-11-18T10:00:05.000Z'), turn1],
        ['Bash', 'error', ns('2026-11-18T10:00:08.000Z'), ns('2026-11-18T10:00:14.000Z'), turn1],
      ],
    );
    assert.equal(tools[0]!.spanId, toolSpanIdOf(SESSION_A, 'toolu_01AAAAAAAAAAAAAAAAAAAAR1'));
  });

  it('turns an API error line into an error span (and a zero-usage <synthetic> call)', () => {
    const [error] = byType(spans, 'error');
    assert.ok(error);
    assert.equal(error.status, 'error');
    assert.match(error.statusMessage!, /^API Error: 529/);
    assert.equal(error.parentSpanId, turnSpanIdOf(SESSION_A, 'p-a-3'));
    const synthetic = byType(spans, 'llm_call').filter((s) => s.model === '<synthetic>');
    assert.equal(synthetic.length, 1);
    assert.equal(totalTokens(synthetic[0]!.usage!), 0);
  });

  it('puts the session span at the root of the trace', () => {
    const [root] = byType(spans, 'session');
    assert.equal(root!.spanId, sessionSpanIdOf(SESSION_A));
    assert.equal(root!.parentSpanId, null);
    for (const s of spans) assert.equal(s.traceId, traceIdOf(SESSION_A));
  });
});

describe('claude-code parser: privacy', () => {
  const secrets = ['Fix the failing login test', 'npm test -- login', "import { login } from '../src/login'", 'Review the file', 'src/login.ts'];

  it('writes no prompt text, tool input or result when content is off', () => {
    for (const file of [FILE_A, FILE_B, FILE_B_AGENT, FILE_C]) {
      const out = parseFile(file, false);
      const json = JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
      for (const s of [...secrets, 'Search the code', 'createSession', '# Hello', 'Draft a blog post']) assert.ok(!json.includes(s), `${s} leaked from ${file}`);
      for (const span of out.spans) for (const key of Object.keys(span.attributes)) assert.ok(!key.startsWith('content.'), key);
    }
  });

  it('puts content into content.* attributes when asked', () => {
    const { spans, sessions } = parseFile(FILE_A, true);
    const turn = byType(spans, 'turn').find((t) => t.attributes['turn.kind'] === 'prompt' && t.attributes['prompt.id'] === 'p-a-1')!;
    assert.equal(turn.attributes['content.prompt'], 'Fix the failing login test');
    const bash = byType(spans, 'tool_call').find((t) => t.toolName === 'Bash')!;
    assert.equal(JSON.parse(bash.attributes['content.tool_input'] as string).command, 'npm test -- login');
    assert.equal(bash.attributes['content.tool_result'], 'Error: 1 test failed');
    assert.equal(sessions[0]!.title, 'login test fix');
    assert.equal(parseFile(FILE_C, true).sessions[0]!.title, 'Draft a blog post');
  });
});

describe('claude-code parser: sub-agents and sidechains (session B)', () => {
  it('links the sub-agent under the Task tool call from the main file', () => {
    const { spans } = parseFile(FILE_B);
    const task = toolSpanIdOf(SESSION_B, 'toolu_01BBBBBBBBBBBBBBBBBBBBT1');
    const [sub] = byType(spans, 'subagent');
    assert.equal(sub!.spanId, subagentSpanIdOf(SESSION_B, AGENT_B));
    assert.equal(sub!.parentSpanId, task);
    assert.equal(sub!.attributes['subagent.type'], 'Explore');
    assert.equal(sub!.attributes['subagent.tool_uses'], 1);
    assert.equal(sub!.startNs, ns('2026-11-19T14:00:03.000Z'));
    assert.equal(sub!.endNs, ns('2026-11-19T14:01:00.000Z'));
  });

  it('counts a /btw sidechain replay of a main-thread message once, and makes no turn of the side question', () => {
    const { spans } = parseFile(FILE_B);
    const opus = byType(spans, 'llm_call').filter((s) => s.model === 'claude-opus-4-1-20250805');
    assert.equal(opus.length, 3);
    assert.deepEqual(usageSum(opus), { input: 32, output: 132, cacheWrite: 4200, cacheRead: 8200 });
    assert.equal(byType(spans, 'turn').length, 1);
  });

  it('puts the sub-agent file under the sub-agent span, with its own model', () => {
    const { spans, sessions } = parseFile(FILE_B_AGENT);
    assert.equal(sessions[0]!.id, SESSION_B, 'a sub-agent file belongs to the parent session');
    const sub = subagentSpanIdOf(SESSION_B, AGENT_B);
    const [subSpan] = byType(spans, 'subagent');
    assert.equal(subSpan!.model, 'claude-haiku-4-5-20251001');
    assert.equal(subSpan!.parentSpanId, null, 'the main file supplies the parent');
    assert.equal(byType(spans, 'turn').length, 0);
    const children = spans.filter((s) => s.type === 'llm_call' || s.type === 'tool_call');
    assert.equal(children.length, 3);
    for (const s of children) assert.equal(s.parentSpanId, sub);
    assert.deepEqual(usageSum(spans), { input: 50, output: 105, cacheWrite: 25400, cacheRead: 25000 });
  });
});

describe('claude-code parser: session C (duplicates, dropped lines, costUSD)', () => {
  const { spans, sessions } = parseFile(FILE_C);

  it('takes its session from the lines; a summary title is content, left out by default', () => {
    assert.deepEqual(
      sessions.map((s) => [s.id, s.projectName, s.title ?? null, s.startNs, s.endNs]),
      [[SESSION_C, 'blog', null, ns('2026-11-20T23:30:00.000Z'), ns('2026-11-20T23:59:59.500Z')]],
    );
  });

  it('counts an exact duplicate line once and keeps the reported cost', () => {
    const llm = byType(spans, 'llm_call');
    assert.equal(llm.length, 2);
    assert.deepEqual(usageSum(spans), { input: 10, output: 325, cacheWrite: 1000, cacheRead: 5000 });
    const write = llm.find((s) => s.usage!.cacheWrite1h === 1000)!;
    assert.equal(write.reportedCostUsd, 0.0421);
  });

  it('keeps the tool call of a line whose usage ccusage drops (non-semver version)', () => {
    const tools = byType(spans, 'tool_call').map((t) => [t.toolName, t.status]);
    assert.deepEqual(tools.sort(), [
      ['Edit', 'ok'],
      ['Write', 'ok'],
    ]);
  });
});

describe('claude-code parser: incremental chunks', () => {
  it('gives the same records whatever the chunk boundaries', () => {
    for (const file of [FILE_A, FILE_B, FILE_C]) {
      const lines = completeLines(file);
      const whole = mergeLikeStore(parseLines(file, lines).spans);
      for (let cut = 1; cut < lines.length; cut++) {
        const first = parseLines(file, lines.slice(0, cut));
        const second = parseLines(file, lines.slice(cut), { state: first.state, firstLine: cut + 1 });
        const merged = mergeLikeStore([...first.spans, ...second.spans]);
        assert.deepEqual([...merged.keys()].sort(), [...whole.keys()].sort(), `${file} cut at ${cut}`);
        for (const [id, span] of whole) {
          const got = merged.get(id)!;
          assert.deepEqual(
            [got.type, got.parentSpanId, got.startNs, got.endNs, got.status, got.usage, got.toolName],
            [span.type, span.parentSpanId, span.startNs, span.endNs, span.status, span.usage, span.toolName],
            `${file} cut at ${cut}: ${span.type} ${span.name}`,
          );
        }
        assert.deepEqual(
          second.problems.map((p) => p.line),
          parseLines(file, lines).problems.map((p) => p.line).filter((l) => l! > cut),
        );
      }
    }
  });
});

describe('claude-code usage rules (ccusage 20)', () => {
  it('recognises CLI versions the way ccusage does', () => {
    assert.ok(isSemverPrefix('2.1.197'));
    assert.ok(isSemverPrefix('1.0.9-beta'));
    assert.ok(!isSemverPrefix('dev-build'));
    assert.ok(!isSemverPrefix('2.1'));
    assert.ok(!isSemverPrefix('2..1'));
  });

  it('drops lines with a null in one of the watched keys, wherever it is', () => {
    assert.ok(hasRejectedNull('{"message":{"model":null,"usage":{}}}'));
    assert.ok(hasRejectedNull('{"message":{"content":[{"input":{"id":null}}]}}'));
    assert.ok(!hasRejectedNull('{"message":{"stop_reason":null,"usage":{}}}'));
    assert.ok(!hasRejectedNull('{"parentUuid":null}'));
  });

  it('does not count lines ccusage skips, but keeps their tool calls', () => {
    const base = {
      type: 'assistant',
      sessionId: 's1',
      version: '2.1.0',
      requestId: 'r1',
      timestamp: '2026-11-20T10:00:00.000Z',
      message: { id: 'm1', model: 'claude-sonnet-4-5-20250929', content: [], usage: { input_tokens: 10, output_tokens: 1 } },
    };
    const variants = [
      { ...base, requestId: '' },
      { ...base, message: { ...base.message, model: '' } },
      { ...base, message: { ...base.message, usage: { input_tokens: 10, output_tokens: 1, speed: 'turbo' } } },
      { ...base, message: { ...base.message, usage: { input_tokens: -1, output_tokens: 1 } } },
      { ...base, message: { ...base.message, content: [{ type: 'tool_use', id: 'toolu_x', name: 'Read', input: { id: null } }] } },
    ];
    for (const v of variants) {
      const { spans } = parseLines('/x/projects/p/s1.jsonl', [JSON.stringify(v)]);
      assert.equal(byType(spans, 'llm_call').length, 0, JSON.stringify(v));
    }
    const kept = parseLines('/x/projects/p/s1.jsonl', [JSON.stringify(variants[4])]);
    assert.equal(byType(kept.spans, 'tool_call').length, 1);
    const spaced = JSON.stringify(base).replace('"usage":{', '"usage": {');
    assert.equal(byType(parseLines('/x/projects/p/s1.jsonl', [spaced]).spans, 'llm_call').length, 0, 'no "usage":{ marker');
  });

  it('counts every line without a message id separately', () => {
    const line = JSON.stringify({
      type: 'assistant',
      sessionId: 's1',
      timestamp: '2026-11-20T10:00:00.000Z',
      message: { model: 'claude-sonnet-4-5-20250929', content: [], usage: { input_tokens: 7, output_tokens: 1 } },
    });
    const { spans } = parseLines('/x/projects/p/s1.jsonl', [line, line]);
    assert.equal(byType(spans, 'llm_call').length, 2);
  });

  it('reports JSON of the wrong shape', () => {
    const { problems } = parseLines('/x/p/s.jsonl', ['[1,2]', '{"type":"user","timestamp":"2026-11-20T10:00:00Z"}', '{"type":"assistant","message":{}}']);
    assert.deepEqual(
      problems.map((p) => [p.line, p.message]),
      [
        [1, 'not a transcript line: expected a JSON object with a string "type"'],
        [2, 'user line without a "message" object'],
        [3, 'assistant line without a valid "timestamp"'],
      ],
    );
  });
});
