// A realistic, seeded mix of the strings and objects the redactor sees: tool results with code and
// logs, file paths, JSON documents, prompts, short metadata, base64 images, and a few planted
// secrets. Same seed and size, same corpus.
import { Buffer } from 'node:buffer';
import { Rng } from './prng.mjs';

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;

const chars = (rng, alphabet, n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[rng.uint32() % alphabet.length];
  return s;
};
const uuid = (rng) => `${chars(rng, HEX, 8)}-${chars(rng, HEX, 4)}-4${chars(rng, HEX, 3)}-a${chars(rng, HEX, 3)}-${chars(rng, HEX, 12)}`;

const CODE_LINES = [
  "import { readFileSync } from 'node:fs';",
  "import type { Session, Span } from '@agent-trace/schema';",
  'export const totalTokens = (u: Usage): number => u.input_tokens + u.output_tokens + u.cache_read_input_tokens;',
  '  const tokens = encoder.encode(text);',
  '  if (!auth.isLoggedIn()) throw new Error(`not logged in as ${author.name}`);',
  '  for (const [key, value] of Object.entries(attributes)) out[key] = String(value);',
  '  return { ...state, max_tokens: 4096, temperature: 0.2 };',
  'def parse_config(path: str) -> dict:',
  '    with open(path, encoding="utf-8") as fh:',
  '        return json.load(fh)',
  '  background: #1a2b3c; color: #FFF; border: 1px solid #ff00aa;',
  '});',
  '',
  '  // retry with exponential backoff, capped at 30 s',
  '  await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 2 ** attempt * 100)));',
];
const LOG_LINES = [
  (r) => `2026-11-${String(r.int(1, 28)).padStart(2, '0')}T${String(r.int(0, 23)).padStart(2, '0')}:15:30.123Z INFO request ${uuid(r)} took ${r.int(1, 900)} ms`,
  (r) => `commit ${chars(r, HEX, 40)}\nAuthor: Dev <dev@users.noreply.github.com>\nDate:   Fri Nov 21 10:15:30 2026 +0000`,
  (r) => `+ lodash@4.17.${r.int(0, 21)} added ${r.int(1, 400)} packages in ${r.int(1, 9)}.${r.int(0, 9)}s`,
  (r) => `{"input_tokens":${r.int(1, 9000)},"output_tokens":${r.int(1, 4000)},"cache_read_input_tokens":${r.int(0, 200000)}}`,
  (r) => `  at Object.<anonymous> (/home/dev/shop/src/${chars(r, 'abcdefgh', 6)}.ts:${r.int(1, 400)}:${r.int(1, 80)})`,
  (r) => `ok ${r.int(1, 300)} - ${chars(r, 'abcdefghij ', 30)} # time=${r.int(0, 99)}.${r.int(100, 999)}ms`,
  (r) => `${chars(r, HEX, 7)} fix(${chars(r, 'abcdef', 5)}): handle ${r.int(1, 99)} edge cases (#${r.int(100, 9999)})`,
];
const PROSE = [
  'Please refactor the session list so that it paginates on the server, and keep the existing filters working.',
  'The tests fail on Windows because of path separators; make the path helper normalise them.',
  'Can you explain why the token counts differ between the transcript and the usage report?',
  'Add a retry to the exporter, but never block the agent for more than 200 ms.',
];

const SECRET_MAKERS = [
  (r) => `export ANTHROPIC_API_KEY=sk-ant-api03-${chars(r, ALNUM, 80)}7`,
  (r) => `OPENAI_API_KEY=sk-proj-${chars(r, ALNUM, 60)}9`,
  (r) => `token = "ghp_${chars(r, ALNUM, 36)}"`,
  (r) => `aws_access_key_id = AKIA${chars(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
  (r) => `DATABASE_URL=postgres://app:${chars(r, ALNUM, 14)}@db.internal:5432/shop`,
  (r) => `curl -H "Authorization: Bearer ${chars(r, ALNUM, 32)}1" https://api.example.com`,
  (r) => `contact: ${chars(r, 'abcdefgh', 6)}@example.com, card 4111 1111 1111 1111, ssn 123-45-6789`,
  () => 'cat /home/dev/.ssh/id_rsa',
  (r) => `"password": "${chars(r, ALNUM, 16)}"`,
];

const codeResult = (rng, size, secretRate) => {
  const lines = [];
  let length = 0;
  let n = 1;
  while (length < size) {
    const line = rng.chance(0.3) ? rng.pick(LOG_LINES)(rng) : rng.pick(CODE_LINES);
    const numbered = rng.chance(0.5) ? `${String(n).padStart(6, ' ')}→${line}` : line;
    lines.push(numbered);
    length += numbered.length + 1;
    n++;
  }
  if (rng.chance(secretRate)) lines.splice(rng.int(0, lines.length), 0, rng.pick(SECRET_MAKERS)(rng));
  return lines.join('\n');
};

