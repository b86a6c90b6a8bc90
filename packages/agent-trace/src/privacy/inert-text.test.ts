import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInertText, TOKEN_RULES } from './inert-text.js';
import { FakeSecrets, xorshift32 } from './test/fake-secrets.js';
import { createTextEngine } from './text-engine.js';

/** Tokens (ASCII letters, digits, `_`, `-`) made of words, numbers, rule keywords and fake keys, seeded. */
const tokens = (seed: number, count: number): string[] => {
  const fake = new FakeSecrets(seed);
  const next = xorshift32(seed);
  const pieces = [
    'default', 'Bash', 'general', 'purpose', 'claude', 'sonnet', 'opus', '4', '5', '20250929', 'task', '42', 'msg', '01AbCdEf',
    'sk', 'ant', 'api03', 'proj', 'AKIA', 'ASIA', 'AIza', 'ghp', 'gho', 'github', 'pat', 'glpat', 'xoxb', 'xoxp', 'npm', 'hf',
    'live', 'test', 'rk', 'BEGIN', 'PRIVATE', 'KEY', 'END', 'RSA', 'Bearer', 'bearer', 'password', 'passwd', 'token', 'secret',
    'api', 'key', 'apikey', 'auth', 'Authorization', 'cookie', 'credential', 'home', 'Users', 'root', 'etc', 'private', 'env',
    'HOME', 'USERPROFILE', 'http', 'https', 'com', 'hooks', 'slack', 'eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxIn0', 'C', 'D',
    '123', '45', '6789', '4111', '1111', '0000', '5500', '0004', '378282246310005', '6011111111111117', '4111111111111111', '1', '',
  ];
  const secrets = [fake.anthropic, fake.openai, fake.openaiProject, fake.google, fake.awsKeyId, fake.awsSessionKeyId, fake.github, fake.githubPat, fake.gitlab, fake.slack, fake.stripe, fake.npm, fake.huggingFace];
  const separators = ['', '-', '_', '--', '__', '-----'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    const n = 1 + (next() % 6);
    for (let j = 0; j < n; j++) {
      const kind = next() % 10;
      if (kind === 0) parts.push((secrets[next() % secrets.length] as () => string)());
      else if (kind === 1) parts.push(fake.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz', 1 + (next() % 50)));
      else parts.push(pieces[next() % pieces.length] as string);
    }
    out.push(parts.map((p, j) => (j === 0 ? p : `${separators[next() % separators.length]}${p}`)).join(''));
  }
  return out;
};

const EDGE_CASES: ReadonlyArray<[string, boolean]> = (() => {
  const fake = new FakeSecrets(5);
  return [
    ['abc', true],
    ['default', true],
    ['bypassPermissions', true],
    ['general-purpose', true],
    ['claude-sonnet-4-5-20250929', true],
    ['task-42', true],
    ['toolu_01Q7abcDEF', true],
    ['mcp__github__create_issue', true],
    ['123-45-678', true],
    ['123-45-6789', false],
    ['4111111111111111', false],
    ['4111-1111-1111-1111', false],
    [`xoxb${'-1'}-2`, false],
    [fake.awsKeyId(), false],
    [fake.stripe(), false],
    [fake.github(), false],
    [fake.githubPat(), false],
    [fake.gitlab(), false],
    [fake.npm(), false],
    [fake.huggingFace(), false],
    [fake.google(), false],
    [fake.anthropic(), false],
    [fake.openai(), false],
    // A key shape glued to a longer identifier is not taken for a key, by the engine either.
    [`run-${fake.openai()}`, true],
    // Not tokens: the full engine decides.
    ['free text', false],
    ['a.b.c', false],
    ['xx=y', false],
  ];
})();

describe('isInertText', () => {
  const engine = createTextEngine();

  it('no rule but TOKEN_RULES changes a token', () => {
    const others = engine.rules.filter((rule) => !TOKEN_RULES.includes(rule));
    assert.equal(others.length, engine.rules.length - TOKEN_RULES.length);
    let changedByTokenRules = 0;
    for (const token of tokens(7, 4000)) {
      assert.match(token, /^[A-Za-z0-9_-]*$/);
      for (const rule of others) assert.equal(rule.apply(token), token, `${rule.name} changed ${token}`);
      if (TOKEN_RULES.some((rule) => rule.apply(token) !== token)) changedByTokenRules++;
    }
    // The generated tokens must reach the token rules, not only miss them.
    assert.ok(changedByTokenRules > 500, `only ${changedByTokenRules} tokens held a finding`);
  });

  it('says inert exactly when the full engine keeps a token, and never for a text it changes', () => {
    let inert = 0;
    for (const token of tokens(11, 4000)) {
      const kept = engine.text.redact(token) === token;
      assert.equal(isInertText(token), kept, token);
      if (kept) inert++;
    }
    assert.ok(inert > 1000 && inert < 3500, `${inert} of 4000 inert`);
  });

  it('on the edge cases', () => {
    for (const [text, expected] of EDGE_CASES) {
      assert.equal(isInertText(text), expected, text);
      if (expected) assert.equal(engine.text.redact(text), text);
    }
  });
});
