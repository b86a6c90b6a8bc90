import { asSessionId, deriveSpanId, deriveTraceId, makeSpan, msToNano, ZERO_USAGE, type Span, type SpanStatus } from '@agent-trace/schema';
import type { SessionUpsert, WriteBatch } from '../store/types.js';
import { SeededRandom } from './seeded-random.js';

/**
 * Synthetic sessions written straight to a store: a session span, turns (one per prompt), model calls with
 * token usage, tool calls with input and result, sub-agents with their own calls, some errors. Used by
 * `serve --demo` and by the benchmarks (a 20,000-span session, a million-span store).
 */
export interface SyntheticSessionSpec {
  id: string;
  seed: number;
  startMs: number;
  /** Approximate number of spans (at least one turn is made). */
  spans: number;
  project: string;
  user: string;
  models: readonly string[];
  /** Leave the session running: no end time, and the last turn still open. */
  running?: boolean;
  /** Put prompt, tool input and result text into `content.*` attributes. */
  content?: boolean;
}

const TOOLS = ['Read', 'Edit', 'Bash', 'Grep', 'Glob', 'Write', 'WebFetch', 'TodoWrite'] as const;
const PROMPTS = [
  'Add pagination to the orders endpoint and cover it with tests',
  'Why does the checkout test fail on CI but not locally?',
  'Refactor the price calculation into its own module',
  'Write a migration that adds an index on orders.created_at',
  'Explain what the retry wrapper in http/client.ts does',
  'Fix the flaky date test in the report generator',
  'Update the README with the new configuration options',
  'Find every place that reads the environment at import time',
];
const FILES = ['src/orders/list.ts', 'src/checkout/cart.ts', 'test/orders.test.ts', 'src/prices/calc.ts', 'README.md', 'src/http/client.ts'];

const MS = 1_000_000n;

const toolInput = (tool: string, rng: SeededRandom): Record<string, unknown> => {
  const file = rng.pick(FILES);
  switch (tool) {
    case 'Bash':
      return { command: rng.pick(['npm test', 'git status', 'npm run build', 'ls -la src', 'node --test test/orders.test.ts']) };
    case 'Grep':
      return { pattern: rng.pick(['process.env', 'TODO', 'createdAt', 'retry']), path: 'src' };
    case 'Glob':
      return { pattern: '**/*.test.ts' };
    case 'WebFetch':
      return { url: 'https://example.com/docs/pagination' };
    case 'TodoWrite':
      return { todos: [{ content: 'write the test', status: 'in_progress' }] };
    default:
      return { file_path: file };
  }
};

