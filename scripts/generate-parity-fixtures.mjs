#!/usr/bin/env node
// Writes fixtures/claude-code/parity/projects/**: a small Claude Code config dir whose transcripts
// exercise every pricing and dedup rule ccusage applies, for comparing our reports with ccusage's.
// Deterministic: the same script writes the same bytes. Regenerate, then re-run ccusage as the
// README in that folder says.
//
//   node scripts/generate-parity-fixtures.mjs
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'fixtures/claude-code/parity/projects');

/** mulberry32: a tiny seeded generator, so token counts look varied but never change. */
const rng = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const rand = rng(20261104);
const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[between(0, 15)]).join('');
const base62 = (n) =>
  Array.from({ length: n }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[between(0, 61)]).join('');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[between(0, 3)]}${hex(3)}-${hex(12)}`;
const encodeCwd = (cwd) => cwd.replace(/[^a-zA-Z0-9]/g, '-');

const TOOLS = [
  ['Read', (cwd) => ({ file_path: `${cwd}/src/index.ts` })],
  ['Grep', () => ({ pattern: 'TODO', output_mode: 'files_with_matches' })],
  ['Bash', () => ({ command: 'npm test', description: 'Run the test suite' })],
  ['Edit', (cwd) => ({ file_path: `${cwd}/src/util.ts`, old_string: 'let x = 1', new_string: 'const x = 1' })],
];

/** One transcript file: lines appended by the helpers below, written at the end. */
class Transcript {
  constructor({ cwd, sessionId, version = '2.0.76', gitBranch = 'main', isSidechain = false, agentId }) {
    Object.assign(this, { cwd, sessionId, version, gitBranch, isSidechain, agentId });
    this.lines = [];
    this.parent = null;
    this.context = between(12_000, 18_000); // tokens already cached (system prompt, tools)
  }

  envelope(type, uuidValue) {
    const e = { parentUuid: this.parent, isSidechain: this.isSidechain, userType: 'external', cwd: this.cwd };
    Object.assign(e, { sessionId: this.sessionId, version: this.version, gitBranch: this.gitBranch });
    if (this.agentId) e.agentId = this.agentId;
    e.type = type;
    this.parent = uuidValue;
    return e;
  }

  prompt(at, text) {
    const id = uuid();
    const line = this.envelope('user', id);
    line.message = { role: 'user', content: text };
    Object.assign(line, { uuid: id, timestamp: at.toISOString() });
    if (!this.isSidechain) line.promptId = uuid();
    this.lines.push(line);
  }

  toolResult(at, toolUseId, assistantUuid, content) {
    const id = uuid();
    const line = this.envelope('user', id);
    line.message = { role: 'user', content: [{ tool_use_id: toolUseId, type: 'tool_result', content }] };
    Object.assign(line, { uuid: id, timestamp: at.toISOString() });
    line.toolUseResult = { stdout: content, stderr: '', interrupted: false, isImage: false };
    line.sourceToolAssistantUUID = assistantUuid;
    this.lines.push(line);
  }

  /**
   * One API response written as Claude Code streams it: one line per content block, the same
   * message.id and requestId on each, output_tokens growing, stop_reason only on the last.
   * Returns the uuid of the last line and the tool_use id, if any.
   */
  response(at, model, blocks, usage, extra = {}) {
    const msgId = `msg_01${base62(22)}`;
    const requestId = `req_011C${base62(20)}`;
    let lastUuid = null;
    blocks.forEach((block, i) => {
      const last = i === blocks.length - 1;
      const id = uuid();
      const line = this.envelope('assistant', id);
      const output = last ? usage.output : Math.max(1, Math.floor((usage.output * (i + 1)) / (blocks.length + 2)));
      const u = {
        input_tokens: usage.input,
        cache_creation_input_tokens: usage.cw5m + usage.cw1h,
        cache_read_input_tokens: usage.cacheRead,
        cache_creation: { ephemeral_5m_input_tokens: usage.cw5m, ephemeral_1h_input_tokens: usage.cw1h },
        output_tokens: output,
        service_tier: 'standard',
      };
      if (usage.speed) u.speed = usage.speed;
      line.message = {
        id: msgId,
        type: 'message',
        role: 'assistant',
        model,
        content: [block],
        stop_reason: last ? (block.type === 'tool_use' ? 'tool_use' : 'end_turn') : null,
        stop_sequence: null,
        usage: u,
      };
      Object.assign(line, { requestId, uuid: id, timestamp: new Date(at.getTime() + i * 1300).toISOString(), ...extra });
      this.lines.push(line);
      lastUuid = id;
    });
    return lastUuid;
  }

  /** Next usage for this conversation: the context grows with every call. */
  usage({ cw1h = false, bigContext = 0, speed } = {}) {
    const write = between(800, 6_000);
    const u = {
      input: between(3, 40),
      output: between(60, 2_400),
      cacheRead: this.context + bigContext,
      cw5m: cw1h ? 0 : write,
      cw1h: cw1h ? write : 0,
    };
    if (speed) u.speed = speed;
    this.context += write;
    return u;
  }

  /** A user prompt, then `steps` tool calls with their results, then a final answer. */
  turn(start, model, text, steps, opts = {}) {
    let t = start.getTime();
    this.prompt(new Date(t), text);
    for (let s = 0; s < steps; s++) {
      t += between(2_000, 9_000);
      const [name, input] = TOOLS[between(0, TOOLS.length - 1)];
      const toolId = `toolu_01${base62(22)}`;
      const blocks = [
        { type: 'text', text: `Let me use ${name}.` },
        { type: 'tool_use', id: toolId, name, input: input(this.cwd) },
      ];
      const u = this.usage(opts);
      const last = this.response(new Date(t), model, blocks, u);
      t += between(1_500, 4_000) + 1300 * blocks.length;
      this.toolResult(new Date(t), toolId, last, name === 'Bash' ? 'ok 12 tests passed' : 'done');
    }
    t += between(2_000, 6_000);
    this.response(new Date(t), model, [{ type: 'text', text: 'Done. The change is in place.' }], this.usage(opts));
    return new Date(t + 2_000);
  }

  write(file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, this.lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  }
}

const MODELS = {
  sonnet45: 'claude-sonnet-4-5-20250929',
  opus41: 'claude-opus-4-1-20250805',
  haiku45: 'claude-haiku-4-5-20251001',
  opus45: 'claude-opus-4-5-20251101',
  opus46: 'claude-opus-4-6',
  sonnet46: 'claude-sonnet-4-6',
};

const at = (iso) => new Date(iso);
const projects = { shop: '/home/dev/shop', api: '/home/dev/api.server', notes: '/work/ml/notebooks' };
const files = [];
const session = (cwd, opts = {}) => {
  const t = new Transcript({ cwd, sessionId: uuid(), ...opts });
  files.push([join(outDir, encodeCwd(cwd), `${t.sessionId}.jsonl`), t]);
  return t;
};

// Day 1 (2026-10-30): sonnet 4.5 with 1h cache writes, and a turn ending just before midnight UTC.
{
  const s = session(projects.shop);
  const t = s.turn(at('2026-10-30T09:12:03.114Z'), MODELS.sonnet45, 'Add a login form', 3, { cw1h: true });
  s.turn(new Date(t.getTime() + 60_000), MODELS.sonnet45, 'Now validate the email field', 2);
  s.turn(at('2026-10-30T23:58:41.000Z'), MODELS.haiku45, 'Summarise the diff', 1);
}
// Day 1 to day 2: a session that crosses midnight, on opus 4.1, with a subagent on haiku.
{
  const s = session(projects.api, { gitBranch: 'feature/rate-limit' });
  let t = s.turn(at('2026-10-30T23:57:10.500Z'), MODELS.opus41, 'Add rate limiting to the API', 2);
  t = s.turn(new Date(t.getTime() + 30_000), MODELS.opus41, 'Use a token bucket', 2);
  const agentId = hex(8);
  const sub = new Transcript({ cwd: projects.api, sessionId: s.sessionId, isSidechain: true, agentId });
  files.push([join(outDir, encodeCwd(projects.api), s.sessionId, 'subagents', `agent-${agentId}.jsonl`), sub]);
  sub.turn(new Date(t.getTime() + 5_000), MODELS.haiku45, 'Find every route handler in src/routes', 3);
  s.turn(new Date(t.getTime() + 90_000), MODELS.opus41, 'Write tests for the limiter', 1);
}
// Day 2 (2026-10-31): a long-context sonnet 4.5 session (cache reads above 200k) and opus 4.5.
{
  const s = session(projects.notes);
  s.context = 150_000;
  let t = s.turn(at('2026-10-31T14:02:00.000Z'), MODELS.sonnet45, 'Read the whole notebook set and explain it', 2);
  t = s.turn(new Date(t.getTime() + 45_000), MODELS.sonnet45, 'Now the training loop', 2, { bigContext: 40_000 });
  s.turn(new Date(t.getTime() + 45_000), MODELS.opus45, 'Refactor the loader', 2);
}
// Day 3 (2026-11-01, a new month and a new ISO week): opus 4.6 standard and fast, sonnet 4.6, a <synthetic> message.
{
  const s = session(projects.shop, { version: '2.1.12' });
  let t = s.turn(at('2026-11-01T00:00:04.250Z'), MODELS.opus46, 'Fix the checkout bug', 2);
  t = s.turn(new Date(t.getTime() + 20_000), MODELS.opus46, 'Faster please', 1, { speed: 'fast' });
  s.prompt(new Date(t.getTime() + 10_000), 'Keep going');
  s.response(new Date(t.getTime() + 11_000), '<synthetic>', [{ type: 'text', text: 'No response requested.' }], {
    input: 0,
    output: 0,
    cacheRead: 0,
    cw5m: 0,
    cw1h: 0,
  });
  s.turn(new Date(t.getTime() + 60_000), MODELS.sonnet46, 'Add a regression test', 2);
}
// Day 4 (2026-11-02): an old CLI version that wrote costUSD on each line, and haiku 4.5.
{
  const s = session(projects.api, { version: '1.0.17' });
  const u = s.usage();
  s.prompt(at('2026-11-02T08:00:00.000Z'), 'What does this repo do?');
  s.response(at('2026-11-02T08:00:03.000Z'), MODELS.sonnet45, [{ type: 'text', text: 'It is an API server.' }], u, {
    costUSD: 0.0421,
  });
  s.turn(at('2026-11-02T08:05:00.000Z'), MODELS.haiku45, 'List the endpoints', 2);
}
// Day 5 (2026-11-03): two projects on the same day, sonnet 4.5 with 1h writes near the end of the day.
{
  const a = session(projects.notes);
  a.turn(at('2026-11-03T11:30:00.000Z'), MODELS.sonnet45, 'Plot the loss curve', 2);
  const b = session(projects.shop, { gitBranch: 'fix/cart' });
  b.turn(at('2026-11-03T23:59:30.000Z'), MODELS.sonnet45, 'Quick fix before release', 1, { cw1h: true });
}

rmSync(outDir, { recursive: true, force: true });
for (const [file, t] of files) t.write(file);
console.log(`wrote ${files.length} transcripts under ${outDir}`);