const path = (rng) =>
  rng.weighted([
    [6, `/home/dev/shop/src/${chars(rng, 'abcdefghij', 7)}/${chars(rng, 'abcdefghij', 6)}.ts`],
    [2, `src/${chars(rng, 'abcdefghij', 8)}.tsx`],
    [1, `/usr/local/lib/node_modules/${chars(rng, 'abcdef', 6)}/index.js`],
    [1, `/tmp/${uuid(rng)}.json`],
  ]);

const jsonDoc = (rng, secretRate) => {
  const doc = {
    id: uuid(rng),
    model: rng.pick(['claude-sonnet-4-5-20250929', 'claude-opus-4-5-20251101', 'claude-haiku-4-5-20251001']),
    usage: { input_tokens: rng.int(1, 9000), output_tokens: rng.int(1, 4000), cache_read_input_tokens: rng.int(0, 200000) },
    files: Array.from({ length: rng.int(1, 12) }, () => path(rng)),
    timestamp: `2026-11-21T10:${rng.int(10, 59)}:30.123Z`,
    summary: rng.pick(PROSE),
  };
  if (rng.chance(secretRate)) doc.env = { API_TOKEN: rng.pick(SECRET_MAKERS)(rng) };
  return JSON.stringify(doc, null, rng.chance(0.5) ? 2 : undefined);
};

const base64Image = (rng, size) => {
  // One random 48 KiB block, rotated per image: regex cost does not depend on the bytes repeating.
  const block = chars(rng, B64, 48 * 1024);
  let body = '';
  while (body.length < size) body += block.slice(rng.int(0, 1024)) + block.slice(0, rng.int(0, 1024));
  return `data:image/png;base64,${body.slice(0, size)}`;
};

const metadata = (rng) =>
  rng.weighted([
    [3, uuid(rng)],
    [2, rng.pick(['Read', 'Edit', 'Bash', 'Grep', 'Write', 'Task'])],
    [2, String(rng.int(0, 200000))],
    [1, 'claude-sonnet-4-5-20250929'],
    [1, `2026-11-21T10:15:${rng.int(10, 59)}.123Z`],
    [1, chars(rng, HEX, 40)],
    [1, 'success'],
  ]);

/** Strings whose UTF-8 sizes add up to about `targetBytes`, and how many of each kind. */
export const generateStrings = (seed, targetBytes, secretRate = 0.02) => {
  const rng = new Rng(`${seed}/strings`);
  const strings = [];
  const kinds = {};
  let bytes = 0;
  while (bytes < targetBytes) {
    const kind = rng.weighted([
      [40, 'metadata'],
      [25, 'path'],
      [18, 'code'],
      [8, 'json'],
      [7, 'prose'],
      [0.25, 'image'],
    ]);
    let s;
    if (kind === 'metadata') s = metadata(rng);
    else if (kind === 'path') s = path(rng);
    else if (kind === 'code') s = codeResult(rng, Math.round(rng.logNormal(3000, 1)), secretRate * 5);
    else if (kind === 'json') s = jsonDoc(rng, secretRate * 5);
    else if (kind === 'prose') s = rng.pick(PROSE);
    else s = base64Image(rng, Math.round(rng.logNormal(120_000, 0.6)));
    strings.push(s);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    bytes += Buffer.byteLength(s);
  }
  return { strings, kinds, bytes };
};

/** Hook-like events and OTLP-like attribute maps built over those strings (shared, not copied). */
export const buildObjects = (seed, strings) => {
  const rng = new Rng(`${seed}/objects`);
  const objects = [];
  let i = 0;
  const next = () => strings[i++ % strings.length];
  while (i < strings.length) {
    if (rng.chance(0.5)) {
      objects.push({
        session_id: uuid(rng),
        transcript_path: '/home/dev/.claude/projects/-home-dev-shop/session.jsonl',
        cwd: '/home/dev/shop',
        hook_event_name: 'PostToolUse',
        tool_name: rng.pick(['Read', 'Bash', 'Edit']),
        tool_input: { file_path: next(), description: next() },
        tool_response: { stdout: next(), stderr: '', interrupted: false, content: [{ type: 'text', text: next() }] },
      });
    } else {
      objects.push({
        'session.id': next(),
        'gen_ai.request.model': 'claude-sonnet-4-5-20250929',
        'gen_ai.usage.input_tokens': rng.int(1, 9000),
        'gen_ai.usage.output_tokens': rng.int(1, 4000),
        'tool.name': next(),
        'content.tool_input': next(),
        'content.tool_result': next(),
      });
    }
  }
  return objects;
};