export const syntheticSession = (spec: SyntheticSessionSpec): WriteBatch => {
  const rng = new SeededRandom(spec.seed);
  const sessionId = asSessionId(spec.id);
  const traceId = deriveTraceId('synthetic', spec.id);
  const spanId = (key: string) => deriveSpanId('synthetic', spec.id, key);
  const spans: Span[] = [];
  let clock = spec.startMs;
  let n = 0;
  const make = (key: string, fields: Partial<Span> & Pick<Span, 'type' | 'name'>, startMs: number, durMs: number | null, status: SpanStatus = 'ok'): Span => {
    const span = makeSpan({
      traceId,
      spanId: spanId(key),
      parentSpanId: null,
      sessionId,
      startNs: msToNano(startMs),
      endNs: durMs === null ? null : msToNano(startMs + durMs),
      status,
      source: 'sdk',
      ...fields,
    });
    spans.push(span);
    n++;
    return span;
  };
  const root = make('session', { type: 'session', name: 'session' }, spec.startMs, null);
  const model = (): string => rng.pick(spec.models);
  const llm = (key: string, parent: string, at: number): number => {
    const dur = rng.int(800, 9000);
    const input = rng.int(20, 4000);
    make(
      key,
      {
        type: 'llm_call',
        name: 'chat',
        parentSpanId: parent as Span['spanId'],
        model: model(),
        usage: { ...ZERO_USAGE, input, output: rng.int(50, 1500), cacheRead: rng.int(0, 60_000), cacheWrite5m: rng.chance(0.3) ? rng.int(100, 8000) : 0 },
      },
      at,
      dur,
    );
    return at + dur;
  };
  const tool = (key: string, parent: string, at: number): number => {
    const name = rng.pick(TOOLS);
    const failed = rng.chance(0.06);
    const dur = name === 'Bash' ? rng.int(200, 20_000) : rng.int(5, 600);
    const input = toolInput(name, rng);
    const attributes: Span['attributes'] = { tool_use_id: `toolu_${spanId(key)}` };
    if (spec.content) {
      attributes['content.tool_input'] = JSON.stringify(input);
      attributes['content.tool_result'] = failed ? 'Error: command exited with code 1' : `ok: ${name} finished (${rng.int(1, 400)} lines)`;
    }
    make(key, { type: 'tool_call', name, toolName: name, parentSpanId: parent as Span['spanId'], attributes, statusMessage: failed ? 'tool failed' : null }, at, dur, failed ? 'error' : 'ok');
    return at + dur;
  };
  let turn = 0;
  let last = spec.startMs;
  while (n < spec.spans || turn === 0) {
    turn++;
    const turnKey = `turn-${turn}`;
    const turnStart = clock;
    const prompt = rng.pick(PROMPTS);
    const turnSpan = make(turnKey, { type: 'turn', name: `prompt ${turn}`, parentSpanId: root.spanId, attributes: spec.content ? { 'content.prompt': prompt } : {} }, turnStart, 0);
    let t = turnStart + rng.int(50, 300);
    const steps = rng.int(2, 12);
    for (let step = 0; step < steps && n < spec.spans; step++) {
      t = llm(`${turnKey}-llm-${step}`, turnSpan.spanId, t);
      if (rng.chance(0.05)) {
        const subKey = `${turnKey}-sub-${step}`;
        const sub = make(subKey, { type: 'subagent', name: 'Task', parentSpanId: turnSpan.spanId, attributes: { 'subagent.type': rng.pick(['Explore', 'general-purpose']) } }, t, 0);
        let st = t + 20;
        for (let k = 0; k < rng.int(2, 5); k++) {
          st = llm(`${subKey}-llm-${k}`, sub.spanId, st);
          st = tool(`${subKey}-tool-${k}`, sub.spanId, st + 5);
        }
        sub.endNs = msToNano(st);
        t = st + 10;
      }
      const calls = rng.chance(0.2) ? rng.int(2, 3) : 1;
      let end = t;
      for (let c = 0; c < calls; c++) end = Math.max(end, tool(`${turnKey}-tool-${step}-${c}`, turnSpan.spanId, t + c * 3));
      t = end + rng.int(10, 200);
    }
    t = llm(`${turnKey}-final`, turnSpan.spanId, t);
    turnSpan.endNs = msToNano(t);
    last = t;
    clock = t + rng.int(5_000, 120_000);
  }
  if (spec.running) {
    const lastTurn = spans.findLast((s) => s.type === 'turn');
    if (lastTurn) lastTurn.endNs = null;
  } else root.endNs = msToNano(last);
  const session: SessionUpsert = {
    id: sessionId,
    traceId,
    agent: 'claude-code',
    agentVersion: '2.1.12',
    projectName: spec.project,
    projectHash: deriveTraceId('project', spec.project) + deriveTraceId('project-2', spec.project),
    userHash: deriveTraceId('user', spec.user) + deriveTraceId('user-2', spec.user),
    cwd: `/home/${spec.user}/${spec.project}`,
    gitBranch: 'main',
    title: rng.pick(PROMPTS),
    startNs: msToNano(spec.startMs),
    endNs: spec.running ? null : msToNano(last),
    status: spec.running ? 'running' : 'completed',
  };
  return { sessions: [session], spans };
};

/** Wall time the session covers, for laying sessions out one after another. */
export const syntheticEndMs = (batch: WriteBatch): number => {
  let end = 0;
  for (const s of batch.spans ?? []) end = Math.max(end, Number((s.endNs ?? s.startNs) / MS));
  return end;
};
